#!/usr/bin/env node
/**
 * `npm run grade`: the grader's command line (usage and modes: grade-cli.ts). This entry turns on Node's compile
 * cache, then loads the grader, whose TypeScript Node would otherwise strip and compile afresh at every start:
 * about 0.3 s of the grader's 0.6 s of start-up CPU, measured on `--list`.
 *
 * The cache holds V8 code and stripped TypeScript of the grader's own process only, in the project's
 * node_modules/.cache (so it is as trusted as node_modules itself, never in a shared temporary folder that another
 * user could fill first). Grading children cannot use or change it: Node's permission model, under which each
 * child runs with no write access, switches the compile cache off in a process that may not write to its folder.
 * A folder that cannot be written just means no cache; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1
 * turns it off.
 */
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

enableCompileCache({ directory: fileURLToPath(new URL('../node_modules/.cache/rdl-compile-cache', import.meta.url)) });
await import('./grade-cli.ts');
