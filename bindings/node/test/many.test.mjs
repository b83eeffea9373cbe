// validateMany and validateLines: every shared vector answered as `validate` answers it (through both of
// validateMany's paths, the JSON text and the N-API walk), per-line results of JSON Lines text, and bad
// input (not an array, not an object, a line that is not JSON, a value JSON cannot carry).

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import omixa from '../index.js'
import * as esm from '../index.mjs'

const { Image, ValidationError, validate, validateLines, validateMany } = omixa
const { native, validateManyText } = omixa.__internal

const LITE = 'veo-3.1-lite-generate-001'
const VECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/vectors')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
  'base64',
)

function vectors(directory = VECTORS) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return vectors(full)
    return entry.name.endsWith('.json') ? [JSON.parse(readFileSync(full, 'utf8'))] : []
  })
}

/** What `validate` answers for one request, in the shape of a validateMany result. */
function oneByOne(request, lenient) {
  const dropped = []
  const emit = process.emitWarning
  process.emitWarning = (message, options) => {
    if (options?.type === 'DroppedFieldWarning') dropped.push(options.detail)
    else emit.call(process, message, options)
  }
  try {
    return { valid: true, request: validate(request, { lenient }), issues: [], dropped }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    return { valid: false, request: null, issues: error.issues.map((issue) => ({ ...issue })), dropped: [] }
  } finally {
    process.emitWarning = emit
  }
}

/** A result with its dropped issues reduced to their paths, as `oneByOne` can observe them. */
const comparable = (result) => ({ ...result, dropped: result.dropped.map((issue) => issue.path) })

describe('validateMany', () => {
  const all = vectors()

  for (const lenient of [false, true]) {
    test(`answers every shared vector as validate does (lenient: ${lenient})`, () => {
      assert.ok(all.length > 0, `no vectors under ${VECTORS}`)
      const requests = all.map((vector) => vector.request)
      const expected = requests.map((request) => oneByOne(request, lenient))
      const viaText = validateManyText(requests, lenient)
      const viaWalk = native.validateMany(requests, { lenient })
      assert.ok(viaText !== null, 'the vectors are JSON serde_json reads')
      for (const results of [validateMany(requests, { lenient }), viaText, viaWalk]) {
        assert.equal(results.length, requests.length)
        results.forEach((result, index) => {
          assert.deepStrictEqual(comparable(result), expected[index], `request ${index}`)
          if (result.valid) assert.deepEqual(Object.keys(result.request), Object.keys(expected[index].request))
        })
      }
    })
  }

  test('answers an empty array with no results, and is exported by the ES module', () => {
    assert.deepStrictEqual(validateMany([]), [])
    assert.equal(esm.validateMany, validateMany)
    assert.equal(esm.validateLines, validateLines)
  })

  test('requests the JSON text cannot carry take the walk: images, NaN, lone surrogates', () => {
    const image = Image.fromBuffer(PNG)
    const requests = [
      { model: LITE, prompt: 'x', start_frame: image },
      { model: LITE, prompt: 'x', seconds: Number.NaN },
      { model: LITE, prompt: '\ud800 lone' },
    ]
    const results = validateMany(requests)
    assert.deepStrictEqual(results.map(comparable), requests.map((request) => oneByOne(request, false)))
    assert.deepEqual(results[1].issues.map((issue) => issue.code), ['out_of_range'])
  })

  test('valid flat requests are built from the caller\'s own values, renamed and in order', () => {
    const requests = [
      { model: LITE, prompt: 'x', seconds: 8, undefinedIsAbsent: undefined },
      { model: LITE, seconds: 4, prompt: 'y\n"quoted" é 🎬' },
      { model: LITE, prompt: 'x', seconds: 8 },
    ]
    const results = validateMany(requests)
    assert.deepStrictEqual(results.map(comparable), requests.map((request) => oneByOne(request, false)))
    assert.deepEqual(Object.keys(results[1].request), ['model', 'duration_seconds', 'prompt', 'video_operation'])
    assert.equal(results[1].request.prompt, requests[1].prompt)
  })

  test('a request given a key twice in JSON Lines keeps its first place and last value, as JSON.parse does', () => {
    const [result] = validateLines(`{"model": "${LITE}", "prompt": "a", "seconds": 8, "prompt": "b"}`)
    assert.deepEqual(Object.entries(result.request).slice(0, 3), [['model', LITE], ['prompt', 'b'], ['duration_seconds', 8]])
  })

  test('-0 and an object with its own toJSON take the walk, which reads what the object holds', () => {
    assert.ok(Object.is(validate({ model: LITE, prompt: 'x', seed: -0 }).seed, 0))
    const custom = { model: LITE, prompt: 'x', toJSON: () => ({ model: LITE, prompt: 'other' }) }
    assert.throws(() => validate(custom), (error) => error instanceof TypeError && /function/.test(error.message))
  })

  test('a request that is not an object is an invalid one; the others are still answered', () => {
    const results = validateMany([5, { model: LITE, prompt: 'x' }, null, 'text', [1]])
    assert.deepEqual(results.map((result) => result.valid), [false, true, false, false, false])
    for (const index of [0, 2, 3, 4]) {
      assert.deepEqual(results[index].issues.map(({ code, path }) => ({ code, path })), [{ code: 'invalid_type', path: '' }])
    }
  })

  test('anything but an array is a TypeError saying what it got', () => {
    for (const [input, got] of [
      [{}, 'an object'],
      ['[]', 'a string'],
      [undefined, 'undefined'],
      [null, 'null'],
      [new Set(), 'an object'],
    ]) {
      assert.throws(() => validateMany(input), (error) => error instanceof TypeError && error.message.includes(got))
    }
  })

  test('a value JSON cannot carry is a TypeError naming the request and where in it', () => {
    const requests = [{ model: LITE, prompt: 'x' }, { model: LITE, prompt: 'x', seed: () => 1 }]
    assert.throws(
      () => validateMany(requests),
      (error) => error instanceof TypeError && /requests\[1\]/.test(error.message) && /\/seed/.test(error.message),
    )
  })
})

describe('validateLines', () => {
  const valid = { model: LITE, prompt: 'x', seconds: 8 }
  const invalid = { model: LITE, prompt: 'x', seconds: 99 }

  test('one result per non-blank line, numbered from 1, blank lines counted', () => {
    const text = `${JSON.stringify(valid)}\n\n${JSON.stringify(invalid)}\r\n   \n${JSON.stringify(valid)}`
    const results = validateLines(text)
    assert.deepEqual(results.map((result) => result.line), [1, 3, 5])
    assert.deepEqual(results.map((result) => result.valid), [true, false, true])
    assert.deepStrictEqual(results[0].request, validate(valid))
    assert.deepEqual(results[1].issues.map((issue) => issue.code), ['out_of_range'])
    assert.ok(results.every((result) => result.syntaxError === null))
  })

  test('a line that is not JSON is answered with its syntax error; the other lines are still validated', () => {
    const lines = [JSON.stringify(valid), '{"model": ', JSON.stringify(invalid), '{bad}']
    const results = validateLines(lines.join('\n'))
    assert.deepEqual(results.map((result) => result.line), [1, 2, 3, 4])
    assert.deepEqual(results.map((result) => result.valid), [true, false, false, false])
    assert.deepEqual(results.map((result) => result.syntaxError === null), [true, false, true, false])
    assert.match(results[1].syntaxError, /EOF|end/i)
    assert.match(results[3].syntaxError, /column 2/)
    assert.doesNotMatch(results[3].syntaxError, /line/, 'the line is the result\'s, not repeated in the text')
    assert.deepEqual(results[1].issues, [])
    assert.deepEqual(results[2].issues.map((issue) => issue.code), ['out_of_range'])
  })

  for (const lenient of [false, true]) {
    test(`the JSON text answer is the N-API one for every shared vector and bad line (lenient: ${lenient})`, () => {
      const lines = vectors().map((vector) => JSON.stringify(vector.request))
      lines.push('{"model": ', '{bad}', '[1]', '"text"', `{"model": "${LITE}", "prompt": "a", "prompt": "b", "seconds": 8}`)
      const text = lines.join('\n')
      const viaText = JSON.parse(native.validateLinesText(text, { lenient }))
      assert.deepStrictEqual(viaText, native.validateLines(text, { lenient }))
      assert.deepStrictEqual(validateLines(text, { lenient }), viaText)
    })
  }

  test('an integer past 2^53 comes back exact, as a BigInt, as the N-API answer has it', () => {
    const text = `{"model": "${LITE}", "prompt": "x", "seed": 123456789012345678}`
    assert.equal(native.validateLinesText(text, { lenient: false }), null)
    const [result] = validateLines(text)
    assert.ok(result.valid, JSON.stringify(result.issues))
    assert.equal(result.request.seed, 123456789012345678n)
  })

  test('a leading byte order mark is not part of line 1', () => {
    const [result] = validateLines(`\ufeff${JSON.stringify(valid)}\n`)
    assert.deepEqual([result.line, result.valid, result.syntaxError], [1, true, null])
  })

  test('empty text has no results; anything but a string is a TypeError', () => {
    assert.deepStrictEqual(validateLines(''), [])
    assert.deepStrictEqual(validateLines('\n\n'), [])
    assert.throws(() => validateLines(Buffer.from('{}')), (error) => error instanceof TypeError && /an object/.test(error.message))
    assert.throws(() => validateLines(5), (error) => error instanceof TypeError && /a number/.test(error.message))
  })
})

test("the README's example runs as written", () => {
  const readme = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('### `validateMany('))
  const code = section.match(/```js\n([\s\S]*?)```/)[1]
  const printed = []
  const console = { log: (line) => printed.push(line) }
  new Function('require', 'console', code)((name) => (name === 'omixa' ? omixa : assert.fail(name)), console)
  assert.equal(printed.length, 1)
  assert.match(printed[0], /^line 2: not JSON \(key must be a string at column 2\)$/)
})
