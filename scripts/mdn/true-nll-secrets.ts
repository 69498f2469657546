/**
 * How far the secret seeds move the floor of the 03-train-mdn exercise: the true conditional density's held-out NLL
 * (graders/mdn/inverse-density.ts, nats per point) on each of the secrets scripts/validate-secret-bounds.ts grades
 * on (secret i = HMAC-SHA-256("rdl validate-secret-bounds", i), the same derivation), and on the public seeds 1–5.
 * It is why the exercise grades the excess (model NLL − true NLL) and not the NLL itself.
 *   node scripts/with-node.mjs node scripts/mdn/true-nll-secrets.ts [--count 100]
 */
import { parseArgs } from 'node:util';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { loadExercise } from '../../graders/exercise-files.ts';
import { mdnTrainProblem } from '../../graders/problems/mdn/mdn-train.ts';
import { SecretSeed } from '../../graders/rng.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100' } } });
const secret = (i: number) => SecretSeed.fromKey(hmac(sha256, new TextEncoder().encode('rdl validate-secret-bounds'), new TextEncoder().encode(String(i))));
const params = mdnTrainProblem.params.parse(loadExercise('02-mdn/03-train-mdn').meta.data.params);
const trueNll = (seed: Parameters<typeof mdnTrainProblem.make>[1]) => mdnTrainProblem.make(params, seed, {}).hidden.trueNll;

const secrets = Array.from({ length: Number(values.count) }, (_, i) => trueNll(secret(i)));
const publics = [1, 2, 3, 4, 5].map((s) => trueNll(s));
const range = (v: number[]) => `${Math.min(...v).toFixed(3)}–${Math.max(...v).toFixed(3)}`;
console.log(`true conditional density's held-out NLL, nats per point: ${values.count} secrets ${range(secrets)}; seeds 1–5 ${range(publics)}`);
