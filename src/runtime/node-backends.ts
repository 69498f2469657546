/**
 * The tfjs backends the grader can run in Node, by name only. Kept apart from node-backend.ts, which loads tfjs:
 * the grader's own process (instructor/) validates `--backend` with this list but never runs tfjs itself (its
 * children do), and importing all of tfjs there cost every `npm run grade` a few hundred milliseconds.
 */
export type NodeBackend = 'wasm' | 'cpu';
export const nodeBackends: readonly NodeBackend[] = ['wasm', 'cpu'];
