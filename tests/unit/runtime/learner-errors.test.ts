/**
 * Bad learner code never crashes the runner: each mistake becomes a LearnerError that names the problem and,
 * where it can, the line. Real tfjs (WASM backend), real transpiler, no mocks.
 */
import { describe, expect, it } from 'vitest';
import { transpile } from '../../../src/runtime/transpile.ts';
import { blobsId, gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

describe('transpile', () => {
  it('reports a syntax error with its TypeScript line and column', () => {
    const r = transpile('const a = 1;\nconst b = ;\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'syntax', line: 2, column: 11 });
    expect(r.error.message).toBe('Syntax error at line 2, column 11: Unexpected token.');
  });
  it('keeps line numbers: line N of the output is line N of the source', () => {
    const src = 'import * as tf from "x";\ninterface A { b: number }\n\nexport function f(a: A): number {\n  throw new Error("here");\n}\n';
    const r = transpile(src);
    expect(r.ok && r.code.split('\n')[4]).toContain('throw new Error("here")');
  });
});

describe('learner errors on the blobs exercise', () => {
  it.each([
    ['a syntax error', (s: string) => s.replace('const model = tf.sequential();', 'const model = tf.sequential(;'), { kind: 'syntax', line: 12 }, /Syntax error at line 12, column \d+: Unexpected token/],
    ['no train export', (s: string) => s.replace('export async function train', 'async function train'), { kind: 'missing-export' }, /must export a function named "train".*exports nothing/],
    ['a misspelled export', (s: string) => s.replace('function train(', 'function trian('), { kind: 'missing-export' }, /it exports trian/],
    ['a thrown error', (s: string) => s.replace('const model = tf.sequential();', 'const model = tf.sequential();\n  throw new Error("boom");'), { kind: 'thrown', line: 13, column: 9 }, /threw Error: boom inside train\(\) \(line 13, column 9\)/],
    ['a tfjs shape error', (s: string) => s.replace('inputShape: [data.features]', 'inputShape: [3]'), { kind: 'thrown' }, /Your code threw Error: input expected .* shape \[3\] .* each with shape \[2\].* inside train\(\)/],
    ['no return', (s: string) => s.replace('return model;', 'return undefined as never;'), { kind: 'bad-output' }, /returned undefined; it must return the trained model.*return model;/],
    ['logits instead of probabilities', (s: string) => s.replace("activation: 'softmax', ", ''), { kind: 'bad-output' }, /not probabilities.*add activation: 'softmax'/],
    ['the wrong number of outputs', (s: string) => s.replace('units: data.classes', 'units: 3'), { kind: 'thrown' }, /Your code threw/],
    // tfjs clips probabilities inside its cross-entropy, so a diverged model's loss saturates (~16.1) while its
    // weights and outputs are NaN: the output check catches it.
    ['a diverging learning rate', (s: string) => s.replace('tf.train.sgd(0.1)', 'tf.train.sgd(1e20)'), { kind: 'nan' }, /output NaN .* weights have probably diverged \(try a smaller learning rate\)/],
    // The orphaned fit then fails on the disposed data: handled (fit-watch.ts), so nothing crashes this process.
    ['model.fit without await', (s: string) => s.replace('await model.fit(', 'model.fit('), { kind: 'bad-output' }, /train\(\) returned its model while model\.fit was still running.*`await model\.fit\(…\)`/],
    ['a NaN loss reported', (s: string) => s.replace('logs?.loss ?? NaN', 'Math.log(0) * 0'), { kind: 'nan' }, /training loss became NaN at step 0.*learning rate is too large.*log\(0\)/],
    ['an import the runtime does not provide', (s: string) => `import fs from 'node:fs';\nfs.existsSync('x');\n${s}`, { kind: 'thrown', line: 1 }, /Cannot import "node:fs": exercises can import only "@tensorflow\/tfjs" and "course"/],
  ])('%s', async (_what, mutate, errorShape, message) => {
    const { solution } = await import('../../../graders/exercise-files.ts').then((m) => m.loadExercise(blobsId));
    const source = mutate(solution);
    expect(source).not.toBe(solution);
    const r = await gradeInProcess(blobsId, source);
    expect(r.status).toBe('error');
    expect(r.score).toBe(0);
    expect(r.error).toMatchObject(errorShape);
    expect(r.error!.message).toMatch(message);
  });

  it('a model whose predict returns the wrong shape is named as such', async () => {
    const src = solutionWith(blobsId, 'return model;', 'return { predict: (x: tf.Tensor2D) => tf.ones([x.shape[0], 3]) } as unknown as tf.LayersModel;');
    const r = await gradeInProcess(blobsId, src);
    expect(r.error?.kind).toBe('bad-output');
    expect(r.error?.message).toMatch(/shape \[1000, 3\] for 1000 input rows; expected \[1000, 4\]/);
  });
});
