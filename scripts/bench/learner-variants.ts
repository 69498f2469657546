/**
 * Rewrites of a reference solution that train the same network the same number of steps another way, for the
 * bench's "learner's choices" table (steps.ts): `model.fit` without its per-epoch callback, and a plain loop of
 * `optimizer.minimize` inside `tf.tidy` that reads the loss every epoch (or every 10th) instead of `model.fit`.
 * Each rewrite throws when the solution no longer has the shape it expects, so a changed solution.ts cannot
 * silently bench something else.
 */
import { editSource } from '../measure-lib.ts';

/** Losses the loop variant can write out: the model's output and the targets `ys` go in. */
const lossExpression: Record<string, string> = {
  categoricalCrossentropy: 'tf.mean(tf.metrics.categoricalCrossentropy(ys, out))',
  meanSquaredError: 'tf.losses.meanSquaredError(ys, out)',
};

const compilePattern = /model\.compile\(\{ optimizer: (.+?), loss: '(\w+)' \}\);/;
const fitPattern = /await model\.fit\(xs, ys, \{[\s\S]*?epochs: (\d+),[\s\S]*?callbacks: \{ onEpochEnd: \(epoch, logs\) => ctx\.report\((\{[^)]*\})\) \},\n\s*\}\);/;

export interface Variant {
  name: string;
  source: string;
}

/** The solution's `model.fit` without its onEpochEnd callback (no ctx.report, so no loss read per epoch). */
export function fitWithoutCallback(solution: string): string {
  const s = editSource(solution);
  const line = /\n\s*callbacks: \{ onEpochEnd: [^\n]*/.exec(solution)?.[0];
  if (!line) throw new Error('solution.ts has no onEpochEnd callback line');
  s.swap(line, '');
  return s.source;
}

/**
 * The same training as `model.compile` + full-batch `model.fit`, as a loop of `optimizer.minimize` in `tf.tidy`;
 * the loss is read (dataSync) and reported every `readEvery` epochs, with the same ctx.report arguments.
 */
export function tidyLoop(solution: string, readEvery = 1): string {
  const compile = compilePattern.exec(solution);
  const fit = fitPattern.exec(solution);
  if (!compile || !fit) throw new Error('solution.ts does not have the model.compile + model.fit(xs, ys, { epochs, …, callbacks }) shape the loop rewrite expects');
  if (!/batchSize: data\.n\b/.test(fit[0])) throw new Error('the loop rewrite is for full-batch fits (batchSize: data.n)');
  const loss = lossExpression[compile[2]!];
  if (!loss) throw new Error(`no loop rewrite for loss '${compile[2]}'`);
  const report = fit[2]!.replace('logs?.loss ?? NaN', 'loss');
  const read = readEvery === 1 ? '' : `if (epoch % ${readEvery} !== ${readEvery - 1}) { cost.dispose(); continue; }\n    `;
  const loop = `const optimizer = ${compile[1]};
  for (let epoch = 0; epoch < ${fit[1]}; epoch++) {
    // One full-batch step: tf.tidy frees the forward pass; minimize returns the loss tensor (kept by tidy).
    const cost = tf.tidy(() => optimizer.minimize(() => { const out = model.apply(xs, { training: true }) as tf.Tensor; return ${loss} as tf.Scalar; }, true)!);
    ${read}const loss = cost.dataSync()[0]!;
    cost.dispose();
    ctx.report(${report});
  }
  optimizer.dispose(); // its own tensors (SGD's learning rate, Adam's moments); model.fit's are the model's to free`;
  const s = editSource(solution);
  s.swap(compile[0], '');
  s.swap(fit[0], loop);
  return s.source;
}

/** The solution and its rewrites, for the exercises whose solution is a full-batch model.fit. */
export function learnerVariants(solution: string): Variant[] {
  return [
    { name: 'model.fit (the solution)', source: solution },
    { name: 'model.fit, no callback', source: fitWithoutCallback(solution) },
    { name: 'tidy + minimize loop, loss read every epoch', source: tidyLoop(solution, 1) },
    { name: 'tidy + minimize loop, loss read every 10th', source: tidyLoop(solution, 10) },
  ];
}
