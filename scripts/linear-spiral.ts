/**
 * The numbers the "Why non-linearity" lesson quotes about the spiral (3 arms, 1000 points each, noise 0.2), written
 * to src/components/figures/activation-depth/why-nonlinearity/linear-spiral.json, which the lesson renders:
 *  1. the best linear classifier (softmax regression, float64, as drawn in the lesson's figure) on seeds 1–10 and
 *     on the figure's seed 42;
 *  2. with tfjs (WASM): a deep stack of linear layers (2 → 100 → 100 → 3, no activations; Adam 0.01, full batch)
 *     on seeds 1–5, against the single layer's loss.
 * (For the ReLU network the lesson quotes the spiral lesson's network at learning rate 0.01, from
 * src/components/figures/activation-depth/spiral/relu-lr-0.01.json, so the two lessons show one measurement.)
 *
 * Run: node scripts/with-node.mjs node scripts/linear-spiral.ts [--epochs 1000] [--json FILE]
 * Part 2 takes minutes: a deep linear run is 1–5 min on a shared 2-core machine.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { linearSpiral, spiralSetup } from '../src/components/figures/activation-depth/why-nonlinearity/linear-spiral-model.ts';
import { provenance } from '../src/components/figures/kit/provenance.ts';
import { spiral } from '../graders/datasets/spiral.ts';
import { accuracy } from '../graders/metrics.ts';
import { useNodeBackend } from '../src/runtime/node-backend.ts';

const { values: args } = parseArgs({
  options: {
    epochs: { type: 'string', default: '1000' },
    json: { type: 'string', default: 'src/components/figures/activation-depth/why-nonlinearity/linear-spiral.json' },
  },
});
const epochs = Number(args.epochs);
const f3 = (v: number) => v.toFixed(3);
const round = (v: number, d = 5) => Number(v.toFixed(d));

console.log('1. Softmax regression (best linear classifier), float64 full-batch gradient descent:');
const linear = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42].map((seed) => {
  const r = linearSpiral(seed);
  const row = { seed, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, testCrossEntropy: round(r.testCrossEntropy), finalLoss: round(r.losses.at(-1)!) };
  console.log(`  seed ${seed}: train ${f3(row.trainAccuracy)}  test ${f3(row.testAccuracy)}  test cross-entropy ${f3(row.testCrossEntropy)}  final loss ${row.finalLoss}`);
  return row;
});

const tf = await useNodeBackend('wasm');
console.log(`\n2. tfjs (WASM), 2 → 100 → 100 → 3 with no activation, Adam 0.01, full batch, ${epochs} epochs:`);
const deepLinear = [];
for (const seed of [1, 2, 3, 4, 5]) {
  const { train, test } = spiral(spiralSetup, seed);
  const xs = tf.tensor2d(train.x, [train.n, 2]);
  const ys = tf.oneHot(tf.tensor1d(train.y, 'int32'), 3);
  const model = tf.sequential();
  [100, 100].forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: 'linear', ...(i === 0 && { inputShape: [2] }), kernelInitializer: tf.initializers.heNormal({ seed: seed * 10 + i }) })),
  );
  model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 10 + 9 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const h = await model.fit(xs, ys, { epochs, batchSize: train.n, shuffle: false, verbose: 0 });
  const [probs, trainProbs] = tf.tidy(() => [model.predict(tf.tensor2d(test.x, [test.n, 2])), model.predict(xs)] as import('@tensorflow/tfjs').Tensor[]);
  const row = {
    seed,
    trainAccuracy: accuracy(await trainProbs!.data(), train.y, 3),
    testAccuracy: accuracy(await probs!.data(), test.y, 3),
    finalLoss: round(h.history.loss!.at(-1) as number),
    singleLayerLoss: linear.find((l) => l.seed === seed)!.finalLoss,
  };
  console.log(`  seed ${seed}: train ${f3(row.trainAccuracy)}  test ${f3(row.testAccuracy)}  final loss ${row.finalLoss} (single layer ${row.singleLayerLoss})`);
  deepLinear.push(row);
  tf.dispose([xs, ys, probs!, trainProbs!]);
  model.dispose();
}

const command = `node scripts/with-node.mjs node scripts/linear-spiral.ts --epochs ${epochs} --json ${args.json}`;
writeFileSync(args.json!, JSON.stringify({ provenance: provenance('scripts/linear-spiral.ts', command), epochs, linear, deepLinear }, null, 1) + '\n');
console.log(`wrote ${args.json}`);
