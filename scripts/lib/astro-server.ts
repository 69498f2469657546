/**
 * Starts `astro dev` or `astro preview` on a free port as a child process and resolves once it listens.
 * Used by the e2e setup, the dev-server test and the benchmark. The child gets the environment without
 * Vitest's variables (VITEST, NODE_ENV=test…): Astro's dev server must run as a user's would.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** A TCP port that is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface AstroServer {
  url: string;
  stop(): void;
}

/** `--ignore-lock` (preview) lets it run beside a developer's own `npm run preview` without replacing it. */
export async function startAstro(command: 'dev' | 'preview'): Promise<AstroServer> {
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(k)));
  const args = [command, ...(command === 'preview' ? ['--ignore-lock'] : []), '--host', '127.0.0.1', '--port', String(port)];
  const child = spawn(path.resolve('node_modules/.bin/astro'), args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`astro ${command} did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes(`:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`astro ${command} exited with ${code}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
