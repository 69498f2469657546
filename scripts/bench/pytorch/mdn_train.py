"""PyTorch twin of exercises/02-mdn/03-train-mdn/solution.ts: a mixture density network on the inverse sinusoid
problem (input y, target x; y = 7 sin(0.75x) + 0.5x + N(0, 1), x ~ U(-10, 10), 1000 points), the model of
reference/exp6_mdn.py (Linear(1, 20)-Tanh; pi = softmax, mu, sigma = exp of one Linear(20, 15) split in three, as the
solution's one head layer) with the input divided by 5 and the mu biases spread over the targets' range as the solution
does, trained by full-batch Adam 3e-2 on the stable NLL over the first 800 points, the validation NLL on the last 200
every 10 epochs, early stopping with patience 100 (at least 300 and at most 600 epochs) keeping the best weights; then
the held-out NLL on 5000 fresh points (nats per point, 1/2 log 2 pi included)."""
import copy
import math

from common import emit, setup

torch, args = setup()
import time  # noqa: E402

from torch import nn  # noqa: E402

N, TEST_N, VAL, HIDDEN, K = 1000, 5000, 200, 20, 5
LR, MAX_EPOCHS, EVAL_EVERY, PATIENCE, MIN_EPOCHS, SCALE = 3e-2, args.epochs or 600, 10, 100, 300, 5.0
LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


def sample(g, n):
    x = torch.rand(n, 1, generator=g) * 20 - 10
    y = 7 * torch.sin(0.75 * x) + 0.5 * x + torch.randn(n, 1, generator=g)
    return y, x  # inverse problem: input y, target x


class MDN(nn.Module):
    def __init__(self, targets):
        super().__init__()
        self.z_h = nn.Sequential(nn.Linear(1, HIDDEN), nn.Tanh())
        self.heads = nn.Linear(HIDDEN, 3 * K)
        lo, hi = targets.min().item(), targets.max().item()
        with torch.no_grad():
            self.heads.bias.zero_()
            self.heads.bias[K:2 * K] = torch.tensor([lo + (k + 0.5) * (hi - lo) / K for k in range(K)])

    def forward(self, x):
        logits, mu, log_sigma = self.heads(self.z_h(x / SCALE)).split(K, dim=1)
        return nn.functional.softmax(logits, -1), mu, torch.exp(log_sigma)


def mean_nll(pi, mu, sigma, y):
    """The solution's nllPerPoint, averaged: -logsumexp(log pi - log sigma - 1/2 log 2 pi - z^2 / 2)."""
    z = (y - mu) / sigma
    return -torch.logsumexp(torch.log(pi) - torch.log(sigma) - LOG_SQRT_2PI - 0.5 * z * z, dim=1).mean()


g = torch.Generator().manual_seed(args.seed)
xs, ys = sample(g, N)
xt, yt = sample(g, TEST_N)
x_train, y_train, x_val, y_val = xs[:N - VAL], ys[:N - VAL], xs[N - VAL:], ys[N - VAL:]
model = MDN(ys)
opt = torch.optim.Adam(model.parameters(), lr=LR)
best_nll, best_epoch, best_state = math.inf, 0, None
t0 = time.perf_counter()
for epoch in range(1, MAX_EPOCHS + 1):
    opt.zero_grad()
    loss = mean_nll(*model(x_train), y_train)
    loss.backward()
    opt.step()
    if epoch % EVAL_EVERY == 0:
        loss.item()
        with torch.no_grad():
            val = mean_nll(*model(x_val), y_val).item()
        if val < best_nll:
            best_nll, best_epoch, best_state = val, epoch, copy.deepcopy(model.state_dict())
        elif epoch >= MIN_EPOCHS and epoch - best_epoch >= PATIENCE:
            break
train_s = time.perf_counter() - t0
model.load_state_dict(best_state)
with torch.no_grad():
    held = mean_nll(*model(xt), yt).item()
emit("mdn_train", torch, train_s, {"epochs": epoch, "best_epoch": best_epoch, "heldout_nll": round(held, 4)})
