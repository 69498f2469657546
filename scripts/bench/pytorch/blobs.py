"""PyTorch twin of exercises/04-activation-depth/01-softmax-blobs/solution.ts: 4 Gaussian blobs (the exercise's
centres, std 1.5), 200 training and 250 test points each, 2 → 8 ReLU → 4 (softmax inside the cross-entropy),
SGD lr 0.1, 300 full-batch epochs, then accuracy and cross-entropy on the test points."""
from common import emit, setup, train_full_batch

torch, args = setup()
from torch import nn  # noqa: E402

CENTRES = torch.tensor([[-2.5, 2.0], [2.5, 2.5], [2.5, -2.0], [-2.0, -2.5]])
STD, TRAIN, TEST, EPOCHS = 1.5, 200, 250, args.epochs or 300


def blobs(n, g):
    y = torch.arange(len(CENTRES)).repeat_interleave(n)
    return CENTRES[y] + STD * torch.randn(len(y), 2, generator=g), y


x, y = blobs(TRAIN, torch.Generator().manual_seed(args.seed))
xt, yt = blobs(TEST, torch.Generator().manual_seed(10_000 + args.seed))
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 4))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
train_s = train_full_batch(torch, model, opt, nn.CrossEntropyLoss(), x, y, EPOCHS)
with torch.no_grad():
    logits = model(xt)
    emit("blobs", torch, train_s, {"epochs": EPOCHS, "test_accuracy": round((logits.argmax(1) == yt).float().mean().item(), 4),
                                   "test_cross_entropy": round(nn.functional.cross_entropy(logits, yt).item(), 4)})
