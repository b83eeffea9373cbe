// `omixa/testing`: the in-process emulator as a program's tests use it. Faults changed while it runs, the
// ledger with decimal-string amounts, a seed that repeats a run, bad settings named, one class whether the
// entry is imported or required, and the root README's example.

import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { JobFailedError, RateLimitError } from 'omixa'
import { Emulator } from 'omixa/testing'

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const REQUEST = { model: 'veo-3.1-lite-generate-001', prompt: 'A lighthouse at dawn', seconds: 8 }

test('the ledger is data and faults change while it runs', async () => {
  const emulator = await Emulator.start({ seed: 5 })
  try {
    const client = emulator.client({ maxRetries: 0 })
    const done = await client.videos.wait(await client.videos.create(REQUEST))

    assert.equal(emulator.setFaults({ jobFailureRate: 1 }).jobFailureRate, 1)
    const failing = await client.videos.create(REQUEST)
    await assert.rejects(client.videos.wait(failing), JobFailedError)

    const usage = await emulator.usage()
    const of = (operation) => usage.records.filter((record) => record.operation === operation)
    assert.deepEqual(of(done.operation).map((record) => [record.kind, record.amount, record.currency]), [
      ['hold', '0.40', 'USD'],
      ['charge', '0.40', 'USD'],
    ])
    assert.deepEqual(of(failing.operation).map((record) => record.kind), ['hold', 'release'])
    assert.equal(usage.creates, 2)
    assert.equal(usage.idempotentReplays, 0)

    // Merged with what is in force; null turns a fault off.
    emulator.setFaults({ rateLimitEvery: 1, retryAfterSeconds: 7 })
    assert.equal(emulator.faults.jobFailureRate, 1)
    await assert.rejects(client.videos.create(REQUEST), (error) => error instanceof RateLimitError && error.retryAfter === 7)
    emulator.setFaults({ rateLimitEvery: null, jobFailureRate: 0 })
    assert.deepEqual(emulator.faults, {
      rateLimitEvery: null,
      retryAfterSeconds: 7,
      failEvery: null,
      dropEvery: null,
      malformedEvery: null,
      latencyMs: 0,
      answerLatencyMs: 0,
      jobFailureRate: 0,
      routeFailureRate: 0,
    })
    assert.equal((await client.videos.create(REQUEST)).status, 'running')
  } finally {
    await emulator.stop()
  }
})

test('a seed repeats a run, and each emulator has its own ledger', async () => {
  async function operations(seed) {
    const emulator = await Emulator.start({ seed, faults: { routeFailureRate: 0.5 } })
    try {
      assert.deepEqual((await emulator.usage()).records, [])
      const client = emulator.client()
      const jobs = []
      for (let i = 0; i < 3; i += 1) jobs.push((await client.videos.create(REQUEST)).operation)
      return jobs
    } finally {
      await emulator.stop()
    }
  }
  assert.deepEqual(await operations(9), await operations(9))
  assert.notDeepEqual(await operations(9), await operations(10))
})

test('a setting out of range is a RangeError naming it', async () => {
  const cases = [
    [{ faults: { jobFailureRate: 1.5 } }, /^jobFailureRate: expected a probability/],
    [{ faults: { rateLimitEvery: 0 } }, /^rateLimitEvery: expected a whole number from 1/],
    [{ jobSeconds: -1 }, /^jobSeconds: expected seconds/],
    [{ accounts: 0 }, /^accounts: expected 1 to 64/],
  ]
  for (const [options, message] of cases) {
    await assert.rejects(Emulator.start(options), (error) => error instanceof RangeError && message.test(error.message))
  }
  const emulator = await Emulator.start()
  try {
    assert.throws(() => emulator.setFaults({ routeFailureRate: 2 }), RangeError)
    assert.equal(emulator.faults.routeFailureRate, 0, 'nothing changed')
  } finally {
    await emulator.stop()
  }
})

test('stopping twice is fine, and a stopped emulator says so', async () => {
  const emulator = await Emulator.start()
  await emulator.stop()
  await emulator.stop()
  await assert.rejects(emulator.usage(), /stopped/)
  assert.throws(() => new Emulator({}), TypeError)
})

test('require and import give the same class', () => {
  const require = createRequire(import.meta.url)
  assert.equal(require('omixa/testing').Emulator, Emulator)
})

test("the root README's example runs as written with node --test", async () => {
  const readme = readFileSync(path.join(PACKAGE, '..', '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Testing your application'))
  const code = section.match(/```js\n([\s\S]*?)```/)[1]
  const project = mkdtempSync(path.join(tmpdir(), 'omixa-testing-readme-'))
  try {
    mkdirSync(path.join(project, 'node_modules'))
    symlinkSync(PACKAGE, path.join(project, 'node_modules', 'omixa'), 'dir')
    writeFileSync(path.join(project, 'readme.test.mjs'), code)
    // Rejects when the child's tests fail (a non-zero exit).
    await promisify(execFile)(process.execPath, ['--test', 'readme.test.mjs'], { cwd: project })
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
})

const TYPED_USE = `
import { Emulator, type Usage } from 'omixa/testing'

async function run(): Promise<string[]> {
  const emulator = await Emulator.start({ jobSeconds: 0, seed: 1, faults: { rateLimitEvery: 2, failEvery: null } })
  const faults = emulator.setFaults({ jobFailureRate: 0.5 })
  const job = await emulator.client({ maxRetries: 0 }).videos.create({ model: 'veo-3.1-lite-generate-001', prompt: 'x' })
  const usage: Usage = await emulator.usage()
  await emulator.stop()
  return [job.operation, String(faults.rateLimitEvery), String(emulator.jobRequests), ...usage.records.map((r) => r.amount)]
}
export { run }
`

test('the declarations of omixa/testing type-check, as CommonJS and as an ES module', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'omixa-testing-types-'))
  try {
    mkdirSync(path.join(project, 'node_modules'))
    symlinkSync(PACKAGE, path.join(project, 'node_modules', 'omixa'), 'dir')
    const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', target: 'es2022', types: [], skipLibCheck: false }
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions }))
    writeFileSync(path.join(project, 'use.cts'), TYPED_USE)
    writeFileSync(path.join(project, 'use.mts'), TYPED_USE)
    // A wrong option must fail, so the check can fail.
    writeFileSync(path.join(project, 'wrong.mts'), "import { Emulator } from 'omixa/testing'\nEmulator.start({ jobSecond: 1 })\n")
    const tsc = path.join(PACKAGE, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { encoding: 'utf8' })
    const output = result.stdout + result.stderr
    assert.match(output, /wrong\.mts.*jobSecond/)
    assert.doesNotMatch(output, /use\.[cm]ts/, output)
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
})
