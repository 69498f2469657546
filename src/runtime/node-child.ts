/**
 * Child process that runs one learner submission in Node (started by node-host.ts). It receives only inputs
 * (training split, test inputs without labels, a derived seed) and sends back outputs; grading happens in the
 * parent. Progress and the learner's console output go back over IPC so nothing is lost if it is killed.
 */
import type { LearnerInput, LearnerRunResult } from './run-learner.ts';
import { runLearner } from './run-learner.ts';
import { useNodeBackend, type NodeBackend } from './node-backend.ts';
import { clip, logLimiter, MAX_LINE_CHARS } from './output-limits.ts';

/** `nonce` marks the genuine result: the learner's code cannot read it (it lives in this module's closure). */
export type ChildRequest = { type: 'run'; input: LearnerInput; backend: NodeBackend; nonce: string };
export type ChildMessage =
  | { type: 'progress'; step: number; loss: number }
  | { type: 'log'; line: string }
  | { type: 'result'; result: LearnerRunResult; nonce: string };

// Bound now, before any learner code runs, so replacing process.send later does not reroute our messages.
const processSend = process.send!.bind(process);
const processDisconnect = process.disconnect!.bind(process);
const send = (m: ChildMessage) => new Promise<void>((resolve) => processSend(m, undefined, {}, () => resolve()));

// A submission must not signal or renice other processes: the grader (its parent) or the children grading other
// students. The permission model does not cover process.kill or os.setPriority, so they are replaced before any
// learner code runs; process.binding, which could reach the originals, is denied by the permission model.
// (When the grader runs as root, each child also runs under its own unprivileged uid: see sandbox.ts.)
const blocked = (name: string) => () => {
  throw new Error(`${name} is not available to submissions.`);
};
// process.send is blocked too: the IPC channel carries only what this module sends (bounded log lines and the
// result), so a submission can neither forge a result nor push one enormous message for the grader to decode.
for (const name of ['kill', '_kill', 'send'] as const) Object.defineProperty(process, name, { value: blocked(`process.${name}`), writable: false, configurable: false });
for (const name of ['setPriority'] as const) Object.defineProperty(process.getBuiltinModule('node:os'), name, { value: blocked(`os.${name}`), writable: false, configurable: false });

// Learner console output becomes log lines in the report instead of noise on the grader's terminal. Limited here,
// before it crosses the channel: a print loop costs the grader nothing.
const limit = logLimiter();
const log = (line: string) => {
  const kept = limit(line);
  if (kept !== undefined) void send({ type: 'log', line: kept });
};
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = (...args: unknown[]) => log(args.map(String).join(' '));

process.once('message', async (req: ChildRequest) => {
  const tf = await useNodeBackend(req.backend);
  const result = await runLearner({
    ...req.input,
    tf,
    backend: req.backend,
    onProgress: (p) => void send({ type: 'progress', step: p.step, loss: p.loss }),
    onLog: log,
  });
  // Error messages are clipped where they are made; this also covers ones the runtime builds from learner values.
  await send({ type: 'result', result: result.ok ? result : { ok: false, error: { ...result.error, message: clip(result.error.message, 4 * MAX_LINE_CHARS) } }, nonce: req.nonce });
  processDisconnect();
});
