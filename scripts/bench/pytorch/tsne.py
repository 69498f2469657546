"""scikit-learn twin of exercises/03-autoencoders/03-tsne/solution.ts: t-SNE of 800 of scikit-learn's 8x8 digits
(pixels / 16, a seeded subset) to 2-D at perplexity 30 with 400 iterations, then trustworthiness (k = 5) against
the pixels. scikit-learn's defaults otherwise (1.2: Barnes-Hut gradient on 90-neighbour P, PCA initialisation,
learning rate 'auto', early exaggeration 12 for its fixed 250 iterations), where ours computes the exact gradient
over all pairs and exaggerates for 100. common.py imports torch for every job (the threads, the version line), so
the whole-process time includes that import; train_s is the fit alone."""
import time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.manifold import TSNE, trustworthiness

from common import emit, setup

torch, args = setup()

N = 800
digits = load_digits().data / 16
x = digits[np.random.default_rng(args.seed).permutation(len(digits))[:N]]
t0 = time.perf_counter()
y = TSNE(2, perplexity=30, n_iter=400, init="pca", learning_rate="auto", random_state=args.seed).fit_transform(x)
train_s = time.perf_counter() - t0
emit("tsne", torch, train_s, {"n": N, "trustworthiness": round(float(trustworthiness(x, y, n_neighbors=5)), 4)})
