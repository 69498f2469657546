/**
 * Messages between the page and the exercise worker. Errors are values (a GradeReport with status "error" or a
 * `crash` message), never exceptions thrown across the boundary.
 */
import type { ExerciseMeta } from '../../graders/schema.ts';
import type { BackendChoice, BackendName, BackendPreference } from './backend.ts';
import type { DebugFlags } from './debug-flags.ts';
import type { ExerciseRunResult } from './run-exercise.ts';
import type { ProgressEvent } from './run-learner.ts';
import type { CompiledModules } from './wasm-module-cache.ts';

export interface RunRequest {
  type: 'run';
  meta: ExerciseMeta;
  source: string;
  seed: number;
  backend: BackendPreference;
  gridSize: number;
  /** Drawn on the page: evaluate what is only shown, too (ProblemOptions.onPage). */
  onPage: boolean;
  /** The exercise's starter, so a run of it unchanged says so (GradeReport.starterUnchanged). */
  starter?: string;
  /** tfjs's WebAssembly as an earlier run's worker compiled it, by URL (wasm-module-cache.ts); empty on a first run. */
  compiled: CompiledModules;
  /** Test-only switches from the page's URL (debug-flags.ts); absent for learners. */
  debug?: DebugFlags;
}

export type WorkerMessage =
  | {
      type: 'backend';
      backend: BackendName;
      /** Threads it computes on (more than 1 only for threaded WASM). */
      threads: number;
      choice: BackendChoice;
      failed: { name: BackendName; why: string }[];
      /** Ids of our fixes of tfjs's WASM kernels in force (src/runtime/wasm-patches/); empty on other backends. */
      wasmPatches: string[];
      /** How this worker got tfjs's WebAssembly: from an earlier run's compiled module, compiled afresh, or none. */
      wasmModule: 'cached' | 'compiled' | 'none';
    }
  | { type: 'wasm-module'; url: string; module: WebAssembly.Module }
  | ({ type: 'progress' } & ProgressEvent)
  | { type: 'log'; line: string }
  | { type: 'done'; result: ExerciseRunResult }
  | { type: 'crash'; message: string };
