// The installed omixa package works from CommonJS: it loads its native module, validates and estimates.
'use strict'
const assert = require('node:assert/strict')
const omixa = require('omixa')

const request = { model: 'veo-3.1-lite-generate-001', prompt: 'A lighthouse at dawn', seconds: 8 }
assert.equal(omixa.validate(request).duration_seconds, 8)
assert.ok(Number(omixa.estimate(request).cost) > 0)
assert.throws(() => omixa.validate({ ...request, aspect_ratio: '4:3' }), omixa.ValidationError)
if (process.env.OMIXA_CATALOG) {
  // A model newer than the build, from the catalog folder OMIXA_CATALOG names: no regeneration.
  const newer = { model: 'veo-9-test', prompt: 'a fox', seconds: 10 }
  assert.ok(omixa.models().some((model) => model.id === 'veo-9-test'))
  assert.equal(omixa.validate(newer).duration_seconds, 10)
  assert.equal(omixa.estimate(newer).cost, '1.00')
}
console.log(`node smoke test (require): omixa from ${require.resolve('omixa')}`)
