"""PyTorch twin of exercises/02-mdn/01-forward-mlp/solution.ts: 1000 training points of y = 7 sin(0.75x) + 0.5x +
N(0, 1) on x ~ U(−10, 10), 1 → 20 tanh → 1 with the input standardised, w and b of the hidden layer from U(−3, 3)
and the output scaled to the targets' mean and standard deviation, mean squared error, Adam lr 0.02, 1000 full-batch
epochs; then the same on the swapped columns (x from y), as the exercise's page does; the MSE of both on 2000
held-out points."""
from common import emit, setup, train_full_batch

torch, args = setup()
from torch import nn  # noqa: E402

TRAIN, TEST, HIDDEN, EPOCHS = 1000, 2000, 20, args.epochs or 1000


def sinusoid(n, g):
    x = 20 * torch.rand(n, 1, generator=g) - 10
    return x, 7 * torch.sin(0.75 * x) + 0.5 * x + torch.randn(n, 1, generator=g)


class Scaled(nn.Module):
    """(x − mean_x)/sd_x → tanh layer → linear → × sd_y + mean_y, the statistics from the training data."""

    def __init__(self, x, y):
        super().__init__()
        self.mx, self.sx, self.my, self.sy = x.mean(), x.std(unbiased=False), y.mean(), y.std(unbiased=False)
        self.hidden, self.out = nn.Linear(1, HIDDEN), nn.Linear(HIDDEN, 1)
        nn.init.uniform_(self.hidden.weight, -3, 3)
        nn.init.uniform_(self.hidden.bias, -3, 3)

    def forward(self, x):
        return self.out(torch.tanh(self.hidden((x - self.mx) / self.sx))) * self.sy + self.my


def fit(x, y):
    model = Scaled(x, y)
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    return model, train_full_batch(torch, model, opt, nn.MSELoss(), x, y, EPOCHS)


x, y = sinusoid(TRAIN, torch.Generator().manual_seed(args.seed))
xt, yt = sinusoid(TEST, torch.Generator().manual_seed(10_000 + args.seed))
forward, forward_s = fit(x, y)
inverse, inverse_s = fit(y, x)
with torch.no_grad():
    emit("mdn_forward", torch, forward_s + inverse_s, {
        "epochs": EPOCHS,
        "test_mse": round(nn.functional.mse_loss(forward(xt), yt).item(), 4),
        "inverse_test_mse": round(nn.functional.mse_loss(inverse(yt), xt).item(), 4),
    })
