"""PyTorch twin of exercises/03-autoencoders/05-dense-autoencoder/solution.ts: a dense autoencoder
64-32-16-32-64 (ReLU inside, a linear code, a sigmoid output) on scikit-learn's 8x8 digits (pixels / 16; 1297
training digits, 500 held out, one seeded permutation), trained on the mean squared error by Adam 1e-2 for 50
epochs of mini-batches of 64 in a fixed order, reading the epoch's loss once per epoch as the solution reports it;
then the held-out reconstruction MSE per pixel."""
from common import emit, setup

torch, args = setup()
import time  # noqa: E402

from sklearn.datasets import load_digits  # noqa: E402
from torch import nn  # noqa: E402

TRAIN_N, TEST_N, HIDDEN, CODE, LR, BATCH = 1297, 500, 32, 16, 1e-2, 64
EPOCHS = args.epochs or 50

x = torch.tensor(load_digits().data / 16.0, dtype=torch.float32)
order = torch.randperm(len(x), generator=torch.Generator().manual_seed(args.seed))
x_train, x_test = x[order[:TRAIN_N]], x[order[TRAIN_N:TRAIN_N + TEST_N]]
model = nn.Sequential(nn.Linear(64, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, CODE), nn.Linear(CODE, HIDDEN), nn.ReLU(),
                      nn.Linear(HIDDEN, 64), nn.Sigmoid())
opt = torch.optim.Adam(model.parameters(), lr=LR)
loss_fn = nn.MSELoss()
t0 = time.perf_counter()
for _ in range(EPOCHS):
    total = torch.zeros(())
    for start in range(0, TRAIN_N, BATCH):
        xb = x_train[start:start + BATCH]
        opt.zero_grad()
        loss = loss_fn(model(xb), xb)
        loss.backward()
        opt.step()
        total += loss.detach() * len(xb) / TRAIN_N
    total.item()
train_s = time.perf_counter() - t0
with torch.no_grad():
    held = loss_fn(model(x_test), x_test).item()
emit("dense_autoencoder", torch, train_s, {"epochs": EPOCHS, "heldout_mse": round(held, 5)})
