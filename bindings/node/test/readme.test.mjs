// The README's quick start, run as written against a fresh emulator, from a project that depends on omixa.

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEmulator } from './emulator.mjs'

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

test('the quick start runs as written', async () => {
  const readme = readFileSync(path.join(PACKAGE, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Quick start'))
  const code = section.match(/```js\n([\s\S]*?)```/)[1]
  const project = mkdtempSync(path.join(tmpdir(), 'omixa-readme-'))
  const emulator = await startEmulator()
  try {
    mkdirSync(path.join(project, 'node_modules'))
    symlinkSync(PACKAGE, path.join(project, 'node_modules', 'omixa'), 'dir')
    writeFileSync(path.join(project, 'quickstart.mjs'), code)
    const env = { ...process.env, OMIXA_BASE_URL: emulator.baseUrl, OMIXA_API_KEY: emulator.apiKey }
    const { stdout } = await promisify(execFile)(process.execPath, ['quickstart.mjs'], { cwd: project, env })
    assert.match(stdout, /duration_seconds: 8/)
    assert.match(stdout, /cost: '0\.40'/)
    assert.match(stdout, /accepted: 16:9, 9:16, 1:1/)
    assert.match(stdout, /succeeded/)
    assert.match(stdout, /videos\/.+\.mp4/)
  } finally {
    await emulator.stop()
    rmSync(project, { recursive: true, force: true })
  }
})
