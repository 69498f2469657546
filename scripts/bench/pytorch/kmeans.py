"""scikit-learn twin of exercises/03-autoencoders/04-kmeans/solution.ts: mini-batch k-means with k = 10 on 1000 of
scikit-learn's 8x8 digits (pixels / 16), greedy k-means++ seeding, batches of 100, 30 passes (300 steps), 10 whole
runs kept by training inertia (MiniBatchKMeans's n_init restarts only its seeding, so the job runs it 10 times
itself, as the solution does; reassignment of small clusters off, as in the solution); then the inertia of the 797
other digits to the centres, divided by that of full k-means (KMeans, 10 greedy k-means++ starts) on the same 1000,
as the grader computes. The data come from scikit-learn's own copy of the digits (the same pixels the course ships).
common.py imports torch for every job (threads, the version line), so the whole-process time includes that import;
train_s is the mini-batch fit alone."""
import time

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_digits

from common import emit, setup

torch, args = setup()

X = load_digits().data / 16.0
order = np.random.default_rng(args.seed).permutation(len(X))
x, xt = X[order[:1000]], X[order[1000:]]


def heldout_inertia(centres):
    d = ((xt[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
    return d.min(1).sum()


t0 = time.perf_counter()
best = None
for run in range(10):
    mb = MiniBatchKMeans(10, batch_size=100, max_iter=30, n_init=1, reassignment_ratio=0.0, max_no_improvement=None,
                         tol=0.0, random_state=args.seed * 100 + run).fit(x)
    if best is None or mb.inertia_ < best.inertia_:
        best = mb
train_s = time.perf_counter() - t0
ref = KMeans(10, n_init=10, random_state=args.seed).fit(x)
emit("kmeans", torch, train_s, {"train_inertia": round(float(best.inertia_), 2),
                                "heldout_inertia_ratio": round(float(heldout_inertia(best.cluster_centers_) / heldout_inertia(ref.cluster_centers_)), 4)})
