/**
 * The scaffolding of the bench parts that drive the built site in Chromium (browser, bytes, startup): skip with a
 * note when there is no build, serve dist/ with `astro preview`, launch Debian's Chromium, and always close both.
 */
import { existsSync } from 'node:fs';
import { startAstro } from '../lib/astro-server.ts';
import { launch, type Browser } from '../lib/chromium.ts';

/**
 * Runs `body` against the served build; returns false (after a one-line note under `title`) when nothing is built.
 * `extraArgs` go to Chromium (e.g. --enable-unsafe-webgpu).
 */
export async function onBuiltSite(title: string, body: (url: string, b: Browser) => Promise<void>, extraArgs: string[] = []): Promise<boolean> {
  if (!existsSync('dist/index.html')) {
    console.log(`\n## ${title}: skipped, no built site (run \`npm run build\` first).`);
    return false;
  }
  const server = await startAstro('preview');
  const b = await launch({ extraArgs });
  try {
    await body(server.url, b);
  } finally {
    await b.close();
    server.stop();
  }
  return true;
}
