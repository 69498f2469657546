"""PyTorch twin of exercises/02-mdn/02-mdn-nll/solution.ts: the per-row MDN negative log-likelihood of two sets of
320 rows (5 and 3 components): 200 ordinary rows (means in [-10, 10], sds 0.3-3, softmax weights, y drawn from the
row's mixture), 40 whose every sd is 1e-6-1e-4, 40 whose y is 30-60 sds from every mean and 40 whose nearest
component has a weight of 1e-30-1e-20, in float32 as -logsumexp(log pi - z^2/2 - log sigma - log sqrt(2 pi)). There
is no training loop: train_s times the two NLL computations. The worst relative error against the same computation
in float64, and how many rows the original's exp -> sum -> log makes infinite, show the hard rows are really there."""
import math

from common import emit, setup

torch, args = setup()
import time  # noqa: E402

SIZES, ORDINARY, HARD = [5, 3], 200, 40
LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


def uniform(shape, a, b, g):
    return a + (b - a) * torch.rand(shape, generator=g, dtype=torch.float64)


def rows(k, g):
    """ORDINARY + 3 * HARD rows of k components (float64, rounded to float32 at the end like the grader's)."""
    n = ORDINARY + 3 * HARD
    pi = torch.softmax(torch.randn(n, k, generator=g, dtype=torch.float64), 1)
    mu = uniform((n, k), -10, 10, g)
    sigma = torch.exp(uniform((n, k), math.log(0.3), math.log(3), g))
    pick = torch.multinomial(pi, 1, generator=g).squeeze(1)
    idx = torch.arange(n)
    y = mu[idx, pick] + sigma[idx, pick] * torch.randn(n, generator=g, dtype=torch.float64)
    side = torch.where(torch.rand(n, generator=g) < 0.5, -1.0, 1.0).double()
    t = slice(ORDINARY, ORDINARY + HARD)  # tiny sigma
    sigma[t] = 10 ** uniform((HARD, k), -6, -4, g)
    y[t] = mu[t][:, 0] + side[t] * uniform(HARD, 0, 20, g) * sigma[t][:, 0]
    f = slice(ORDINARY + HARD, ORDINARY + 2 * HARD)  # far: beyond mean + D sigma of every component
    d = uniform((HARD, 1), 30, 60, g)
    ends = mu[f] + side[f, None] * d * sigma[f]
    y[f] = torch.where(side[f] > 0, ends.max(1).values, ends.min(1).values)
    p = slice(ORDINARY + 2 * HARD, n)  # tiny weight on component 0, y 11-14 of its sds away, the others 40-60 away
    pi[p, 0] = 10 ** uniform(HARD, -30, -20, g)
    pi[p, 1:] = pi[p, 1:] / pi[p, 1:].sum(1, keepdim=True) * (1 - pi[p, 0:1])
    y[p] = mu[p][:, 0] + side[p] * uniform(HARD, 11, 14, g) * sigma[p][:, 0]
    mu[p, 1:] = y[p, None] + side[p, None] * uniform((HARD, k - 1), 40, 60, g) * sigma[p, 1:]
    return [v.float() for v in (pi, mu, sigma, y[:, None])]


def nll(pi, mu, sigma, y):
    z = (y - mu) / sigma
    return -torch.logsumexp(torch.log(pi) - 0.5 * z * z - torch.log(sigma) - LOG_SQRT_2PI, 1)


def naive(pi, mu, sigma, y):
    z = (y - mu) / sigma
    return -torch.log((torch.exp(-0.5 * z * z) / sigma / math.sqrt(2 * math.pi) * pi).sum(1))


g = torch.Generator().manual_seed(args.seed)
cases = [rows(k, g) for k in SIZES]

t0 = time.perf_counter()
results = [nll(*c) for c in cases]
train_s = time.perf_counter() - t0

worst, infinite = 0.0, 0
for c, out in zip(cases, results):
    exact = nll(*(v.double() for v in c))
    worst = max(worst, ((out.double() - exact).abs() / exact.abs().clamp(min=1)).max().item())
    infinite += int((~torch.isfinite(naive(*c))).sum().item())
emit("mdn_nll", torch, train_s, {"rows": sum(len(c[3]) for c in cases), "max_rel_error": worst, "naive_infinite_rows": infinite})
