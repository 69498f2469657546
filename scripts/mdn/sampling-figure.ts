/**
 * The numbers of the sampling lesson (src/content/docs/mixture-density-networks/sampling.mdx), written with
 * provenance to src/components/figures/mdn/sampling/sampling-numbers.json:
 *   - `model`: the shipped MDN's recipe and NLLs (graders/mdn/trained-mdn-weights.ts);
 *   - `variants`: on the exercise's public seed (42, its params), for the right sampler and each wrong one of
 *     scripts/mdn/sampling-variants.ts, the three graded metrics, the PIT histogram (10 bins), the share of PIT
 *     values in the central half, and which checks of exercises/02-mdn/04-sample-mdn/exercise.yaml fail;
 *   - `inputRange`: the smallest and largest of the exercise's inputs on that seed (drawn as the training inputs are);
 *   - `null`: the right sampler's range of each metric over seeds 1–100.
 *   node scripts/with-node.mjs node scripts/mdn/sampling-figure.ts
 * Seeded, plain float64 (no tfjs): rerunning it writes the same numbers.
 */
import { writeFileSync } from 'node:fs';
import { loadExercise } from '../../graders/exercise-files.ts';
import { trainedMdnRecord } from '../../graders/mdn/trained-mdn-weights.ts';
import { centralShare, pitHistogram, pitValues } from '../../graders/mdn/pit.ts';
import { makeProblem } from '../../graders/problems/index.ts';
import type { MdnSamplingHidden, MdnSamplingInput } from '../../graders/problems/mdn/mdn-sampling.ts';
import { makeRng } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { samplingMetrics, samplingParams, samplingVariants } from './sampling-variants.ts';

const script = 'scripts/mdn/sampling-figure.ts';
const out = 'src/components/figures/mdn/sampling/sampling-numbers.json';
const { meta } = loadExercise('02-mdn/04-sample-mdn');
if (JSON.stringify(meta.data.params) !== JSON.stringify(samplingParams)) throw new Error('the exercise\'s params and scripts/mdn/sampling-variants.ts\'s differ');
const seed = meta.seed;
const problem = makeProblem(meta.data, seed);
const hidden = problem.hidden as MdnSamplingHidden;
const r3 = (v: number) => Number(v.toFixed(3));

const variants = Object.keys(samplingVariants).map((name) => {
  const y = samplingVariants[name]!(problem.calls[0]!.arg as MdnSamplingInput, makeRng(seed, `variant/${name}`));
  const metrics = problem.score([{ y }]).metrics;
  const u = pitValues(hidden.mixture, y);
  const failed = meta.checks.filter((c) => !(metrics[c.metric]! >= (c.min ?? -Infinity) && metrics[c.metric]! <= (c.max ?? Infinity))).map((c) => c.metric);
  return { name, pitKs: r3(metrics.pitKs!), logDensityZ: r3(metrics.logDensityZ!), binEnergy: r3(metrics.binEnergy!), centralShare: r3(centralShare(u)), histogram: pitHistogram(u, 10), failed };
});

const right = Object.keys(samplingVariants)[0]!;
const many = Array.from({ length: 100 }, (_, i) => samplingMetrics(right, i + 1));
const span = (k: string) => [r3(Math.min(...many.map((m) => m[k]!))), r3(Math.max(...many.map((m) => m[k]!)))];
const result = {
  provenance: provenance(script, `node scripts/with-node.mjs node ${script}`),
  model: { ...trainedMdnRecord.recipe, trainNll: trainedMdnRecord.trainNll, validationNll: trainedMdnRecord.validationNll },
  seed,
  n: samplingParams.n,
  bins: samplingParams.bins,
  // The inputs' range on the public seed: what the network saw (its training inputs are drawn the same way).
  inputRange: [r3(Math.min(...hidden.x)), r3(Math.max(...hidden.x))],
  variants,
  null: { seeds: 100, pitKs: span('pitKs'), logDensityZ: span('logDensityZ'), binEnergy: span('binEnergy') },
};
writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
for (const v of variants) console.log(`${v.name.padEnd(46)} pitKs ${v.pitKs} logDensityZ ${v.logDensityZ} binEnergy ${v.binEnergy} central ${v.centralShare} fails ${v.failed.join(',') || '-'}`);
console.log('null', JSON.stringify(result.null));
