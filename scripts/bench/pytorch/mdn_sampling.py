"""PyTorch twin of exercises/02-mdn/04-sample-mdn: the same job as a graded run of the reference solution.
The shipped MDN (graders/mdn/trained-mdn-weights.ts, read as the JSON it holds: 1 -> 20 tanh -> pi, mu, sigma with
5 components) evaluated in float64 at 5000 inputs drawn as the inverse sinusoid's are (y = 7 sin(0.75x) + 0.5x + eps,
x ~ U(-10, 10)); one draw per input (a categorical pick of k by pi, then Normal(mu_k, sigma_k)) and the grader's
statistics: sqrt(n) x the KS distance of the PIT values from uniform, the log-density z-score against a reference
sample drawn the same way, and the worst energy statistic over 8 bands of inputs. Our side has no training loop,
so, as for mixture_sampling.py, train_s times the sampling and the statistics."""
import json
import math
import pathlib
import time

from common import emit, setup

torch, args = setup()

N, BINS = 5000, 8
source = pathlib.Path(__file__).resolve().parents[3] / "graders/mdn/trained-mdn-weights.ts"
text = source.read_text()
record = json.loads(text[text.index("= ") + 2:text.rindex(";")])
w = {k: torch.tensor(v, dtype=torch.float64) for k, v in record["weights"].items()}
H, K = len(record["weights"]["b1"]), len(record["weights"]["bPi"])

g = torch.Generator().manual_seed(args.seed)
xs = torch.rand(N, generator=g, dtype=torch.float64) * 20 - 10
x = 7 * torch.sin(0.75 * xs) + 0.5 * xs + torch.randn(N, generator=g, dtype=torch.float64)


def mixtures(x):
    h = torch.tanh(x[:, None] * w["w1"].view(1, H) + w["b1"])
    pi = torch.softmax(h @ w["wPi"].view(H, K) + w["bPi"], dim=1)
    return pi, h @ w["wMu"].view(H, K) + w["bMu"], torch.exp(h @ w["wSigma"].view(H, K) + w["bSigma"])


def draw(pi, mu, sigma):
    # Categorical(pi).sample(), on the job's own generator: right after torch.manual_seed, this torch build's first
    # multinomial draws on the global generator were measurably correlated across rows (a band's mean 13 standard
    # errors off), which the statistics below would report as a wrong sample.
    k = torch.multinomial(pi, 1, generator=g)
    return (mu.gather(1, k) + sigma.gather(1, k) * torch.randn(len(k), 1, generator=g, dtype=torch.float64))[:, 0]


def log_density(pi, mu, sigma, y):
    z = (y[:, None] - mu) / sigma
    return torch.logsumexp(torch.log(pi) - torch.log(sigma) - 0.5 * math.log(2 * math.pi) - 0.5 * z * z, dim=1)


def energy(a, b):
    n, m = len(a), len(b)
    xy = torch.cdist(a[:, None], b[:, None]).mean()
    xx = torch.cdist(a[:, None], a[:, None]).sum() / (n * (n - 1))
    yy = torch.cdist(b[:, None], b[:, None]).sum() / (m * (m - 1))
    return (n * m / (n + m) * (2 * xy - xx - yy) / yy).item()


pi, mu, sigma = mixtures(x)
reference = draw(pi, mu, sigma)
t0 = time.perf_counter()
y = draw(pi, mu, sigma)
u = (pi * torch.special.ndtr((y[:, None] - mu) / sigma)).sum(1).sort().values
i = torch.arange(N, dtype=torch.float64)
ks = math.sqrt(N) * torch.maximum((i + 1) / N - u, u - i / N).max().item()
a, b = log_density(pi, mu, sigma, y), log_density(pi, mu, sigma, reference)
z = ((b.mean() - a.mean()) / torch.sqrt((a.var() + b.var()) / N)).item()
order = torch.argsort(x)
worst = max(energy(y[band], reference[band]) for band in order.chunk(BINS))
train_s = time.perf_counter() - t0
emit("mdn_sampling", torch, train_s, {"draws": N, "pit_ks": round(ks, 3), "log_density_z": round(z, 3), "bin_energy": round(worst, 3)})
