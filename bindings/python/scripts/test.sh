#!/usr/bin/env bash
# Builds the Python package in debug mode into bindings/python/.venv and runs its tests.
#
# From a fresh clone: creates the virtualenv if missing, installs the build and test tools from PyPI, fails
# if the committed type stub python/omixa/_native.pyi differs from what the binding's annotations generate
# (`make python-stub` rewrites it), builds the extension with `maturin develop` (reusing the workspace's
# target/, so cargo's outputs are shared with the Rust build), and runs pytest: the package's tests, then the
# example application's (examples/python-app, which uses only the fixtures the package's pytest plugin
# offers). Both start the emulator in-process
# (`omixa.testing`). Extra arguments go to the package's pytest run, e.g. `scripts/test.sh -k vectors`.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "== creating $venv"
    "$python" -m venv "$venv"
fi
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"

echo "== installing build and test tools"
python -m pip install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt"

echo "== checking the generated stub python/omixa/_native.pyi (make python-stub regenerates it)"
(cd "$repo" && cargo run --locked --quiet -p omixa-python --no-default-features --features stub-gen \
    --bin stub_gen -- --check)

echo "== building the extension (debug)"
(cd "$here" && maturin develop --locked --quiet)

echo "== pytest"
cd "$here"
# pytest exits 5 when it collects nothing; with `set -e` that fails the run, as it should.
python -m pytest "$@"

if [ "$#" -eq 0 ]; then
    echo "== pytest: examples/python-app"
    (cd "$repo/examples/python-app" && python -m pytest -p no:cacheprovider)
fi
