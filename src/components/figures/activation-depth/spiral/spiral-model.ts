/**
 * Pure computations for the spiral lesson's figure: the measured decision regions of the reference network and its
 * tanh and sigmoid variants (spiral-regions.json, written by scripts/measure-spiral.ts) with the test points they
 * are drawn over. No tfjs, no DOM. (The best possible classifier, which only the script and the tests use, is in
 * scripts/activation-depth/spiral-bayes.ts.)
 */
import { spiral, type SpiralParams } from '../../../../../graders/datasets/spiral.ts';
import type { GridBox } from '../../../../../graders/problem.ts';
import type { Provenance } from '../../kit/provenance.ts';
import { everyKthPoint } from '../../kit/regions-svg.ts';

/** The exercise's spiral. */
export const spiralExercise: SpiralParams = { classes: 3, trainPerClass: 1000, testPerClass: 1000, noise: 0.2 };

export interface RegionsPanel {
  activation: string;
  testAccuracy: number;
  testCrossEntropy: number;
  /** size×size predicted classes, row 0 at box.y0. */
  gridClasses: Uint8Array;
}

/** spiral-regions.json as scripts/measure-spiral.ts writes it: each grid is a string of class digits. */
export interface StoredRegions {
  provenance: Provenance;
  seed: number;
  size: number;
  box: Omit<GridBox, 'size'>;
  panels: { activation: string; testAccuracy: number; testCrossEntropy: number; grid: string }[];
}

/** The stored decision regions, decoded. */
export function decodeRegions(stored: StoredRegions): { seed: number; size: number; box: StoredRegions['box']; panels: RegionsPanel[] } {
  return {
    seed: stored.seed,
    size: stored.size,
    box: stored.box,
    panels: stored.panels.map((p) => ({ activation: p.activation, testAccuracy: p.testAccuracy, testCrossEntropy: p.testCrossEntropy, gridClasses: Uint8Array.from(p.grid, Number) })),
  };
}

/** Every k-th test point of the hidden spiral for `seed` (the runner's points for that seed, thinned for a figure). */
export function testPoints(seed: number, k: number, p: SpiralParams = spiralExercise): { x: Float32Array; y: Int32Array } {
  return everyKthPoint(spiral(p, seed).test, k);
}
