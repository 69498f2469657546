/**
 * Validates every exercise's bounds under secret seeds, where hidden task parameters vary (06-cubic's scale and
 * offset, the blobs' and spiral's rotation and class shift: graders/datasets/cubic.ts, secret-variant.ts).
 *
 *   node scripts/with-node.mjs node scripts/validate-secret-bounds.ts [--exercise ID]… [--count 100]
 *       [--skip-reference] [--backend wasm|cpu] [--out scripts/secret-bounds.json]
 *
 * For each exercise: the reference solution, and the named wrong answers (formulas the lesson page gives away,
 * which must fail on every secret), graded in this thread as the grader does on `--count` secrets. The secrets
 * are reproducible: secret i is HMAC-SHA-256("rdl validate-secret-bounds", i), and each line prints its
 * fingerprint. Per metric it records min and max against the exercise's bounds and the margin left; the results
 * are merged into the JSON file per exercise (so slow exercises can be run on their own, later), with provenance.
 * tests/unit/graders/secret-bounds.test.ts checks exercise.yaml against that file.
 *
 * Cost on WASM (one core): cubic ~1.4 s, blobs ~1 s, spiral ~10 s per secret for the reference; the formula
 * answers and the other exercises take milliseconds. --skip-reference runs the wrong answers only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { listExerciseIds, loadExercise } from '../graders/exercise-files.ts';
import type { GradeReport } from '../graders/report.ts';
import { SecretSeed } from '../graders/rng.ts';
import { useNodeBackend, type NodeBackend } from '../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../src/runtime/run-exercise.ts';
import { metricValues } from './measure-lib.ts';

const { values: args } = parseArgs({
  options: {
    exercise: { type: 'string', short: 'e', multiple: true },
    count: { type: 'string', default: '100' },
    'skip-reference': { type: 'boolean' },
    backend: { type: 'string', default: 'wasm' },
    out: { type: 'string', default: 'scripts/secret-bounds.json' },
  },
});

/** Secret i of the validation set: reproducible, and unrelated to any instructor's secret. */
export const validationSecret = (i: number) => SecretSeed.fromKey(hmac(sha256, new TextEncoder().encode('rdl validate-secret-bounds'), new TextEncoder().encode(String(i))));

// Wrong answers that read nothing from the training data: each returns a function of the test inputs that the
// lesson page gives away. Integer seeds (the browser's) let them pass; a secret must not.
const head = "import * as tf from '@tensorflow/tfjs';\nexport async function train(data: any, ctx: any): Promise<any> {\n";
const wrongAnswers: Record<string, Record<string, string>> = {
  '04-activation-depth/06-cubic': {
    'formula x³ + 0.15 (the page’s best prediction)': `${head}  return (x: tf.Tensor) => tf.add(tf.pow(x, 3), 0.15);\n}\n`,
    'formula x³': `${head}  return (x: tf.Tensor) => tf.pow(x, 3);\n}\n`,
  },
  '04-activation-depth/01-softmax-blobs': {
    // The Bayes classifier for the page's centres and σ: softmax of −‖x − c‖² / 2σ².
    'nearest page centre (Bayes rule for the page’s blobs)': `${head}  const c = tf.tensor2d([[-2.5, 2.0], [2.5, 2.5], [2.5, -2.0], [-2.0, -2.5]]);
  return (x: tf.Tensor) => tf.tidy(() => tf.softmax(tf.div(tf.neg(tf.sum(tf.square(tf.sub(tf.expandDims(x, 1), tf.expandDims(c, 0))), -1)), 2 * 1.5 * 1.5)));
}\n`,
  },
  '02-mdn/01-forward-mlp': {
    'formula 7 sin(0.75x) + 0.5x (the page’s curve)': `${head}  return (x: tf.Tensor) => tf.tidy(() => tf.add(tf.mul(7, tf.sin(tf.mul(0.75, x))), tf.mul(0.5, x)));\n}\n`,
  },
  '04-activation-depth/05-spiral': {
    // Arm k at radius r sits at angle 2π(k + 2r)/3 (point r·(sin t, cos t)); score each arm by the wrapped angle error.
    'nearest page arm (the spiral’s equation)': `${head}  return (x: tf.Tensor) => tf.tidy(() => {
    const [a, b] = tf.split(x, 2, 1) as [tf.Tensor, tf.Tensor];
    const r = tf.sqrt(tf.add(tf.square(a), tf.square(b)));
    const phi = tf.atan2(a, b);
    const scores = [0, 1, 2].map((k) => {
      const d = tf.sub(phi, tf.mul((2 * Math.PI) / 3, tf.add(k, tf.mul(2, r))));
      const w = tf.sub(d, tf.mul(2 * Math.PI, tf.round(tf.div(d, 2 * Math.PI))));
      return tf.div(tf.neg(tf.square(w)), 2 * 0.2 * 0.2);
    });
    return tf.softmax(tf.concat(scores, 1));
  });
}\n`,
  },
};

interface MetricRange {
  min: number;
  max: number;
  /** The exercise's bounds when the results were recorded (the test compares them with exercise.yaml). */
  bounds: { min?: number; max?: number };
  /** Distance from the lowest value to the lower bound and from the highest to the upper (negative: outside). */
  margin: { low?: number; high?: number };
}
interface RunSummary {
  runs: number;
  passed: number;
  metrics: Record<string, MetricRange>;
}
interface ExerciseResult {
  count: number;
  fingerprints: [string, string];
  reference?: RunSummary;
  wrongAnswers: Record<string, RunSummary>;
  recorded: string;
  seconds: number;
}

const count = Number(args.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${args.count}`);
const ids = args.exercise?.length ? args.exercise : listExerciseIds();
const backend = args.backend as NodeBackend;
const tf = await useNodeBackend(backend);
const secrets = Array.from({ length: count }, (_, i) => validationSecret(i));
const out = args.out!;
const file = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { exercises: Record<string, ExerciseResult> }) : { exercises: {} };

function summarise(reports: GradeReport[], bounds: Record<string, { min?: number; max?: number }>): RunSummary {
  const metrics: Record<string, MetricRange> = {};
  for (const [metric, b] of Object.entries(bounds)) {
    const vs = reports.map((r) => metricValues(r)[metric]!);
    const min = Math.min(...vs), max = Math.max(...vs);
    metrics[metric] = { min, max, bounds: b, margin: { ...(b.min !== undefined && { low: min - b.min }), ...(b.max !== undefined && { high: b.max - max }) } };
  }
  return { runs: reports.length, passed: reports.filter((r) => r.status === 'passed').length, metrics };
}

for (const id of ids) {
  const { meta, solution } = loadExercise(id);
  const bounds: Record<string, { min?: number; max?: number }> = {};
  for (const c of meta.checks) bounds[c.metric] = { ...(c.min !== undefined && { min: c.min }), ...(c.max !== undefined && { max: c.max }) };
  const started = performance.now();
  const grade = async (source: string, what: string) => {
    const reports: GradeReport[] = [];
    for (const seed of secrets) {
      const { report } = await runExercise({ meta, source, backend, runner: inThreadRunner(tf), seed });
      if (report.error) throw new Error(`${id} ${what} on ${seed}: ${report.error.message}`);
      reports.push(report);
      console.log(`${id}  ${what}  ${seed}: ${report.checks.map((c) => `${c.metric} ${c.value.toPrecision(5)}`).join(', ')}  ${report.status}`);
    }
    return summarise(reports, bounds);
  };
  const previous = file.exercises[id];
  const result: ExerciseResult = {
    count,
    fingerprints: [secrets[0]!.fingerprint, secrets.at(-1)!.fingerprint],
    ...(args['skip-reference'] ? previous?.count === count && previous.reference && { reference: previous.reference } : { reference: await grade(solution, 'reference') }),
    wrongAnswers: {},
    recorded: new Date().toISOString().slice(0, 10),
    seconds: 0,
  };
  for (const [name, source] of Object.entries(wrongAnswers[id] ?? {})) result.wrongAnswers[name] = await grade(source, name);
  result.seconds = Math.round((performance.now() - started) / 1000);
  file.exercises[id] = result;
  const ok = (!result.reference || result.reference.passed === count) && Object.values(result.wrongAnswers).every((w) => w.passed === 0);
  console.log(`${id}: reference ${result.reference ? `${result.reference.passed}/${count} passed` : 'not run'}; wrong answers ${Object.entries(result.wrongAnswers).map(([n, w]) => `"${n}" ${w.passed}/${count} passed`).join(', ') || 'none'}; ${ok ? 'OK' : 'BOUNDS DO NOT HOLD'}`);
  // Written after each exercise, so a long run that is stopped keeps what it finished.
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        about: 'Exercise bounds under secret seeds: the reference solution and the wrong answers the page gives away, graded in-thread on `count` secrets (secret i = HMAC-SHA-256("rdl validate-secret-bounds", i)). Checked by tests/unit/graders/secret-bounds.test.ts.',
        script: 'scripts/validate-secret-bounds.ts',
        command: 'node scripts/with-node.mjs node scripts/validate-secret-bounds.ts --exercise <id> --count 100',
        backend,
        exercises: Object.fromEntries(Object.entries(file.exercises).sort(([a], [b]) => a.localeCompare(b))),
      },
      null,
      2,
    )}\n`,
  );
}
