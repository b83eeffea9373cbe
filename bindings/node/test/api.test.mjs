// The synchronous API and the error map: validate, estimate, models, Image, TypeErrors, panics.

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inspect } from 'node:util'
import { describe, test } from 'node:test'
import * as esm from '../index.mjs'

const require = createRequire(import.meta.url)
const omixa = require('../index.js')
const { ERROR_CLASSES, FROM_DETAILS, fromPayload, fromNative, native } = omixa.__internal
const { Image, OmixaError, ValidationError, FileError, estimate, models, validate } = omixa

const LITE = 'veo-3.1-lite-generate-001'
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
  'base64',
)

function thrown(run) {
  try {
    run()
  } catch (error) {
    return error
  }
  assert.fail('expected an error')
}

describe('validate', () => {
  test('normalizes: canonical names, inferred operation, key order kept', () => {
    const normalized = validate({ model: LITE, prompt: 'x', seconds: 8, n_variants: 2 })
    assert.deepEqual(Object.entries(normalized), [
      ['model', LITE],
      ['prompt', 'x'],
      ['duration_seconds', 8],
      ['sample_count', 2],
      ['video_operation', 'text_to_video'],
    ])
  })

  test('three problems are three issues, all at once', () => {
    const error = thrown(() => validate({ model: LITE, prompt: 'x', seconds: 45, aspect_ratio: '4:3', durations: 8 }))
    assert.ok(error instanceof ValidationError && error instanceof OmixaError && error instanceof Error)
    assert.equal(error.name, 'ValidationError')
    assert.deepEqual(error.codes, ['out_of_range', 'not_accepted', 'unknown_field'])
    assert.deepEqual(Object.keys(error.issues[0]), ['code', 'path', 'field', 'message', 'suggestion'])
    assert.deepEqual(
      error.issues.map(({ path, field }) => [path, field]),
      [
        ['/seconds', 'duration_seconds'],
        ['/aspect_ratio', 'aspect_ratio'],
        ['/durations', null],
      ],
    )
    assert.match(error.issues[2].suggestion, /duration_seconds/)
    assert.match(error.stack, /api\.test\.mjs/, 'the stack points at the caller')
  })

  test('NaN and infinities reach the validator as out_of_range', () => {
    for (const seconds of [NaN, Infinity, -Infinity]) {
      const error = thrown(() => validate({ model: LITE, prompt: 'x', seconds }))
      assert.deepEqual(error.codes, ['out_of_range'], String(seconds))
    }
  })

  test('whole numbers are integers; 8.5 is not a sample count', () => {
    assert.equal(validate({ model: LITE, prompt: 'x', sample_count: 2.0 }).sample_count, 2)
    assert.deepEqual(thrown(() => validate({ model: LITE, prompt: 'x', sample_count: 2.5 })).codes, ['invalid_type'])
  })

  test('BigInt, undefined and nested values convert; functions, symbols and bytes are TypeErrors', () => {
    assert.equal(validate({ model: LITE, prompt: 'x', seed: 42n }).seed, 42)
    assert.equal('seed' in validate({ model: LITE, prompt: 'x', seed: undefined }), false)
    for (const [value, where] of [
      [() => 1, /a function at \/prompt/],
      [Symbol('s'), /a symbol at \/prompt/],
      [Buffer.from('x'), /binary data/],
      [[undefined], /undefined at \/prompt\/0/],
      [2n ** 80n, /BigInt/],
    ]) {
      const error = thrown(() => validate({ model: LITE, prompt: value }))
      assert.ok(error instanceof TypeError, String(error))
      assert.match(error.message, where)
    }
    const cyclic = { model: LITE, prompt: 'x' }
    cyclic.start_frame = cyclic
    assert.match(thrown(() => validate(cyclic)).message, /levels deep/)
    assert.throws(() => validate('not an object'), ValidationError)
  })

  test('strings round-trip exactly, whatever their size and characters', () => {
    const prompts = ['é', '日本語 🎬', 'a'.repeat(251), 'é'.repeat(200), 'x'.repeat(5000) + '🎬', '\ud800 lone']
    // Long ones, read by the walk (a long ASCII string is copied as it is, any other decoded): ASCII, then
    // non-ASCII only at the end or at the start, and past the size that takes the walk even when flat.
    prompts.push('x'.repeat(300), 'x'.repeat(300) + 'é', 'é' + 'x'.repeat(300), 'ü'.repeat(20_000), 'y'.repeat(20_000) + 'é')
    for (const prompt of prompts) {
      const expected = prompt.replace('\ud800', '\ufffd')
      assert.equal(validate({ model: LITE, prompt }).prompt, expected)
      assert.equal(native.validate({ model: LITE, prompt }).prompt, expected, 'the walk')
    }
  })

  test('lenient mode still rejects keys the catalog does not know', () => {
    // (No model of the catalog omits a field yet, so nothing is dropped with a DroppedFieldWarning.)
    const error = thrown(() => validate({ model: LITE, prompt: 'x', bogus: 1 }, { lenient: true }))
    assert.deepEqual(error.codes, ['unknown_field'])
  })

  test('an inline image: a data URL string becomes the object form; an Image is a field value', () => {
    const image = Image.fromBuffer(PNG)
    assert.equal(image.mediaType, 'image/png')
    assert.ok(image.url.startsWith('data:image/png;base64,iVBORw0KGgo'))
    assert.deepEqual(JSON.parse(JSON.stringify(image)), { type: 'image_url', image_url: { url: image.url } })
    const fromString = validate({ model: LITE, prompt: 'x', image: image.url })
    const fromImage = validate({ model: LITE, prompt: 'x', image })
    assert.deepEqual(fromString.start_frame, { type: 'image_url', image_url: { url: image.url } })
    assert.deepEqual(fromImage, fromString)
    assert.equal(fromImage.video_operation, 'image_to_video')
  })

  test('console.log shows an image as its media type and size, through a method like a class method', () => {
    const image = Image.fromBuffer(PNG)
    assert.equal(inspect(image), `Image { image/png, ${image.url.length} characters }`)
    const method = Object.getOwnPropertyDescriptor(Image.prototype, inspect.custom)
    assert.deepEqual([method.enumerable, method.writable, method.configurable], [false, true, true])
  })

  test('a 1 MiB inline image comes back as the same string', () => {
    const bytes = Buffer.alloc(1 << 20, 7)
    PNG.copy(bytes, 0, 0, 16)
    const url = Image.fromBuffer(bytes, 'image/png').url
    const normalized = validate({ model: LITE, prompt: 'x', image: url })
    assert.equal(normalized.start_frame.image_url.url, url)
  })

  test('Image.fromPath reads a file; errors are FileError and TypeError', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'omixa-image-'))
    try {
      const file = path.join(directory, 'frame.png')
      writeFileSync(file, PNG)
      assert.equal(Image.fromPath(file).url, Image.fromBuffer(PNG).url)
      assert.equal(Image.fromPath(new URL(`file://${file}`)).mediaType, 'image/png')
      const missing = thrown(() => Image.fromPath(path.join(directory, 'missing.png')))
      assert.ok(missing instanceof FileError && missing instanceof OmixaError)
      assert.equal(missing.code, 'ENOENT')
      assert.equal(missing.path, path.join(directory, 'missing.png'))
      writeFileSync(file, 'not an image')
      assert.throws(() => Image.fromPath(file), TypeError)
      assert.throws(() => Image.fromBuffer(PNG, 'not a type'), TypeError)
      assert.throws(() => Image.fromBuffer('not bytes'), TypeError)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

describe('estimate and models', () => {
  test('money is decimal strings', () => {
    assert.deepEqual(estimate({ model: LITE, prompt: 'x', seconds: 8 }), {
      model: LITE,
      currency: 'USD',
      cost: '0.40',
      hold: '0.40',
      duration_seconds: 8,
      sample_count: 1,
      assumed: ['sample_count'],
    })
    assert.equal(estimate({ model: LITE, prompt: 'x', seconds: 1.1, sample_count: 3 }).cost, '0.165')
  })

  test('a model without a price says so', () => {
    const unpriced = estimate({ model: 'veo-3.1-generate-preview', prompt: 'x' })
    assert.equal(unpriced.priced, false)
    assert.match(unpriced.reason, /no published price/)
  })

  test('estimate validates first', () => {
    assert.throws(() => estimate({ model: LITE }), ValidationError)
  })

  test('models lists the catalog with fields and prices', () => {
    const all = models()
    assert.deepEqual(
      all.map((model) => model.id),
      ['veo-3.1-generate-preview', 'veo-3.1-lite-generate-001'],
    )
    const lite = all.find((model) => model.id === LITE)
    assert.equal(lite.price_per_second, '0.050000')
    assert.equal(all[0].price_per_second, null)
    const duration = lite.fields.find((field) => field.name === 'duration_seconds')
    assert.deepEqual([duration.aliases, duration.type, duration.minimum, duration.maximum], [['seconds'], 'number', 1, 30])
  })
})

describe('the error map', () => {
  test('every kind the native module can throw has a class, and no other', () => {
    assert.deepEqual(Object.keys(ERROR_CLASSES).sort(), native.errorKinds().sort())
    assert.deepEqual(Object.keys(FROM_DETAILS).sort(), [...new Set(Object.values(ERROR_CLASSES))].sort())
    for (const kind of native.errorKinds()) {
      const error = fromPayload({ kind, message: `a ${kind}`, issues: [], job: {}, status: 500 })
      assert.equal(error.constructor.name, ERROR_CLASSES[kind])
      assert.ok(error instanceof Error)
      assert.equal(error.message, `a ${kind}`)
      assert.ok(kind === 'type' ? error instanceof TypeError : error instanceof OmixaError, kind)
    }
  })

  test('a Rust panic is an OmixaError, not an abort', async () => {
    assert.equal(typeof native.panicForTest, 'function', 'the panic exports exist in debug builds')
    const error = fromNative(thrown(() => native.panicForTest('deliberate')))
    assert.ok(error instanceof OmixaError && error.constructor === OmixaError)
    assert.match(error.message, /internal error/)
    const rejected = await native.panicForTestAsync('deliberate').catch(fromNative)
    assert.ok(rejected instanceof OmixaError)
    // Still alive and working.
    assert.equal(validate({ model: LITE, prompt: 'x' }).prompt, 'x')
  })

  test('a native argument of the wrong type is a TypeError', () => {
    assert.throws(() => Image.fromPath(42), TypeError)
    assert.ok(fromNative(thrown(() => native.imageDataUrlFromPath(42))) instanceof TypeError)
  })
})

describe('the ES module entry', () => {
  test('exports the same objects as the CommonJS entry', () => {
    assert.equal(esm.validate, validate)
    assert.equal(esm.ValidationError, ValidationError)
    assert.equal(esm.default, omixa)
    assert.equal(esm.estimate({ model: LITE, prompt: 'x', seconds: 8 }).cost, '0.40')
    const error = thrown(() => esm.validate({ model: LITE }))
    assert.ok(error instanceof ValidationError)
  })
})
