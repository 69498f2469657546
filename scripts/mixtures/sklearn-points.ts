/**
 * Writes, as JSON on stdout, the mixtures and points that tests/fixtures/mixtures/sklearn.json was computed on
 * (scikit-learn's numbers for the same data, a cross-check of graders/mixtures/). Regenerate the fixture with
 *   node scripts/with-node.mjs node scripts/mixtures/sklearn-points.ts | /usr/bin/python3 scripts/mixtures/sklearn-crosscheck.py > tests/fixtures/mixtures/sklearn.json
 */
import { sklearnCheckCases } from './sklearn-cases.ts';

process.stdout.write(JSON.stringify(sklearnCheckCases().map(({ seed, gmm, x, far }) => ({ seed, gmm, x: Array.from(x), far }))));
