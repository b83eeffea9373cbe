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
  validate,
  type BatchPlan,
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
export { normalized, cost, run, runBatch }
`

const WRONG_VALUE = `
import { validate } from 'omixa'
validate({ model: 'veo-3.1-lite-generate-001', prompt: 'x', aspect_ratio: '4:3' })
`

const WRONG_MODEL_FIELD = `
import { Client } from 'omixa'
new Client().videos.create({ model: 'veo-3.1-generate-preview', prompt: 'x', resolution: '4k' })
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
