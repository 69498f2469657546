#!/usr/bin/env node
/**
 * Compares two built sites page by page, for restructures that must not change what readers get:
 * `node scripts/with-node.mjs node scripts/compare-dist.mjs /tmp/dist-before dist`.
 * Before comparing it normalises what a restructure may change without changing the page: Astro's scope classes
 * (astro-XXXXXXXX, data-astro-cid-XXXXXXXX) and hashed asset names (_astro/Name.HASH.js). Prints the pages that still
 * differ, each with a diff of its tags (one tag a line, so a changed element shows alone), and exits 1 if any do.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: compare-dist.mjs <before-dir> <after-dir>');
  process.exit(2);
}

/** Every .html file under `dir`, as paths relative to it. */
function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The page with scope classes and asset hashes replaced by placeholders. */
function normalise(html) {
  return html
    .replace(/data-astro-cid-[a-z0-9]+(="[^"]*")?/g, 'data-astro-cid')
    .replace(/\bastro-[a-z0-9]{8}\b/g, 'astro-SCOPE')
    .replace(/(\/_astro\/[\w.-]+?)\.[\w-]{8}\.([a-z0-9]+)/g, '$1.HASH.$2');
}

const a = htmlFiles(before);
const b = htmlFiles(after);
const scratch = mkdtempSync(join(tmpdir(), 'compare-dist-'));
const maxLines = Number(process.env.MAX_LINES ?? 40);
let differing = 0;
for (const f of [...new Set([...a, ...b])].sort()) {
  if (!a.includes(f) || !b.includes(f)) {
    console.log(`${f}: only in ${a.includes(f) ? before : after}`);
    differing++;
    continue;
  }
  const x = normalise(readFileSync(join(before, f), 'utf8'));
  const y = normalise(readFileSync(join(after, f), 'utf8'));
  if (x === y) continue;
  differing++;
  // One tag a line: pages are a few long lines, and a line diff of those would show whole pages.
  const tags = (html) => html.replace(/>/g, '>\n');
  writeFileSync(join(scratch, 'before'), tags(x));
  writeFileSync(join(scratch, 'after'), tags(y));
  const diff = spawnSync('diff', ['-U0', join(scratch, 'before'), join(scratch, 'after')], { encoding: 'utf8' }).stdout;
  const lines = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
  console.log(`${f}: differs in ${lines.length} line(s)`);
  for (const l of lines.slice(0, maxLines)) console.log('  ' + (l.length > 240 ? l.slice(0, 240) + '…' : l));
  if (lines.length > maxLines) console.log(`  … ${lines.length - maxLines} more`);
}
console.log(differing ? `${differing} page(s) differ` : `${b.length} pages identical after normalising`);
process.exit(differing ? 1 : 0);
