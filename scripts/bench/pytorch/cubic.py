"""PyTorch twin of exercises/04-activation-depth/06-cubic/solution.ts: 1000 training points of y = x³ + uniform
noise (scale 0.3) on [−1, 1], 1 → 32 ReLU → 1, mean squared error, Adam lr 0.01, 500 full-batch epochs, then the
MSE on 2000 test points."""
from common import emit, setup, train_full_batch

torch, args = setup()
from torch import nn  # noqa: E402

TRAIN, TEST, NOISE, EPOCHS = 1000, 2000, 0.3, args.epochs or 500


def cubic(n, g):
    x = 2 * torch.rand(n, 1, generator=g) - 1
    return x, x ** 3 + NOISE * torch.rand(n, 1, generator=g)


x, y = cubic(TRAIN, torch.Generator().manual_seed(args.seed))
xt, yt = cubic(TEST, torch.Generator().manual_seed(10_000 + args.seed))
model = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
train_s = train_full_batch(torch, model, opt, nn.MSELoss(), x, y, EPOCHS)
with torch.no_grad():
    emit("cubic", torch, train_s, {"epochs": EPOCHS, "test_mse": round(nn.functional.mse_loss(model(xt), yt).item(), 5)})
