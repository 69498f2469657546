/**
 * The learner's console output reaches the run's log (issue 15, item 6): in the grader's sandboxed child
 * (node-child.ts) as here, and in the browser worker (worker.ts; tests/e2e/module.test.ts), each argument written as
 * consoleText writes it, in order with ctx.log's lines.
 */
import { describe, expect, it } from 'vitest';
import type { LearnerCall } from '../../../graders/problem.ts';
import { childProcessRunner } from '../../../src/runtime/child-runner.ts';

describe('console output in the grading child', () => {
  it('console.log/info/warn/error become log lines, in order with ctx.log, arrays and objects readable', async () => {
    const source = `export function f(_: unknown, ctx: any) {
  console.log('shape', [2, 3]);
  ctx.log('from ctx.log');
  console.info({ epoch: 1, loss: 0.5 });
  console.warn(new Float32Array([0.5, 1.5]));
  console.error('last');
  return [1];
}`;
    const calls: LearnerCall[] = [{ arg: undefined, evals: [{ key: 'v', kind: 'array', shape: [1], label: 'the value' }] }];
    const lines: string[] = [];
    const runner = childProcessRunner({ backend: 'wasm', timeoutMs: 20_000, sandbox: { memoryMb: 4096 } });
    const r = await runner({ source, entry: 'f', seed: 1, calls }, { onLog: (l) => lines.push(l) });
    expect(r.ok).toBe(true);
    expect(lines).toEqual(['shape [2, 3]', 'from ctx.log', '{"epoch":1,"loss":0.5}', 'Float32Array(2) [0.5, 1.5]', 'last']);
  }, 30_000);
});
