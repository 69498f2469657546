import { useNodeBackend } from '../src/runtime/node-backend.ts';
import { spiral } from '../graders/datasets/spiral.ts';
const tf = await useNodeBackend((process.argv[2] as 'wasm') ?? 'wasm');
const { train } = spiral({ classes: 3, trainPerClass: 1000, testPerClass: 1000, noise: 0.2 }, 1);
const xs = tf.tensor2d(train.x, [train.n, 2]);
const ys = tf.oneHot(tf.tensor1d(train.y, 'int32'), 3);
function mk() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 100, activation: 'relu', inputShape: [2] }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}
let m = mk();
let t = performance.now();
await m.fit(xs, ys, { epochs: 200, batchSize: train.n, shuffle: false, verbose: 0, callbacks: { onEpochEnd: () => {} } });
console.log('fit 200 epochs', performance.now() - t);
m = mk();
const opt = tf.train.adam(1e-3);
t = performance.now();
for (let e = 0; e < 200; e++) {
  const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, m.apply(xs) as any) as any, true)!;
  await loss.data(); loss.dispose();
}
console.log('minimize 200 epochs', performance.now() - t);
t = performance.now();
for (let e = 0; e < 200; e++) {
  const loss = tf.tidy(() => { const y = m.apply(xs) as any; return y.sum(); });
  await loss.data(); loss.dispose();
}
console.log('forward only 200', performance.now() - t);
