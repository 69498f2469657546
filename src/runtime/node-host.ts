/**
 * Runs learner code in a child Node process and returns its outputs: the LearnerRunner the CLI, tests and
 * benchmarks use. A wall-clock timeout kills the child (SIGKILL), so an endless loop, `process.exit()` or a crash
 * becomes a LearnerError for that submission and never takes the grader down.
 * (The instructor sandbox — permission model, memory cap — grows here.)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LearnerError } from '../../graders/report.ts';
import type { ChildMessage, ChildRequest } from './node-child.ts';
import type { NodeBackend } from './node-backend.ts';
import type { LearnerRunner, LearnerRunResult } from './run-learner.ts';
import { timeoutError } from './timeout-error.ts';

const childPath = fileURLToPath(new URL('./node-child.ts', import.meta.url));

export function childProcessRunner(opts: { backend: NodeBackend; timeoutMs: number }): LearnerRunner {
  return (input, events) =>
    new Promise<LearnerRunResult>((resolve) => {
      const child = fork(childPath, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: ['--disable-warning=ExperimentalWarning'] });
      let stderr = '';
      let settled = false;
      const finish = (r: LearnerRunResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
        resolve(r);
      };
      const fail = (error: LearnerError) => finish({ ok: false, error });
      const timer = setTimeout(() => fail(timeoutError(opts.timeoutMs)), opts.timeoutMs);
      child.stdout!.on('data', (d: Buffer) => events.onLog?.(d.toString().trimEnd()));
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'progress') events.onProgress?.({ step: m.step, loss: m.loss });
        else if (m.type === 'log') events.onLog?.(m.line);
        else if (m.type === 'result') finish(m.result);
      });
      child.on('error', (e) => fail({ kind: 'internal', message: `Could not start the grading process: ${e.message}` }));
      child.on('exit', (code, signal) => {
        if (settled) return;
        if (/heap out of memory|Array buffer allocation failed/i.test(stderr))
          return fail({ kind: 'thrown', message: 'Your code ran out of memory. Are tensors created in a loop without being disposed (use tf.tidy), or is the model far larger than needed?' });
        fail({
          kind: 'thrown',
          message: `The grading process ended before your code returned a model (${signal ? `signal ${signal}` : `exit code ${code}`}). Does your code call process.exit()?${stderr.trim() ? ` Last output: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
        });
      });
      const req: ChildRequest = { type: 'run', input, backend: opts.backend };
      child.send(req);
    });
}
