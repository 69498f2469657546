/**
 * Builds the site once and serves it with `astro preview` for the e2e tests (set E2E_SKIP_BUILD=1 to reuse dist/).
 * Both run as child processes so Astro's Vite never shares a process with Vitest's.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAstro } from '../../scripts/lib/astro-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!process.env.E2E_SKIP_BUILD) {
    const b = spawnSync(path.resolve('node_modules/.bin/astro'), ['build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`astro build failed:\n${b.stdout}\n${b.stderr}`);
  }
  const server = await startAstro('preview');
  project.provide('baseUrl', server.url);
  return server.stop;
}
