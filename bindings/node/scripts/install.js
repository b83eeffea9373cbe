'use strict'

// `npm install` of the omixa package, from a packed tarball or from a source checkout.
//
// - In a tarball (no Cargo.toml beside package.json): the native module for this platform ships in the
//   package; check it is there and stop. Nothing is built or downloaded.
// - In a source checkout (`npm install ./bindings/node`; npm links the folder and runs this script in it,
//   without its devDependencies): build the native module with cargo in release mode, into the workspace's
//   target/, and copy it where `native.js` loads it from; copy the generated catalog types beside index.d.ts.
//   `cargo` decides what is stale, so a rebuild after a source change happens here too.
//
// `scripts/build.js` is the development build (through @napi-rs/cli, which also regenerates native.js and
// native.d.ts); both name the module the same way.

const { execFileSync, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const PACKAGE_DIR = path.resolve(__dirname, '..')
const GENERATED_TYPES = path.resolve(PACKAGE_DIR, '../../generated/node/models.d.ts')

/** The file `native.js` loads on this platform, as @napi-rs/cli names it (`omixa.linux-x64-gnu.node`). */
function nativeFileName() {
  const { platform, arch } = process
  let triple = `${platform}-${arch}`
  if (platform === 'linux') {
    const glibc = process.report?.getReport?.().header?.glibcVersionRuntime
    triple += glibc ? '-gnu' : '-musl'
    if (arch === 'arm') triple += 'eabihf'
  } else if (platform === 'win32') {
    triple += '-msvc'
  }
  return `omixa.${triple}.node`
}

/** Copies the catalog types generated from spec/ beside index.d.ts (in a source checkout). */
function copyGeneratedTypes() {
  fs.copyFileSync(GENERATED_TYPES, path.join(PACKAGE_DIR, 'models.d.ts'))
}

/** Builds the native module with cargo and copies it to its `.node` name. */
function cargoBuild({ release }) {
  const args = ['build', '--package', 'omixa-node', '--message-format', 'json-render-diagnostics']
  if (release) args.push('--release')
  const output = execFileSync('cargo', args, { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 })
  let library = null
  for (const line of output.toString().split('\n')) {
    if (!line.startsWith('{')) continue
    const message = JSON.parse(line)
    if (message.reason === 'compiler-artifact' && message.target.name === 'omixa_node') {
      library = message.filenames.find((file) => /\.(so|dylib|dll)$/.test(file))
    }
  }
  if (!library) throw new Error('cargo built no omixa_node library')
  const target = path.join(PACKAGE_DIR, nativeFileName())
  // Copy to a temporary name and rename, so a running process never sees half a file.
  fs.copyFileSync(library, `${target}.tmp`)
  fs.renameSync(`${target}.tmp`, target)
  return target
}

function main() {
  const sourceCheckout = fs.existsSync(path.join(PACKAGE_DIR, 'Cargo.toml'))
  if (!sourceCheckout) {
    if (fs.existsSync(path.join(PACKAGE_DIR, nativeFileName()))) return
    console.error(
      `omixa: this package has no native module for ${process.platform}-${process.arch} (${nativeFileName()}).\n` +
        'Install it from a source checkout instead (npm install ./bindings/node; needs Rust), or pack it on this platform.',
    )
    process.exit(1)
  }
  if (spawnSync('cargo', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error('omixa: building from source needs Rust (cargo), see https://rustup.rs')
    process.exit(1)
  }
  copyGeneratedTypes()
  console.error('omixa: building the native module (cargo build --release)...')
  cargoBuild({ release: true })
}

module.exports = { nativeFileName, copyGeneratedTypes, cargoBuild }

if (require.main === module) main()
