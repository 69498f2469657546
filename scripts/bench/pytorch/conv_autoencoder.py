"""PyTorch twin of scripts/autoencoders/conv-autoencoder.ts (the Autoencoders lesson's convolutional autoencoder,
measured, not graded): conv 3x3x8 ReLU, max-pool 2, conv 3x3x16 ReLU, max-pool 2, Linear(784, 16) code,
Linear(16, 784) ReLU, transposed conv 3x3x8 stride 2 ReLU, transposed conv 3x3x1 stride 2 sigmoid (padding 1,
output_padding 1: tfjs's 'same'), on Fashion-MNIST's first 2000 test images (pixels / 255; 1500 trained, 500 held
out, one seeded permutation), Adam 3e-3, mini-batches of 64, reading each batch's loss as the script does.
Not in torchJobs: `npm run bench` pairs jobs with exercises, and this one has none; run it by hand:
  /usr/bin/python3 scripts/bench/pytorch/conv_autoencoder.py --epochs 20 [--data DIR]"""
import gzip
import os
import sys

from common import emit, setup

DATA = "/usr/share/datasets/fashion-mnist"
if "--data" in sys.argv:
    i = sys.argv.index("--data")
    DATA = sys.argv[i + 1]
    del sys.argv[i:i + 2]
torch, args = setup()
import time  # noqa: E402

import numpy as np  # noqa: E402
from torch import nn  # noqa: E402

EPOCHS, BATCH, LR, TRAIN_N, TEST_N = args.epochs or 20, 64, 3e-3, 1500, 500
with gzip.open(os.path.join(DATA, "t10k-images-idx3-ubyte.gz")) as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)[:2000] / 255.0
x = torch.tensor(x, dtype=torch.float32)
order = torch.randperm(len(x), generator=torch.Generator().manual_seed(args.seed))
x_train, x_test = x[order[:TRAIN_N]], x[order[TRAIN_N:TRAIN_N + TEST_N]]
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(7 * 7 * 16, 16), nn.Linear(16, 7 * 7 * 16), nn.ReLU(), nn.Unflatten(1, (16, 7, 7)),
    nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
    nn.ConvTranspose2d(8, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid(),
)
opt = torch.optim.Adam(model.parameters(), lr=LR)
loss_fn = nn.MSELoss()
t0 = time.perf_counter()
for _ in range(EPOCHS):
    for start in range(0, TRAIN_N, BATCH):
        xb = x_train[start:start + BATCH]
        opt.zero_grad()
        loss = loss_fn(model(xb), xb)
        loss.backward()
        opt.step()
        loss.item()
train_s = time.perf_counter() - t0
with torch.no_grad():
    held = loss_fn(model(x_test), x_test).item()
emit("conv_autoencoder", torch, train_s, {"epochs": EPOCHS, "s_per_epoch": round(train_s / EPOCHS, 4), "heldout_mse": round(held, 5)})
