// The client against an in-process emulator (`omixa/testing`) started by each test: the whole lifecycle,
// every error class the client throws, and cancellation through an AbortSignal.

import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inspect } from 'node:util'
import { after, before, describe, test } from 'node:test'
import {
  APIError,
  AuthenticationError,
  CancelledError,
  Client,
  ConfigurationError,
  ConnectionError,
  Image,
  JobFailedError,
  JobNotReadyError,
  OmixaError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '../index.js'
import { startEmulator } from './emulator.mjs'

const REQUEST = { model: 'veo-3.1-lite-generate-001', prompt: 'A lighthouse at dawn', seconds: 8 }

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
  'base64',
)

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

describe('lifecycle', () => {
  let emulator
  let client
  let directory

  before(async () => {
    emulator = await startEmulator()
    client = new Client({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl })
    directory = mkdtempSync(path.join(tmpdir(), 'omixa-node-'))
  })

  after(async () => {
    await emulator?.stop()
    rmSync(directory, { recursive: true, force: true })
  })

  test('create, status, wait with progress, download', async () => {
    const job = await client.videos.create({ ...REQUEST, image: Image.fromBuffer(PNG) })
    assert.equal(job.model, REQUEST.model)
    assert.equal(typeof job.operation, 'string')
    assert.ok(['running', 'succeeded'].includes(job.status), job.status)

    const byOperation = await client.videos.status(job.operation, job.model)
    assert.equal(byOperation.operation, job.operation)
    const byJob = await client.videos.status(job)
    assert.equal(byJob.operation, job.operation)

    const seen = []
    const done = await client.videos.wait(job, { timeoutMs: 30_000, onProgress: (state) => seen.push(state.status) })
    assert.equal(done.status, 'succeeded')
    assert.ok(done.data.length >= 1)
    assert.ok(seen.length >= 1 && seen.at(-1) === 'succeeded', `progress: ${seen}`)

    const files = await client.videos.download(done, directory)
    assert.equal(files.length, done.data.length)
    for (const file of files) {
      assert.ok(file.startsWith(directory), file)
      assert.equal(readFileSync(file).subarray(4, 8).toString('latin1'), 'ftyp', 'an MP4 file')
    }
  })

  test('a job survives JSON: status and wait take it back', async () => {
    const job = JSON.parse(JSON.stringify(await client.videos.create(REQUEST)))
    const done = await client.videos.wait(job, { timeoutMs: 30_000 })
    assert.equal(done.status, 'succeeded')
  })

  test('the event loop runs while a call is in flight', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      const job = await client.videos.create(REQUEST)
      await client.videos.wait(job, { timeoutMs: 30_000 })
    } finally {
      clearInterval(timer)
    }
    assert.ok(ticks > 0)
  })

  test('an invalid request is refused before sending', async () => {
    const error = await client.videos.create({ ...REQUEST, aspect_ratio: '4:3' }).catch((caught) => caught)
    assert.ok(error instanceof ValidationError)
    assert.deepEqual(error.codes, ['not_accepted'])
  })

  test('download of an unfinished job is JobNotReadyError', async () => {
    const job = { ...(await client.videos.create(REQUEST)), status: 'running', data: [] }
    await assert.rejects(client.videos.download(job, directory), (error) => {
      assert.ok(error instanceof JobNotReadyError && error instanceof OmixaError)
      assert.equal(error.job.operation, job.operation)
      return true
    })
  })

  test('a file already there is kept unless overwrite', async () => {
    const done = await client.videos.wait(await client.videos.create(REQUEST), { timeoutMs: 30_000 })
    const folder = mkdtempSync(path.join(tmpdir(), 'omixa-keep-'))
    try {
      const [file] = await client.videos.download(done, folder)
      writeFileSync(file, 'earlier')
      assert.deepEqual(await client.videos.download(done, folder), [file])
      assert.equal(readFileSync(file, 'utf8'), 'earlier')
      await client.videos.download(done, folder, { overwrite: true })
      assert.notEqual(readFileSync(file, 'utf8'), 'earlier')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  test('a gateway that never answers costs two request timeouts', async () => {
    const sockets = []
    const server = createServer((socket) => sockets.push(socket))
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const silent = new Client({
        apiKey: 'k',
        baseUrl: `http://127.0.0.1:${server.address().port}`,
        requestTimeoutMs: 200,
        maxRetries: 5,
      })
      await assert.rejects(silent.videos.status('op_1'), ConnectionError)
      assert.equal(sockets.length, 2)
    } finally {
      sockets.forEach((socket) => socket.destroy())
      server.close()
    }
  })

  test('a thing that is not a job is a TypeError', async () => {
    await assert.rejects(() => client.videos.wait({ nope: true }), TypeError)
  })
})

describe('errors', () => {
  test('no API key is ConfigurationError, and the key never shows', () => {
    const saved = process.env.OMIXA_API_KEY
    delete process.env.OMIXA_API_KEY
    try {
      assert.throws(() => new Client({ baseUrl: 'http://127.0.0.1:9' }), ConfigurationError)
      assert.throws(() => new Client({ apiKey: 'k', baseUrl: 'http://example.com' }), ConfigurationError)
    } finally {
      if (saved !== undefined) process.env.OMIXA_API_KEY = saved
    }
    const client = new Client({ apiKey: 'sk-secret-value', baseUrl: 'http://127.0.0.1:9' })
    assert.doesNotMatch(JSON.stringify(client) + String(client) + inspect(client, { showHidden: true }), /sk-secret/)
  })

  test('OMIXA_API_KEY and OMIXA_BASE_URL configure a client', () => {
    const saved = { ...process.env }
    process.env.OMIXA_API_KEY = 'from-env'
    process.env.OMIXA_BASE_URL = 'http://127.0.0.1:7'
    try {
      assert.equal(new Client().baseUrl, 'http://127.0.0.1:7/')
    } finally {
      process.env.OMIXA_API_KEY = saved.OMIXA_API_KEY
      process.env.OMIXA_BASE_URL = saved.OMIXA_BASE_URL
      if (saved.OMIXA_API_KEY === undefined) delete process.env.OMIXA_API_KEY
      if (saved.OMIXA_BASE_URL === undefined) delete process.env.OMIXA_BASE_URL
    }
  })

  test('a wrong key is AuthenticationError (an APIError)', () =>
    withEmulator({}, async (_client, emulator) => {
      const client = new Client({ apiKey: 'wrong', baseUrl: emulator.baseUrl })
      await assert.rejects(client.videos.create(REQUEST), (error) => {
        assert.ok(error instanceof AuthenticationError && error instanceof APIError && error instanceof OmixaError)
        assert.equal(error.name, 'AuthenticationError')
        assert.equal(error.status, 401)
        assert.doesNotMatch(error.message, /wrong/)
        return true
      })
    }))

  test('429 after the retries is RateLimitError with retryAfter', () =>
    withEmulator(
      { faults: { rateLimitEvery: 1, retryAfterSeconds: 1 } },
      async (client) => {
        await assert.rejects(client.videos.create(REQUEST), (error) => {
          assert.ok(error instanceof RateLimitError && error instanceof APIError)
          assert.equal(error.status, 429)
          assert.equal(error.retryAfter, 1)
          return true
        })
      },
      { maxRetries: 0 },
    ))

  test('a 500 after the retries is APIError with status and body', () =>
    withEmulator(
      { faults: { failEvery: 1 } },
      async (client) => {
        await assert.rejects(client.videos.create(REQUEST), (error) => {
          assert.ok(error instanceof APIError && !(error instanceof RateLimitError))
          assert.equal(error.status, 500)
          assert.equal(typeof error.body, 'string')
          return true
        })
      },
      { maxRetries: 0 },
    ))

  test('a failed job is JobFailedError with the job', () =>
    withEmulator({ faults: { jobFailureRate: 1 } }, async (client) => {
      const job = await client.videos.create(REQUEST)
      await assert.rejects(client.videos.wait(job, { timeoutMs: 30_000 }), (error) => {
        assert.ok(error instanceof JobFailedError)
        assert.equal(error.job.status, 'failed')
        assert.equal(error.job.operation, job.operation)
        return true
      })
    }))

  test('a job not done in time is TimeoutError', () =>
    withEmulator({ jobSeconds: 60 }, async (client) => {
      const job = await client.videos.create(REQUEST)
      await assert.rejects(client.videos.wait(job, { timeoutMs: 200 }), (error) => {
        assert.ok(error instanceof TimeoutError)
        assert.equal(error.timeoutMs, 200)
        assert.equal(error.job.status, 'running')
        return true
      })
    }))

  test('nothing listening is ConnectionError', async () => {
    const emulator = await startEmulator()
    await emulator.stop()
    const client = new Client({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, maxRetries: 0 })
    await assert.rejects(client.videos.create(REQUEST), ConnectionError)
  })
})

describe('cancellation', () => {
  test('aborting the signal rejects wait with CancelledError', () =>
    withEmulator({ jobSeconds: 60 }, async (client) => {
      const job = await client.videos.create(REQUEST)
      const controller = new AbortController()
      const waiting = client.videos.wait(job, { timeoutMs: 60_000, signal: controller.signal })
      setTimeout(() => controller.abort(new Error('user gave up')), 100)
      const started = Date.now()
      await assert.rejects(waiting, (error) => {
        assert.ok(error instanceof CancelledError && error instanceof OmixaError)
        assert.equal(error.code, 'ABORT_ERR')
        assert.equal(error.cause.message, 'user gave up')
        return true
      })
      assert.ok(Date.now() - started < 5_000, 'cancelled promptly')
    }))

  test('an already aborted signal rejects at once', () =>
    withEmulator({}, async (client) => {
      const job = await client.videos.create(REQUEST)
      await assert.rejects(client.videos.wait(job, { signal: AbortSignal.abort() }), CancelledError)
    }))

  test('an onProgress that throws ends the wait with its error', () =>
    withEmulator({ jobSeconds: 60 }, async (client) => {
      const job = await client.videos.create(REQUEST)
      const problem = new Error('progress handler failed')
      await assert.rejects(
        client.videos.wait(job, {
          onProgress: () => {
            throw problem
          },
        }),
        (error) => error === problem,
      )
    }))
})
