"""scikit-learn twin of exercises/01-mixtures/04-em/solution.ts: a diagonal Gaussian mixture of 4 components fitted
by EM to 2000 2-D points from a random 4-component mixture (issue 12: means ~ N(0, I), stds (U(0,1) + 1) * 0.25,
random weights), 10 k-means++ starts, tolerance 1e-5, at most 500 iterations, variance floor 1e-6, then the mean
NLL on 5000 fresh points. scikit-learn's tolerance is absolute on the mean log-likelihood (ours is relative to
max(|NLL|, 1), about the same at NLL ~2). common.py imports torch for every job (the threads, the version line), so
the whole-process time includes that import; train_s is the fit alone."""
import time

import numpy as np
from sklearn.mixture import GaussianMixture

from common import emit, setup

torch, args = setup()

K, D, N, TEST = 4, 2, 2000, 5000
rng = np.random.default_rng(args.seed)
means = rng.standard_normal((K, D))
stds = (rng.uniform(size=(K, D)) + 1) * 0.25
weights = rng.uniform(size=K)
weights /= weights.sum()


def sample(n):
    comp = rng.choice(K, size=n, p=weights)
    return means[comp] + stds[comp] * rng.standard_normal((n, D))


x, xt = sample(N), sample(TEST)
t0 = time.perf_counter()
gm = GaussianMixture(K, covariance_type="diag", init_params="k-means++", n_init=10, tol=1e-5, max_iter=500, reg_covar=1e-6,
                     random_state=args.seed).fit(x)
train_s = time.perf_counter() - t0
emit("em", torch, train_s, {"iterations": int(gm.n_iter_), "converged": bool(gm.converged_),
                            "train_nll": round(-gm.score(x), 4), "heldout_nll": round(-gm.score(xt), 4)})
