"""scikit-learn twin of exercises/03-autoencoders/07-pipeline/solution.ts: 1000 of scikit-learn's 8×8 digits (a
random subset, pixels / 16), KernelPCA(rbf, γ = 1/64, 50 components) → TSNE(2, perplexity 30, init='pca',
learning_rate='auto', Barnes–Hut) → MiniBatchKMeans(10, n_init=5, batch 256), then the clustering accuracy under
the Hungarian matching (linear_sum_assignment). `--iterations` sets t-SNE's n_iter (default: the solution's 500;
scikit-learn's own default is 1000). The digits come from scikit-learn's copy, not our draw (the bench compares
time; the accuracy shows the job really clustered). train_s is the pipeline alone."""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import MiniBatchKMeans
from sklearn.datasets import load_digits
from sklearn.decomposition import KernelPCA
from sklearn.manifold import TSNE

from common import emit, setup

ITER = 500
if "--iterations" in sys.argv:
    i = sys.argv.index("--iterations")
    ITER = int(sys.argv[i + 1])
    del sys.argv[i:i + 2]
torch, args = setup()

N, K = 1000, 10
digits = load_digits()
rng = np.random.default_rng(args.seed)
pick = rng.choice(len(digits.target), size=N, replace=False)
x, labels = digits.data[pick] / 16.0, digits.target[pick]

t0 = time.perf_counter()
feats = KernelPCA(n_components=50, kernel="rbf", gamma=1 / 64, random_state=args.seed).fit_transform(x)
emb = TSNE(2, perplexity=30, init="pca", learning_rate="auto", n_iter=ITER, random_state=args.seed).fit_transform(feats)
clusters = MiniBatchKMeans(K, n_init=5, batch_size=256, random_state=args.seed).fit_predict(emb)
train_s = time.perf_counter() - t0

counts = np.zeros((K, K))
np.add.at(counts, (labels, clusters), 1)
rows, cols = linear_sum_assignment(-counts)
emit("digit_pipeline", torch, train_s, {"n": N, "tsne_iterations": ITER, "accuracy": round(counts[rows, cols].sum() / N, 4)})
