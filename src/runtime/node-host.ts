/**
 * Runs learner code in a child Node process and returns its outputs: the LearnerRunner the CLI, tests and
 * benchmarks use. A wall-clock timeout kills the child (SIGKILL), so an endless loop, `process.exit()` or a crash
 * becomes a LearnerError for that submission and never takes the grader down.
 *
 * With `sandbox` (the grade CLI always sets it) the child also runs under Node's permission model and an
 * address-space limit, with an empty environment: see sandbox.ts for the layers and what was measured.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LearnerError } from '../../graders/report.ts';
import type { ChildMessage, ChildRequest } from './node-child.ts';
import type { NodeBackend } from './node-backend.ts';
import type { LearnerRunner, LearnerRunResult } from './run-learner.ts';
import { outOfMemoryMessage, outOfMemoryPattern, projectRoot, sandboxCommand, sandboxIdentity, type SandboxOptions } from './sandbox.ts';
import { timeoutError } from './timeout-error.ts';

const childPath = fileURLToPath(new URL('./node-child.ts', import.meta.url));

export interface ChildRunnerOptions {
  backend: NodeBackend;
  /** Wall-clock limit for the whole child process, start-up included. */
  timeoutMs: number;
  /** Permission model + memory cap + empty environment; omitted = a plain fork (tests of the runner itself). */
  sandbox?: SandboxOptions;
}

function startChild(sandbox: SandboxOptions | undefined): ChildProcess {
  const stdio: ['ignore', 'pipe', 'pipe', 'ipc'] = ['ignore', 'pipe', 'pipe', 'ipc'];
  if (!sandbox) return fork(childPath, [], { serialization: 'advanced', stdio, execArgv: ['--disable-warning=ExperimentalWarning'] });
  const { command, args } = sandboxCommand(childPath, sandbox);
  return spawn(command, args, { serialization: 'advanced', stdio, env: {}, cwd: projectRoot, ...sandboxIdentity() });
}

export function childProcessRunner(opts: ChildRunnerOptions): LearnerRunner {
  return (input, events) =>
    new Promise<LearnerRunResult>((resolve) => {
      const child = startChild(opts.sandbox);
      // Only the real runtime in the child knows this, so a result the learner's code posts itself with
      // process.send is recognised as forged. It travels in the request, never in LearnerInput.
      const nonce = randomUUID();
      let stderr = '';
      let settled = false;
      const oom = (detail?: string): LearnerError => ({ kind: 'thrown', message: outOfMemoryMessage(opts.sandbox?.memoryMb ?? 0, detail) });
      const finish = (r: LearnerRunResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        // An allocation that failed under the cap surfaces as whatever the learner's code was doing; say why.
        if (!r.ok && opts.sandbox && r.error.kind === 'thrown' && !r.error.message.startsWith('Out of memory:') && outOfMemoryPattern.test(r.error.message)) r = { ok: false, error: oom(r.error.message) };
        resolve(r);
      };
      const fail = (error: LearnerError) => finish({ ok: false, error });
      const timer = setTimeout(() => fail(timeoutError(opts.timeoutMs)), opts.timeoutMs);
      // Lines are bounded by runExercise (and, before they cross the channel, by the child itself).
      child.stdout!.on('data', (d: Buffer) => events.onLog?.(d.toString().trimEnd()));
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.on('message', (m: ChildMessage) => {
        if (!m || typeof m !== 'object') return;
        if (m.type === 'progress') events.onProgress?.({ step: Number(m.step), loss: Number(m.loss) });
        else if (m.type === 'log') events.onLog?.(String(m.line));
        else if (m.type === 'result') {
          if (m.nonce !== nonce || !m.result || typeof m.result !== 'object' || typeof m.result.ok !== 'boolean')
            return fail({ kind: 'bad-output', message: 'Your code sent its own message to the grading process (process.send) instead of returning a model. Return the trained model from train() and let the grader call predict.' });
          finish(m.result);
        }
      });
      child.on('error', (e) => fail({ kind: 'internal', message: `Could not start the grading process: ${e.message}` }));
      child.on('exit', (code, signal) => {
        if (settled) return;
        if (outOfMemoryPattern.test(stderr)) return fail(oom(/(?:FATAL ERROR|RangeError|Fatal)[^\n]*/.exec(stderr)?.[0]));
        fail({
          kind: 'thrown',
          message: `The grading process ended before your code returned a model (${signal ? `signal ${signal}` : `exit code ${code}`}). Does your code call process.exit()?${stderr.trim() ? ` Last output: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
        });
      });
      const req: ChildRequest = { type: 'run', input, backend: opts.backend, nonce };
      // A child that dies at start-up (e.g. a memory cap too small for Node itself) closes the channel: the
      // 'exit' handler reports that, so a failed send is not an error of its own.
      child.send(req, () => {});
    });
}
