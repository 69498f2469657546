/**
 * Child process that runs one learner submission in Node (started by child-runner.ts). It receives only inputs
 * (training split, test inputs without labels, a derived seed) and sends back outputs; grading happens in the
 * parent.
 *
 * Channels: the request arrives on stdin as one length-prefixed JSON frame (frames.ts); progress, the learner's
 * console output and the result go back as frames on ONE pipe, fd 3 (no Node IPC channel: no `process.send`, no
 * V8 deserialisation in the grader). The learner's code runs in this realm and can write to fd 3 itself, hook
 * anything here, or forge frames: the grader treats every byte as hostile (child-runner.ts, child-messages.ts).
 * What this module does is keep an *honest* run's messages intact and bounded.
 */
import { writeSync } from 'node:fs';
import type { LearnerInput, LearnerRunResult, ProgressEvent } from './run-learner.ts';
import { runLearner } from './run-learner.ts';
import { useNodeBackend, type NodeBackend } from './node-backend.ts';
import { clip, consoleText, logLimiter, MAX_ERROR_CHARS, toText } from './output-limits.ts';
import { encodeFrame, FrameDecoder, reviveTyped } from './frames.ts';
// Types only: the schemas (and zod) stay in the grader, so a child starts without loading them.
import type { WireMessage } from './child-messages.ts';
import { wireValue } from './wire-values.ts';

/** `nonce` marks the genuine result; the grader validates every result anyway (a hook could read the nonce). */
export type ChildRequest = { type: 'run'; input: LearnerInput; backend: NodeBackend; nonce: string };
export type ChildMessage = WireMessage;

/** The result descriptor child-runner.ts opens for this child (stdio[3]). */
export const RESULT_FD = 3;

// Captured before any learner code runs, so replacing them later does not reroute or break an honest result.
const stringify = JSON.stringify;
const write = writeSync;
const send = (m: ChildMessage): void => {
  try {
    const frame = encodeFrame(stringify(m));
    for (let off = 0; off < frame.length; ) off += write(RESULT_FD, frame, off, frame.length - off);
  } catch {
    // The grader has gone or killed us; nothing to tell it.
  }
};

// A submission must not signal or renice other processes: the grader (its parent) or the children grading other
// students. The permission model does not cover process.kill or os.setPriority, so they are replaced before any
// learner code runs; process.binding, which could reach the originals, is denied by the permission model.
// (When the grader runs as root, each child also runs under its own unprivileged uid: see sandbox.ts.)
const blocked = (name: string) => () => {
  throw new Error(`${name} is not available to submissions.`);
};
// process.send does not exist here (no IPC channel); it is defined to throw so a submission gets a clear reason.
for (const name of ['kill', '_kill', 'send'] as const) Object.defineProperty(process, name, { value: blocked(`process.${name}`), writable: false, configurable: false });
for (const name of ['setPriority'] as const) Object.defineProperty(process.getBuiltinModule('node:os'), name, { value: blocked(`os.${name}`), writable: false, configurable: false });

// Learner console output becomes log lines in the report instead of noise on the grader's terminal. Limited here,
// before it crosses the channel: a print loop costs the grader nothing.
const limit = logLimiter();
const text = toText;
const log = (line: unknown) => {
  const kept = limit(text(line));
  if (kept !== undefined) send({ type: 'log', line: kept });
};
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = (...args: unknown[]) => log(args.map(consoleText).join(' '));
// A promise the learner's code did not await (model.fit without await, then the data disposed) fails after the call
// returned: a log line, not a crash of the child that would hide the report's own message (run-learner.ts says
// what went wrong). The browser worker does the same (worker.ts).
process.on('unhandledRejection', (e) => log(`A promise your code did not await failed: ${text((e as Error)?.message ?? e)}`));

// Progress is for a live curve; the grade uses only the result. At most 20 points a second, so a learner who
// reports every batch cannot spend the per-child byte budget the grader enforces. Live plots (ProgressEvent.plots)
// stay in the browser: only step, loss and the validation loss cross to the grader, which has no page to draw
// them on, so the progress message (child-messages.ts) has only finite numbers to validate. (The learner's own
// frames are still validated here, by ctx.report, so a bad frame gives the same log line as on the page.)
let lastProgress = 0;
const progress = ({ step, loss, valLoss }: ProgressEvent) => {
  const now = Date.now();
  if (now - lastProgress < 50) return;
  lastProgress = now;
  send({ type: 'progress', step, loss, ...(valLoss !== undefined && { valLoss }) });
};

/** The result as plain JSON values (typed arrays → number arrays), error messages clipped. */
function wire(result: LearnerRunResult): Extract<ChildMessage, { type: 'result' }>['result'] {
  if (!result.ok) return { ok: false, error: { ...result.error, message: clip(text(result.error.message), MAX_ERROR_CHARS) } };
  const calls = result.outputs.calls.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.from(v, wireValue)])));
  return { ok: true, outputs: { calls, ...(result.outputs.finalLoss !== undefined && { finalLoss: result.outputs.finalLoss }) } };
}

async function main(req: ChildRequest): Promise<void> {
  // Keeps the process alive until the result is sent: learner code awaiting a promise that never settles is then
  // stopped at the time limit (and reported as such) instead of the process exiting quietly with code 0.
  const keepAlive = setInterval(() => undefined, 60_000);
  const tf = await useNodeBackend(req.backend);
  let result: LearnerRunResult;
  try {
    result = await runLearner({ ...req.input, tf, backend: req.backend, onProgress: progress, onLog: log });
  } catch (e) {
    // runLearner never throws by contract; a value the learner made (a throwing toString…) might still escape it.
    result = { ok: false, error: { kind: 'thrown', message: `Your code made the runtime fail: ${text((e as Error)?.message ?? e)}` } };
  }
  let payload: ReturnType<typeof wire>;
  try {
    payload = wire(result);
  } catch (e) {
    payload = { ok: false, error: { kind: 'bad-output', message: `The outputs could not be read: ${text((e as Error)?.message ?? e)}` } };
  }
  send({ type: 'result', result: payload, nonce: req.nonce });
  clearInterval(keepAlive);
}

// One request frame on stdin (the grader writes it and closes the pipe).
const decoder = new FrameDecoder({ maxFrameBytes: 1 << 30, maxTotalBytes: 1 << 30 }, reviveTyped);
let started = false;
process.stdin.on('data', (chunk: Buffer) => {
  if (started) return;
  const { values } = decoder.push(chunk);
  if (!values.length) return;
  started = true;
  process.stdin.pause();
  void main(values[0] as ChildRequest);
});
