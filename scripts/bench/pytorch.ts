/**
 * `npm run bench -- --torch-only`: our reference solutions against the same jobs in PyTorch
 * (scripts/bench/pytorch/<job>.py: same data sizes, network, optimiser, epochs and batches, then an evaluation on
 * held-out points), where a python3 that can `import torch` exists (Debian: apt-get install python3-torch);
 * otherwise one line says why it is skipped.
 *   Whole process: `node instructor/cli.ts --exercise <id> --solution --json` (what `npm run grade` runs, without
 *   npm's own start-up: the grader, its sandboxed child, tfjs on WASM, grading) against `python3 <job>.py`, from
 *   spawn to exit, interleaved run by run so a busy spell of a shared machine hits both.
 *   Training loop only: ours from loop-time.ts in a fresh process (first to last ctx.report of a graded run, cold
 *   like the grading child), PyTorch's own timer around its loop.
 * PyTorch runs single-threaded (`--threads 1`, OMP/OpenBLAS threads 1: tfjs-wasm uses one thread) and with
 * torch's default threads (its environment untouched); the header of each table says how many that was.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { duration, median, pairedRatio, printTable } from './format.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jobsDir = path.join(root, 'scripts/bench/pytorch');

/** Exercise → PyTorch job of the same work. */
export const torchJobs: readonly { exercise: string; script: string }[] = [
  { exercise: '04-activation-depth/05-spiral', script: 'spiral.py' },
  { exercise: '04-activation-depth/01-softmax-blobs', script: 'blobs.py' },
  { exercise: '04-activation-depth/06-cubic', script: 'cubic.py' },
  { exercise: '01-mixtures/01-sample-mixture', script: 'mixture_sampling.py' },
  { exercise: '01-mixtures/02-log-density', script: 'log_density.py' },
  { exercise: '01-mixtures/03-fit-adam', script: 'gmm_fit.py' },
  { exercise: '01-mixtures/04-em', script: 'em.py' },
  { exercise: '01-mixtures/05-classifier', script: 'gmm_classifier.py' },
  { exercise: '02-mdn/01-forward-mlp', script: 'mdn_forward.py' },
  { exercise: '02-mdn/02-mdn-nll', script: 'mdn_nll.py' },
  { exercise: '02-mdn/03-train-mdn', script: 'mdn_train.py' },
  { exercise: '02-mdn/04-sample-mdn', script: 'mdn_sampling.py' },
  { exercise: '03-autoencoders/01-pca', script: 'pca.py' },
  { exercise: '03-autoencoders/02-kernel-pca', script: 'kernel_pca.py' },
  { exercise: '03-autoencoders/03-tsne', script: 'tsne.py' },
  { exercise: '03-autoencoders/04-kmeans', script: 'kmeans.py' },
  { exercise: '03-autoencoders/05-dense-autoencoder', script: 'dense_autoencoder.py' },
  { exercise: '03-autoencoders/06-conv-autoencoder', script: 'conv_autoencoder.py' },
  { exercise: '03-autoencoders/07-pipeline', script: 'digit_pipeline.py' },
];

/** Debian's python3 first (python3-torch installs there), then whatever python3 is on PATH. */
function findTorchPython(): { python?: string; why: string } {
  let why = '';
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (r.status === 0) return { python, why: '' };
    why ||= r.error ? `${python}: ${r.error.message}` : `${python}: ${(r.stderr.trim().split('\n').at(-1) ?? '').slice(0, 120)}`;
  }
  return { why };
}

interface Timed {
  wallMs: number;
  out: string;
  code: number | null;
}

/** Wall time of a whole process, spawn to exit, and what it printed on stdout. */
function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      resolve({ wallMs, out, code });
    });
  });
}

interface TorchLine {
  threads: number;
  train_s: number;
  script_s: number;
}

export async function benchTorch(o: { ids: string[]; runs: number }): Promise<void> {
  const { python, why } = findTorchPython();
  if (!python) {
    console.log(`\n## PyTorch side by side: skipped, no python3 here can import torch (${why}). On Debian: apt-get install python3-torch.`);
    return;
  }
  const jobs = torchJobs.filter((j) => o.ids.includes(j.exercise));
  const single = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const whole = new Map<string, { ours: number[]; t1: number[]; tDefault: number[] }>();
  const loop = new Map<string, { ours: number[]; t1: number[]; tDefault: number[] }>();
  let defaultThreads = 0;
  let version = '';
  for (const job of jobs) {
    const w = { ours: [] as number[], t1: [] as number[], tDefault: [] as number[] };
    const l = { ours: [] as number[], t1: [] as number[], tDefault: [] as number[] };
    const script = path.join(jobsDir, job.script);
    for (let r = 0; r < o.runs; r++) {
      const ours = await timeProcess(process.execPath, [path.join(root, 'instructor/cli.ts'), '--exercise', job.exercise, '--solution', '--json'], process.env);
      const report = JSON.parse(ours.out) as { status: string };
      if (report.status !== 'passed') throw new Error(`${job.exercise}: the grader says ${report.status}`);
      w.ours.push(ours.wallMs);
      const t1 = await timeProcess(python, [script, '--threads', '1', '--seed', String(r + 1)], single);
      const line1 = JSON.parse(t1.out.trim().split('\n').at(-1)!) as TorchLine & { torch: string };
      w.t1.push(t1.wallMs);
      l.t1.push(line1.train_s * 1000);
      version = line1.torch;
      const td = await timeProcess(python, [script, '--threads', '0', '--seed', String(r + 1)], process.env);
      const lineD = JSON.parse(td.out.trim().split('\n').at(-1)!) as TorchLine;
      w.tDefault.push(td.wallMs);
      l.tDefault.push(lineD.train_s * 1000);
      defaultThreads = lineD.threads;
      const loopRun = await timeProcess(process.execPath, [path.join(root, 'scripts/bench/loop-time.ts'), job.exercise, String(r + 1)], process.env);
      l.ours.push((JSON.parse(loopRun.out.trim().split('\n').at(-1)!) as { loopMs: number }).loopMs);
    }
    whole.set(job.exercise, w);
    loop.set(job.exercise, l);
  }
  const table = (m: typeof whole) => {
    const rows = [['exercise', 'ours (tfjs WASM)', 'PyTorch, 1 thread', 'ours / PyTorch 1', `PyTorch, default (${defaultThreads} thread${defaultThreads === 1 ? '' : 's'})`, 'ours / PyTorch default']];
    for (const [id, t] of m) rows.push([id, duration(median(t.ours)), duration(median(t.t1)), pairedRatio(t.ours, t.t1), duration(median(t.tDefault)), pairedRatio(t.ours, t.tDefault)]);
    return rows;
  };
  const how = `${python}, torch ${version}; medians of ${o.runs} interleaved runs, ratios the median of the run-by-run ratios.`;
  printTable('PyTorch side by side: whole process (start-up, training, held-out evaluation)', table(whole), `Ours: node instructor/cli.ts --exercise <id> --solution (sandboxed child, as npm run grade). PyTorch: ${how}`);
  printTable('PyTorch side by side: training loop only', table(loop), `Ours: first to last ctx.report of a graded run in a fresh process (loop-time.ts), scaled to every epoch. PyTorch: its timer around the loop. ${how}`);
}
