#!/usr/bin/env bash
# Tests of the Node package, from a fresh clone: installs the JavaScript dev tools from npm (@napi-rs/cli,
# typescript 7 and 5.9, ajv, zod, at the lockfile's versions), builds the native module in debug mode into the
# workspace's target/ (reusing what cargo already built there), checks that the generated loader and
# declarations (napi's, and those `npm run types` generates from the JSDoc) are committed as built, then runs
# `node --test`.
#
# Needs: cargo, node >= 18.17, npm. The client tests start the emulator in-process (`omixa/testing`); so do
# the tests of the example application (examples/node-app), run last as its users would run them.
# The dashboard test drives headless Chromium (test/browser.mjs): $CHROMIUM_PATH, else a chromium on PATH,
# which this script installs from Debian's packages when it can (as root, with apt-get).
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$(cd ../.. && pwd)"

# The lockfile's versions. `npm install`, not `npm ci`: the registry this project reaches lacks some optional
# platform packages of a dependency of @napi-rs/cli (@napi-rs/lzma-*), so the lockfile cannot list them and
# `npm ci` refuses it; `npm install` installs the locked versions and skips the missing optional ones.
# --ignore-scripts: the package's own install script makes a release build; the tests use a debug build.
npm install --ignore-scripts --no-audit --no-fund

# napi build regenerates native.js and native.d.ts from the Rust sources: they must match what is committed.
before="$(cat native.js native.d.ts | cksum)"
node scripts/build.js
if [ "$before" != "$(cat native.js native.d.ts | cksum)" ]; then
  echo "native.js or native.d.ts changed when rebuilt: commit the regenerated files" >&2
  git --no-pager diff --stat -- native.js native.d.ts >&2 || true
  exit 1
fi

# The JavaScript layer's declarations (index.d.ts, errors.d.ts, batch.d.ts, testing.d.ts) are generated from
# its JSDoc (`npm run types`): they too must match what is committed.
node scripts/types.js --check

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
  && ! command -v google-chrome >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q
    apt-get install -y -q chromium
  else
    echo "no Chromium for the dashboard test: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH" >&2
  fi
fi

node --test test/

# The example application depends on this package as `omixa`, linked as `npm install` of its `file:`
# dependency would link it.
app="$repo/examples/node-app"
mkdir -p "$app/node_modules"
ln -sfn "$PWD" "$app/node_modules/omixa"
(cd "$app" && node --test)
