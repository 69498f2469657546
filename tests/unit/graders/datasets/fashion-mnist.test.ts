/** The shipped 28×28 images (Fashion-MNIST's first 2000 test images): the file is what SOURCE.md says and loads whole. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawDigits, loadImageSet } from '../../../../graders/datasets/digits.ts';
import reference from '../../../../reference/results/exp7b_fashion_mnist.json';

const file = 'data/fashion-mnist/fashion-mnist-28x28.bin';

describe('data/fashion-mnist/fashion-mnist-28x28.bin', () => {
  it('has the SHA-256 its SOURCE.md records', () => {
    const recorded = /SHA-256:\*\* `([0-9a-f]{64})`/.exec(readFileSync('data/fashion-mnist/SOURCE.md', 'utf8'))?.[1];
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(recorded);
  });

  it('loads as 2000 images of 28×28, levels 0–255, 188–219 per class: the reference\'s subset', async () => {
    const set = await loadImageSet('fashion-mnist-28x28');
    expect([set.n, set.rows, set.cols, set.maxValue]).toEqual([2000, 28, 28, 255]);
    const counts = Array.from({ length: 10 }, (_, c) => set.labels.filter((l) => l === c).length);
    expect(counts).toEqual([200, 203, 214, 190, 219, 195, 197, 200, 194, 188]);
    expect(reference.config.data).toBe('Fashion-MNIST t10k first 2000, X/255');
    // Test image 0 is an ankle boot (class 9), as in every Fashion-MNIST reader.
    expect(set.labels[0]).toBe(9);
    const [draw] = drawDigits(set, [10], 1);
    expect([draw!.features, Math.max(...draw!.x) <= 1, Math.min(...draw!.x) >= 0]).toEqual([784, true, true]);
  });
});
