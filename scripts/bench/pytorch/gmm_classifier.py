"""scikit-learn twin of exercises/01-mixtures/05-classifier/solution.ts: 5 classes, each an equal-weight mixture of
2–10 random 2-D clusters (means ~ N(0, I), per-dimension scale U(0,1)·0.35 + 0.05), 2000 training and 1000
validation points per class; one diagonal GaussianMixture per class, K = 1, 2, … chosen by BIC (2 k-means++-style
starts per K, stopping after 3 K without a better BIC, at most 15, as the solution does), then the argmax of
log p(x | c) + log P(c) on the validation points, and the Bayes-optimal accuracy of the true mixtures beside it.
Timed: the per-class fits and the prediction (the solution's whole train + predict); torch is imported by
common.setup only to share the bench's clock and JSON line."""
import time

import numpy as np
from common import emit, setup

torch, args = setup()
from scipy.special import logsumexp  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

CLASSES, TRAIN, VAL = 5, 2000, 1000
rng = np.random.default_rng(args.seed)


def random_mixture():
    k = int(rng.integers(2, 11))
    return np.full(k, 1 / k), rng.standard_normal((k, 2)), rng.uniform(size=(k, 2)) * 0.35 + 0.05


def sample(mix, n):
    w, mu, sd = mix
    comp = rng.choice(len(w), size=n, p=w)
    return mu[comp] + sd[comp] * rng.standard_normal((n, 2))


def log_density(mix, x):
    w, mu, sd = mix
    z = (x[:, None, :] - mu[None]) / sd[None]
    return logsumexp(np.log(w)[None] - 0.5 * (z ** 2).sum(-1) - np.log(sd).sum(-1)[None] - np.log(2 * np.pi), axis=1)


mixtures = [random_mixture() for _ in range(CLASSES)]
x = [sample(m, TRAIN) for m in mixtures]
xv = np.concatenate([sample(m, VAL) for m in mixtures])
yv = np.repeat(np.arange(CLASSES), VAL)

t0 = time.perf_counter()
models = []
for c in range(CLASSES):
    best, best_bic, worse, k = None, np.inf, 0, 1
    while k <= 15 and worse < 3:
        g = GaussianMixture(k, covariance_type="diag", n_init=1 if k == 1 else 2, random_state=args.seed * 100 + k).fit(x[c])
        b = g.bic(x[c])
        if b < best_bic:
            best, best_bic, worse = g, b, 0
        else:
            worse += 1
        k += 1
    models.append(best)
scores = np.stack([m.score_samples(xv) + np.log(1 / CLASSES) for m in models], 1)
train_s = time.perf_counter() - t0

accuracy = float((scores.argmax(1) == yv).mean())
bayes = float((np.stack([log_density(m, xv) for m in mixtures], 1).argmax(1) == yv).mean())
emit("gmm_classifier", torch, train_s, {"k_by_bic": [int(m.n_components) for m in models], "true_k": [len(m[0]) for m in mixtures],
                                        "test_accuracy": round(accuracy, 4), "bayes_accuracy": round(bayes, 4),
                                        "accuracy_over_bayes": round(accuracy / bayes, 4)})
