/** Starting the grade CLI as a separate process, for tests that control how it is started (descriptors, uid). */
import { spawn, type SpawnOptions } from 'node:child_process';

/**
 * Runs `node <script> <args…>` with `options` (stdio 1 and 2 must be pipes) and resolves with its exit code and
 * stderr once it has closed; stdout is drained and dropped.
 */
export function runGraderProcess(script: string, args: string[], options: SpawnOptions): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], options);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}
