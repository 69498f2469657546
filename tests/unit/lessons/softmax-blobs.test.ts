/**
 * The softmax-blobs lesson's "model.fit or a loop of your own?" passage: the measurement it quotes
 * (training-loop.json, written by scripts/activation-depth/measure-training-loop.ts) is complete and says what the
 * prose says, the page renders its numbers through expressions (none typed by hand), and the loop the page shows
 * passes the exercise with exactly the solution's grades and no tensor left behind. Also: the Bayes posterior of these
 * blobs is a softmax of linear logits, so a plain 2 → 4 softmax passes (the page says so), and the loss curve does
 * not start at log 4.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blobs, blobsParams } from '../../../graders/datasets/blobs.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { blobsLoop, loopText, spiralLoop, trainingLoop } from '../../../src/components/figures/activation-depth/softmax-blobs/training-loop.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../../../src/runtime/run-exercise.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const id = '04-activation-depth/01-softmax-blobs';
const mdx = readFileSync('src/content/docs/activation-depth/softmax-blobs.mdx', 'utf8');
const section = mdx.slice(mdx.indexOf('### `model.fit` or a loop of your own?'), mdx.indexOf('## How the exercise is graded'));

describe('the measurement (training-loop.json)', () => {
  const both = Object.values(trainingLoop.exercises);

  it('was written by the script, over at least 5 interleaved runs, for the blobs and the spiral', () => {
    expect(trainingLoop.provenance.script).toBe('scripts/activation-depth/measure-training-loop.ts');
    expect(trainingLoop.provenance.command).toMatch(/^node scripts\/with-node\.mjs node scripts\/activation-depth\/measure-training-loop\.ts/);
    expect(trainingLoop.runs).toBeGreaterThanOrEqual(5);
    expect(trainingLoop.backend).toMatch(/^tfjs WASM in Node/);
    expect(Object.keys(trainingLoop.exercises)).toEqual(['blobs', 'spiral']);
    expect(both.map((e) => e.exercise)).toEqual([id, '04-activation-depth/05-spiral']);
  });

  it('holds median, min and max CPU seconds per variant and the ratio of the medians', () => {
    for (const e of both) {
      expect(e.variants.map((v) => v.name)).toEqual(['model.fit', 'tf.tidy + optimizer.minimize loop']);
      for (const { cpuSeconds: s } of e.variants) {
        expect(s.min).toBeGreaterThan(0);
        expect(s.min).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.max);
      }
      // The medians are stored to 3 decimals, the ratio to 2.
      expect(e.ratio).toBeCloseTo(e.variants[1]!.cpuSeconds.median / e.variants[0]!.cpuSeconds.median, 1);
    }
  });

  it('says what the prose says: identical grades; the loop saves more on the blobs than on the spiral', () => {
    for (const e of both) {
      expect(e.metricsIdentical).toBe(true);
      expect(e.maxMetricDifference).toBe(0);
    }
    const { blobs, spiral } = trainingLoop.exercises;
    // "Faster": in every run the loop's CPU time was below fit's median, on both.
    for (const e of both) expect(e.variants[1]!.cpuSeconds.max).toBeLessThan(e.variants[0]!.cpuSeconds.median);
    // "A visible share" on the blobs (a tenth or more saved); "a smaller share" on the spiral.
    expect(blobs.ratio).toBeLessThanOrEqual(0.9);
    expect(spiral.ratio).toBeGreaterThan(blobs.ratio);
    expect(spiral.ratio).toBeLessThan(1);
    // The step counts are the solutions'.
    expect(blobs.epochs).toBe(300);
    expect(spiral.epochs).toBe(1000);
  });
});

describe('the page renders the measurement', () => {
  it('formats a comparison as the page shows it', () => {
    const c = { exercise: 'x', epochs: 300, variants: [{ name: 'a', cpuSeconds: { median: 0.584, min: 0.5, max: 0.7 } }, { name: 'b', cpuSeconds: { median: 0.421, min: 0.4, max: 0.5 } }], ratio: 0.72, metricsIdentical: true, maxMetricDifference: 0 };
    expect(loopText(c)).toEqual({ ratio: '0.72×', saved: '28 %', fitSeconds: '0.58 s', loopSeconds: '0.42 s', extraPerStep: '0.54 ms', epochs: 300 });
    expect(blobsLoop).toEqual(loopText(trainingLoop.exercises.blobs));
    expect(spiralLoop).toEqual(loopText(trainingLoop.exercises.spiral));
    expect(blobsLoop.ratio).toBe(`${trainingLoop.exercises.blobs.ratio.toFixed(2)}×`);
  });

  it('imports the formatted numbers and renders every one through an expression', () => {
    expect(mdx).toContain("import { blobsLoop, spiralLoop, trainingLoop } from '../../../components/figures/activation-depth/softmax-blobs/training-loop.ts';");
    for (const field of ['ratio', 'saved', 'fitSeconds', 'loopSeconds', 'extraPerStep', 'epochs']) expect(section).toContain(`{blobsLoop.${field}}`);
    for (const field of ['ratio', 'fitSeconds', 'loopSeconds', 'extraPerStep', 'epochs']) expect(section).toContain(`{spiralLoop.${field}}`);
    for (const expr of ['{trainingLoop.runs}', '{trainingLoop.provenance.command}', '{trainingLoop.provenance.measured}']) expect(section).toContain(expr);
  });

  it('types no measured number by hand', () => {
    const prose = section.replace(/```ts[\s\S]*?```/, '');
    expect(prose).not.toMatch(/\d\s*×/); // ratios
    expect(prose).not.toMatch(/\d\s*%/); // savings
    expect(prose).not.toMatch(/\d\s*s\b/); // seconds
  });
});

describe('the loop the page shows', () => {
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const { solution } = loadExercise(id);
  // The solution with model.compile and model.fit replaced by the page's loop: the learner's edit.
  const withLoop = solution
    .replace(/ {2}model\.compile\([^\n]*\n/, '')
    .replace(/ {2}await model\.fit\([\s\S]*?\n {2}\}\);\n/, code.replace(/^/gm, '  '));

  it('is a complete replacement of model.compile + model.fit', () => {
    expect(withLoop).not.toContain('model.compile(');
    expect(withLoop).not.toContain('model.fit(');
    expect(withLoop).toContain('optimizer.minimize');
  });

  it('passes with exactly the solution’s grades and leaks no tensors', async () => {
    const tf = await useNodeBackend('wasm');
    const fit = await gradeInProcess(id, solution, 3);
    const before = tf.memory().numTensors;
    const loop = await gradeInProcess(id, withLoop, 3);
    expect(loop.status, JSON.stringify(loop.error ?? loop.checks)).toBe('passed');
    expect(loop.checks.map((c) => c.value)).toEqual(fit.checks.map((c) => c.value));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a linear model is all these blobs need', () => {
  const { meta } = loadExercise(id);
  const p = blobsParams.parse(meta.data.params);

  it('the Bayes posterior of equal round blobs is a softmax of linear logits μₖ·x/σ² − |μₖ|²/2σ²', () => {
    const softmax = (z: number[]) => {
      const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    const s2 = p.std ** 2;
    const { test } = blobs(p, 1);
    for (let i = 0; i < test.n; i++) {
      const x = test.x[2 * i]!, y = test.x[2 * i + 1]!;
      const bayes = softmax(p.centers.map(([cx, cy]) => -((x - cx!) ** 2 + (y - cy!) ** 2) / (2 * s2)));
      const linear = softmax(p.centers.map(([cx, cy]) => (cx! * x + cy! * y) / s2 - (cx! ** 2 + cy! ** 2) / (2 * s2)));
      linear.forEach((q, k) => expect(q).toBeCloseTo(bayes[k]!, 12));
    }
  });

  it('a plain 2 → 4 softmax (no hidden layer) passes', async () => {
    const linear = solutionWith(id, /\n {2}model\.add\(tf\.layers\.dense\(\{ units: 8, activation: 'relu'.*\n/, '\n').replace(
      'units: data.classes, activation:',
      'units: data.classes, inputShape: [data.features], activation:',
    );
    expect(linear).not.toContain("activation: 'relu'");
    for (const seed of [1, 2, 3, 4]) {
      const r = await gradeInProcess(id, linear, seed);
      expect(r.status, `seed ${seed}: ${JSON.stringify(r.error ?? r.checks)}`).toBe('passed');
    }
  });

  it('the page and the solution say so and point to "Why non-linearity"; no "bends the boundaries a little"', () => {
    const text = mdx.replace(/\s+/g, ' ');
    expect(text).toContain('a plain 2 → 4 softmax, with no hidden layer, can represent the Bayes-optimal classifier exactly, and it passes this exercise too.');
    expect(text).toContain('[Why non-linearity](../why-nonlinearity/)');
    const { solution } = loadExercise(id);
    expect(solution.replace(/\s*\/\/\s*/g, ' ')).toContain('a plain 2 → 4 softmax passes too');
    for (const t of [text, solution]) expect(t).not.toMatch(/bend (them|the boundaries) a little/);
  });
});

describe('where the loss curve starts', () => {
  const firstLoss = async (seed: number) => {
    const source = solutionWith(id, 'epochs: 300', 'epochs: 1');
    const tf = await useNodeBackend('wasm');
    const { meta } = loadExercise(id);
    const losses: number[] = [];
    await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf), seed, onProgress: (e) => losses.push(e.loss) });
    return losses[0]!;
  };

  it('is not log 4: above chance on the public seed, below it on seed 4; the messages claim no start', async () => {
    expect(await firstLoss(42)).toBeGreaterThan(2 * Math.log(4));
    expect(await firstLoss(4)).toBeLessThan(Math.log(4));
    const { meta } = loadExercise(id);
    for (const c of meta.checks) for (const m of [c.tooLow, c.tooHigh]) expect(m ?? '').not.toMatch(/from about log 4/);
    expect(mdx).not.toMatch(/around 2 to 4/);
  });
});
