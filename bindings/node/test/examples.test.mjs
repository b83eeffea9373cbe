// Every model's generated Node SDK example (generated/examples/<model>/sdk-node.mjs) runs as written against a
// fresh emulator, from a project that depends on omixa: the example a model page prints cannot go stale.

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startEmulator } from './emulator.mjs'

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const EXAMPLES = path.resolve(PACKAGE, '../../generated/examples')
const MODELS = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

test('examples were generated', () => assert.ok(MODELS.length > 0))

for (const model of MODELS) {
  test(`the Node SDK example of ${model} runs as written`, async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'omixa-example-'))
    const emulator = await startEmulator()
    try {
      mkdirSync(path.join(project, 'node_modules'))
      symlinkSync(PACKAGE, path.join(project, 'node_modules', 'omixa'), 'dir')
      copyFileSync(path.join(EXAMPLES, model, 'sdk-node.mjs'), path.join(project, 'example.mjs'))
      const env = { ...process.env, OMIXA_BASE_URL: emulator.baseUrl, OMIXA_API_KEY: emulator.apiKey }
      const { stdout } = await promisify(execFile)(process.execPath, ['example.mjs'], { cwd: project, env })
      assert.match(stdout, /"status": "succeeded"/)
      assert.match(stdout, new RegExp(`"model": "${model.replaceAll('.', '\\.')}"`))
    } finally {
      await emulator.stop()
      rmSync(project, { recursive: true, force: true })
    }
  })
}
