/**
 * The numbers behind the pipeline lesson's contingency figure: the reference solution of 03-autoencoders/07-pipeline
 * run once on the exercise's public seed (tfjs, WASM in Node, the exercise's own draw of 1000 digits), then its
 * clusters against the hidden digits: the contingency table, the Hungarian matching and the accuracy.
 *   node scripts/with-node.mjs node scripts/autoencoders/pipeline-figure.ts [--out FILE]
 * writes src/components/figures/autoencoders/pipeline/pipeline-contingency.json (provenance first) by default.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { clusteringAccuracy, contingency } from '../../graders/autoencoders/clustering-accuracy.ts';
import { loadExercise } from '../../graders/exercise-files.ts';
import { loadProblemData, makeProblem } from '../../graders/problems/index.ts';
import { deriveSeed } from '../../graders/rng.ts';
import { provenance } from '../../src/components/figures/kit/provenance.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { inThreadRunner } from '../../src/runtime/run-exercise.ts';

const id = '03-autoencoders/07-pipeline';
const defaultOut = 'src/components/figures/autoencoders/pipeline/pipeline-contingency.json';

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: defaultOut } } });
  const { meta, solution } = loadExercise(id);
  const tf = await useNodeBackend('wasm');
  await loadProblemData(meta.data);
  const problem = makeProblem(meta.data, meta.seed);
  const result = await inThreadRunner(tf)({ source: solution, entry: meta.entry, seed: deriveSeed(meta.seed, 'learner'), calls: problem.calls }, { onLog: () => {} });
  if (!result.ok) throw new Error(result.error.message);
  const ids = Int32Array.from(result.outputs.calls[0]!.clusters!);
  const labels = (problem.hidden as { labels: Int32Array }).labels;
  const k = (meta.data.params as { k: number }).k;
  const counts = contingency(labels, ids, 10, k);
  const { accuracy, classOf } = clusteringAccuracy(labels, ids, 10, k);
  const command = `node scripts/with-node.mjs node scripts/autoencoders/pipeline-figure.ts${values.out === defaultOut ? '' : ` --out ${values.out}`}`;
  writeFileSync(values.out, JSON.stringify({ provenance: provenance('scripts/autoencoders/pipeline-figure.ts', command), exercise: id, seed: meta.seed, n: ids.length, k, accuracy, classOf, counts }, null, 1) + '\n');
  console.log(`${id}, public seed ${meta.seed}: accuracy ${accuracy.toFixed(4)}; clusters → digits ${classOf.join(' ')}`);
}
