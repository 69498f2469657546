/**
 * The pca and kernelPca generators without tfjs: the call's argument carries pixels and k only (never labels), the
 * float64 reference's own answer scores 0, broken answers score the worst (dependent components 90°, a zero row an
 * infinite ratio error), the ratios are graded against the variance along the learner's own rows (so a rotation
 * inside the span keeps them right), and the after-run plot is an embedding coloured by the hidden labels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExercise } from '../../../../graders/exercise-files.ts';
import { loadProblemData, makeProblem } from '../../../../graders/problems/index.ts';
import { varianceShares } from '../../../../graders/problems/autoencoders/pca.ts';
import type { PcaReference } from '../../../../graders/autoencoders/pca-reference.ts';
import type { KernelPcaEmbedding } from '../../../../graders/autoencoders/kernel-pca-reference.ts';
import type { DigitDraw } from '../../../../graders/datasets/digits.ts';

const pcaData = loadExercise('03-autoencoders/01-pca').meta.data;
const kpcaData = loadExercise('03-autoencoders/02-kernel-pca').meta.data;

beforeAll(async () => {
  await loadProblemData(pcaData);
});

describe('pca generator', () => {
  const problem = () => makeProblem(pcaData, 3);
  const hidden = (p: ReturnType<typeof problem>) => p.hidden as { draws: DigitDraw[]; references: PcaReference[] };
  /** The reference's own answer for call i, optionally with its first two rows rotated by θ inside their plane. */
  const exact = (ref: PcaReference, k: number, theta = 0) => {
    const rows = ref.components.to2DArray().slice(0, k).map((r) => r.slice());
    const [a, b] = [rows[0]!, rows[1]!];
    rows[0] = a.map((v, j) => Math.cos(theta) * v + Math.sin(theta) * b[j]!);
    rows[1] = a.map((v, j) => -Math.sin(theta) * v + Math.cos(theta) * b[j]!);
    const components = Float32Array.from(rows.flat());
    return { components, ratio: Float32Array.from(varianceShares(ref, components, k, 64)) };
  };

  it('sends pixels and k only, never labels', () => {
    for (const call of problem().calls) expect(Object.keys(call.arg as object).sort()).toEqual(['cols', 'features', 'k', 'n', 'rows', 'x']);
  });

  it('scores the float64 answer 0, also rotated inside the span (its ratios the variance along each rotated row)', () => {
    const p = problem();
    const ks = (pcaData.params as { calls: { k: number }[] }).calls.map((c) => c.k);
    for (const theta of [0, 0.4]) {
      const m = p.score(hidden(p).references.map((r, i) => exact(r, ks[i]!, theta))).metrics;
      expect(m.maxAngleDeg).toBeLessThan(1e-3);
      expect(m.ratioError).toBeLessThan(1e-5);
    }
  });

  it('scores dependent components 90° and a zero row an infinite ratio error', () => {
    const p = problem();
    const ks = (pcaData.params as { calls: { k: number }[] }).calls.map((c) => c.k);
    const outs = hidden(p).references.map((r, i) => exact(r, ks[i]!));
    outs[0]!.components.copyWithin(64, 0, 64); // row 1 = row 0
    outs[1]!.components.fill(0, 0, 64);
    const m = p.score(outs).metrics;
    expect(m.maxAngleDeg).toBe(90);
    expect(m.ratioError).toBe(Infinity);
  });

  it('plots the first draw on the learner’s first two components, coloured by the hidden labels', () => {
    const p = problem();
    const ks = (pcaData.params as { calls: { k: number }[] }).calls.map((c) => c.k);
    const plot = p.plot(hidden(p).references.map((r, i) => exact(r, ks[i]!)));
    expect(plot?.kind).toBe('embedding');
    if (plot?.kind !== 'embedding') return;
    expect(plot.points).toHaveLength(2 * hidden(p).draws[0]!.n);
    expect(Array.from(plot.labels)).toEqual(Array.from(hidden(p).draws[0]!.labels));
  });
});

describe('kernelPca generator', () => {
  it('sends pixels and k only; the reference embedding scores 0; unit columns fail the scale only', () => {
    const p = makeProblem(kpcaData, 2);
    expect(Object.keys(p.calls[0]!.arg as object).sort()).toEqual(['cols', 'features', 'k', 'n', 'rows', 'x']);
    const { reference, draw } = p.hidden as { reference: KernelPcaEmbedding; draw: DigitDraw };
    const k = (kpcaData.params as { k: number }).k;
    const right = p.score([{ embedding: Float32Array.from(reference.embedding) }]).metrics;
    expect(right.maxAngleDeg).toBeLessThan(1e-3);
    expect(right.scaleError).toBeLessThan(1e-5);
    const unit = Float32Array.from(reference.embedding, (v, i) => v / Math.sqrt(reference.eigenvalues[i % k]!));
    const wrong = p.score([{ embedding: unit }]).metrics;
    expect(wrong.maxAngleDeg).toBeLessThan(1e-3);
    expect(wrong.scaleError).toBeGreaterThan(0.5);
    const plot = p.plot([{ embedding: Float32Array.from(reference.embedding) }]);
    expect(plot?.kind === 'embedding' && plot.labels.length).toBe(draw.n);
  });
});
