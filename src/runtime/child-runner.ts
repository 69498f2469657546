/**
 * The grader's side of a graded child (Node only; the child's side is node-child.ts): runs learner code in a child
 * Node process and returns its outputs, as the LearnerRunner the CLI, tests and benchmarks use. A wall-clock
 * timeout kills the child (SIGKILL), so an endless loop, `process.exit()` or a crash becomes a LearnerError for
 * that submission and never takes the grader down.
 *
 * The channel (threat model in docs/instructors.md, "The sandbox"): the request goes to the child as one
 * length-prefixed JSON frame on its stdin; everything comes back as frames on one pipe, the child's fd 3
 * (frames.ts). The learner's code owns the child's realm and that descriptor, so every byte from it is hostile:
 * frames are bounded (MAX_FRAME_BYTES, rejected on the length prefix) and so is everything a child sends in total
 * (MAX_CHILD_BYTES, then SIGKILL); every message is validated against what the problem expects
 * (child-messages.ts); a child's claimed error is only ever the submission's error; and every handler here is
 * guarded so nothing the child does can throw in the grader.
 *
 * With `sandbox` (the grade CLI always sets it) the child also runs under Node's permission model and an
 * address-space limit, with an empty environment and no inherited descriptors: see sandbox.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { LearnerError } from '../../graders/report.ts';
import { checkResult, parseChildMessage } from './child-messages.ts';
import { describeFrameProblem, encodeFrame, FrameDecoder, replaceTyped, type FrameProblem } from './frames.ts';
import type { ChildRequest } from './node-child.ts';
import type { NodeBackend } from './node-backend.ts';
import { clip } from './output-limits.ts';
import type { LearnerRunner, LearnerRunResult } from './run-learner.ts';
import { javaScriptEntry } from './child-entry.ts';
import { childNodeFlags, othersCanRead, outOfMemoryMessage, outOfMemoryPattern, projectRoot, sandboxCommand, sandboxIdentity, type SandboxOptions } from './sandbox.ts';
import { timeoutError } from './timeout-error.ts';

const childPath = fileURLToPath(new URL('./node-child.ts', import.meta.url));

let childScript: string | undefined;
/**
 * The script a child runs: the JavaScript copy of node-child.ts (child-entry.ts), made once per grader process,
 * or node-child.ts itself where no copy can be written or, for a child under another uid, read.
 */
function childEntry(): string {
  if (childScript === undefined) {
    const js = javaScriptEntry(childPath, projectRoot);
    childScript = js && (process.getuid?.() !== 0 || othersCanRead(js)) ? js : childPath;
  }
  return childScript;
}

/**
 * Largest frame accepted from a child. The largest legitimate one is a result: measured over every reference
 * solution (seed 7), 05-spiral's is 182 KB; the worst case, its 15,400 values with the page's 80×80 decision grid
 * at full double precision, is 0.36 MB. 4 MiB is an 11× margin over that.
 */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/**
 * Everything one child may send the grader (fd 3, stdout and stderr together). An honest run sends one result
 * (≤ 0.36 MB), ≤ 64 KB of log lines (output-limits.ts) and ≤ 20 progress points a second (≈ 60 bytes each);
 * measured, under 0.3 MB for every reference solution. Exceeding it kills the child.
 */
export const MAX_CHILD_BYTES = 16 * 1024 * 1024;

export interface ChildRunnerOptions {
  backend: NodeBackend;
  /** Wall-clock limit for the whole child process, start-up included. */
  timeoutMs: number;
  /** Permission model + memory cap + empty environment + closed descriptors; omitted = a plain child (tests of the runner itself). */
  sandbox?: SandboxOptions;
  /** Overrides of the frame limits (tests). */
  limits?: { maxFrameBytes?: number; maxTotalBytes?: number };
}

type Stdio = ['pipe', 'pipe', 'pipe', 'pipe'];

function startChild(sandbox: SandboxOptions | undefined): ChildProcess {
  const stdio: Stdio = ['pipe', 'pipe', 'pipe', 'pipe'];
  if (!sandbox) return spawn(process.execPath, [...childNodeFlags(), childEntry()], { stdio });
  const { command, args } = sandboxCommand(childEntry(), sandbox);
  return spawn(command, args, { stdio, env: {}, cwd: projectRoot, ...sandboxIdentity() });
}

/** The last line of stderr that names an uncaught error, e.g. "TypeError: x is not a function". */
function uncaughtError(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((l) => l.trim());
  return lines.filter((l) => /^(?:Uncaught )?[A-Z]\w*(?:Error|Exception)\b.*:|^\[?[A-Z]\w*Error\b|^FATAL ERROR|^node:internal/.test(l)).at(-1);
}

/** Why a child ended without a valid result, in words: the signal or exit code, and what stderr shows. */
export function crashMessage(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const how = signal ? `killed by signal ${signal}` : `exit code ${code}`;
  const err = uncaughtError(stderr);
  const last = stderr.trim() ? ` Last output: ${clip(stderr.trim().split('\n').slice(-3).join(' | '), 600)}` : '';
  if (err) return `The grading process ended before your code returned a model (${how}) with an uncaught error: ${clip(err, 400)}.${last}`;
  if (signal) return `The grading process ended before your code returned a model (${how}). Nothing in the grader sent that signal before the time limit, so it came from the process itself (e.g. a crash in native code, or the memory limit).${last}`;
  return `The grading process ended before your code returned a model (${how}). Does your code call process.exit()?${last}`;
}

export function childProcessRunner(opts: ChildRunnerOptions): LearnerRunner {
  const maxFrameBytes = opts.limits?.maxFrameBytes ?? MAX_FRAME_BYTES;
  const maxTotalBytes = opts.limits?.maxTotalBytes ?? MAX_CHILD_BYTES;
  return (input, events) =>
    new Promise<LearnerRunResult>((resolve) => {
      let child: ChildProcess;
      try {
        child = startChild(opts.sandbox);
      } catch (e) {
        resolve({ ok: false, error: { kind: 'internal', message: `Could not start the grading process: ${(e as Error).message}` } });
        return;
      }
      // Only the real runtime in the child is told this; a hook in the child could still read it, so it only
      // catches the naive forgery. The validation below is what the grade relies on.
      const nonce = randomUUID();
      let stderr = '';
      let settled = false;
      let total = 0;
      const decoder = new FrameDecoder({ maxFrameBytes, maxTotalBytes: Number.MAX_SAFE_INTEGER });
      const oom = (detail?: string): LearnerError => ({ kind: 'thrown', message: outOfMemoryMessage(opts.sandbox?.memoryMb ?? 0, detail) });
      const finish = (r: LearnerRunResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          for (const s of child.stdio) (s as Readable | Writable | null)?.destroy();
        } catch {
          // Already gone.
        }
        // An allocation that failed under the cap surfaces as whatever the learner's code was doing; say why.
        if (!r.ok && opts.sandbox && r.error.kind === 'thrown' && !r.error.message.startsWith('Out of memory:') && outOfMemoryPattern.test(r.error.message)) r = { ok: false, error: oom(r.error.message) };
        resolve(r);
      };
      const fail = (error: LearnerError) => finish({ ok: false, error });
      const channelFail = (p: FrameProblem) =>
        fail({
          kind: 'bad-output',
          message:
            p.kind === 'budget'
              ? `The grading process was stopped: ${describeFrameProblem(p)}. Everything it writes counts (the grader's channel, process.stdout, process.stderr); console output is already cut to 300 lines by the runtime.`
              : `The grading process broke the protocol: ${describeFrameProblem(p)}. It was stopped; only the grader's runtime may write to that channel.`,
        });
      /** Every handler runs through this: nothing the child sends may throw here. */
      const guard =
        <A extends unknown[]>(f: (...a: A) => void) =>
        (...a: A) => {
          if (settled) return;
          try {
            f(...a);
          } catch (e) {
            fail({ kind: 'bad-output', message: `The grading process sent something the grader could not handle (${clip(String((e as Error)?.message), 200)}); it counts as the submission's error.` });
          }
        };
      /** Counts bytes against the per-child budget; false (and the child killed) when it is spent. */
      const spend = (n: number): boolean => {
        total += n;
        if (total <= maxTotalBytes) return true;
        channelFail({ kind: 'budget', bytes: total, limit: maxTotalBytes });
        return false;
      };
      const timer = setTimeout(() => fail(timeoutError(opts.timeoutMs)), opts.timeoutMs);
      const [stdin, stdout, stderrStream, results] = child.stdio as unknown as [Writable, Readable, Readable, Readable];
      for (const s of [stdin, stdout, stderrStream, results]) s?.on('error', () => undefined); // EPIPE etc.: 'close' reports the end
      // Lines are bounded by runExercise (and, before they cross the channel, by the child itself).
      stdout.on(
        'data',
        guard((d: Buffer) => spend(d.length) && events.onLog?.(d.toString().trimEnd())),
      );
      stderrStream.on(
        'data',
        guard((d: Buffer) => spend(d.length) && (stderr = (stderr + d.toString()).slice(-4000))),
      );
      results.on(
        'data',
        guard((d: Buffer) => {
          if (!spend(d.length)) return;
          const { values, problem } = decoder.push(d);
          for (const v of values) {
            if (settled) return;
            const parsed = parseChildMessage(v);
            if (!parsed.ok) return fail({ kind: 'bad-output', message: `The grading process sent a message the grader does not accept (${parsed.why}). Only the grader's runtime may write to that channel.` });
            const m = parsed.message;
            if (m.type === 'progress') events.onProgress?.({ step: m.step, loss: m.loss, ...(m.valLoss !== undefined && { valLoss: m.valLoss }) });
            else if (m.type === 'log') events.onLog?.(m.line);
            else if (m.nonce !== nonce)
              return fail({ kind: 'bad-output', message: "A result that the grader's runtime did not make arrived on the grading channel: your code wrote its own result instead of returning a model. Return the trained model from train() and let the grader call predict." });
            else return finish(checkResult(m, input.calls));
          }
          if (problem) channelFail(problem);
        }),
      );
      child.on(
        'error',
        guard((e: Error) => fail({ kind: 'internal', message: `Could not start the grading process: ${e.message}` })),
      );
      // 'close' comes after the exit *and* after the pipes are drained, so a result written just before exiting is read.
      child.on(
        'close',
        guard((code: number | null, signal: NodeJS.Signals | null) => {
          const problem = decoder.end();
          if (problem) return channelFail(problem);
          if (outOfMemoryPattern.test(stderr)) return fail(oom(/(?:FATAL ERROR|RangeError|Fatal)[^\n]*/.exec(stderr)?.[0]));
          fail({ kind: 'thrown', message: crashMessage(code, signal, stderr) });
        }),
      );
      const req: ChildRequest = { type: 'run', input, backend: opts.backend, nonce };
      // A child that dies at start-up (e.g. a memory cap too small for Node itself) closes its stdin: 'close'
      // reports that, so a failed write is not an error of its own.
      try {
        stdin.end(encodeFrame(JSON.stringify(req, replaceTyped)));
      } catch {
        // Reported by 'close'.
      }
    });
}
