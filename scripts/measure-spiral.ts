/**
 * Measurements behind the spiral lesson and its exercise.yaml bounds.
 *
 *   node scripts/with-node.mjs node scripts/measure-spiral.ts bayes
 *       The Bayes-optimal classifier (it knows the generating process) on 200 hidden test spirals.
 *   node scripts/with-node.mjs node scripts/measure-spiral.ts grade [--act relu|sigmoid|tanh] [--epochs N]
 *       [--lr R] [--strong] [--tfjs-init] [--backend wasm|cpu] [--seeds 1-10] [--json FILE]
 *       The reference solution, changed only where the flags say, graded in this process exactly as the grader
 *       does; one line per seed (accuracy, cross-entropy, wall time), then the range. `--json` also writes the
 *       per-seed metrics with their provenance: the lessons render the ReLU network at learning rate 0.01 from
 *       src/components/figures/activation-depth/spiral/relu-lr-0.01.json (--lr 0.01 --seeds 1-5).
 *
 *   node scripts/with-node.mjs node scripts/measure-spiral.ts regions [--seeds N]
 *       Decision regions of the ReLU reference and its tanh and sigmoid variants on one seed (default 1), written
 *       to src/components/figures/activation-depth/spiral/spiral-regions.json for the lesson's static figure.
 *
 * `--probe` logs the size of the hidden pre-activations before and after training.
 * `--tfjs-init` drops the solution's PyTorch-style initialisers, leaving tfjs's defaults (Glorot-uniform weights,
 * zero biases, unseeded): the network a learner who follows hint 2 writes.
 * `--strong` swaps the 2 → 100 → 3 network for a 2 → 256 → 256 → 3 ReLU network (a "how good can a trained model
 * get" probe for the upper bounds).
 */
import { writeFileSync } from 'node:fs';
import { spiral, type SpiralParams } from '../graders/datasets/spiral.ts';
import { loadExercise } from '../graders/exercise-files.ts';
import { accuracy, crossEntropy } from '../graders/metrics.ts';
import { provenance } from '../src/components/figures/kit/provenance.ts';
import { bayesSpiralProbs } from './activation-depth/spiral-bayes.ts';
import { useNodeBackend, type NodeBackend } from '../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../src/runtime/run-exercise.ts';
import { editSource, gradeSeeds, parseMeasureArgs, metricValues, seedRange, stats } from './measure-lib.ts';

const id = '04-activation-depth/05-spiral';
const { values: args, positionals } = parseMeasureArgs({
  strong: { type: 'boolean' },
  probe: { type: 'boolean' },
  'tfjs-init': { type: 'boolean' },
  json: { type: 'string' },
});
const { meta, solution } = loadExercise(id);
const p = meta.data.params as SpiralParams;


/** The reference solution with the activation, epochs, learning rate or network swapped. */
function variant(v: { act: string; epochs?: string; lr?: string; strong?: boolean; probe?: boolean; tfjsInit?: boolean }): string {
  const edit = editSource(solution);
  const { swap } = edit;
  if (v.tfjsInit) {
    swap(', ...init(data.features, ctx.seed) }', ' }');
    swap(', ...init(100, ctx.seed + 2) }', ' }');
  }
  if (v.act !== 'relu') swap("activation: 'relu'", `activation: '${v.act}'`);
  if (v.epochs) swap('epochs: 1000', `epochs: ${v.epochs}`);
  if (v.lr) swap('tf.train.adam(1e-3)', `tf.train.adam(${v.lr})`);
  if (v.strong) {
    swap("units: 100, activation: 'relu'", "units: 256, activation: 'relu'");
    swap(
      "model.add(tf.layers.dense({ units: data.classes, activation: 'softmax', ...init(100, ctx.seed + 2) }));",
      "model.add(tf.layers.dense({ units: 256, activation: 'relu', ...init(256, ctx.seed + 4) }));\n  model.add(tf.layers.dense({ units: data.classes, activation: 'softmax', ...init(256, ctx.seed + 2) }));",
    );
  }
  if (v.probe) {
    // Log the hidden layer's pre-activations z = x·W₁ + b₁ on the training points before and after training: how
    // large they are, how many leave the sigmoid's nearly linear middle (|z| > 1) and how many sit where it is nearly
    // flat (|z| > 2.5 puts σ' below 0.07).
    const probe = (when: string) =>
      `{ const [w1, b1] = model.layers[0]!.getWeights(); const z = tf.tidy(() => xs.matMul(w1!).add(b1!).abs()); const zs = z.dataSync(); z.dispose();` +
      ` let over1 = 0, over25 = 0, max = 0, sum = 0; for (const a of zs) { if (a > 1) over1++; if (a > 2.5) over25++; if (a > max) max = a; sum += a; }` +
      ` const w = w1!.dataSync(); let wmax = 0; for (const a of w) wmax = Math.max(wmax, Math.abs(a));` +
      ` ctx.log('probe ' + JSON.stringify({ when: '${when}', meanAbsZ: sum / zs.length, maxAbsZ: max, shareOver1: over1 / zs.length, shareOver2_5: over25 / zs.length, maxAbsW1: wmax })); }\n  `;
    swap('  await model.fit(', `  ${probe('before training')}await model.fit(`);
    swap('  xs.dispose();\n  ys.dispose();\n  return model;', `  ${probe('after training')}xs.dispose();\n  ys.dispose();\n  return model;`);
  }
  return edit.source;
}

if (positionals[0] === 'bayes') {
  const accs: number[] = [], ces: number[] = [];
  for (let seed = 0; seed < 200; seed++) {
    const { test } = spiral(p, seed);
    const k = test.classes, probs = bayesSpiralProbs(test, p.noise);
    accs.push(accuracy(probs, test.y, k));
    ces.push(crossEntropy(probs, test.y, k));
  }
  console.log(`Bayes-optimal test accuracy over 200 seeds:      ${stats(accs)}`);
  console.log(`Bayes-optimal test cross-entropy over 200 seeds: ${stats(ces)}`);
} else if (positionals[0] === 'grade') {
  const tfjsInit = !!args['tfjs-init'];
  const source = variant({ act: args.act!, ...(args.epochs && { epochs: args.epochs }), ...(args.lr && { lr: args.lr }), strong: !!args.strong, probe: !!args.probe, tfjsInit });
  const seeds = seedRange(args.seeds!);
  const backend = args.backend as NodeBackend;
  const tf = await useNodeBackend(backend);
  console.log(`act=${args.act} epochs=${args.epochs ?? 1000} lr=${args.lr ?? '1e-3'} strong=${!!args.strong} init=${tfjsInit ? 'tfjs' : 'pytorch'} backend=${backend}`);
  const reports = await gradeSeeds({
    meta,
    source,
    backend,
    tf,
    seeds,
    describe: (report) => {
      for (const line of report.logs) if (line.startsWith('probe ')) console.log(`  ${line}`);
      const m = metricValues(report);
      return `accuracy ${m.testAccuracy!.toFixed(4)}  cross-entropy ${m.testCrossEntropy!.toFixed(4)}`;
    },
  });
  const ms = reports.map(metricValues);
  console.log(`accuracy:      ${stats(ms.map((m) => m.testAccuracy!))}`);
  console.log(`cross-entropy: ${stats(ms.map((m) => m.testCrossEntropy!))}`);
  console.log(`seconds:       ${stats(reports.map((r) => r.durationMs / 1000))}`);
  if (args.json) {
    const flags = [...(args.probe ? ['--probe'] : []), `--act ${args.act}`, ...(args.epochs ? [`--epochs ${args.epochs}`] : []), ...(args.lr ? [`--lr ${args.lr}`] : []), ...(tfjsInit ? ['--tfjs-init'] : []), `--seeds ${args.seeds}`, `--backend ${backend}`];
    const command = `node scripts/with-node.mjs node scripts/measure-spiral.ts grade ${flags.join(' ')} --json ${args.json}`;
    const out = {
      provenance: provenance('scripts/measure-spiral.ts', command),
      exercise: id,
      change: { activation: args.act, epochs: Number(args.epochs ?? 1000), learningRate: Number(args.lr ?? 1e-3), strong: !!args.strong, init: tfjsInit ? 'tfjs' : 'pytorch' },
      backend,
      runs: reports.map((r, i) => ({
        seed: seeds[i]!,
        status: r.status,
        ...metricValues(r),
        // --probe: the hidden pre-activations' sizes before and after training, as the run logged them.
        ...(args.probe && { probe: r.logs.filter((l) => l.startsWith('probe ')).map((l) => JSON.parse(l.slice(6)) as Record<string, number | string>) }),
      })),
    };
    writeFileSync(args.json, JSON.stringify(out, null, 1) + '\n');
    console.log(`wrote ${args.json}`);
  }
} else if (positionals[0] === 'regions') {
  // The decision regions of the reference network and its tanh and sigmoid variants after training on one seed,
  // as 60×60 grids of predicted classes: src/components/figures/activation-depth/spiral/spiral-regions.json, drawn by SpiralRegions.astro.
  const seed = Number(args.seeds!.split('-')[0]);
  const tf = await useNodeBackend('wasm');
  const panels = [];
  let box: Record<string, number> = {};
  for (const act of ['relu', 'tanh', 'sigmoid']) {
    const { report, plot } = await runExercise({ meta, source: variant({ act }), backend: 'wasm', runner: inThreadRunner(tf), seed, gridSize: 60 });
    if (report.error || plot?.kind !== 'regions') throw new Error(report.error?.message ?? 'no regions plot');
    const m = metricValues(report);
    panels.push({ activation: act, testAccuracy: Number(m.testAccuracy!.toFixed(4)), testCrossEntropy: Number(m.testCrossEntropy!.toFixed(4)), grid: Array.from(plot.gridClasses).join('') });
    console.log(act, m);
    box = Object.fromEntries(Object.entries(plot.box).map(([k, v]) => [k, Number(v.toFixed(4))]));
  }
  const command = 'node scripts/with-node.mjs node scripts/measure-spiral.ts regions --seeds ' + seed;
  const out = { provenance: provenance('scripts/measure-spiral.ts', command), seed, size: 60, box, panels };
  writeFileSync('src/components/figures/activation-depth/spiral/spiral-regions.json', JSON.stringify(out, null, 1) + '\n');
} else {
  console.error('usage: measure-spiral.ts bayes | grade [flags] | regions [--seeds N]');
  process.exit(2);
}
