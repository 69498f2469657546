"""PyTorch twin of exercises/01-mixtures/01-sample-mixture: the same job as a graded run of the reference solution.
Two random diagonal mixtures like the exercise's hidden ones (4 components in 2-D and 3 in 3-D; means ~ N(0, I),
stds (U(0,1) + 1)·0.25, weights U(0,1) normalised: graders/mixtures/random-mixture.ts), 4000 points drawn from
each with MixtureSameFamily(Categorical(weights), Independent(Normal(means, stds), 1)), the component of each
point drawn the same way (Categorical, then that component's Normal), then the grader's statistics: per-component
proportion z-scores, mean / variance / correlation z-scores, and the energy statistic of the first 1000 points
against a 1000-point reference sample. Our side (loop-time.ts) has no training loop to time here, so it reports the
whole graded run (sampling and the same statistics); train_s below times the same two parts."""
import time

from common import emit, setup

torch, args = setup()
from torch.distributions import Categorical, Independent, MixtureSameFamily, Normal  # noqa: E402

SHAPES, N, ENERGY = [(4, 2), (3, 3)], 4000, 1000


def random_mixture(k, d, g):
    w = torch.rand(k, generator=g, dtype=torch.float64)
    means = torch.randn(k, d, generator=g, dtype=torch.float64)
    stds = (torch.rand(k, d, generator=g, dtype=torch.float64) + 1) * 0.25
    return w / w.sum(), means, stds


def sample_with_components(w, means, stds, n):
    """The two steps of MixtureSameFamily.sample, kept apart so the component of each point is known."""
    c = Categorical(w).sample((n,))
    x = Independent(Normal(means[c], stds[c]), 1).sample()
    return x, c


def energy(x, y):
    """Unit-free energy statistic, as graders/mixtures/sample-stats.ts: (nm/(n+m))(2E|X−Y| − E|X−X'| − E|Y−Y'|)/E|Y−Y'|."""
    n, m = len(x), len(y)
    xy = torch.cdist(x, y).mean()
    xx = torch.cdist(x, x).sum() / (n * (n - 1))
    yy = torch.cdist(y, y).sum() / (m * (m - 1))
    return (n * m / (n + m) * (2 * xy - xx - yy) / yy).item()


def worst_z(w, means, stds, x, c):
    """Largest |z| of the proportions, and of the per-component means, variances and correlations."""
    n, (k, d) = len(c), means.shape
    counts = torch.bincount(c, minlength=k).double()
    prop = ((counts - n * w) / torch.sqrt(n * w * (1 - w))).abs().max().item()
    moment = 0.0
    for j in range(k):
        xs = x[c == j]
        nk = len(xs)
        if nk < 20:
            continue
        zm = (xs.mean(0) - means[j]) / (stds[j] / nk ** 0.5)
        zv = (xs.var(0) / stds[j] ** 2 - 1) / (2 / (nk - 1)) ** 0.5
        r = torch.corrcoef(xs.T)[torch.triu_indices(d, d, 1).unbind()] if d > 1 else torch.zeros(0)
        moment = max(moment, zm.abs().max().item(), zv.abs().max().item(), (r.abs() * nk ** 0.5).max().item() if len(r) else 0.0)
    return prop, moment


g = torch.Generator().manual_seed(args.seed)
mixtures = [random_mixture(k, d, g) for k, d in SHAPES]
references = [MixtureSameFamily(Categorical(w), Independent(Normal(m, s), 1)).sample((ENERGY,)) for w, m, s in mixtures]
t0 = time.perf_counter()
prop = moment = stat = 0.0
for (w, m, s), ref in zip(mixtures, references):
    x, c = sample_with_components(w, m, s, N)
    p, mo = worst_z(w, m, s, x, c)
    prop, moment, stat = max(prop, p), max(moment, mo), max(stat, energy(x[:ENERGY], ref))
train_s = time.perf_counter() - t0
emit("mixture_sampling", torch, train_s, {"points": N * len(SHAPES), "max_proportion_z": round(prop, 3), "max_moment_z": round(moment, 3), "energy_statistic": round(stat, 3)})
