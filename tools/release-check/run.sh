#!/usr/bin/env bash
# `make release-check`: builds every package a release publishes, the way the release workflow does for this
# platform, and installs each one on its own, away from the repository:
#
#   crates   `cargo publish --dry-run` of every publishable crate (from `cargo metadata`), which packages and
#            builds each as crates.io would; `cargo install --path cli` gives a working `omixa`.
#   Python   the sdist, copied to an empty folder, builds and installs into a fresh venv; the release wheel
#            passes `twine check` and `auditwheel show` (abi3, manylinux) and installs into another.
#   Node     the main package and this platform's package (`npm/<platform>/`) install together into an empty
#            project with no cargo on PATH; `require` and `import` work.
#   workflows `actionlint` on .github/workflows.
#
# Every artifact is left in target/artifacts/. Scratch (tool venvs, the install tests) is in
# target/release-check/. Needs cargo, python3 (with venv), node and npm; installs maturin, twine and auditwheel
# from PyPI into a venv of its own. Prints how long each step took.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
artifacts="$root/target/artifacts"
scratch="$root/target/release-check"
python="${PYTHON:-python3}"
rm -rf "$artifacts" "$scratch/install"
mkdir -p "$artifacts" "$scratch/install"

timings=()
step_started=0
step() {
    finish_step
    echo "== $*"
    step_name="$*"
    step_started=$SECONDS
}
finish_step() {
    if [ -n "${step_name:-}" ]; then
        timings+=("$(printf '%5ss  %s' "$((SECONDS - step_started))" "$step_name")")
    fi
    step_name=""
}

# A PATH without any folder that holds cargo: the packages must install with no Rust.
path_without_cargo() {
    local kept=() dir
    IFS=: read -ra dirs <<<"$PATH"
    for dir in "${dirs[@]}"; do
        [ -x "$dir/cargo" ] || kept+=("$dir")
    done
    (IFS=:; echo "${kept[*]}")
}

version="$(cargo metadata --locked --no-deps --format-version 1 |
    "$python" -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "omixa"))')"
echo "release $version"

# --- versions ---------------------------------------------------------------------------------------------
step "one version everywhere (cargo test -p omixa-release-check)"
cargo test --locked --quiet -p omixa-release-check

# --- crates -----------------------------------------------------------------------------------------------
step "crates: cargo publish --dry-run of every publishable crate"
# `publish = false` comes out of cargo metadata as `"publish": []`.
mapfile -t crates < <(cargo metadata --locked --no-deps --format-version 1 | "$python" -c '
import json, sys
for package in json.load(sys.stdin)["packages"]:
    if package["publish"] != []:
        print(package["name"])')
publish_args=()
for crate in "${crates[@]}"; do publish_args+=(-p "$crate"); done
# Dependent crates are verified against their workspace dependencies through a temporary local registry, so
# this passes before any of them is on crates.io. --allow-dirty: like every other artifact here, the crates are
# packed from the working tree.
# Cargo takes a registry's crates for immutable: it reuses an unpacked <crate>-<version> of that registry (under
# $CARGO_HOME/registry/src/) and its build in target/debug left by an earlier run, even when the crate has
# changed since. Remove both for our crates first (their fingerprints only: the rest of target/ stays).
for crate in "${crates[@]}"; do
    for stale in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate-$version"; do
        case "$stale" in */index.crates.io-*) ;; *) rm -rf "$stale" ;; esac
    done
    rm -rf target/debug/.fingerprint/"$crate"-????????????????
done
cargo publish --dry-run --locked --allow-dirty "${publish_args[@]}"
# The same .crate files, where `cargo package` leaves them (the dry run keeps its own in a scratch registry).
rm -f target/package/*.crate
cargo package --locked --allow-dirty --no-verify --quiet "${publish_args[@]}"
for crate in "${crates[@]}"; do
    cp "target/package/$crate-$version.crate" "$artifacts/"
done

step "crates: cargo install --path cli"
cargo install --locked --quiet --force --path cli --root "$scratch/install/cargo"
"$scratch/install/cargo/bin/omixa" --version
"$scratch/install/cargo/bin/omixa" estimate examples/veo-3.1-lite.json
# A model newer than the build, named by OMIXA_CATALOG: listed, validated and estimated with no regeneration.
newer_catalog="$root/tests/catalogs/newer-model"
echo '{"model": "veo-9-test", "prompt": "a fox", "seconds": 10}' >"$scratch/newer.json"
OMIXA_CATALOG="$newer_catalog" "$scratch/install/cargo/bin/omixa" models | grep '^veo-9-test' >/dev/null
OMIXA_CATALOG="$newer_catalog" "$scratch/install/cargo/bin/omixa" validate "$scratch/newer.json" >/dev/null
OMIXA_CATALOG="$newer_catalog" "$scratch/install/cargo/bin/omixa" estimate "$scratch/newer.json"

# --- Python -----------------------------------------------------------------------------------------------
step "python: tools (maturin, twine, auditwheel)"
tools="$scratch/tools"
[ -x "$tools/bin/python" ] || "$python" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9,<2" twine auditwheel

step "python: sdist, built and installed from an empty folder in a fresh venv"
(cd bindings/python && "$tools/bin/maturin" sdist --out "$artifacts")
sdist="$artifacts/omixa-$version.tar.gz"
away="$(mktemp -d)"
trap 'rm -rf "$away"' EXIT
cp "$sdist" "$away/"
"$python" -m venv "$away/venv"
# The build compiles the Rust in release mode; a target dir that outlives the run keeps the next one warm.
(cd "$away" && CARGO_TARGET_DIR="$scratch/sdist-target" venv/bin/python -m pip install --quiet \
    --disable-pip-version-check --no-cache-dir "omixa-$version.tar.gz")
(cd "$away" && OMIXA_CATALOG="$newer_catalog" venv/bin/python "$root/tools/release-check/smoke.py")

step "python: release wheel (twine check, auditwheel show, installed in a fresh venv)"
(cd bindings/python && "$tools/bin/maturin" build --release --locked --out "$artifacts")
wheel="$(ls "$artifacts"/omixa-"$version"-*.whl)"
"$tools/bin/twine" check --strict "$wheel" "$sdist"
auditwheel_report="$("$tools/bin/auditwheel" show "$wheel")"
echo "$auditwheel_report"
case "$wheel" in *-abi3-*) ;; *) echo "error: $wheel is not an abi3 wheel" >&2; exit 1 ;; esac
# auditwheel wraps its lines: join them before looking for the sentence.
if ! tr -s '\n ' '  ' <<<"$auditwheel_report" | grep -q 'consistent with the following platform tag: "manylinux'; then
    echo "error: auditwheel finds no manylinux tag for $wheel" >&2
    exit 1
fi
"$python" -m venv "$away/wheel-venv"
"$away/wheel-venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
(cd "$away" && OMIXA_CATALOG="$newer_catalog" wheel-venv/bin/python "$root/tools/release-check/smoke.py")
echo "wheel: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB"

# --- Node -------------------------------------------------------------------------------------------------
step "node: dev tools (npm ci) and the release build of this platform's module"
(cd bindings/node && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
loader_before="$(cat bindings/node/native.js bindings/node/native.d.ts | cksum)"
(cd bindings/node && node scripts/build.js --release)
if [ "$loader_before" != "$(cat bindings/node/native.js bindings/node/native.d.ts | cksum)" ]; then
    echo "error: native.js or native.d.ts changed when rebuilt: commit the regenerated files" >&2
    exit 1
fi

step "node: pack the main package and this platform's package, install both with no cargo on PATH"
platform="$(cd bindings/node && node -p "require('./scripts/install.js').platformName()")"
module="$(cd bindings/node && node -p "require('./scripts/install.js').nativeFileName()")"
(cd bindings/node && npm pack --loglevel=error --pack-destination "$artifacts" >/dev/null)
# The platform package as `napi artifacts` fills it in the release workflow, from a copy of its folder.
staged="$scratch/npm/$platform"
rm -rf "$staged" && mkdir -p "$(dirname "$staged")"
cp -R "bindings/node/npm/$platform" "$staged"
cp "bindings/node/$module" "$staged/"
(cd "$staged" && npm pack --loglevel=error --pack-destination "$artifacts" >/dev/null)
project="$away/node-project"
mkdir -p "$project"
echo '{ "name": "empty-project", "private": true }' >"$project/package.json"
(cd "$project" && PATH="$(path_without_cargo)" npm install --no-audit --no-fund --loglevel=error \
    "$artifacts/omixa-$version.tgz" "$artifacts/omixa-$platform-$version.tgz")
cp tools/release-check/smoke.cjs tools/release-check/smoke.mjs "$project/"
(cd "$project" && OMIXA_CATALOG="$newer_catalog" node smoke.cjs && node smoke.mjs)

# --- workflows --------------------------------------------------------------------------------------------
step "workflows: actionlint"
bash tools/release-check/actionlint.sh

finish_step
echo
echo "== artifacts (target/artifacts)"
(cd "$artifacts" && ls -l | tail -n +2)
echo
echo "== time per step"
printf '%s\n' "${timings[@]}"
echo "total: ${SECONDS}s"
