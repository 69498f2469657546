/**
 * The 05-dense-autoencoder exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in
 * Node, the exercise's own generator and checks) over seeds: where the bounds and the messages in exercise.yaml
 * come from. Each variant is the solution with one thing changed (text replacements on solution.ts), so the
 * numbers say what that one choice costs.
 *   node scripts/with-node.mjs node scripts/autoencoders/dense-autoencoder-variants.ts [--seeds 1-5] [--only 'name|name'] [--json FILE]
 * prints, per variant, the held-out reconstruction MSE (min … max over seeds), PCA's with as many components as the
 * bottleneck on the same digits, how many seeds passed, and the wall and CPU seconds per grading (CPU: this
 * process's, which the grading runs in; on a shared machine wall time is noise). With --json FILE it writes every
 * number, provenance first (the lesson reads src/components/figures/autoencoders/autoencoders/dense-variants.json).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { cpuSeconds, gradeOnWasm, seedRange, variantOfSolution, type Edit } from '../measure-lib.ts';

export const denseAutoencoderId = '03-autoencoders/05-dense-autoencoder';

/** Every variant measured, by name: the edits that make it from the solution. */
export const denseAutoencoderVariants: Record<string, Edit[]> = {
  reference: [],
  'too few epochs: 5': [['const EPOCHS = 50;', 'const EPOCHS = 5;']],
  'Adam 1e-3 (the PyTorch re-run\'s rate), same epochs': [['const LEARNING_RATE = 1e-2;', 'const LEARNING_RATE = 1e-3;']],
  'Adam 1e-5 (the source\'s rate), same epochs': [['const LEARNING_RATE = 1e-2;', 'const LEARNING_RATE = 1e-5;']],
  'tanh output on [0, 1] pixels': [["activation: 'sigmoid'", "activation: 'tanh'"]],
  '[−1, 1] targets with a sigmoid output, mapped back by (y + 1) / 2': [
    ['tf.losses.meanSquaredError(x, model.apply(x)', 'tf.losses.meanSquaredError(tf.sub(tf.mul(x, 2), 1), model.apply(x)'],
    ['  return model;\n}', '  return { predict: (t: tf.Tensor) => tf.tidy(() => tf.div(tf.add(model.predict(t) as tf.Tensor, 1), 2)), dispose: () => model.dispose() };\n}'],
  ],
  '2-unit bottleneck': [['units: data.bottleneck', 'units: 2']],
  '32-unit bottleneck (wider than asked)': [['units: data.bottleneck', 'units: 32']],
  'no bottleneck: the model returns its input': [['  return model;\n}', '  model.dispose();\n  return { predict: (t: tf.Tensor) => t.clone() };\n}']],
  'linear autoencoder (no ReLU, linear output)': [
    [/activation: 'relu', inputShape/, 'inputShape'],
    ["tf.layers.dense({ units: HIDDEN, activation: 'relu', kernelInitializer", 'tf.layers.dense({ units: HIDDEN, kernelInitializer'],
    ["activation: 'sigmoid', ", ''],
  ],
  'best 16-unit network we tried: 128 hidden, 200 epochs': [['const HIDDEN = 32;', 'const HIDDEN = 128;'], ['const EPOCHS = 50;', 'const EPOCHS = 200;']],
};

/** solution.ts with a variant's edits applied. */
export const variantSource = (name: string): string => variantOfSolution(denseAutoencoderId, name, denseAutoencoderVariants[name]!);

/** One grading: the held-out MSE (Infinity where the run failed), PCA's, status, wall and CPU seconds, first error. */
export interface VariantRun {
  heldoutMse: number;
  pcaMse: number;
  /** The graded ratio, unrounded (where the line's two errors are rounded to 3 significant digits). */
  mseOverPca: number;
  status: string;
  seconds: number;
  cpuSeconds: number;
  error?: string;
}

/** Grades a source on one seed (05's solution unless another exercise is named). */
export async function gradeVariant(source: string, seed: number, exerciseId = denseAutoencoderId): Promise<VariantRun> {
  const cpu0 = process.cpuUsage();
  const { report, seconds, metrics } = await gradeOnWasm(exerciseId, source, seed);
  const cpu = cpuSeconds(cpu0);
  // Both errors are in the graded line (metrics no check bounds); the ratio is the graded metric.
  const line = report.checks.flatMap((c) => c.details ?? []).join(' ');
  const pca = /components, the best linear code of the same width, scores ([\d.e-]+)/.exec(line);
  const mse = /Reconstruction MSE ([\d.e-]+) per pixel/.exec(line);
  return { heldoutMse: metrics.heldoutMse ?? (mse ? Number(mse[1]) : Infinity), pcaMse: pca ? Number(pca[1]) : NaN, mseOverPca: metrics.mseOverPca ?? Infinity, status: report.status, seconds, cpuSeconds: cpu, ...(report.error ? { error: report.error.message } : {}) };
}

/**
 * The command line of an autoencoder variants script: grades each variant (all, or `--only`) on `--seeds`, prints
 * its ranges, and merges its rows into `--json` after each variant (so one variant can be re-measured on its own).
 */
export async function measureVariants(exerciseId: string, script: string, variants: Record<string, Edit[]>): Promise<void> {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1-5' }, only: { type: 'string' }, json: { type: 'string' } } });
  const seeds = seedRange(values.seeds);
  const names = values.only ? values.only.split('|') : Object.keys(variants);
  const out: Record<string, ({ seed: number } & VariantRun)[]> = {};
  const range = (v: number[], d = 4) => `${Math.min(...v).toFixed(d)} … ${Math.max(...v).toFixed(d)}`;
  console.log(`${exerciseId} on seeds ${seeds.join(', ')} (WASM in Node); min … max over seeds`);
  for (const name of names) {
    const src = variantOfSolution(exerciseId, name, variants[name]!);
    const rows: (typeof out)[string] = [];
    for (const seed of seeds) rows.push({ seed, ...(await gradeVariant(src, seed, exerciseId)) });
    out[name] = rows;
    if (values.json) {
      const kept = existsSync(values.json) ? (JSON.parse(readFileSync(values.json, 'utf8')) as { variants?: typeof out }).variants ?? {} : {};
      const command = `node scripts/with-node.mjs node ${script} --seeds ${values.seeds} --json ${values.json}`;
      writeFileSync(values.json, JSON.stringify({ provenance: provenance(script, command), variants: { ...kept, ...out } }, null, 1) + '\n');
    }
    const errors = [...new Set(rows.flatMap((r) => (r.error ? [r.error.slice(0, 140)] : [])))];
    console.log(
      `  ${name}\n    held-out MSE ${range(rows.map((r) => r.heldoutMse))}  PCA ${range(rows.map((r) => r.pcaMse))}  ratio ${range(rows.map((r) => r.mseOverPca), 3)}` +
        `  passed ${rows.filter((r) => r.status === 'passed').length}/${rows.length}  ${range(rows.map((r) => r.seconds), 1)} s (CPU ${range(rows.map((r) => r.cpuSeconds), 1)} s)` +
        errors.map((e) => `\n    error: ${e}`).join(''),
    );
  }
}

if (import.meta.main) await measureVariants(denseAutoencoderId, 'scripts/autoencoders/dense-autoencoder-variants.ts', denseAutoencoderVariants);
