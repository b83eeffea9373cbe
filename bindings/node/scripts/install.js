'use strict'

// `npm install` of the omixa package, from a packed tarball or from a source checkout.
//
// - In a tarball (no Cargo.toml beside package.json): the native module for this platform ships in its own
//   package, `omixa-<platform>` (an optional dependency: npm installs the one matching this machine's os, cpu
//   and libc); check it is there and stop. Nothing is built or downloaded.
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

/** This platform as @napi-rs/cli names it (`linux-x64-gnu`): the suffix of the module and of its package. */
function platformName() {
  const { platform, arch } = process
  let name = `${platform}-${arch}`
  if (platform === 'linux') {
    const glibc = process.report?.getReport?.().header?.glibcVersionRuntime
    name += glibc ? '-gnu' : '-musl'
    if (arch === 'arm') name += 'eabihf'
  } else if (platform === 'win32') {
    name += '-msvc'
  }
  return name
}

/** The file `native.js` loads on this platform (`omixa.linux-x64-gnu.node`). */
function nativeFileName() {
  return `omixa.${platformName()}.node`
}

/** The package that ships this platform's native module (`omixa-linux-x64-gnu`), as `npm/<platform>/`. */
function platformPackageName() {
  return `omixa-${platformName()}`
}

/** Whether this platform's package is installed where `native.js` can require it. */
function platformPackageInstalled() {
  try {
    require.resolve(`${platformPackageName()}/package.json`, { paths: [PACKAGE_DIR] })
    return true
  } catch {
    return false
  }
}

/** Copies the catalog types generated from spec/ beside index.d.ts (in a source checkout). */
function copyGeneratedTypes() {
  fs.copyFileSync(GENERATED_TYPES, path.join(PACKAGE_DIR, 'models.d.ts'))
}

/**
 * The @napi-rs/cli entry point from package-lock.json's dev tools; when they are not installed, says so in one
 * line and exits (packing and the development build need them; installing from a checkout does not).
 */
function napiCli() {
  const cli = path.join(PACKAGE_DIR, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js')
  if (!fs.existsSync(cli)) {
    console.error('omixa: the dev tools are not installed; run `npm ci` in bindings/node first (then `npm pack`).')
    process.exit(1)
  }
  return cli
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
    if (platformPackageInstalled() || fs.existsSync(path.join(PACKAGE_DIR, nativeFileName()))) return
    console.error(
      `omixa: no native module for ${platformName()}: the optional dependency ${platformPackageName()} is not ` +
        'installed (was it skipped with --omit=optional or --no-optional, or is this platform not published?).\n' +
        'Install it, or install omixa from a source checkout (npm install ./bindings/node; needs Rust).',
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

module.exports = { platformName, nativeFileName, platformPackageName, copyGeneratedTypes, napiCli, cargoBuild }

if (require.main === module) main()
