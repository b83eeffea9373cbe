'use strict'

// The development build: `node scripts/build.js [--release] [napi build options]`; the release workflow adds
// `--target <triple>` and its cross-compiling flags, which go to `napi build` as given.
//
// Copies the catalog types generated from spec/ (generated/node/models.d.ts) beside index.d.ts as
// models.d.ts, then builds the native module with @napi-rs/cli, which also regenerates the loader
// (native.js) and the native module's declarations (native.d.ts, from the Rust items' doc comments). Cargo
// builds into the workspace's target/, so a debug build reuses what `cargo build` and `cargo test` made.

const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { copyGeneratedTypes, napiCli } = require('./install.js')

const PACKAGE_DIR = path.resolve(__dirname, '..')

const napi = napiCli()
copyGeneratedTypes()
const args = [napi, 'build', '--platform', '--js', 'native.js', '--dts', 'native.d.ts']
args.push(...process.argv.slice(2))
execFileSync(process.execPath, args, { cwd: PACKAGE_DIR, stdio: 'inherit' })
