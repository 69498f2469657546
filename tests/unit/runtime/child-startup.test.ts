/**
 * What a grading child loads before the learner's code runs is start-up time paid once per submission
 * (`npm run bench -- --torch-only` puts it beside PyTorch's). The message schemas and zod belong to the grader,
 * which validates what a child sends (child-messages.ts); the child (node-child.ts) needs only types from there.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const runtime = (file: string) => fileURLToPath(new URL(`../../../src/runtime/${file}`, import.meta.url));
// A resolve hook that names every zod module a process loads, on stderr.
const hook = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; registerHooks({ resolve(s, c, next) { const r = next(s, c); if (/node_modules\\/zod\\//.test(r.url)) process.stderr.write('loaded zod\\n'); return r; } });",
)}`;
const loadsZod = (file: string) => {
  const r = spawnSync(process.execPath, ['--import', hook, file], { input: '', encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr.includes('loaded zod');
};

describe('the grading child', () => {
  it('starts without loading zod', () => {
    expect(loadsZod(runtime('child-messages.ts'))).toBe(true); // the hook sees zod where it is loaded
    expect(loadsZod(runtime('node-child.ts'))).toBe(false);
  });
});
