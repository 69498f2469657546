/**
 * Generators document themselves: every parameter has a `.describe()` text, every metric a generator computes
 * for a real exercise is in its doc, the task kinds come from the generators, and the printed reference
 * (`npm run grade -- --list-generators`) is what docs/generators.md says.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listExerciseIds, loadExercise } from '../../../graders/exercise-files.ts';
import { generatorReference, paramDocs } from '../../../graders/generator-reference.ts';
import { generators, metricNames, taskNames, type GeneratorName } from '../../../graders/problems/index.ts';
import { exerciseSchema, parseExercise } from '../../../graders/schema.ts';

const names = Object.keys(generators) as GeneratorName[];
// A doc key such as `maxError:<GATE>` stands for every metric with that prefix.
const documents = (keys: string[], metric: string) => keys.some((k) => k === metric || (k.endsWith('>') && metric.startsWith(k.slice(0, k.indexOf('<')))));

describe('generator reference', () => {
  it.each(names)('%s: every parameter describes itself', (name) => {
    const params = paramDocs(name);
    expect(params.length).toBeGreaterThan(0);
    expect(params.filter((p) => !p.description).map((p) => p.name)).toEqual([]);
  });

  it('every metric a real exercise can bound is documented by its generator', () => {
    const ids = listExerciseIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const { data } = loadExercise(id).meta;
      const keys = Object.keys(generators[data.generator].doc.metrics);
      for (const m of metricNames(data.generator, data.params)) expect(documents(keys, m), `${id}: ${m} (documented: ${keys.join(', ')})`).toBe(true);
    }
  });

  it('the task kinds are the generators\' own, and the schema explains each', () => {
    expect(taskNames).toEqual(['classification', 'regression', 'truth-table', 'equivalent-layer', 'gradient-norms', 'gmm-log-density', 'gmm-fit', 'gmm-classifier', 'mixture-sampling', 'gmm-em', 'mdn-nll', 'mdn-train', 'mdn-sampling', 'pca', 'kernel-pca', 'tsne', 'kmeans', 'autoencoder', 'digit-clustering', 'training-loop']);
    const text = exerciseSchema.shape.task.description ?? '';
    for (const t of taskNames) expect(text).toContain(`\`${t}\``);
    // No exercise repeats its generator's task kind; one that names another kind is refused with the field.
    for (const id of listExerciseIds()) expect(loadExercise(id).meta.task, id).toBeUndefined();
    // A classification exercise by name: the first id is no longer one once the Mixtures exercises exist.
    const meta = loadExercise('04-activation-depth/01-softmax-blobs').meta;
    const { id: _id, ...raw } = { ...meta, task: 'regression' };
    expect(() => parseExercise(raw, 'x.yaml')).toThrow(/task: generator "\w+" poses a "classification" task, not "regression"/);
    expect(() => parseExercise({ ...raw, task: 'classification' }, 'x.yaml')).not.toThrow();
  });

  it('docs/generators.md is the current reference (regenerate: npm run -s grade -- --list-generators > docs/generators.md)', () => {
    const ref = generatorReference();
    for (const n of names) expect(ref).toContain(`## \`${n}\` (task \`${generators[n].task}\`)`);
    expect(readFileSync('docs/generators.md', 'utf8')).toBe(ref);
  });

  it('npm run grade -- --list-generators prints it', () => {
    const r = spawnSync(process.execPath, ['instructor/cli.ts', '--list-generators'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(generatorReference());
  });
});
