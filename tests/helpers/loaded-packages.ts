/**
 * Which npm packages a Node process loads: start-up time the grader pays per run (the CLI) or per submission (a
 * graded child). Runs `node --import <resolve hook> ...args` with empty stdin and returns the package names the
 * hook saw resolved (scoped ones as "@scope/name").
 */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

const hook = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module'; registerHooks({ resolve(s, c, next) { const r = next(s, c); const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(r.url); if (m) process.stderr.write('loaded-package ' + m[1] + '\\n'); return r; } });",
)}`;

export function loadedPackages(args: string[], cwd?: string): Set<string> {
  const r = spawnSync(process.execPath, ['--import', hook, ...args], { input: '', encoding: 'utf8', timeout: 60_000, ...(cwd && { cwd }) });
  expect(r.status, r.stderr).toBe(0);
  return new Set([...r.stderr.matchAll(/^loaded-package (\S+)$/gm)].map((m) => m[1]!));
}
