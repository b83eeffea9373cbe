// Finding a job again, against an in-process emulator (`omixa/testing`) started by each test: errors after a
// job may exist carry its `operation` or `idempotencyKey`, a job that went through JSON is waited on and
// downloaded, and `onProgress` hears about failed polls.

import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { APIError, Client, ConnectionError, TimeoutError, ValidationError } from '../index.js'
import { startEmulator } from './emulator.mjs'

const REQUEST = { model: 'veo-3.1-lite-generate-001', prompt: 'A lighthouse at dawn', seconds: 8 }

/** Runs `body` with an emulator started with `options` and a client of it. */
async function withEmulator(options, body, clientOptions = {}) {
  const emulator = await startEmulator(options)
  try {
    const client = new Client({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, ...clientOptions })
    await body(client, emulator)
  } finally {
    await emulator.stop()
  }
}

/** The kinds of the emulator's usage records (`hold`, `charge`, `release`), in order. */
async function usageKinds(emulator) {
  const response = await fetch(`${emulator.baseUrl}/api/v1/usage`, {
    headers: { authorization: `Bearer ${emulator.apiKey}` },
  })
  const usage = await response.json()
  return usage.records.map((record) => record.kind)
}

test('a lost create answer carries the key, and sending it again pays once', () =>
  withEmulator(
    { faults: { dropEvery: 2 } },
    async (client, emulator) => {
      // Job request 1 is a status call; request 2, the create, is acted on and its answer cut off.
      await assert.rejects(client.videos.status('op_warm_up'), APIError)
      const error = await client.videos
        .create(REQUEST, { idempotencyKey: 'node-resume-key' })
        .then(() => assert.fail('the answer was dropped'), (error) => error)
      assert.ok(error instanceof ConnectionError, String(error))
      assert.equal(error.idempotencyKey, 'node-resume-key')
      assert.equal(error.operation, null)

      const job = await client.videos.create(REQUEST, { idempotencyKey: error.idempotencyKey })
      assert.equal(job.idempotency_key, 'node-resume-key')
      const holds = (await usageKinds(emulator)).filter((kind) => kind === 'hold')
      assert.equal(holds.length, 1, 'the job the lost answer made, held once')
    },
    { maxRetries: 0 },
  ))

test('errors while waiting name the job', () =>
  withEmulator({ jobSeconds: 600 }, async (client) => {
    const job = await client.videos.create(REQUEST)
    const timedOut = await client.videos.wait(job, { timeoutMs: 200 }).catch((error) => error)
    assert.ok(timedOut instanceof TimeoutError, String(timedOut))
    assert.equal(timedOut.operation, job.operation)
    assert.equal(timedOut.idempotencyKey, job.idempotency_key)
    assert.ok(job.idempotency_key)

    const unknown = { operation: 'op_nobody_made', status: 'running', model: REQUEST.model }
    const notFound = await client.videos.wait(unknown).catch((error) => error)
    assert.ok(notFound instanceof APIError, String(notFound))
    assert.equal(notFound.status, 404)
    assert.equal(notFound.operation, 'op_nobody_made')
    assert.equal(notFound.idempotencyKey, null)
  }))

test('errors without a job have no handle', async () => {
  const client = new Client({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
  const error = await client.videos.create({ ...REQUEST, seconds: 45 }).catch((error) => error)
  assert.ok(error instanceof ValidationError)
  assert.equal(error.operation, null)
  assert.equal(error.idempotencyKey, null)
})

test('a job that went through JSON is waited on and downloaded', () =>
  withEmulator({ jobSeconds: 1 }, async (client) => {
    const directory = mkdtempSync(path.join(tmpdir(), 'omixa-node-resume-'))
    try {
      const job = await client.videos.create(REQUEST)
      const restored = JSON.parse(JSON.stringify(job)) // e.g. stored by a process that then exited
      assert.equal(restored.idempotency_key, job.idempotency_key)
      const polls = []
      const done = await client.videos.wait(restored, {
        onProgress: (state, polling) => polls.push([state.status, polling.pollFailures, polling.lastError]),
      })
      assert.equal(done.status, 'succeeded')
      assert.equal(done.idempotency_key, job.idempotency_key, 'kept across the wait')
      assert.deepEqual(polls.at(-1), ['succeeded', 0, null])
      const paths = await client.videos.download(JSON.parse(JSON.stringify(done)), directory)
      assert.deepEqual(
        paths.map((file) => path.basename(file)),
        [`${job.operation}-0.mp4`],
      )
      assert.equal(readFileSync(paths[0]).subarray(4, 8).toString(), 'ftyp')
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  }))

test('onProgress hears about failed polls and the wait goes on', () =>
  withEmulator(
    { faults: { failEvery: 2 } },
    async (client) => {
      // Request 1 creates; request 2, the first poll, fails (no retries), and the wait polls again.
      const job = await client.videos.create(REQUEST)
      const polls = []
      const done = await client.videos.wait(job, {
        onProgress: (state, polling) => polls.push([polling.pollFailures, polling.lastError?.constructor.name ?? null]),
      })
      assert.equal(done.status, 'succeeded')
      assert.deepEqual(polls, [
        [1, 'APIError'],
        [0, null],
      ])
    },
    { maxRetries: 0 },
  ))
