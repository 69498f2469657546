/**
 * The neuron lesson: the gate explorer's pure functions, the perceptron and XOR figures, the single-unit XOR
 * impossibility (by exhaustive search and by training a real tfjs unit), what the truth-table grader tells a learner
 * whose gates are wrong, and that the reference solutions leak no tensors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activations } from '../../../src/components/figures/activation-depth/activation-functions/activations-model.ts';
import {
  booleanFunctions,
  boundarySegment,
  cornerOutputs,
  defaultBox,
  hiddenPoints,
  identifyGate,
  outputGrid,
  perceptron,
  sigmoid,
  steepnessCurves,
  xorNetwork,
  type Unit,
} from '../../../src/components/figures/activation-depth/neuron/neuron-model.ts';
import { cornerTableHtml, formatOutput, formulaText, heatmapSvg, verdictText } from '../../../src/components/figures/activation-depth/neuron/gate-explorer-view.ts';
import { xorDiagramSvg, xorSpacesSvg } from '../../../src/components/figures/activation-depth/neuron/neuron-view.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { bestSingleUnitXor } from '../../../scripts/activation-depth/xor-single-unit.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const gatesId = '04-activation-depth/02-gates';
const xorId = '04-activation-depth/03-xor';
const AND: Unit = { w1: 10, w2: 10, b: -15 };
const softAND: Unit = { w1: 2, w2: 2, b: -3 };

describe('sigmoid and one unit', () => {
  it('computes the values the lesson quotes, symmetrically and without overflow', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1)).toBeCloseTo(0.7310586, 7);
    expect(sigmoid(Math.log(9))).toBeCloseTo(0.9, 12);
    expect(sigmoid(3)).toBeCloseTo(0.9525741, 7);
    expect(sigmoid(5)).toBeCloseTo(0.9933071, 7);
    expect(sigmoid(10)).toBeCloseTo(0.9999546, 7);
    expect(sigmoid(-10)).toBeCloseTo(4.5398e-5, 9);
    expect(1 - sigmoid(20)).toBeCloseTo(2.06e-9, 11);
    for (const z of [0.3, 2, 7, 25]) expect(sigmoid(-z)).toBeCloseTo(1 - sigmoid(z), 15);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });

  it('gives the weighted sums and outputs at the corners in truth-table order', () => {
    const c = cornerOutputs(AND);
    expect(c.map((r) => [r.x1, r.x2])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(c.map((r) => r.z)).toEqual([-15, -5, -5, 5]);
    expect(c[3]!.y).toBeCloseTo(0.9933071, 7);
    expect(cornerOutputs(softAND).map((r) => Number(r.y.toFixed(3)))).toEqual([0.047, 0.269, 0.269, 0.731]);
  });
});

describe('identifyGate', () => {
  it('names the gate a unit implements at the 0.1 / 0.9 rule, or none with the undecided corners', () => {
    expect(identifyGate(cornerOutputs(AND).map((c) => c.y))).toMatchObject({ name: 'AND', bits: '0001', undecided: [] });
    expect(identifyGate(cornerOutputs(softAND).map((c) => c.y))).toMatchObject({ name: null, bits: '0???', undecided: [1, 2, 3] });
    expect(identifyGate([0.5, 0.5, 0.5, 0.5])).toMatchObject({ name: null, undecided: [0, 1, 2, 3], worstError: 0.5 });
    expect(identifyGate([0.1, 0.9, 0.9, 0.9]).name).toBe('OR'); // the bounds are inclusive, like the grader's
    expect(identifyGate([0.95, 0.95, 0.95, 0.02])).toMatchObject({ name: 'NAND', worstError: expect.closeTo(0.05, 12) });
    expect(identifyGate(cornerOutputs({ w1: 10, w2: -10, b: -5 }).map((c) => c.y)).name).toBe('x₁ AND NOT x₂');
  });

  it('knows all 16 two-input functions, and one unit reaches exactly the 14 linearly separable ones', () => {
    expect(Object.keys(booleanFunctions)).toHaveLength(16);
    const found = new Set<string>();
    for (let w1 = -20; w1 <= 20; w1 += 5)
      for (let w2 = -20; w2 <= 20; w2 += 5)
        for (let b = -30; b <= 30; b += 5) {
          const name = identifyGate(cornerOutputs({ w1, w2, b }).map((c) => c.y)).name;
          if (name) found.add(name);
        }
    expect(found.size).toBe(14);
    expect(found.has('XOR')).toBe(false);
    expect(found.has('XNOR')).toBe(false);
  });
});

describe('the heat map', () => {
  it('samples the unit over the box with row 0 at the bottom', () => {
    const g = outputGrid({ w1: 0, w2: 10, b: -5 }, { ...defaultBox, size: 10 });
    expect(g).toHaveLength(100);
    // x₂ at the cell centres of row 0 and row 9: −0.175 and 1.175.
    expect(g[0]).toBeCloseTo(sigmoid(10 * -0.175 - 5), 12);
    expect(g[99]).toBeCloseTo(sigmoid(10 * 1.175 - 5), 12);
    expect(g[5]).toBe(g[0]); // same row, same x₂: w₁ = 0
  });

  it('clips the 0.5 line to the box', () => {
    const seg = boundarySegment(AND)!;
    const pts = seg.map(([x, y]) => [Number(x.toFixed(9)), Number(y.toFixed(9))]).sort((a, b) => a[0]! - b[0]!);
    expect(pts).toEqual([
      [0.25, 1.25],
      [1.25, 0.25],
    ]);
    expect(boundarySegment({ w1: 0, w2: 0, b: 1 })).toBeNull();
    expect(boundarySegment({ w1: 1, w2: 0, b: -5 })).toBeNull(); // x₁ = 5, outside the box
    const vertical = boundarySegment({ w1: 1, w2: 0, b: -0.5 })!;
    expect(vertical.map((p) => p[0])).toEqual([0.5, 0.5]);
    // A line through two corners of the box (the diagonal) is found at each corner twice but drawn once.
    const diag = boundarySegment({ w1: 1, w2: -1, b: 0 })!;
    expect(Math.hypot(diag[0][0] - diag[1][0], diag[0][1] - diag[1][1])).toBeCloseTo(1.5 * Math.SQRT2, 12);
  });

  it('draws cells, the boundary, four labelled corners and a title', () => {
    const svg = heatmapSvg(AND);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toContain('class="gate-boundary"');
    expect(svg).toContain('<title>Output of y = σ(10·x₁ + 10·x₂ − 15) over the input plane</title>');
    expect(svg).toContain('>0.993<');
    expect(svg).toContain('>0.007<');
    expect(svg).toContain('>≈ 0<'); // σ(−15) = 3e-7
    // The all-0.5 unit has no tinted cells and no boundary.
    const flat = heatmapSvg({ w1: 0, w2: 0, b: 0 });
    expect(flat).not.toContain('<path');
    expect(flat).not.toContain('gate-boundary');
    expect(flat.match(/>0\.500</g)).toHaveLength(4);
    // Binned into at most 8 opacity levels per colour: few elements, a small page.
    expect(svg.match(/<path /g)!.length).toBeLessThanOrEqual(16);
    expect(svg.length).toBeLessThan(12_000);
  });

  it('formats outputs, formulas, the corner table and the verdict as the lesson shows them', () => {
    expect(formatOutput(sigmoid(10))).toBe('0.99995');
    expect(formatOutput(sigmoid(-10))).toBe('0.00005');
    expect(formatOutput(0.7310586)).toBe('0.731');
    expect(formatOutput(1e-7)).toBe('≈ 0');
    expect(formatOutput(1 - 1e-7)).toBe('≈ 1');
    expect(formulaText(AND)).toBe('y = σ(10·x₁ + 10·x₂ − 15)');
    expect(formulaText({ w1: -1, w2: 0, b: 0.5 })).toBe('y = σ(−x₁ + 0.5)');
    expect(formulaText({ w1: 0, w2: 0, b: 0 })).toBe('y = σ(0)');
    expect(cornerTableHtml(AND)).toContain('<tr><td>(1, 1)</td><td>5</td><td>0.993</td><td>1</td></tr>');
    expect(cornerTableHtml(softAND)).toContain('<tr><td>(0, 1)</td><td>−1</td><td>0.269</td><td>—</td></tr>');
    expect(verdictText(AND)).toBe('This unit implements AND: every corner is within 0.1 of 0 or 1.');
    expect(verdictText(softAND)).toBe(
      'No gate: (0, 1) gives 0.269, (1, 0) gives 0.269, (1, 1) gives 0.731, between 0.1 and 0.9. Move the line away from the corners or scale all three numbers up.',
    );
  });
});

describe('the perceptron', () => {
  it('learns AND from zero weights exactly as the lesson’s table shows', () => {
    const { epochs, converged } = perceptron([0, 0, 0, 1]);
    expect(converged).toBe(true);
    expect(epochs.map((e) => e.mistakes)).toEqual([2, 3, 3, 2, 1, 0]);
    expect(epochs.map((e) => e.w)).toEqual([
      [0, 1, 1],
      [-1, 2, 1],
      [-2, 2, 1],
      [-2, 2, 2],
      [-3, 2, 1],
      [-3, 2, 1],
    ]);
    // The final line 2x₁ + x₂ − 3 = 0 passes exactly through (1, 1).
    expect(cornerOutputs({ w1: 2, w2: 1, b: -3 }).map((c) => c.z)).toEqual([-3, -2, -1, 0]);
  });

  it('learns OR and NAND, and cycles forever on XOR', () => {
    expect(perceptron([0, 1, 1, 1]).converged).toBe(true);
    expect(perceptron([1, 1, 1, 0]).converged).toBe(true);
    const xor = perceptron([0, 1, 1, 0], 1000);
    expect(xor.converged).toBe(false);
    expect(xor.epochs).toHaveLength(1000);
    expect(xor.epochs.slice(0, 2).map((e) => e.mistakes)).toEqual([3, 3]);
    for (const e of xor.epochs.slice(2)) expect(e).toEqual({ w: [0, -1, 0], mistakes: 4 });
  });
});

describe('XOR', () => {
  it('no single sigmoid unit on a grid of 121³ weights and biases gets every corner within 0.5', () => {
    const best = bestSingleUnitXor(30, 0.5);
    // The lesson's proof: z₀₁ + z₁₀ = z₀₀ + z₁₁, so some corner is on the wrong side of 0.5.
    expect(best.error).toBe(0.5);
    expect(best.unit).toEqual({ w1: 0, w2: 0, b: 0 });
    // The identity behind the proof, on random units.
    for (let i = 0; i < 100; i++) {
      const u = { w1: 60 * Math.random() - 30, w2: 60 * Math.random() - 30, b: 60 * Math.random() - 30 };
      const z = cornerOutputs(u).map((c) => c.z);
      expect(z[1]! + z[2]!).toBeCloseTo(z[0]! + z[3]!, 9);
    }
  });

  it('GELU and SiLU dip below zero only a little, so one such unit cannot compute XOR within 0.1 either', () => {
    const page = readFileSync('src/content/docs/activation-depth/neuron.mdx', 'utf8').replace(/\s+/g, ' ');
    const silu = (z: number) => z * sigmoid(z);
    const fine = Array.from({ length: 100_001 }, (_, i) => -50 + i * 0.001); // −50 … 50
    const dips: string[] = [];
    for (const f of [activations.gelu.f, silu]) {
      const y = fine.map(f);
      dips.push(Math.min(...y).toFixed(2));
      // {z : f(z) ≥ 0.9} is a half-line [z*, ∞) with z* > 0: the dip is negative, far from 0.9.
      const first = y.findIndex((v) => v >= 0.9);
      const zStar = fine[first]!;
      expect(zStar).toBeGreaterThan(0);
      expect(y.slice(first).every((v) => v >= 0.9)).toBe(true);
      // Brute force over a coarse grid of units: no w₁, w₂, b in [−10, 10] gets every corner within 0.1 of XOR.
      let best = Infinity;
      for (let w1 = -10; w1 <= 10; w1 += 0.25)
        for (let w2 = -10; w2 <= 10; w2 += 0.25)
          for (let b = -10; b <= 10; b += 0.25) {
            const err = Math.max(Math.abs(f(b)), Math.abs(f(w2 + b) - 1), Math.abs(f(w1 + b) - 1), Math.abs(f(w1 + w2 + b)));
            if (err < best) best = err;
          }
      expect(best).toBeGreaterThan(0.1);
    }
    // GELU's minimum is ≈ −0.170, SiLU's ≈ −0.278: both as the page quotes them.
    expect(dips).toEqual(['-0.17', '-0.28']);
    expect(page).toContain(`GELU to about $${dips[0]}$ and SiLU to about $${dips[1]}$`);
    expect(page).not.toMatch(/are all monotonic/);
    expect(page).toContain('One *hidden* layer of threshold units can compute *any* Boolean function');
  });

  it('a single unit trained by gradient descent in tfjs cannot get below 0.5 either', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
    const t = tf.tensor2d([0, 1, 1, 0], [4, 1]);
    // In tf.tidy, so the initial values are freed once copied into the variables.
    const w = tf.tidy(() => tf.variable(tf.tensor2d([0.3, -0.2], [2, 1])));
    const b = tf.tidy(() => tf.variable(tf.scalar(0.1)));
    const opt = tf.train.adam(0.1);
    for (let i = 0; i < 300; i++) opt.minimize(() => tf.losses.meanSquaredError(t, tf.sigmoid(tf.matMul(x, w).add(b))));
    const err = tf.tidy(() => tf.max(tf.abs(tf.sigmoid(tf.matMul(x, w).add(b)).sub(t))).dataSync()[0]!);
    expect(err).toBeGreaterThanOrEqual(0.5 - 1e-3);
    tf.dispose([x, t, w, b]);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the hand-built network computes XOR with the values of the lesson’s table', () => {
    const rows = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ].map(([a, b]) => xorNetwork(a!, b!));
    expect(rows.map((r) => Number(r.z.toFixed(4)))).toEqual([-9.9991, 9.9982, 9.9982, -9.9991]);
    rows.forEach((r, i) => expect(Math.abs(r.y - [0, 1, 1, 0][i]!)).toBeLessThan(4.6e-5));
    expect(rows[1]!.h1).toBeCloseTo(sigmoid(10), 15);
    expect(rows[1]!.h2).toBeCloseTo(sigmoid(10), 15);
    // Scaled by 0.3 it still passes at 0.081; by 0.1 it fails at 0.52 (the lesson's "Try it yourself").
    const scaled = (s: number) => {
      const u = (w1: number, w2: number, b: number) => ({ w1: s * w1, w2: s * w2, b: s * b });
      const units = { h1: u(20, 20, -10), h2: u(-20, -20, 30), out: u(20, 20, -30) };
      return Math.max(...[0, 1, 2, 3].map((i) => Math.abs(xorNetwork(i >> 1, i & 1, units).y - [0, 1, 1, 0][i]!)));
    };
    expect(scaled(0.3)).toBeCloseTo(0.0808, 4);
    expect(scaled(0.1)).toBeCloseTo(0.5189, 4);
  });

  it('the hidden layer makes the four inputs linearly separable', () => {
    const pts = hiddenPoints();
    expect(pts.map((p) => [Math.round(p.h1), Math.round(p.h2), p.target])).toEqual([
      [0, 1, 0],
      [1, 1, 1],
      [1, 1, 1],
      [1, 0, 0],
    ]);
    for (const p of pts) expect(p.h1 + p.h2 > 1.5).toBe(p.target === 1);
  });

  it('draws the network and the two spaces', () => {
    const diagram = xorDiagramSvg();
    expect(diagram.match(/<line /g)).toHaveLength(6);
    expect(diagram.match(/<circle /g)).toHaveLength(5);
    for (const label of ['OR, b = −10', 'NAND, b = +30', 'AND, b = −30', '>−20<', '>20<']) expect(diagram).toContain(label);
    const spaces = xorSpacesSvg();
    expect(spaces.match(/<circle /g)).toHaveLength(4); // the XOR-true inputs, in each panel
    expect(spaces).toContain('hidden space');
  });

  it('sharpens the sigmoid as the lesson’s figure says', () => {
    const { x, curves, step } = steepnessCurves([2, 6, 20], 201);
    const at = (xv: number) => x.findIndex((v) => Math.abs(v - xv) < 1e-9);
    const [i0, i1] = [at(0), at(1)];
    expect(curves.map((c) => [c.y[i0]!, c.y[i1]!].map((v) => Number(v.toFixed(5))))).toEqual([
      [0.26894, 0.73106],
      [0.04743, 0.95257],
      [0.00005, 0.99995],
    ]);
    expect([step[i0], step[at(0.5)], step[i1]]).toEqual([0, 1, 1]);
  });
});

describe('grading the exercises', () => {
  it('shows every row of a wrong gate with its output and verdict', async () => {
    const source = solutionWith(gatesId, 'AND: neuron([20, 20], -30)', 'AND: neuron([2, 2], -3)');
    const r = await gradeInProcess(gatesId, source);
    expect(r.status).toBe('failed');
    const [not, and, or] = r.checks;
    expect(not!.passed).toBe(true);
    expect(or!.passed).toBe(true);
    expect(and!.passed).toBe(false);
    expect(and!.value).toBeCloseTo(0.2689, 4);
    expect(and!.message).toMatch(/^AND: largest error is 0\.269, above 0\.1\. AND must output more than 0\.9 at \(1, 1\)/);
    expect(and!.details).toEqual([
      'AND(0, 0) = 0.0474, should be < 0.1 ✓',
      'AND(0, 1) = 0.269, should be < 0.1 ✗',
      'AND(1, 0) = 0.269, should be < 0.1 ✗',
      'AND(1, 1) = 0.731, should be > 0.9 ✗',
    ]);
    expect(not!.details).toEqual(['NOT(0) = 1, should be > 0.9 ✓', 'NOT(1) = 0.0000454, should be < 0.1 ✓']);
  });

  it('fails an XOR network whose output neuron reads the inputs, and passes the hidden units', async () => {
    const r = await gradeInProcess(xorId, solutionWith(xorId, 'return out(hidden);', 'return out(x);'));
    expect(r.status).toBe('failed');
    expect(r.checks.map((c) => c.passed)).toEqual([true, true, false]);
    expect(r.checks[2]!.value).toBeCloseTo(1, 4);
    expect(r.checks[2]!.details).toEqual([
      'XOR(0, 0) = 9.36e-14, should be < 0.1 ✓',
      'XOR(0, 1) = 0.0000454, should be > 0.9 ✗',
      'XOR(1, 0) = 0.0000454, should be > 0.9 ✗',
      'XOR(1, 1) = 1, should be < 0.1 ✗',
    ]);
  });

  it('fails the best single sigmoid unit for XOR', async () => {
    for (const [w, b] of [
      ['[0, 0]', '0'],
      ['[20, 20]', '-10'],
      ['[10, -10]', '-5'],
    ]) {
      const src = solutionWith(xorId, 'return out(hidden);', `return neuron(${w}, ${b})(x);`);
      const r = await gradeInProcess(xorId, src);
      expect(r.checks[2]!.passed).toBe(false);
      expect(r.checks[2]!.value).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('the reference solutions pass with every error below 5e-5 and leak no tensors', async () => {
    const tf = await useNodeBackend('wasm');
    for (const id of [gatesId, xorId]) {
      const { solution } = loadExercise(id);
      await gradeInProcess(id, solution); // warm-up: the backend may keep tensors of its own on first use
      const before = tf.memory().numTensors;
      for (const seed of [1, 2, 3]) {
        const r = await gradeInProcess(id, solution, seed);
        expect(r.status).toBe('passed');
        for (const c of r.checks) expect(c.value).toBeLessThan(5e-5);
      }
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
