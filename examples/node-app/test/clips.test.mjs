// Tests of the application, against the local emulator the omixa package provides (`omixa/testing`): no key,
// no network, no bill. Each test gets a fresh emulator, so a fresh ledger.

import assert from 'node:assert/strict'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, test } from 'node:test'
import { Emulator } from 'omixa/testing'
import { RenderFailed, renderClip } from '../clips.mjs'

let emulator
let client
let directory

beforeEach(async () => {
  emulator = await Emulator.start({ jobSeconds: 0, seed: 0 })
  client = emulator.client()
  directory = await mkdtemp(path.join(tmpdir(), 'clips-'))
})

afterEach(async () => {
  await emulator.stop()
  await rm(directory, { recursive: true, force: true })
})

const kinds = async () => (await emulator.usage()).records.map((record) => record.kind)

test('a clip is rendered and charged once', async () => {
  const video = await renderClip(client, 'A lighthouse at dawn', directory)

  assert.equal((await readFile(video)).subarray(4, 8).toString(), 'ftyp') // an MP4
  const { records } = await emulator.usage()
  assert.deepEqual(await kinds(), ['hold', 'charge'])
  assert.equal(records.at(-1).amount, '0.40') // 8 s of Lite
})

test('a rate-limited poll is retried', async () => {
  // Every second job request is answered 429 (Retry-After: 0): here, the first status poll.
  emulator.setFaults({ rateLimitEvery: 2, retryAfterSeconds: 0 })

  await renderClip(client, 'A lighthouse at dawn', directory)

  assert.equal(emulator.jobRequests, 3) // the create, the poll answered 429, the same poll again
  assert.deepEqual(await kinds(), ['hold', 'charge']) // the retry billed nothing more
})

test('a failed job releases its hold', async () => {
  emulator.setFaults({ jobFailureRate: 1 })

  await assert.rejects(renderClip(client, 'A lighthouse at dawn', directory), RenderFailed)

  const [hold, release] = (await emulator.usage()).records
  assert.deepEqual([hold.kind, release.kind], ['hold', 'release'])
  assert.equal(release.amount, hold.amount)
  assert.deepEqual(await readdir(directory), []) // nothing saved
})
