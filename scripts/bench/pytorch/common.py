"""What every PyTorch job for `npm run bench` shares: the thread count, a clock, and the one JSON line it prints.

Each job does the same work as an exercise's reference solution (data of the same size, the same architecture,
optimiser, epochs and batch size, then an evaluation on held-out points), so the bench can put the two whole
processes side by side. `--threads N` sets torch's intra-op threads (default 1, to match tfjs-wasm's single
thread); `--threads 0` keeps torch's own default. The data are drawn with torch's generator, not ours: the jobs
compare time, not accuracy (the accuracy is printed only to show the job really trained).
"""
import argparse
import json
import time

START = time.perf_counter()  # as early as this module is imported: before `import torch` in the job


def setup():
    """Parses --threads and --epochs, sets torch's threads; returns (torch, args)."""
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads; 0 = torch's default")
    p.add_argument("--epochs", type=int, default=None, help="override the job's epoch count (smoke tests)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    import torch  # timed: part of the whole process, as tfjs's import is on our side

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    return torch, args


def emit(job, torch, train_s, metrics):
    """Prints the job's one JSON line: times in seconds (train loop only, and since the interpreter began)."""
    print(json.dumps({
        "job": job,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "train_s": round(train_s, 4),
        "script_s": round(time.perf_counter() - START, 4),
        **metrics,
    }))


def train_full_batch(torch, model, opt, loss_fn, x, y, epochs):
    """Full-batch training; reads the loss each epoch (.item()) as our solutions report it to ctx.report."""
    t0 = time.perf_counter()
    for _ in range(epochs):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()
    return time.perf_counter() - t0
