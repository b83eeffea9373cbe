// The published types: `tsc --noEmit` (typescript, a devDependency) on snippets that use the package as a
// dependency. A wrong accepted value (`aspect_ratio: "4:3"`) must fail to compile; correct use must pass,
// from a CommonJS and an ES module.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TSC = path.join(PACKAGE, 'node_modules', 'typescript', 'bin', 'tsc')

const CORRECT = `
import {
  BatchInputError,
  Client,
  Image,
  ValidationError,
  estimate,
  models,
  validate,
  validateLines,
  validateMany,
  type BatchPlan,
  type IssueCode,
  type LineValidation,
  type ModelId,
  type Validation,
  type BatchReport,
  type Estimate,
  type Job,
  type VideoRequest,
} from 'omixa'

const request: VideoRequest = {
  model: 'veo-3.1-lite-generate-001',
  prompt: 'A lighthouse at dawn',
  duration_seconds: 8,
  aspect_ratio: '16:9',
  start_frame: Image.fromPath('frame.png'),
}
const normalized = validate(request, { lenient: false })
const priced: Estimate = estimate(request)
const cost: string | undefined = priced.priced === false ? undefined : priced.cost
try {
  validate(request)
} catch (error) {
  if (error instanceof ValidationError) error.issues.map((issue) => issue.code === 'out_of_range')
}
async function run(client: Client, signal: AbortSignal): Promise<string[]> {
  const job: Job = await client.videos.create(request, { idempotencyKey: 'k' })
  const done = await client.videos.wait(job, { timeoutMs: 1000, signal, onProgress: (state) => state.status })
  await client.videos.status(done.operation, done.model)
  return client.videos.download(done, 'videos')
}
async function runBatch(client: Client, signal: AbortSignal): Promise<string[]> {
  const plan: BatchPlan = await client.videos.batch([request], { out: 'renders', dryRun: true })
  try {
    const report: BatchReport = await client.videos.batch([request, { id: 'b', request }], {
      out: 'renders',
      budget: plan.priced.USD?.hold ?? '1.00',
      signal,
      onProgress: (progress) => progress.skippedBudget,
    })
    return report.jobs.flatMap((job) => job.files)
  } catch (error) {
    if (error instanceof BatchInputError) return error.problems.map((problem) => problem.code)
    throw error
  }
}
const results: Validation[] = validateMany([request, { prompt: 'no model' }], { lenient: true })
const firstModel: ModelId | undefined = results[0]?.request?.model
const codes: IssueCode[] = results.flatMap((result) => result.issues.map((issue) => issue.code))
const lines: LineValidation[] = validateLines('{}')
const syntaxErrors: (string | null)[] = lines.map((line) => line.syntaxError)
const ids: ModelId[] = models().map((model) => model.id)
export { normalized, cost, run, runBatch, firstModel, codes, syntaxErrors, ids }
`

const WRONG_VALUE = `
import { validate } from 'omixa'
validate({ model: 'veo-3.1-lite-generate-001', prompt: 'x', aspect_ratio: '4:3' })
`

const WRONG_MODEL_FIELD = `
import { Client } from 'omixa'
new Client().videos.create({ model: 'veo-3.1-generate-preview', prompt: 'x', resolution: '4k' })
`

// The generated result types carry the generated unions: an issue code or a model id that does not exist is
// a compile error.
const WRONG_RESULT_UNIONS = `
import { models, validateMany } from 'omixa'
const unknownCode = validateMany([]).some((result) => result.issues[0]?.code === 'no_such_code')
const unknownModel = models().some((model) => model.id === 'no-such-model')
export { unknownCode, unknownModel }
`

// What the declarations generated from the JSDoc must keep: read-only fields, the narrowed `kind` of
// `BatchInputError`, private constructors, the overloads of `create` and `status`, and no internals. Each
// \`@ts-expect-error\` fails the check when its line compiles.
const KEPT = `
import * as omixa from 'omixa'
import { BatchInputError, Catalog, Client, Image, ValidationError, Videos, type InlineImageObject, type Job } from 'omixa'

declare const validation: ValidationError
declare const input: BatchInputError
declare const client: Client
declare const job: Job

// @ts-expect-error the fields of an error are read-only
validation.issues = []
// @ts-expect-error
input.problems = []
const kind: 'invalid_input' = input.kind
// @ts-expect-error
client.videos = client.videos
// @ts-expect-error \`client.videos\`, not \`new Videos\`
new Videos()
// @ts-expect-error \`loadCatalog\`, not \`new Catalog\`
new Catalog('spec')
const image: InlineImageObject = Image.fromPath('frame.png')
const unchecked = client.videos.create({ model: 'next-model', prompt: 'x' }, { unchecked: true })
// @ts-expect-error without \`unchecked\`, only the catalog's models
client.videos.create({ model: 'next-model', prompt: 'x' })
const polled = [client.videos.status(job), client.videos.status('operation', 'model')]
// @ts-expect-error the package's internals are not part of its types
omixa.__internal
export { kind, image, unchecked, polled }
`

let project

before(() => {
  project = mkdtempSync(path.join(tmpdir(), 'omixa-types-'))
  mkdirSync(path.join(project, 'node_modules'))
  symlinkSync(PACKAGE, path.join(project, 'node_modules', 'omixa'), 'dir')
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', target: 'es2022', types: [], skipLibCheck: false },
    }),
  )
})

after(() => rmSync(project, { recursive: true, force: true }))

/** Type-checks one file of the project; resolves to tsc's exit code and output. */
function typecheck(file, source) {
  writeFileSync(path.join(project, file), source)
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', project], { encoding: 'utf8' })
  rmSync(path.join(project, file))
  return { status: result.status, output: result.stdout + result.stderr }
}

test('correct use type-checks, as CommonJS and as an ES module', () => {
  for (const file of ['correct.cts', 'correct.mts']) {
    const { status, output } = typecheck(file, CORRECT)
    assert.equal(status, 0, `${file}:\n${output}`)
  }
})

test('aspect_ratio "4:3" does not type-check', () => {
  const { status, output } = typecheck('wrong.mts', WRONG_VALUE)
  assert.notEqual(status, 0)
  assert.match(output, /"4:3"/)
})

test('a value another model accepts but this one does not, does not type-check', () => {
  const { status, output } = typecheck('wrong.cts', WRONG_MODEL_FIELD)
  assert.notEqual(status, 0)
  assert.match(output, /"4k"/)
})

test('an issue code or a model id that does not exist does not type-check in the generated types', () => {
  const { status, output } = typecheck('wrong-unions.mts', WRONG_RESULT_UNIONS)
  assert.notEqual(status, 0)
  assert.match(output, /no_such_code/)
  assert.match(output, /no-such-model/)
})

test('the declarations keep read-only fields, private constructors and overloads, and leave internals out', () => {
  for (const file of ['kept.cts', 'kept.mts']) {
    const { status, output } = typecheck(file, KEPT)
    assert.equal(status, 0, `${file}:\n${output}`)
  }
})
