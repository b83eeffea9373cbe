// The packed package: `npm pack` gives a tarball that installs into an empty project with no Rust there (it
// carries this platform's native module), and works from CommonJS and from an ES module.
//
// It packs the module the last build made (`--ignore-scripts` skips the release build of `prepack`), so it
// checks the packaging, not the optimizer.

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let workspace
let project

/** The PATH without any folder that holds cargo: the install must need no Rust. */
function pathWithoutCargo() {
  const cargo = process.platform === 'win32' ? 'cargo.exe' : 'cargo'
  return process.env.PATH.split(path.delimiter)
    .filter((directory) => !existsSync(path.join(directory, cargo)))
    .join(path.delimiter)
}

function node(args, cwd) {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' }).trim()
}

before(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'omixa-pack-'))
  project = path.join(workspace, 'project')
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', workspace], { cwd: PACKAGE, stdio: 'ignore' })
  const [tarball] = readdirSync(workspace).filter((name) => name.endsWith('.tgz'))
  mkdirSync(project)
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'empty-project', private: true }))
  // The install script must find the shipped native module and build nothing.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', path.join(workspace, tarball)], {
    cwd: project,
    env: { ...process.env, PATH: pathWithoutCargo() },
    stdio: 'ignore',
  })
})

after(() => rmSync(workspace, { recursive: true, force: true }))

test('the tarball carries the entry points, the types and the native module, and nothing else', () => {
  const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE, encoding: 'utf8' })
  const files = JSON.parse(listing)[0].files.map((file) => file.path).sort()
  for (const required of ['index.js', 'index.mjs', 'index.d.ts', 'models.d.ts', 'tables.js', 'tables.d.ts', 'native.js', 'package.json', 'scripts/install.js']) {
    assert.ok(files.includes(required), `${required} in ${files}`)
  }
  assert.ok(files.some((file) => /^omixa\..+\.node$/.test(file)), 'a native module')
  assert.ok(!files.some((file) => file.startsWith('src/') || file === 'Cargo.toml'), 'no Rust sources')
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
