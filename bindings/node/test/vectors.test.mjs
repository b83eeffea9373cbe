// The shared test vectors (tests/vectors/**/*.json, format in tests/vectors/README.md): one subtest per file,
// through the public `validate` and `estimate`.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import omixa from '../index.js'

const { ValidationError, estimate, validate } = omixa
const { native, fromNative, validateText } = omixa.__internal

const VECTORS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/vectors')

function vectorFiles(directory) {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(directory, entry.name)
      if (entry.isDirectory()) return vectorFiles(full)
      return entry.name.endsWith('.json') ? [full] : []
    })
}

/** Catches the warnings lenient mode emits while `run` runs, as `{code, path}`. */
function droppedDuring(run) {
  const dropped = []
  const emit = process.emitWarning
  process.emitWarning = (message, options) => {
    if (options?.type === 'DroppedFieldWarning') dropped.push({ code: 'unknown_field', path: options.detail })
    else emit.call(process, message, options)
  }
  try {
    return [run(), dropped]
  } finally {
    process.emitWarning = emit
  }
}

const files = vectorFiles(VECTORS)

test('the shared vectors are there', () => {
  assert.ok(files.length > 0, `no vectors under ${VECTORS}`)
})

for (const file of files) {
  const name = path.relative(VECTORS, file)
  test(name, () => {
    const vector = JSON.parse(readFileSync(file, 'utf8'))
    const options = { lenient: vector.lenient === true }
    sameThroughBothConversions(vector.request, options.lenient)
    if (vector.expect.valid) {
      const [normalized, dropped] = droppedDuring(() => validate(vector.request, options))
      // deepStrictEqual ignores key order, which the normalized request must keep.
      assert.deepEqual(Object.keys(normalized), Object.keys(vector.expect.request), 'key order')
      assert.deepStrictEqual(normalized, vector.expect.request)
      assert.deepStrictEqual(dropped, vector.expect.warnings ?? [])
      if (vector.estimate) {
        const [estimated] = droppedDuring(() => estimate(vector.request, options))
        if (vector.estimate.priced === false) {
          assert.equal(estimated.priced, false)
          assert.match(estimated.reason, /no published price/)
        } else {
          const { model: _model, ...priced } = estimated
          assert.deepStrictEqual(priced, vector.estimate)
        }
      }
    } else {
      const error = thrown(() => validate(vector.request, options))
      assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`)
      const got = error.issues.map(({ code, path }) => ({ code, path }))
      assert.deepStrictEqual(got, vector.expect.issues.map(({ code, path }) => ({ code, path })))
      vector.expect.issues.forEach((expected, index) => {
        const issue = error.issues[index]
        if ('field' in expected) assert.equal(issue.field, expected.field, `issue ${index} field`)
        if (expected.suggestion_contains) {
          assert.ok(issue.suggestion?.includes(expected.suggestion_contains), `issue ${index}: ${issue.suggestion}`)
        }
      })
    }
  })
}

function thrown(run) {
  try {
    run()
  } catch (error) {
    return error
  }
  assert.fail('expected an error')
}

/**
 * `validate` converts a flat request through JSON text (its answer a plan to build the normalized request from
 * the caller's object, or JSON text) and anything else through the N-API walk (README § Performance). A vector
 * is JSON, so both carry it exactly: their answers must be the same.
 */
function sameThroughBothConversions(request, lenient) {
  const viaWalk = answer(() => native.validate(request, lenient, () => {}))
  const viaText = caught(() => validateText(request, lenient))
  assert.notEqual(viaText, null, 'JSON text that serde_json reads')
  if (viaWalk instanceof Error) {
    assert.ok(viaWalk instanceof ValidationError, `the walk rejects with a ValidationError, not ${viaWalk}`)
    assert.ok(viaText instanceof ValidationError, 'both paths reject')
    assert.equal(viaText.message, viaWalk.message)
    assert.deepStrictEqual(viaText.issues, viaWalk.issues)
  } else {
    assert.deepEqual(Object.keys(viaText), Object.keys(viaWalk), 'key order')
    assert.deepStrictEqual(viaText, viaWalk)
  }
}

/** What `run` returns, or the error it throws. */
function caught(run) {
  try {
    return run()
  } catch (error) {
    return error
  }
}

function answer(run) {
  try {
    return run()
  } catch (error) {
    return fromNative(error)
  }
}
