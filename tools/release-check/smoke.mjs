// The installed omixa package works from an ES module.
import assert from 'node:assert/strict'
import { ValidationError, estimate, validate } from 'omixa'

const request = { model: 'veo-3.1-lite-generate-001', prompt: 'A lighthouse at dawn', seconds: 8 }
assert.equal(validate(request).duration_seconds, 8)
assert.ok(Number(estimate(request).cost) > 0)
assert.throws(() => validate({ ...request, aspect_ratio: '4:3' }), ValidationError)
console.log(`node smoke test (import): omixa from ${import.meta.resolve('omixa')}`)
