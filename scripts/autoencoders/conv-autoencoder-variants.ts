/**
 * The 06-conv-autoencoder exercise's reference solution and its wrong variants, graded for real (tfjs, WASM in
 * Node, the exercise's own generator and checks) over seeds: where the bounds and the messages in exercise.yaml
 * come from. Each variant is the solution with one thing changed (text replacements on solution.ts).
 *   node scripts/with-node.mjs node scripts/autoencoders/conv-autoencoder-variants.ts [--seeds 1-5] [--only 'name|name'] [--json FILE]
 * prints, per variant, the held-out MSE, PCA's with 16 components on the same images, their ratio (the graded
 * metric), how many seeds passed, and the wall and CPU seconds per grading; with --json FILE it writes every number,
 * provenance first (the lesson reads src/components/figures/autoencoders/autoencoders/conv-variants.json). The
 * command line is dense-autoencoder-variants.ts's.
 */
import type { Edit } from '../measure-lib.ts';
import { measureVariants } from './dense-autoencoder-variants.ts';

export const convAutoencoderId = '03-autoencoders/06-conv-autoencoder';

/** The solution's layers, from the first reshape to the last flatten: what the architecture variants replace. */
const layers = /tf\.layers\.reshape\(\{ inputShape[\s\S]*?tf\.layers\.flatten\(\),\n    \],/;

/** Every variant measured, by name: the edits that make it from the solution. */
export const convAutoencoderVariants: Record<string, Edit[]> = {
  reference: [],
  'too few epochs: 3': [['const EPOCHS = 15;', 'const EPOCHS = 3;']],
  'no training: 0 epochs': [['const EPOCHS = 15;', 'const EPOCHS = 0;']],
  'Adam 1e-3, same epochs': [['const LEARNING_RATE = 1e-2;', 'const LEARNING_RATE = 1e-3;']],
  'linear output (no sigmoid)': [["activation: 'sigmoid', ", '']],
  'tanh output on [0, 1] pixels': [["activation: 'sigmoid'", "activation: 'tanh'"]],
  '2-unit code': [['units: data.bottleneck', 'units: 2']],
  '32-unit code (wider than asked)': [['units: data.bottleneck', 'units: 32']],
  'no bottleneck: the model returns its input': [['  return model;\n}', '  model.dispose();\n  return { predict: (t: tf.Tensor) => t.clone() };\n}']],
  'dense only, no convolutions: 784-32-16-32-784, same training': [
    [
      layers,
      "tf.layers.dense({ units: 32, activation: 'relu', inputShape: [data.features], kernelInitializer: init(0) }),\n" +
        '      tf.layers.dense({ units: data.bottleneck, kernelInitializer: init(1) }),\n' +
        "      tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(2) }),\n" +
        "      tf.layers.dense({ units: data.features, activation: 'sigmoid', kernelInitializer: init(3) }),\n    ],",
    ],
  ],
  'max-pooling encoder (the lesson\'s measured network: stride-1 convolutions, then 2×2 max-pools)': [
    [
      "tf.layers.conv2d({ filters: f1, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),",
      "tf.layers.conv2d({ filters: f1, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),\n      tf.layers.maxPooling2d({ poolSize: 2 }),",
    ],
    [
      "tf.layers.conv2d({ filters: f2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),",
      "tf.layers.conv2d({ filters: f2, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),\n      tf.layers.maxPooling2d({ poolSize: 2 }),",
    ],
  ],
  'more epochs: 20': [['const EPOCHS = 15;', 'const EPOCHS = 20;']],
  'best 16-unit network we tried: 16/32 filters, 40 epochs': [['const FILTERS = [8, 16] as const;', 'const FILTERS = [16, 32] as const;'], ['const EPOCHS = 15;', 'const EPOCHS = 40;']],
};

if (import.meta.main) await measureVariants(convAutoencoderId, 'scripts/autoencoders/conv-autoencoder-variants.ts', convAutoencoderVariants);
