"""scikit-learn twin of exercises/03-autoencoders/02-kernel-pca/solution.ts: RBF kernel PCA (γ = 1/64, scikit-learn's
default 1/n_features) of 600 drawn 8×8 digits, pixels ÷ 16, k = 5, with sklearn.decomposition.KernelPCA (its 'auto'
eigen_solver picks ARPACK for 5 of 600 components). train_s times the fit_transform. torch is imported only because
every bench job reports its thread count through it (common.setup). The top eigenvalue is printed to show the fit ran."""
from common import emit, setup

torch, args = setup()
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.decomposition import KernelPCA  # noqa: E402

N, K = 600, 5

x = load_digits().data / 16.0
d = x[np.random.default_rng(args.seed).permutation(len(x))[:N]]

t0 = time.perf_counter()
kpca = KernelPCA(n_components=K, kernel="rbf", gamma=1 / 64, random_state=args.seed)
embedding = kpca.fit_transform(d)
train_s = time.perf_counter() - t0
emit("kernel_pca", torch, train_s, {"n": N, "k": K, "top_eigenvalue": round(float(kpca.eigenvalues_[0]), 3), "shape": list(embedding.shape)})
