/**
 * How the first/last gradient ratio of a deep MLP at initialization depends on width, batch size and
 * initialization: the numbers the "Vanishing gradients" lesson uses to compare its measurement with the PyTorch
 * reference. Plain float64 backprop (graders/dense.ts), geometric mean over seeds 1–10.
 * Run: node scripts/with-node.mjs node scripts/gradient-ratio-widths.ts [--hidden 8]
 */
import { parseArgs } from 'node:util';
import { ratioVsDepth, sci, type InitScheme } from '../src/components/figures/activation-depth/vanishing-gradients/gradient-norms-model.ts';

const { values } = parseArgs({ options: { hidden: { type: 'string', default: '8' } } });
const hidden = Number(values.hidden);
const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
console.log(`first/last ratio at ${hidden} hidden layers, geometric mean (min – max) over seeds 1–10`);
console.log('init     width  batch  sigmoid                    ReLU');
for (const scheme of ['pytorch', 'glorot', 'he'] as InitScheme[])
  for (const width of [16, 32, 64, 128])
    for (const n of [100, 300]) {
      const cell = (a: 'sigmoid' | 'relu') => {
        const r = ratioVsDepth([hidden], a, { width, n, seeds, scheme })[0]!;
        return `${sci(r.mean)} (${sci(r.min, 1)} – ${sci(r.max, 1)})`.padEnd(27);
      };
      console.log(`${scheme.padEnd(8)} ${String(width).padStart(5)}  ${String(n).padStart(5)}  ${cell('sigmoid')}${cell('relu')}`);
    }
