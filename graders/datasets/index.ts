import type { z } from 'zod';
import { blobs, blobsParams } from './blobs.ts';
import type { Dataset } from './types.ts';

export type { Dataset, Split } from './types.ts';

interface Generator<P> {
  params: z.ZodType<P>;
  generate(params: P, seed: number): Dataset;
}

/** Every dataset an exercise.yaml may name under `data.generator`. */
export const generators = {
  blobs: { params: blobsParams, generate: blobs } satisfies Generator<z.infer<typeof blobsParams>>,
} as const;

export type GeneratorName = keyof typeof generators;

/** Builds an exercise's dataset from its `data` block and a seed (params were validated by the schema). */
export function makeDataset(data: { generator: GeneratorName; params: unknown }, seed: number): Dataset {
  const g = generators[data.generator];
  return g.generate(g.params.parse(data.params), seed);
}
