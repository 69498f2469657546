"""PyTorch twin of exercises/04-activation-depth/05-spiral/solution.ts: 3 arms × 1000 training points,
2 → 100 ReLU → 3 (softmax inside the cross-entropy), Adam lr 1e-3, 1000 full-batch epochs, then accuracy and
cross-entropy on a fresh spiral of 3000 points. Data as in the exercise (graders/datasets/spiral-sample.ts: the NYU
deep-learning course's spiral, angle noise 0.2)."""
import math
import time

from common import emit, setup, train_full_batch

torch, args = setup()
from torch import nn  # noqa: E402

CLASSES, PER_CLASS, HIDDEN, EPOCHS = 3, 1000, 100, args.epochs or 1000


def spiral(g):
    xs, ys = [], []
    for c in range(CLASSES):
        r = torch.linspace(0, 1, PER_CLASS)
        t = torch.linspace(c * 2 * math.pi / CLASSES, (c + 2) * 2 * math.pi / CLASSES, PER_CLASS) + torch.randn(PER_CLASS, generator=g) * 0.2
        xs.append(torch.stack([r * torch.sin(t), r * torch.cos(t)], 1))
        ys.append(torch.full((PER_CLASS,), c, dtype=torch.long))
    return torch.cat(xs), torch.cat(ys)


x, y = spiral(torch.Generator().manual_seed(args.seed))
xt, yt = spiral(torch.Generator().manual_seed(10_000 + args.seed))
model = nn.Sequential(nn.Linear(2, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, CLASSES))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
train_s = train_full_batch(torch, model, opt, nn.CrossEntropyLoss(), x, y, EPOCHS)
with torch.no_grad():
    logits = model(xt)
    emit("spiral", torch, train_s, {"epochs": EPOCHS, "test_accuracy": round((logits.argmax(1) == yt).float().mean().item(), 4),
                                    "test_cross_entropy": round(nn.functional.cross_entropy(logits, yt).item(), 4)})
