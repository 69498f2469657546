"""scikit-learn's numbers for the mixtures and points that scripts/mixtures/sklearn-points.ts prints (stdin):
the true mixture's log-density (score_samples with its parameters set by hand) and diagonal EM's training NLL,
as a cross-check of graders/mixtures/. Output: JSON on stdout (tests/fixtures/mixtures/sklearn.json)."""
import json
import sys

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

cases = json.load(sys.stdin)
out = {"command": "node scripts/with-node.mjs node scripts/mixtures/sklearn-points.ts | /usr/bin/python3 scripts/mixtures/sklearn-crosscheck.py",
       "sklearn": sklearn.__version__, "cases": []}
for case in cases:
    g = case["gmm"]
    x = np.array(case["x"], dtype=np.float64).reshape(-1, len(g["means"][0]))
    k = len(g["weights"])
    true = GaussianMixture(k, covariance_type="diag")
    true.weights_ = np.array(g["weights"])
    true.means_ = np.array(g["means"])
    true.covariances_ = np.array(g["stds"]) ** 2
    true.precisions_cholesky_ = 1 / np.array(g["stds"])
    logp = true.score_samples(x)
    default_em = GaussianMixture(k, covariance_type="diag", random_state=0).fit(x)
    best_em = GaussianMixture(k, covariance_type="diag", n_init=20, tol=1e-8, max_iter=2000, random_state=0).fit(x)
    out["cases"].append({
        "seed": case["seed"],
        "trueLogDensityFirst10": logp[:10].tolist(),
        "trueNll": float(-logp.mean()),
        "trueLogDensityFar": float(true.score_samples(np.array([case["far"]]))[0]),
        "emDefaultNll": float(-default_em.score(x)),
        "emBestOf20Nll": float(-best_em.score(x)),
    })
json.dump(out, sys.stdout, indent=1)
