"""The t-SNE map of the 8x8 digits that the k-means lesson clusters (scripts/autoencoders/kmeans-lesson-numbers.ts
reads it): the reference pipeline's map for seed 0 (reference/dr_pipeline.py seed_pipeline: KernelPCA(rbf, 50) ->
TSNE(2, perplexity 30, init 'pca', learning_rate 'auto'), scikit-learn 1.2), on scikit-learn's own copy of the digits
(pixels / 16, the values the course ships in data/digits/), coordinates rounded to 3 decimals, no labels (the
TypeScript side reads the labels from the shipped set, whose rows are in scikit-learn's order).
  /usr/bin/python3 scripts/autoencoders/tsne-map.py scripts/autoencoders/digits-tsne-map.json
"""
import datetime
import json
import sys

from sklearn.datasets import load_digits
from sklearn.decomposition import KernelPCA
from sklearn.manifold import TSNE

X = load_digits().data / 16.0
kp = KernelPCA(n_components=50, kernel="rbf", random_state=0).fit_transform(X)
emb = TSNE(n_components=2, random_state=0, init="pca", learning_rate="auto", perplexity=30.0).fit_transform(kp)
out = sys.argv[1]
with open(out, "w") as f:
    json.dump({
        "provenance": {"script": "scripts/autoencoders/tsne-map.py",
                       "command": f"/usr/bin/python3 scripts/autoencoders/tsne-map.py {out}",
                       "measured": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")},
        "n": int(emb.shape[0]),
        "points": [round(float(v), 3) for v in emb.reshape(-1)],
    }, f, separators=(",", ":"))
    f.write("\n")
