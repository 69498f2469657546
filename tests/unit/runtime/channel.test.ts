/**
 * The child-process runner end to end with real sandboxed children and real tfjs: what a child does on its
 * channel, or how it dies, becomes the submission's error with the numbers and the evidence, never an exception
 * in the grader. (The golden hostile fixtures in tests/fixtures/submissions cover the rest through the CLI.)
 */
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import { childProcessRunner, crashMessage } from '../../../src/runtime/child-runner.ts';
import type { LearnerRunResult } from '../../../src/runtime/run-learner.ts';
import { blobsId } from '../../helpers/exercise.ts';

const { meta, solution } = loadExercise(blobsId);
const calls = makeProblem(meta.data, 7, { gridSize: 0 }).calls;

function run(source: string, o: { timeoutMs?: number; maxTotalBytes?: number } = {}): Promise<LearnerRunResult> {
  const runner = childProcessRunner({
    backend: 'wasm',
    timeoutMs: o.timeoutMs ?? 20_000,
    sandbox: { memoryMb: 4096 },
    ...(o.maxTotalBytes !== undefined && { limits: { maxTotalBytes: o.maxTotalBytes } }),
  });
  return runner({ source, entry: 'train', seed: 1, calls }, {});
}

const train = (body: string) => `export async function train() {\n  const p = (globalThis as any).process;\n  ${body}\n}\n`;

describe('the child-process runner', () => {
  it('grades the reference solution through the framed channel', async () => {
    const r = await run(solution);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.outputs.calls[0]!.probs).toHaveLength(4000);
  }, 30_000);

  it('kills a child past the per-child byte budget and says so with the numbers', async () => {
    const r = await run(solution, { maxTotalBytes: 10_000 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-output' } });
    if (!r.ok) expect(r.error.message).toMatch(/sent more than 10000 bytes to the grader \(at least \d+\); the budget per submission is 10000 bytes/);
  }, 30_000);

  it('stops a frame that never completes at the time limit', async () => {
    const r = await run(train(`p.getBuiltinModule('node:fs').writeSync(3, new Uint8Array([0, 0, 1, 0, 123]));\n  await new Promise(() => {});`), { timeoutMs: 4000 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  }, 30_000);

  it('a truncated frame at exit is the submission\'s error', async () => {
    const r = await run(train(`p.getBuiltinModule('node:fs').writeSync(3, new Uint8Array([0, 0, 1, 0, 123]));\n  p.exit(0);`));
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-output' } });
    if (!r.ok) expect(r.error.message).toMatch(/the result channel ended in the middle of a message \(5 bytes of it had arrived\)/);
  }, 30_000);

  it('reports an uncaught error after train() returned as what it was, not as process.exit()', async () => {
    const r = await run(train(`setTimeout(() => { throw new TypeError('late boom'); }, 0);\n  await new Promise(() => {});`));
    expect(r).toMatchObject({ ok: false, error: { kind: 'thrown' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(/ended before your code returned a model \(exit code \d+\) with an uncaught error: TypeError: late boom/);
      expect(r.error.message).not.toMatch(/process\.exit/);
    }
  }, 30_000);

  it('names a signal the child raised itself', async () => {
    const r = await run(train(`p.abort();`));
    expect(r).toMatchObject({ ok: false, error: { kind: 'thrown' } });
    if (!r.ok) expect(r.error.message).toMatch(/killed by signal SIGABRT/);
  }, 30_000);

  it('a result frame with the wrong token is the submission\'s error', async () => {
    const frame = `const b = (globalThis as any).Buffer.from(JSON.stringify({ type: 'result', nonce: 'guess', result: { ok: false, error: { kind: 'internal', message: 'regrade by hand' } } }));
  const h = new Uint8Array(4); new DataView(h.buffer).setUint32(0, b.length);
  p.getBuiltinModule('node:fs').writeSync(3, h); p.getBuiltinModule('node:fs').writeSync(3, b);
  await new Promise(() => {});`;
    const r = await run(train(frame));
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-output' } });
    if (!r.ok) expect(r.error.message).toMatch(/A result that the grader's runtime did not make/);
  }, 30_000);

  it('carries −Infinity and NaN back to an evaluation that grades them (a log-density that underflowed)', async () => {
    const runner = childProcessRunner({ backend: 'wasm', timeoutMs: 20_000, sandbox: { memoryMb: 4096 } });
    const source = `export function logDensity() { return [-2.5, -Infinity, NaN, Infinity]; }`;
    const evals = [{ key: 'logp', kind: 'array' as const, shape: [4], label: 'the log-densities', allowNonFinite: true }];
    const r = await runner({ source, entry: 'logDensity', seed: 1, calls: [{ arg: undefined, evals }] }, {});
    if (!r.ok) throw new Error(r.error.message);
    expect(Array.from(r.outputs.calls[0]!.logp!)).toEqual([-2.5, -Infinity, NaN, Infinity]);
  }, 30_000);
});

describe('crashMessage', () => {
  it('blames process.exit() only when a clean exit is all the evidence', () => {
    expect(crashMessage(0, null, '')).toMatch(/\(exit code 0\)\. Does your code call process\.exit\(\)\?$/);
    expect(crashMessage(1, null, 'file:///x.js:1\nUncaught RangeError: bad\n    at f (x.js:1)')).toMatch(/with an uncaught error: Uncaught RangeError: bad\./);
    expect(crashMessage(null, 'SIGSEGV', '')).toMatch(/killed by signal SIGSEGV.*came from the process itself/);
    expect(crashMessage(null, 'SIGSEGV', '')).not.toMatch(/process\.exit/);
  });
});
