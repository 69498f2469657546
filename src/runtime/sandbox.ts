/**
 * The instructor sandbox: how a grading child process is started so that a hostile submission can hurt neither
 * the grader nor another student (Node only). child-runner.ts spawns what `sandboxCommand` returns.
 *
 * Layers, outermost first:
 * - **A separate process per submission**, killed with SIGKILL at the wall-clock timeout (child-runner.ts).
 *   Monkey-patching `Math.random`, tfjs or any global stays inside that process, and the metrics are computed
 *   in the parent from the outputs the child returns, with labels the child never had.
 * - **A launcher shell** (`bash -c`; sh cannot, see BASH) that closes every inherited descriptor except stdin,
 *   stdout, stderr and the result pipe, then sets the address-space limit and `exec`s Node (`launcherScript`).
 * - **An address-space limit** (`ulimit -v` in the launcher). Unlike
 *   `--max-old-space-size`, which caps only V8's JavaScript heap, it also stops typed arrays and WASM memory:
 *   4 GB of Float32Array got through `--max-old-space-size=256` (STACK-NOTES.md §6).
 * - **Node's permission model** (`--permission`): file reads only under node_modules, src/runtime and graders
 *   (the code the child runs; never exercises/, with its solutions, nor the submissions, the seed file or the
 *   output folder); no file writes, child processes, worker threads, native addons, WASI or inspector; and on
 *   Node ≥ 25 no network either (`--allow-net` is not given). Built-ins the model does not cover are switched
 *   off (`disabledBuiltinFlags`: node:sqlite, node:ffi…).
 * - **Its own unprivileged uid when the grader runs as root** (Gradescope, CI containers): a signal from one child
 *   then cannot reach the grader or another child even if it got past node-child.ts, which replaces
 *   `process.kill` and `os.setPriority` (the permission model does not cover them) before learner code runs.
 * - **An empty environment and a bare argv**: the grading seed and the hidden labels are in neither, nor in any
 *   message (the child gets the training split, the test inputs and a seed derived from the grading seed).
 *
 * Deliberately *not* used: `--disallow-code-generation-from-strings`. The loader evaluates the learner's module
 * with `new Function` (load-module.ts, shared with the browser worker, which needs it). Forbidding code
 * generation would protect nothing here: the learner's code already runs as arbitrary JavaScript inside the
 * child, so `eval` adds no capability. The boundary is the process, the permission model and the rlimit.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is src/runtime/sandbox.ts). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SandboxOptions {
  /**
   * Address-space limit of the child in MiB (virtual memory, not resident memory). Node and V8 reserve about
   * 1.3 GiB of address space up front, so values under ~1536 fail before any learner code runs. Measured
   * (Node 26, x64; scripts/measure-child-memory.ts): at 4096 the learner gets about 1984 MB of tfjs-WASM heap, or
   * 576 MB of typed arrays; at 2048, 320 and 576 MB; at 8192, 4096 and 2624 MB. The JavaScript heap ends at about
   * 600 MB. (Before the child ran JavaScript, amaro's WebAssembly memory held address space too: 320 MB of WASM
   * heap at 4096, 2112 MB at 8192.)
   */
  memoryMb: number;
}

/** Default address-space cap per submission: room for the exercises' models, and far below a 4 GB bomb. */
export const defaultMemoryMb = 4096;

/**
 * Built-in modules that bypass the permission model in Node 26, switched off for every child: `node:sqlite`
 * opened, read and created files under `--permission` (a planted `.npmrc`, a file at the `--out` path), and
 * `node:ffi` loads native code (its `dlopen` is also denied by the permission model; off anyway, in depth).
 * Web Storage would write a file given `--localstorage-file`, WebSocket is network. The classification of every
 * built-in module is reviewed in tests/unit/runtime/builtins.test.ts, which fails on a new Node's new module.
 */
export const disabledBuiltinFlags = ['--no-experimental-sqlite', '--no-experimental-ffi', '--no-experimental-webstorage', '--no-experimental-websocket'] as const;

/** Node flags every grading child gets, sandboxed or not (the unsandboxed child only in tests of the runner). */
export function childNodeFlags(): string[] {
  return [...disabledBuiltinFlags, '--disable-warning=ExperimentalWarning'];
}

/** The Node flags of a sandboxed child: permission model, read-only access to the code it runs. */
export function sandboxNodeFlags(root = projectRoot): string[] {
  const read = ['node_modules', 'src/runtime', 'graders', 'package.json'].map((p) => `--allow-fs-read=${path.join(root, p)}`);
  return ['--permission', ...read, ...childNodeFlags()];
}

/**
 * Address space (MiB) of the cap that a WebAssembly memory's reservation leaves to everything else: Node and V8
 * reserve about 1.4 GiB before tfjs starts, the rest is the learner's JavaScript heap and typed arrays.
 */
export const NON_WASM_RESERVE_MB = 2048;

/**
 * V8 flags that size WebAssembly memories to the child's address-space cap. V8 reserves a memory's whole maximum
 * up front; tfjs-wasm's (and any) memory declares 4 GiB, which cannot be reserved under the default 4096 MiB cap.
 * V8 then runs full garbage collections and retries with 3, 2 and 1 GiB before it settles: 8 last-resort
 * collections per memory, 0.2–0.4 s of a sandboxed child's start-up, every submission. Capping memories at the
 * largest of those sizes that leaves NON_WASM_RESERVE_MB of the cap makes V8's first reservation the one it would
 * have settled on (2 GiB at 4096; at 8192, 4 GiB, V8's default). Where not even 1 GiB fits, no flag: V8's fallback,
 * as before. What a submission then gets at each cap: SandboxOptions.memoryMb.
 */
export function wasmMemoryFlags(memoryMb: number): string[] {
  const mb = [4096, 3072, 2048, 1024].find((size) => size <= memoryMb - NON_WASM_RESERVE_MB);
  return mb === undefined ? [] : [`--wasm-max-mem-pages=${mb * 16}`];
}

/** Descriptors a child keeps: stdin (the request), stdout, stderr and the result pipe (child-runner.ts). */
export const KEPT_FDS = [0, 1, 2, 3] as const;

/**
 * bash, not sh: dash (Debian's and Ubuntu's /bin/sh) cannot name descriptors above 9 in a redirection, and a
 * syntax error in the loop's `eval` ends the whole shell silently, so with sh the loop would either leave
 * descriptors open or start nothing. Gradescope's and CI's Ubuntu images have bash.
 */
const BASH = ['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p));

/**
 * The launcher script. Descriptors are outside the permission model, and whatever the grader inherited from
 * *its* parent (a CI runner's pipes, a secret file an instructor's shell left open) would be readable and
 * writable from every child. Node cannot close them itself (libuv's io_uring aborts), so the shell that already
 * applies the memory limit closes every descriptor but 0–3 before it `exec`s Node. The list is read from
 * /proc/self/fd (the shell's own; the glob's directory descriptor is already closed when the loop runs, hence
 * the silenced error). `ulimit -v` takes KiB; "$0" "$@" keeps every argument as given.
 */
export function launcherScript(memoryKiB: number): string {
  return `for f in /proc/self/fd/*; do n=\${f##*/}; case $n in ${KEPT_FDS.join('|')}) ;; *) { eval "exec $n>&-"; } 2>/dev/null ;; esac; done; ulimit -v ${memoryKiB} && exec "$0" "$@"`;
}

/**
 * Command and arguments that start `node <flags> <script>` through the launcher: inherited descriptors closed,
 * the address-space limit set.
 */
export function sandboxCommand(script: string, opts: SandboxOptions, root = projectRoot): { command: string; args: string[] } {
  const node = [process.execPath, ...sandboxNodeFlags(root), ...wasmMemoryFlags(opts.memoryMb), script];
  const kib = Math.round(opts.memoryMb * 1024);
  // Thrown here, it becomes the grader's own "Could not start the grading process" error (child-runner.ts): a
  // sandbox that cannot close descriptors is not started at all.
  if (!BASH) throw new Error('the grading sandbox needs bash (/bin/bash or /usr/bin/bash) to close inherited file descriptors; install bash');
  return { command: BASH, args: ['-c', launcherScript(kib), ...node] };
}

let nextUid = 0;
let reachable: boolean | undefined;

/** Whether a process of another uid can reach `file`: every folder above it searchable by others, it readable. */
export function othersCanRead(file: string): boolean {
  try {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (dir === path.dirname(dir)) break;
    }
    return (statSync(file).mode & 0o004) !== 0;
  } catch {
    return false;
  }
}

/**
 * uid/gid for the next child when this process is root: a fresh one from 61000–61999 per child, so concurrent
 * children cannot signal each other either (a process may signal only its own uid's). Needs no /etc/passwd entry;
 * the child only reads world-readable files. Undefined when not root (setuid is impossible) or when the code is
 * not readable by other users (e.g. a checkout in /root): then the JS-level block in node-child.ts is the guard.
 */
export function sandboxIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0 || process.env.RDL_SANDBOX_SAME_UID) return undefined;
  // A checkout under /root (mode 700) cannot be read by another uid: keep root's uid there rather than fail every run.
  reachable ??= [process.execPath, path.join(projectRoot, 'package.json'), path.join(projectRoot, 'src/runtime/node-child.ts'), path.join(projectRoot, 'node_modules/@tensorflow/tfjs/package.json')].every(othersCanRead);
  if (!reachable) return undefined;
  const id = 61000 + (nextUid++ % 1000);
  return { uid: id, gid: id };
}

/** Error texts V8, tfjs-WASM and emscripten produce when an allocation fails under the cap. */
export const outOfMemoryPattern = /heap out of memory|Array buffer allocation failed|Out of memory|Cannot allocate Wasm memory|memory access out of bounds/i;

/** The message for a submission that hit the memory cap, with what the engine said. */
export function outOfMemoryMessage(memoryMb: number, detail?: string): string {
  return `Out of memory: your code needed more than the grader's memory limit (${memoryMb} MB of address space). Are tensors created in a loop without being disposed (use tf.tidy), or are arrays or the model far larger than needed?${detail ? ` (${detail.trim().slice(0, 200)})` : ''}`;
}
