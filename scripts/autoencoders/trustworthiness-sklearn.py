"""scikit-learn's trustworthiness on small fixed inputs, the cross-check of graders/autoencoders/trustworthiness.ts.

    /usr/bin/python3 scripts/autoencoders/trustworthiness-sklearn.py > tests/fixtures/autoencoders/trustworthiness-sklearn.json

Inputs: seeded normal points (numpy default_rng, so no two distances tie), 60 points in 10-D, each embedded three
ways: its first two coordinates, a seeded random 2-D projection, and random 2-D points (a bad embedding); and 40
of scikit-learn's digits / 16 (integer pixels: distances tie) with their 2-D PCA, to show where tie-breaking can
differ. Each case stores x, the embedding and sklearn.manifold.trustworthiness for k = 1, 5, 10.
"""
import json

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness

rng = np.random.default_rng(14)
x = rng.normal(size=(60, 10))
cases = []
embeddings = {
    "first two coordinates": x[:, :2],
    "random projection": x @ rng.normal(size=(10, 2)),
    "random points": rng.normal(size=(60, 2)),
}
for name, emb in embeddings.items():
    cases.append({"name": name, "ties": False, "d": 10, "x": x.ravel().tolist(), "embedded": emb.ravel().tolist(),
                  "trust": {str(k): trustworthiness(x, emb, n_neighbors=k) for k in (1, 5, 10)}})
digits = load_digits().data[:40] / 16
pca = PCA(2).fit_transform(digits)
cases.append({"name": "40 digits, 2-D PCA", "ties": True, "d": 64, "x": digits.ravel().tolist(), "embedded": pca.ravel().tolist(),
              "trust": {str(k): trustworthiness(digits, pca, n_neighbors=k) for k in (1, 5, 10)}})
print(json.dumps({"command": "/usr/bin/python3 scripts/autoencoders/trustworthiness-sklearn.py", "sklearn": sklearn.__version__, "cases": cases}))
