"""PyTorch twin of exercises/01-mixtures/03-fit-adam/solution.ts: a 4-component diagonal Gaussian mixture fitted to
2000 points in 2-D by full-batch Adam (lr 0.05, 500 steps) on the mean NLL, 4 starts trained side by side as one
batch, softmax weights, log-stds, means from k-means++ seeding, then the best start's NLL on 20000 fresh points.
Data as in the exercise (graders/problems/mixtures/gmm-fit.ts: means ~ N(0, I), stds (U(0,1) + 1)·0.25, random
weights)."""
import math

from common import emit, setup

torch, args = setup()
import time  # noqa: E402

K, D, N, TEST_N, STARTS, STEPS, LR = 4, 2, 2000, 20000, 4, args.epochs or 500, 0.05


def sample(g, weights, means, stds, n):
    comp = torch.multinomial(weights, n, replacement=True, generator=g)
    return means[comp] + stds[comp] * torch.randn(n, D, generator=g)


def kmeanspp(x, g):
    rows = [x[torch.randint(len(x), (1,), generator=g)].squeeze(0)]
    nearest = torch.full((len(x),), math.inf)
    while len(rows) < K:
        nearest = torch.minimum(nearest, ((x - rows[-1]) ** 2).sum(1))
        rows.append(x[torch.multinomial(nearest, 1, generator=g)].squeeze(0))
    return torch.stack(rows)


def mean_nll(points, logits, means, log_stds):
    """Per-start mean NLL: points [1, n, 1, d]; logits [S, 1, k]; means, log_stds [S, 1, k, d]."""
    z = (points - means) / log_stds.exp()
    log_gauss = (-0.5 * z ** 2 - log_stds - 0.5 * math.log(2 * math.pi)).sum(-1)
    return -torch.logsumexp(log_gauss + torch.log_softmax(logits, -1), -1).mean(-1)


g = torch.Generator().manual_seed(args.seed)
true_w = torch.rand(K, generator=g) + 0.1
true_w /= true_w.sum()
true_mu = torch.randn(K, D, generator=g)
true_sd = (torch.rand(K, D, generator=g) + 1) * 0.25
x = sample(g, true_w, true_mu, true_sd, N)
xt = sample(g, true_w, true_mu, true_sd, TEST_N)

spread = x.std(0, unbiased=False)
logits = torch.zeros(STARTS, 1, K, requires_grad=True)
means = torch.stack([kmeanspp(x, g) for _ in range(STARTS)]).unsqueeze(1).requires_grad_()
log_stds = spread.log().expand(STARTS, 1, K, D).clone().requires_grad_()
points = x.view(1, N, 1, D)
opt = torch.optim.Adam([logits, means, log_stds], lr=LR)
t0 = time.perf_counter()
for _ in range(STEPS):
    opt.zero_grad()
    loss = mean_nll(points, logits, means, log_stds).sum()
    loss.backward()
    opt.step()
    loss.item()
train_s = time.perf_counter() - t0
with torch.no_grad():
    best = int(mean_nll(points, logits, means, log_stds).argmin())
    p = lambda t: t[best:best + 1]  # noqa: E731
    held = mean_nll(xt.view(1, TEST_N, 1, D), p(logits), p(means), p(log_stds)).item()
    mix = torch.distributions.MixtureSameFamily(torch.distributions.Categorical(true_w),
                                                torch.distributions.Independent(torch.distributions.Normal(true_mu, true_sd), 1))
    emit("gmm_fit", torch, train_s, {"steps": STEPS, "heldout_nll": round(held, 4),
                                     "heldout_nll_above_true": round(held + mix.log_prob(xt).mean().item(), 4)})
