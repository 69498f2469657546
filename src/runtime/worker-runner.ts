/**
 * The page's side of a run in the browser (the worker's side is worker.ts): starts a fresh worker per run,
 * enforces the exercise's timeout, and lets Stop terminate the worker at once. A fresh worker per run means
 * nothing a previous run left behind (tensors, globals, a wedged backend) can affect the next one.
 */
import { errorReport } from '../../graders/grade.ts';
import type { LearnerError } from '../../graders/report.ts';
import type { ExerciseMeta } from '../../graders/schema.ts';
import type { BackendPreference } from './backend.ts';
import type { DebugFlags } from './debug-flags.ts';
import type { RunRequest, WorkerMessage } from './protocol.ts';
import { timeoutError } from './timeout-error.ts';
import type { ExerciseRunResult } from './run-exercise.ts';

export interface RunHandlers {
  onMessage(m: WorkerMessage): void;
  /** Called exactly once, with the result or a synthesised error report (timeout, stop, crash). */
  onEnd(result: ExerciseRunResult): void;
}

/** tfjs's WebAssembly as the first run's worker compiled it, by URL: every later worker of this page instantiates it. */
const compiledModules = new Map<string, WebAssembly.Module>();

export interface RunHandle {
  /** Stops the run at once; `onEnd` gets a "stopped" report. */
  stop(): void;
}

export function startRun(
  opts: { meta: ExerciseMeta; source: string; seed?: number; backend: BackendPreference; gridSize?: number; onPage?: boolean; starter?: string; debug?: DebugFlags },
  handlers: RunHandlers,
): RunHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `exercise ${opts.meta.id}` });
  const started = performance.now();
  const seed = opts.seed ?? opts.meta.seed;
  let backend = 'unknown';
  let ended = false;

  const end = (result: ExerciseRunResult) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    worker.terminate();
    handlers.onEnd(result);
  };
  const fail = (error: LearnerError) => end({ report: errorReport(opts.meta, error, { seed, backend, durationMs: performance.now() - started }) });

  const timer = setTimeout(() => fail(timeoutError(opts.meta.timeoutMs)), opts.meta.timeoutMs);

  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.type === 'backend') backend = m.backend;
    // Kept for the next run's worker (wasm-module-cache.ts); not the page's business.
    if (m.type === 'wasm-module') return void compiledModules.set(m.url, m.module);
    if (m.type === 'done') end(m.result);
    else if (m.type === 'crash') fail({ kind: 'internal', message: `The runner failed: ${m.message}` });
    else handlers.onMessage(m);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fail({ kind: 'internal', message: `The runner failed to start or crashed: ${e.message || 'unknown error'}` });
  };

  const req: RunRequest = { type: 'run', meta: opts.meta, source: opts.source, seed, backend: opts.backend, gridSize: opts.gridSize ?? 0, onPage: opts.onPage ?? false, compiled: Object.fromEntries(compiledModules), ...(opts.starter !== undefined && { starter: opts.starter }), ...(opts.debug && { debug: opts.debug }) };
  worker.postMessage(req);
  return { stop: () => fail({ kind: 'stopped', message: 'You stopped the run.' }) };
}
