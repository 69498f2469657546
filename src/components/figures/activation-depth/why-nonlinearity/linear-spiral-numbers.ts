/**
 * The numbers the "Why non-linearity" and spiral lessons quote about linear models on the spiral, as the text the
 * pages show, from linear-spiral.json (written by `scripts/linear-spiral.ts`): the best linear classifier on seeds
 * 1–10, and a deep stack of linear layers trained by tfjs on seeds 1–5. No number is typed into a page.
 */
import measured from './linear-spiral.json';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const percentRange = (xs: number[]) => `${pct(Math.min(...xs))}–${pct(Math.max(...xs))}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const tenSeeds = measured.linear.filter((r) => r.seed !== 42);
const seedRange = (rows: { seed: number }[]) => `${Math.min(...rows.map((r) => r.seed))}–${Math.max(...rows.map((r) => r.seed))}`;
const seed1 = measured.deepLinear.find((r) => r.seed === 1)!;

/** Every number the pages show, as the text they show. */
export const linearSpiralNumbers = {
  /** "1–10" */
  seeds: seedRange(tenSeeds),
  trainPercent: percentRange(tenSeeds.map((r) => r.trainAccuracy)),
  testPercent: percentRange(tenSeeds.map((r) => r.testAccuracy)),
  /** The mean test accuracy, rounded to a whole percent: "50%". */
  testAbout: `${Math.round(100 * mean(tenSeeds.map((r) => r.testAccuracy)))}%`,
  testCrossEntropy: mean(tenSeeds.map((r) => r.testCrossEntropy)).toFixed(2),
  deepSeeds: seedRange(measured.deepLinear),
  deepEpochs: String(measured.epochs),
  deepTestPercent: percentRange(measured.deepLinear.map((r) => r.testAccuracy)),
  /** Seed 1's final training loss, the deep stack's (4 decimals) against the single layer's (5). */
  deepSeed1Loss: seed1.finalLoss.toFixed(4),
  singleSeed1Loss: seed1.singleLayerLoss.toFixed(5),
  /** How far apart the deep stack's and the single layer's final losses are at most, in 4-decimal units. */
  deepLossGap: Math.max(...measured.deepLinear.map((r) => Math.abs(r.finalLoss - r.singleLayerLoss))),
};

/** The measurement itself (provenance, both parts). */
export const linearSpiralRuns = measured;
