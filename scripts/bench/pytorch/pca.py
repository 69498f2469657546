"""scikit-learn twin of exercises/03-autoencoders/01-pca/solution.ts: PCA of two disjoint draws of the 8×8 digits
(1000 images, k = 10; 500 others, k = 4), pixels ÷ 16, with sklearn.decomposition.PCA (full SVD, as its 'auto'
solver picks at this size). train_s times the two fits. torch is imported only because every bench job reports its
thread count through it (common.setup); the threads also bound the BLAS under scikit-learn when set to 1 through
OMP/OpenBLAS in the environment, as the bench does. The explained-variance ratios' sums are printed to show the fits ran."""
from common import emit, setup

torch, args = setup()
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402

CALLS = [(1000, 10), (500, 4)]

x = load_digits().data / 16.0
order = np.random.default_rng(args.seed).permutation(len(x))
draws, start = [], 0
for n, k in CALLS:
    draws.append((x[order[start:start + n]], k))
    start += n

t0 = time.perf_counter()
fits = [PCA(n_components=k, svd_solver="full").fit(d) for d, k in draws]
train_s = time.perf_counter() - t0
emit("pca", torch, train_s, {"calls": len(CALLS), "ratio_sums": [round(float(f.explained_variance_ratio_.sum()), 4) for f in fits]})
