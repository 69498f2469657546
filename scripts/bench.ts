/**
 * `npm run bench`: wall time for each exercise's reference solution to pass, per backend, median of several runs.
 *   Node:     CPU and WASM backends, in this process (the time the grader's own clock reports).
 *   Chromium: the built site in Debian's Chromium, run through the page exactly as a learner would, on WASM,
 *             WebGL and WebGPU where the browser offers them. A backend that exists only as a software
 *             emulation is still measured for WebGL (SwiftShader), but WebGPU's fallback adapter is skipped:
 *             it is ~140× slower and would take minutes per run.
 *   Batch:    instructor throughput: a temp folder of 20 students who each hand in the reference solution of
 *             the first exercise, graded like `npm run grade -- <dir>` (sandboxed children, default --jobs =
 *             cores); prints submissions graded per minute.
 * Options: --runs N (default 5 in Node, 3 in Chromium), --node-only, --browser-only, --batch-only, --students N
 * (default 20), --exercise ID (repeatable). Needs `npm run build` first for the browser part. Prints numbers; it asserts nothing.
 * What must hold on every seed is asserted by `npm run check:corpus`, which the summary line names.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { discoverSubmissions } from '../instructor/batch/discover.ts';
import { gradeBatch } from '../instructor/batch/grade-batch.ts';
import { listExerciseIds, loadExercise } from '../graders/exercise-files.ts';
import { nodeBackends, useNodeBackend } from '../src/runtime/node-backend.ts';
import { inThreadRunner, runExercise } from '../src/runtime/run-exercise.ts';
import { startAstro } from './lib/astro-server.ts';
import { launch } from './lib/chromium.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string' },
    'node-only': { type: 'boolean' },
    'browser-only': { type: 'boolean' },
    'batch-only': { type: 'boolean' },
    students: { type: 'string', default: '20' },
    exercise: { type: 'string', multiple: true },
  },
});
const ids = listExerciseIds().filter((id) => !args.exercise || args.exercise.includes(id));
/** Seconds for runs of a second or more, milliseconds below (the truth-table exercises take a few ms). */
const duration = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (where: string, id: string, backend: string, times: number[], note = '') =>
  console.log(`${where.padEnd(9)} ${id.padEnd(40)} ${backend.padEnd(7)} ${times.length ? duration(median(times)).padStart(8) : '       –'}  ${times.length ? `(${times.map(duration).join(', ')})` : ''} ${note}`);

console.log(`${'where'.padEnd(9)} ${'exercise'.padEnd(40)} ${'backend'.padEnd(7)} ${'median'.padStart(8)}  (runs)`);

if (!args['browser-only'] && !args['batch-only']) {
  const runs = Number(args.runs ?? 5);
  for (const id of ids) {
    const { meta, solution } = loadExercise(id);
    for (const backend of nodeBackends) {
      const tf = await useNodeBackend(backend);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { report } = await runExercise({ meta, source: solution, backend, runner: inThreadRunner(tf), seed: i + 1 });
        if (report.status !== 'passed') throw new Error(`${id} did not pass on ${backend}: ${JSON.stringify(report.error ?? report.checks)}`);
        times.push(report.durationMs);
      }
      row('node', id, backend, times);
    }
  }
}

if (!args['browser-only']) {
  const ex = loadExercise(listExerciseIds()[0]!);
  const n = Number(args.students);
  const dir = mkdtempSync(path.join(tmpdir(), 'rdl-bench-batch-'));
  try {
    for (let i = 1; i <= n; i++) {
      const file = path.join(dir, `student-${String(i).padStart(2, '0')}`, `${ex.meta.id}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, ex.solution);
    }
    const jobs = availableParallelism();
    const t0 = performance.now();
    const results = await gradeBatch(discoverSubmissions(dir, [ex.meta.id]).students, { exercises: [ex], seed: 1234, jobs });
    const s = (performance.now() - t0) / 1000;
    const passed = results.filter((r) => r.status === 'passed').length;
    console.log(`batch     ${ex.meta.id.padEnd(40)} ${'wasm'.padEnd(7)} ${`${s.toFixed(1)} s`.padStart(8)}  ${n} submissions, ${jobs} jobs, sandboxed: ${((n / s) * 60).toFixed(1)} submissions/min (${passed}/${n} passed)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!args['node-only'] && !args['batch-only']) {
  if (!existsSync('dist/index.html')) throw new Error('Run `npm run build` first: the browser benchmark uses the built site.');
  const runs = Number(args.runs ?? 3);
  const server = await startAstro('preview');
  const b = await launch({ extraArgs: ['--enable-unsafe-webgpu'] });
  try {
    for (const id of ids) {
      const { meta, solution } = loadExercise(id);
      const url = `${server.url}/${meta.lesson}/`;
      const sel = `rdl-exercise[data-exercise-id="${id}"]`;
      await b.page.goto(url);
      const adapter = await b.page.evaluate(async () => {
        const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean; architecture?: string } } | null> } }).gpu;
        const a = await gpu?.requestAdapter();
        return a ? { fallback: Boolean(a.info?.isFallbackAdapter), arch: a.info?.architecture ?? '' } : null;
      });
      for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
        if (backend === 'webgpu' && (!adapter || adapter.fallback)) {
          row('chromium', id, backend, [], adapter ? `skipped: only a fallback adapter (${adapter.arch}) is offered` : 'not offered by this browser');
          continue;
        }
        await b.page.evaluate(([i, code, be]) => {
          localStorage.setItem(`rdl:code:${i}`, code!);
          localStorage.setItem('rdl:backend', be!);
        }, [id, solution, backend]);
        const times: number[] = [];
        let ran = '';
        for (let r = 0; r < runs; r++) {
          await b.page.goto(url);
          await b.page.locator(`${sel}[data-ready=true]`).waitFor();
          await b.page.locator(`${sel} [data-role=run]`).click();
          await b.page.locator(`${sel}[data-running=false][data-status]`).waitFor({ timeout: 300_000 });
          const status = await b.page.locator(sel).getAttribute('data-status');
          if (status !== 'passed') throw new Error(`${id} did not pass in Chromium on ${backend}: ${await b.page.locator(`${sel} [data-role=status]`).textContent()}`);
          times.push(Number(await b.page.locator(sel).getAttribute('data-duration-ms')));
          ran = (await b.page.locator(`${sel} [data-role=backend-badge]`).getAttribute('data-backend')) ?? '';
        }
        const renderer = backend === 'webgl' ? await b.page.locator(`${sel} [data-role=backend-info]`).textContent() : '';
        row('chromium', id, backend, times, `${ran !== backend ? `(ran on ${ran})` : ''}${/SwiftShader/i.test(renderer ?? '') ? 'software GPU (SwiftShader)' : ''}`);
      }
    }
  } finally {
    await b.close();
    server.stop();
  }
}

// Timings only: point at the command that asserts every solution passes on six seeds.
console.log('\nEvery solution on six seeds, asserted (pass, no tensor leak, 2 % inside its bounds): npm run check:corpus');
