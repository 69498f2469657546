"""How often does a RIGHT sampler score below the 01-sample-mixture exercise's lower bound on maxProportionZ?

The exercise fails proportions that match the weights too well (stratified sampling gives 0.01–0.05:
scripts/mixtures/sampling-variants.ts). Under the null the component counts are multinomial(n, π), and the metric
is the largest |z| over both hidden mixtures (4 and 3 components, n = 4000 each), so a right sampler scores below
`bound` only when every count lands within `bound` standard errors of nπ_k in both mixtures at once. Too rare to
see in 100 seeds, so this simulates the counts directly (NumPy's multinomial, weights U(0,1) normalised as
graders/mixtures/random-mixture.ts draws them).
  /usr/bin/python3 scripts/mixtures/proportion-null.py
"""
import numpy as np

N, DRAWS, WEIGHT_SETS = 4000, 2_000_000, 5
rng = np.random.default_rng(1)
for bound in (0.1, 0.2):
    probs = []
    for _ in range(WEIGHT_SETS):
        p = 1.0
        for k in (4, 3):
            w = rng.random(k)
            w /= w.sum()
            counts = rng.multinomial(N, w, size=DRAWS)
            z = np.abs((counts - N * w) / np.sqrt(N * w * (1 - w))).max(1)
            p *= (z < bound).mean()
        probs.append(p)
    print(f"P(maxProportionZ < {bound}) for a right sampler, {WEIGHT_SETS} random weight sets: {min(probs):.1e} … {max(probs):.1e}")
