// A model newer than the package: its YAML in a folder named by OMIXA_CATALOG (or given to `loadCatalog` /
// `new Client({ catalog })`) is listed, validated, estimated and created with no regeneration; `unchecked`
// sends a request for a model the client's catalog does not know.

import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { API_KEY, startEmulator } from './emulator.mjs'

const require = createRequire(import.meta.url)
const omixa = require('../index.js')

const NEW_MODEL = readFileSync(new URL('../../../tests/catalogs/newer-model/models/veo-9-test.yaml', import.meta.url), 'utf8')
const REQUEST = { model: 'veo-9-test', prompt: 'a fox', seconds: 10 }

function catalogFolder(text = NEW_MODEL) {
  const folder = mkdtempSync(path.join(tmpdir(), 'omixa-catalog-'))
  mkdirSync(path.join(folder, 'models'))
  writeFileSync(path.join(folder, 'models', 'veo-9-test.yaml'), text)
  after(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}

describe('runtime catalog', () => {
  test('OMIXA_CATALOG adds a model to models, validate and estimate', () => {
    const folder = catalogFolder()
    assert.throws(() => omixa.validate(REQUEST), (error) => error.issues[0].code === 'unknown_model')
    process.env.OMIXA_CATALOG = folder
    try {
      const listed = omixa.models().find((model) => model.id === 'veo-9-test')
      assert.equal(listed.origin, folder)
      assert.equal(omixa.models().find((model) => model.id !== 'veo-9-test').origin, 'built-in')
      assert.equal(omixa.validate(REQUEST).duration_seconds, 10)
      const estimate = omixa.estimate(REQUEST)
      assert.deepEqual([estimate.cost, estimate.hold], ['1.00', '1.00'])
      assert.throws(
        () => omixa.validate({ ...REQUEST, seconds: 20 }),
        (error) => error instanceof omixa.ValidationError && error.issues[0].code === 'out_of_range',
      )
    } finally {
      delete process.env.OMIXA_CATALOG
    }
  })

  test('loadCatalog reports each problem at its line', () => {
    const catalog = omixa.loadCatalog(catalogFolder())
    assert.equal(catalog.estimate(REQUEST).cost, '1.00')
    assert.equal(catalog.validate(REQUEST).video_operation, 'text_to_video')

    const broken = catalogFolder(NEW_MODEL.replace('[video]', '[vidoe]'))
    const file = path.join(broken, 'models', 'veo-9-test.yaml')
    assert.throws(
      () => omixa.loadCatalog(broken),
      (error) =>
        error instanceof omixa.ConfigurationError && error.message.includes(`${file}:7:11: unknown field set \`vidoe\``),
    )
  })

  test('a client creates for its catalog, and unchecked for none', async () => {
    const folder = catalogFolder()
    const emulator = await startEmulator({ catalog: folder })
    try {
      const options = { apiKey: API_KEY, baseUrl: emulator.baseUrl }
      const client = new omixa.Client({ ...options, catalog: omixa.loadCatalog(folder) })
      const done = await client.videos.wait(await client.videos.create(REQUEST))
      assert.deepEqual([done.status, done.model], ['succeeded', 'veo-9-test'])

      const plain = new omixa.Client(options)
      await assert.rejects(plain.videos.create(REQUEST), omixa.ValidationError)
      const warned = once(process, 'warning')
      const job = await plain.videos.create(REQUEST, { unchecked: true })
      const [warning] = await warned
      assert.equal(warning.name, 'OmixaUncheckedWarning')
      assert.match(warning.message, /nothing was validated/)
      assert.equal((await plain.videos.wait(job)).status, 'succeeded')
    } finally {
      emulator.stop()
    }
  })
})
