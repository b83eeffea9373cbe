// `npm run bench` (after a release build: `cargo build -p omixa-node --release`): omixa's `validate` beside
// ajv and zod on the same payloads, in one run, printing ns per call.
//
// - ajv: the JSON Schema omixa-codegen emits (generated/schema/veo-3.1-lite-generate-001.request.schema.json),
//   compiled with `allErrors`.
// - zod: the same checks built from the catalog (`models()`), then `z.compile` (zod's ahead-of-time
//   compiler), parsed with `safeParse` (zod reports every issue).
// - omixa: `validate`, which also returns the normalized request (canonical names, object-form images).
//
// Payloads, as in the core's criterion bench: the Lite seed example without its image (text only), the
// seed example with a 1 MiB inline PNG, and a request with three errors.
//
// Then many requests at once, in ns per request: 10,000 requests (text only and three errors, alternating)
// through `validateMany` (one native call), `validateLines` on their JSON Lines text, `validate` one by one,
// and ajv's compiled validator one by one.

import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../../..')
const RELEASE = path.join(REPO, 'target', 'release', 'libomixa_node.so')
// Benchmark the release build: the loader napi-rs generates (native.js) loads the file this variable names,
// through `require`, which wants the `.node` extension.
if (!process.env.NAPI_RS_NATIVE_LIBRARY_PATH && existsSync(RELEASE)) {
  const copy = path.join(tmpdir(), `omixa-bench-${process.pid}.node`)
  copyFileSync(RELEASE, copy)
  process.on('exit', () => rmSync(copy, { force: true }))
  process.env.NAPI_RS_NATIVE_LIBRARY_PATH = copy
}
const require = createRequire(import.meta.url)
const { validate, validateMany, validateLines, models, Image } = require('../index.js')
const Ajv2020 = require('ajv/dist/2020').default
const { z } = require('zod')

const schema = JSON.parse(
  readFileSync(path.join(REPO, 'generated/schema/veo-3.1-lite-generate-001.request.schema.json'), 'utf8'),
)
const ajv = new Ajv2020({ allErrors: true, strict: false }).compile(schema)
let zodCompiled = true
let zodSchema = zodFromCatalog(models().find((model) => model.id === 'veo-3.1-lite-generate-001'))
try {
  zodSchema = z.compile(zodSchema, { strict: true })
} catch (error) {
  zodCompiled = false
  console.log(`zod: z.compile refused the schema (${error.message}); timing the runtime parser`)
}

/**
 * A zod schema built from the catalog (`models()`), field by field, with the checks of the emitted JSON
 * Schema: types, ranges, accepted values, data-URL patterns, aliases, no unknown keys. (`z.fromJSONSchema`
 * does not take that schema: it refuses `dependentSchemas`, which the schema uses for aliases.)
 */
function zodFromCatalog(model) {
  const dataUrl = (types) => new RegExp(`^data:(${types.map((type) => type.replace(/[/+.]/g, '\\$&')).join('|')});base64,[A-Za-z0-9+/]*={0,2}$`)
  const image = (types) =>
    z.union([
      z.string().regex(dataUrl(types)),
      z.strictObject({ type: z.literal('image_url'), image_url: z.strictObject({ url: z.string().regex(dataUrl(types)) }) }),
    ])
  const shape = {}
  for (const field of model.fields) {
    let type
    switch (field.type) {
      case 'string':
        type = field.name === 'model' ? z.literal(model.id) : field.accepted.length ? z.enum(field.accepted) : z.string()
        break
      case 'number':
      case 'integer':
        type = field.type === 'integer' ? z.int() : z.number()
        if (field.minimum !== null) type = type.min(field.minimum)
        if (field.maximum !== null) type = type.max(field.maximum)
        break
      case 'boolean':
        type = z.boolean()
        break
      case 'inline_image':
        type = image(field.media_types)
        break
      case 'inline_image_list':
        type = z.array(image(field.media_types)).min(1)
        break
      case 'video_source':
        type = z.union([
          z.string().min(1),
          z.strictObject({ type: z.literal('video_url'), video_url: z.strictObject({ url: z.string().regex(dataUrl(field.media_types)) }) }),
        ])
        break
      default:
        throw new Error(`unknown field type ${field.type}`)
    }
    shape[field.name] = field.required ? type : type.optional()
    for (const alias of field.aliases) shape[alias] = type.optional()
  }
  return z.strictObject(shape)
}

const textOnly = {
  model: 'veo-3.1-lite-generate-001',
  prompt: 'A smooth camera move through a neural network converging into one API endpoint.',
  video_operation: 'text_to_video',
  duration_seconds: 8,
  aspect_ratio: '16:9',
  resolution: '720p',
  sample_count: 1,
  wait_seconds: 3,
  poll_interval_seconds: 2,
}
// 1 MiB: a PNG signature, then filler (the same bytes as core/benches/validate.rs).
const bytes = Buffer.alloc(1 << 20)
bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
for (let i = 8; i < bytes.length; i++) bytes[i] = Number((BigInt(i) * 2654435761n) & 0xffffffffn) >>> 24
const withImage = {
  ...textOnly,
  video_operation: 'image_to_video',
  start_frame: { type: 'image_url', image_url: { url: Image.fromBuffer(bytes, 'image/png').url } },
}
const threeErrors = {
  model: 'veo-3.1-lite-generate-001',
  prompt: 'A lighthouse at dawn',
  seconds: 45,
  aspect_ratio: '4:3',
  durations: 8,
}

const validators = {
  omixa: (payload) => {
    try {
      return validate(payload)
    } catch (error) {
      return error.issues
    }
  },
  ajv: (payload) => ajv(payload) || ajv.errors,
  [zodCompiled ? 'zod (compiled)' : 'zod']: (payload) => zodSchema.safeParse(payload),
}

/**
 * The best of `rounds` short rounds of `iterations` calls, in ns per call: on a shared, busy machine, short
 * rounds are the likeliest to run undisturbed, and the best of many is the cost of the call itself.
 */
function time(run, payload, iterations, rounds = 40) {
  for (let i = 0; i < iterations; i++) run(payload)
  let best = Infinity
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) run(payload)
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations)
  }
  return best
}

function check(name, payload, valid) {
  const omixaOk = (() => {
    try {
      validate(payload)
      return true
    } catch {
      return false
    }
  })()
  const results = { omixa: omixaOk, ajv: ajv(payload), zod: zodSchema.safeParse(payload).success }
  for (const [who, ok] of Object.entries(results)) {
    if (ok !== valid) throw new Error(`${name}: ${who} says ${ok ? 'valid' : 'invalid'}`)
  }
}

const payloads = [
  ['text only', textOnly, true, 5_000],
  ['1 MiB image', withImage, true, 4],
  ['three errors', threeErrors, false, 2_000],
]
console.log(existsSync(RELEASE) ? `native module: ${RELEASE}` : 'native module: the package build (may be a debug build)')
console.log(`${'payload'.padEnd(14)}${Object.keys(validators).map((name) => name.padStart(18)).join('')}`)
for (const [name, payload, valid, iterations] of payloads) {
  check(name, payload, valid)
  const cells = Object.values(validators).map((run) => format(time(run, payload, iterations)).padStart(18))
  console.log(`${name.padEnd(14)}${cells.join('')}`)
}

function format(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`
  return `${ns.toFixed(0)} ns`
}

// ---- many requests at once -------------------------------------------------------------------------------

const MANY = 10_000
const many = Array.from({ length: MANY }, (_, index) => (index % 2 === 0 ? textOnly : threeErrors))
const lines = many.map((request) => JSON.stringify(request)).join('\n')
const perRequest = {
  'validateMany': (requests) => validateMany(requests),
  'validateLines': () => validateLines(lines),
  'validate, one by one': (requests) => requests.map(validators.omixa),
  'ajv, one by one': (requests) => requests.map(validators.ajv),
}
const answers = validateMany(many).map((result) => result.valid)
if (answers.some((valid, index) => valid !== (index % 2 === 0)) || validateLines(lines).length !== MANY) {
  throw new Error('validateMany or validateLines disagrees with the payloads')
}
console.log(`\n${MANY} requests (half text only, half three errors), per request:`)
for (const [name, run] of Object.entries(perRequest)) {
  console.log(`${name.padEnd(24)}${format(time(run, many, 1, 15) / MANY).padStart(12)}`)
}
