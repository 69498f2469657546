"""PyTorch twin of exercises/01-mixtures/02-log-density/solution.ts: the log-density of three diagonal Gaussian
mixtures (4 components in 2-D, 3 in 5-D, 10 in 2-D; means ~ N(0, I), sds 0.25–0.5, random weights) at 500 points
drawn from each plus 20 at least 50 standard deviations from every component, in float32 with
MixtureSameFamily(Categorical, Independent(Normal, 1)).log_prob (a logsumexp over the components inside). There is
no training loop: train_s times the three log_prob calls. The worst relative error against the same computation in
float64 is printed to show the far points came out finite."""
from common import emit, setup

torch, args = setup()
import time  # noqa: E402
from torch import distributions as D  # noqa: E402

SHAPES, N, FAR, FAR_SD = [(4, 2), (3, 5), (10, 2)], 500, 20, 50


def mixture(k, d, g):
    means = torch.randn(k, d, generator=g)
    stds = 0.25 * (torch.rand(k, d, generator=g) + 1)
    weights = torch.rand(k, generator=g) + 0.1
    return weights / weights.sum(), means, stds


def model(weights, means, stds):
    return D.MixtureSameFamily(D.Categorical(probs=weights), D.Independent(D.Normal(means, stds), 1))


def points(weights, means, stds, g):
    """N points from the mixture, then FAR points beyond FAR_SD sds of every component along random directions."""
    drawn = model(weights, means, stds).sample((N,))
    centre = means.mean(0)
    u = torch.randn(FAR, means.shape[1], generator=g)
    u = u / u.norm(dim=1, keepdim=True)
    reach = ((means - centre).norm(dim=1) + FAR_SD * stds.max(dim=1).values).max()
    return torch.cat([drawn, centre + reach * (1 + 0.5 * torch.rand(FAR, 1, generator=g)) * u])


g = torch.Generator().manual_seed(args.seed)
cases = []
for k, d in SHAPES:
    w, m, s = mixture(k, d, g)
    cases.append((w, m, s, points(w, m, s, g)))

t0 = time.perf_counter()
results = [model(w, m, s).log_prob(x) for w, m, s, x in cases]
train_s = time.perf_counter() - t0

worst = 0.0
for (w, m, s, x), lp in zip(cases, results):
    exact = model(w.double(), m.double(), s.double()).log_prob(x.double())
    worst = max(worst, ((lp.double() - exact).abs() / exact.abs().clamp(min=1)).max().item())
emit("log_density", torch, train_s, {"points": sum(len(x) for *_, x in cases), "far_min_logp": round(min(lp[N:].min().item() for lp in results), 1), "max_rel_error": worst})
