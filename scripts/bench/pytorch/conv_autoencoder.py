"""PyTorch twin of exercises/03-autoencoders/06-conv-autoencoder/solution.ts: conv 3x3x8 stride 2 ReLU, conv 3x3x16
stride 2 ReLU (28x28 -> 14x14 -> 7x7), Linear(784, 16) code, Linear(16, 784) ReLU, transposed conv 3x3x8 stride 2
ReLU, transposed conv 3x3x1 stride 2 sigmoid (padding 1, output_padding 1 where tfjs says 'same'), on the shipped
28x28 images (data/fashion-mnist/fashion-mnist-28x28.bin: Fashion-MNIST's first 2000 test images, pixels / 255;
1000 trained, 500 held out, one seeded permutation), Adam 1e-2, 15 epochs of mini-batches of 32 in a fixed order,
reading the epoch's loss once per epoch as the solution reports it; then the held-out reconstruction MSE per pixel.
`--pooled` runs the lesson's measured network instead (scripts/autoencoders/conv-autoencoder.ts: stride-1
convolutions each followed by a 2x2 max-pool, 1500 images, Adam 3e-3, batches of 64, 20 epochs):
  /usr/bin/python3 scripts/bench/pytorch/conv_autoencoder.py [--pooled] [--epochs N]"""
import os
import sys

from common import emit, setup

POOLED = "--pooled" in sys.argv
if POOLED:
    sys.argv.remove("--pooled")
torch, args = setup()
import time  # noqa: E402

import numpy as np  # noqa: E402
from torch import nn  # noqa: E402

if POOLED:
    EPOCHS, BATCH, LR, TRAIN_N, TEST_N = args.epochs or 20, 64, 3e-3, 1500, 500
else:
    EPOCHS, BATCH, LR, TRAIN_N, TEST_N = args.epochs or 15, 32, 1e-2, 1000, 500
# The shipped file (graders/datasets/digits-format.ts): a 12-byte header, n labels, then n*28*28 pixel bytes.
path = os.path.join(os.path.dirname(__file__), "../../../data/fashion-mnist/fashion-mnist-28x28.bin")
raw = np.fromfile(path, np.uint8)
n = int.from_bytes(raw[8:12].tobytes(), "little")
x = raw[12 + n:12 + n + n * 784].reshape(n, 1, 28, 28) / 255.0
x = torch.tensor(x, dtype=torch.float32)
order = torch.randperm(len(x), generator=torch.Generator().manual_seed(args.seed))
x_train, x_test = x[order[:TRAIN_N]], x[order[TRAIN_N:TRAIN_N + TEST_N]]
if POOLED:
    encoder = [nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
else:
    encoder = [nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU()]
model = nn.Sequential(
    *encoder,
    nn.Flatten(), nn.Linear(7 * 7 * 16, 16), nn.Linear(16, 7 * 7 * 16), nn.ReLU(), nn.Unflatten(1, (16, 7, 7)),
    nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
    nn.ConvTranspose2d(8, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid(),
)
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
emit("conv_autoencoder", torch, train_s, {"epochs": EPOCHS, "s_per_epoch": round(train_s / EPOCHS, 4), "heldout_mse": round(held, 5)})
