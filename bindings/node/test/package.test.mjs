// The packed packages: the main package (JavaScript and types) and this platform's package (`npm/<platform>/`,
// with the native module) install together into an empty project with no Rust there, and work from CommonJS
// and from an ES module.
//
// The platform package is packed from a copy of its folder holding the module the last build made, so this
// checks the packaging, not the optimizer (`make release-check` packs a release build).

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { nativeFileName, platformName } = createRequire(import.meta.url)('../scripts/install.js')
let workspace
let project

/** The PATH without any folder that holds cargo: the install must need no Rust. */
function pathWithoutCargo() {
  const cargo = process.platform === 'win32' ? 'cargo.exe' : 'cargo'
  return process.env.PATH.split(path.delimiter)
    .filter((directory) => !existsSync(path.join(directory, cargo)))
    .join(path.delimiter)
}

/** `npm pack` of `folder` into `destination`; the tarball's path. */
function pack(folder, destination) {
  const listing = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: folder,
    encoding: 'utf8',
  })
  return path.join(destination, JSON.parse(listing)[0].filename)
}

function node(args, cwd) {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' }).trim()
}

before(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'omixa-pack-'))
  project = path.join(workspace, 'project')
  const main = pack(PACKAGE, workspace)
  const platformFolder = path.join(workspace, platformName())
  cpSync(path.join(PACKAGE, 'npm', platformName()), platformFolder, { recursive: true })
  copyFileSync(path.join(PACKAGE, nativeFileName()), path.join(platformFolder, nativeFileName()))
  const platform = pack(platformFolder, workspace)
  mkdirSync(project)
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'empty-project', private: true }))
  // The install script must find the platform package's native module and build nothing.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', main, platform], {
    cwd: project,
    env: { ...process.env, PATH: pathWithoutCargo() },
    stdio: 'ignore',
  })
})

after(() => rmSync(workspace, { recursive: true, force: true }))

/** The files `npm pack` would put in the package in `folder`. */
function packedFiles(folder) {
  const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: folder, encoding: 'utf8' })
  return JSON.parse(listing)[0].files.map((file) => file.path).sort()
}

test('the main tarball carries the entry points and the types, and no native module or Rust source', () => {
  const files = packedFiles(PACKAGE)
  for (const required of [
    'index.js',
    'index.mjs',
    'index.d.ts',
    'errors.d.ts',
    'batch.d.ts',
    'client.d.ts',
    'catalog.d.ts',
    'call.d.ts',
    'models.d.ts',
    'tables.js',
    'tables.d.ts',
    'native.js',
    'testing.d.ts',
    'package.json',
    'scripts/install.js',
  ]) {
    assert.ok(files.includes(required), `${required} in ${files}`)
  }
  // Every module a shipped module loads is shipped too, with its declarations.
  for (const file of files.filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(path.join(PACKAGE, file), 'utf8')
    for (const [, loaded] of source.matchAll(/require\('\.\/([\w./-]+\.js)'\)/g)) {
      assert.ok(files.includes(loaded), `${file} loads ${loaded}, which is not in ${files}`)
      assert.ok(files.includes(loaded.replace(/\.js$/, '.d.ts')), `the declarations of ${loaded}`)
    }
  }
  assert.ok(!files.some((file) => file.endsWith('.node')), `no native module in ${files}`)
  assert.ok(!files.some((file) => file.startsWith('src/') || file.startsWith('npm/') || file === 'Cargo.toml'), `${files}`)
})

test("this platform's tarball carries its native module", () => {
  const installed = path.join(project, 'node_modules', `omixa-${platformName()}`)
  assert.deepEqual(readdirSync(installed).sort(), ['README.md', nativeFileName(), 'package.json'].sort())
})

test('require: estimate prints a cost of "0.40"', () => {
  const printed = node(
    ['-e', "const o = require('omixa'); console.log(o.estimate({model: 'veo-3.1-lite-generate-001', prompt: 'x', seconds: 8}))"],
    project,
  )
  assert.match(printed, /cost: '0\.40'/)
})

test('import { estimate } from an .mjs file', () => {
  writeFileSync(
    path.join(project, 'main.mjs'),
    "import { estimate, ValidationError, validate } from 'omixa'\n" +
      "console.log(estimate({ model: 'veo-3.1-lite-generate-001', prompt: 'x', seconds: 8 }).cost)\n" +
      "try { validate({ model: 'veo-3.1-lite-generate-001', prompt: 'x', seconds: 45, aspect_ratio: '4:3', durations: 8 }) }\n" +
      "catch (error) { console.log(error instanceof ValidationError, error.issues.map((issue) => issue.code).join(',')) }\n",
  )
  assert.equal(node(['main.mjs'], project), '0.40\ntrue out_of_range,not_accepted,unknown_field')
})
