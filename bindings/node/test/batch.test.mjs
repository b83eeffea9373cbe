// Batches (`client.videos.batch`) against an in-process emulator (`omixa/testing`) started per test: videos
// and report written, the budget, invalid requests refused whole, a rerun resuming without new holds, and an
// AbortSignal leaving a journal that a rerun completes.

import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import {
  BatchInputError,
  BatchOptionsError,
  CancelledError,
  Client,
  JournalMismatchError,
  estimate,
} from '../index.js'
import { startEmulator } from './emulator.mjs'

const REQUEST = { model: 'veo-3.1-lite-generate-001', prompt: 'A lighthouse at dawn', seconds: 8 }

const requests = (count) =>
  Array.from({ length: count }, (_, index) => ({ id: `clip-${index}`, request: { ...REQUEST, prompt: `Shot ${index}` } }))

async function usage(emulator) {
  const response = await fetch(`${emulator.baseUrl}/api/v1/usage`, {
    headers: { Authorization: `Bearer ${emulator.apiKey}` },
  })
  return response.json()
}

const holds = async (emulator) => (await usage(emulator)).records.filter((record) => record.kind === 'hold').length

/** Runs `body` with an emulator started with `options`, a client of it and an empty output folder. */
async function withBatch(options, body) {
  const emulator = await startEmulator(options)
  const out = mkdtempSync(path.join(tmpdir(), 'omixa-batch-'))
  try {
    const client = new Client({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl })
    await body(client, emulator, out)
  } finally {
    await emulator.stop()
    rmSync(out, { recursive: true, force: true })
  }
}

test('a batch writes the videos and the report', () =>
  withBatch({}, async (client, emulator, out) => {
    async function* items() {
      yield REQUEST // a plain request takes its position as id
      yield* requests(2)
    }
    const seen = []
    const report = await client.videos.batch(items(), { out, concurrency: 2, onProgress: (state) => seen.push(state) })
    assert.deepEqual(report.jobs.map((job) => job.id), ['1', 'clip-0', 'clip-1'])
    for (const job of report.jobs) {
      assert.equal(job.status, 'succeeded')
      assert.equal(typeof job.cost, 'string')
      assert.equal(job.currency, 'USD')
      assert.equal(job.files[0], path.join(out, `${job.id}-0.mp4`))
      assert.ok(existsSync(job.files[0]))
    }
    assert.equal(report.totals.succeeded, 3)
    assert.equal(report.unfinished, 0)
    assert.equal(report.cancelled, false)
    assert.equal(typeof report.totals.charged.USD, 'string')
    assert.ok(existsSync(report.reportPath))
    assert.ok(seen.length > 0 && seen.at(-1).done === 3, JSON.stringify(seen.at(-1)))
    assert.equal(await holds(emulator), 3)
  }))

test('the budget skips what does not fit', () =>
  withBatch({}, async (client, emulator, out) => {
    const hold = Number(estimate(REQUEST).hold)
    const budget = (hold * 2).toFixed(2)
    const plan = await client.videos.batch(requests(3), { out, budget, dryRun: true })
    assert.equal(plan.jobs, 3)
    assert.equal(Math.round(Number(plan.priced.USD.hold) * 100), Math.round(hold * 100) * 3)
    assert.equal((await usage(emulator)).creates, 0)
    const report = await client.videos.batch(requests(3), { out, budget, concurrency: 1 })
    assert.equal(report.totals.succeeded, 2)
    assert.equal(report.totals.skippedBudget, 1)
    await assert.rejects(client.videos.batch(requests(1), { out: path.join(out, 'x'), budget: 0.8 }), TypeError)
    await assert.rejects(client.videos.batch(requests(1), { out: path.join(out, 'x'), budget: '-1' }), (error) => {
      assert.ok(error instanceof BatchOptionsError)
      assert.equal(error.kind, 'invalid_options')
      return true
    })
  }))

test('an invalid request rejects with every problem and creates nothing', () =>
  withBatch({}, async (client, emulator, out) => {
    const items = [REQUEST, { ...REQUEST, aspect_ratio: '4:3' }, 'not a request', { id: '1', request: REQUEST }]
    await assert.rejects(client.videos.batch(items, { out }), (error) => {
      assert.ok(error instanceof BatchInputError)
      assert.deepEqual(
        error.problems.map((problem) => [problem.line, problem.path, problem.code]),
        [
          [2, '/aspect_ratio', 'not_accepted'],
          [3, '', 'invalid_line'],
          [4, '/id', 'duplicate_id'],
        ],
      )
      return true
    })
    assert.equal((await usage(emulator)).creates, 0)
    assert.deepEqual(readdirSync(out).filter((name) => name.endsWith('.mp4')), [])
  }))

test('running the same batch again resumes without new holds', () =>
  withBatch({}, async (client, emulator, out) => {
    const first = await client.videos.batch(requests(3), { out })
    const again = await client.videos.batch(requests(3), { out })
    assert.equal(await holds(emulator), 3)
    assert.equal((await usage(emulator)).creates, 3)
    assert.deepEqual(again.jobs.map((job) => job.operation), first.jobs.map((job) => job.operation))
    await assert.rejects(client.videos.batch(requests(2), { out }), JournalMismatchError)
  }))

test('an AbortSignal cancels the batch and a rerun completes it', () =>
  withBatch({ jobSeconds: 2 }, async (client, emulator, out) => {
    const controller = new AbortController()
    const onProgress = (state) => {
      if (state.running > 0) controller.abort(new Error('stop'))
    }
    await assert.rejects(
      client.videos.batch(requests(4), { out, concurrency: 2, onProgress, signal: controller.signal }),
      (error) => error instanceof CancelledError && error.cause.message === 'stop',
    )
    const interrupted = JSON.parse(readFileSync(path.join(out, 'batch-report.json'), 'utf8'))
    assert.ok(interrupted.totals.succeeded < 4)
    const report = await client.videos.batch(requests(4), { out, concurrency: 2 })
    assert.equal(report.totals.succeeded, 4)
    assert.equal((await usage(emulator)).creates, 4)
  }))
