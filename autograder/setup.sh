#!/usr/bin/env bash
# Gradescope runs this once, when the autograder image is built (Ubuntu base image, as root, with network).
# The autograder zip's contents are in /autograder/source: the course's grader (package.json, graders/,
# src/runtime/, exercises/) and, optionally, secret-seed.txt and assignment-exercises.txt.
set -euo pipefail
cd /autograder/source

apt-get update
# bash is the sandbox launcher (it closes inherited descriptors and sets the memory cap with ulimit -v); xz-utils unpacks Node.
apt-get install -y --no-install-recommends ca-certificates curl xz-utils bash

# Node 26 (the project's .nvmrc), from nodejs.org: Ubuntu's own nodejs is far older.
major="$(cat .nvmrc)"
file="$(curl -fsSL "https://nodejs.org/dist/latest-v${major}.x/SHASUMS256.txt" | grep -o "node-v${major}[0-9.]*-linux-x64.tar.xz" | head -1)"
curl -fsSL "https://nodejs.org/dist/latest-v${major}.x/${file}" | tar -xJ -C /usr/local --strip-components=1
node --version

# Only the runtime dependencies; no install scripts are needed (tfjs-wasm ships its .wasm files).
npm install --omit=dev --ignore-scripts --no-audit --no-fund

# Fail the build now, not on the first student, if the grader cannot pass the reference solutions here: batch
# mode's self-check grades each of them under the same sandbox, seed and exercise list, here on an empty class,
# and exits 1 if one fails.
args=("$(mktemp -d)" --out "$(mktemp -d)")
[ -f secret-seed.txt ] && args+=(--seed-file secret-seed.txt)
if [ -s assignment-exercises.txt ]; then
  while read -r id; do [ -n "$id" ] && args+=(--exercise "$id"); done < assignment-exercises.txt
fi
node instructor/cli.ts "${args[@]}"
