#!/usr/bin/env node
/**
 * Compares two built sites page by page, for restructures that must not change what readers get:
 * `node scripts/with-node.mjs node scripts/compare-dist.mjs /tmp/dist-before dist`.
 * Before comparing it normalises what a restructure may change without changing the page: Astro's scope classes
 * (astro-XXXXXXXX, data-astro-cid-XXXXXXXX) and hashed asset names (_astro/Name.HASH.js). Prints the pages that still
 * differ, with the first differing stretch of each, and exits 1 if any do.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
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
  let i = 0;
  while (x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  console.log(`${f}: differs\n  - ${x.slice(Math.max(0, i - 80), x.length - j)}\n  + ${y.slice(Math.max(0, i - 80), y.length - j)}`);
}
console.log(differing ? `${differing} page(s) differ` : `${b.length} pages identical after normalising`);
process.exit(differing ? 1 : 0);
