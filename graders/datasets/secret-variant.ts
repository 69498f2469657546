/**
 * Hidden variation of a classification task under a secret seed. The lesson pages give the generators away (the
 * blobs' centres, the spiral's equation), so a hand-written rule — nearest given centre, which arm a point's angle
 * falls on — would pass untrained. Under a secret, the whole point cloud is turned by a keyed angle about the
 * origin and the class labels are shifted cyclically by a keyed 1 … classes−1 (never 0, so a rule that fixes the
 * page's labels is wrong on every class). Both leave the task's difficulty exactly as it was: rotation keeps every
 * distance (the blobs are isotropic, the spiral's noise is in its angle) and relabelling only renames classes, so
 * the Bayes error and the bounds measured on integer seeds still hold (scripts/validate-secret-bounds.ts checks
 * them). Integer seeds are left untouched.
 *
 * Some draws would undo themselves: a quarter turn with a shift of one maps four blobs in four quadrants nearly
 * onto the page's, and the spiral's arms line up again at some angles. So each generator passes `pageRule`, the
 * classifier the page gives away, with probe points; a draw on which that rule still gets more than `maxProbeAccuracy`
 * of the probes right is redrawn (from the same keyed stream, so the choice stays a function of the secret).
 */
import { isSecret, makeRng, type GradingSeed } from '../rng.ts';
import type { Dataset, Split } from './types.ts';

/** A rotation (2-D inputs only) and a cyclic class shift. */
export interface ClassVariant {
  angle: number;
  shift: number;
}

/** The classifier the page gives away, and points of the page's task to try it on. */
export interface PageRule {
  classify(x: number, y: number): number;
  probes: { x: number; y: number; label: number }[];
  /** Largest share of probes the rule may still get right on an accepted variant. */
  maxProbeAccuracy: number;
}

/** Share of the rule's probes that it still classifies right after the variant. */
export function probeAccuracy(rule: PageRule, v: ClassVariant, classes: number): number {
  const c = Math.cos(v.angle), s = Math.sin(v.angle);
  let right = 0;
  for (const p of rule.probes) if (rule.classify(c * p.x - s * p.y, s * p.x + c * p.y) === (p.label + v.shift) % classes) right++;
  return right / rule.probes.length;
}

/** The variant of generator `name` for `seed`: undefined for an integer seed (the page's task, unchanged). */
export function classVariant(seed: GradingSeed, name: string, classes: number, rule?: PageRule): ClassVariant | undefined {
  if (!isSecret(seed)) return undefined;
  const rng = makeRng(seed, `${name}/variant`);
  let v: ClassVariant;
  let tries = 0;
  do v = { angle: 2 * Math.PI * rng.uniform(), shift: 1 + rng.int(classes - 1) };
  // Accepted draws are most of them (scripts/validate-secret-bounds.ts), so 1000 tries is never the limit in practice.
  while (rule && probeAccuracy(rule, v, classes) > rule.maxProbeAccuracy && ++tries < 1000);
  return v;
}

function applyToSplit(s: Split, v: ClassVariant): Split {
  const x = Float32Array.from(s.x);
  if (s.features === 2) {
    const c = Math.cos(v.angle), sn = Math.sin(v.angle);
    for (let i = 0; i < s.n; i++) {
      const a = s.x[2 * i]!, b = s.x[2 * i + 1]!;
      x[2 * i] = c * a - sn * b;
      x[2 * i + 1] = sn * a + c * b;
    }
  }
  const y = s.y.map((k) => (k + v.shift) % s.classes);
  return { ...s, x, y };
}

/** Both splits under the variant (the same one: the test split must pose the task the training split taught). */
export function applyClassVariant(d: Dataset, v: ClassVariant | undefined): Dataset {
  return v ? { train: applyToSplit(d.train, v), test: applyToSplit(d.test, v) } : d;
}
