'use strict'

// `omixa/testing`: a local Omixa emulator for the tests of programs built on omixa. No API key, no network,
// no bill. The emulator (Rust, `src/testing.rs` over the `omixa-emulator` crate) runs in this process on a
// free loopback port: the jobs API with the gateway's validation, billing (hold, charge, release) and result
// videos, plus the faults a real network has. Works with `node --test`, Jest and Vitest alike:
//
//   const { Emulator } = require('omixa/testing')
//   const emulator = await Emulator.start({ jobSeconds: 0, faults: { rateLimitEvery: 3 }, seed: 1 })
//   const client = emulator.client()
//   ...
//   await emulator.stop()

const native = require('./native.js')
const { Client } = require('./index.js')

// Its types are the JSDoc below, from which `npm run types` generates testing.d.ts (scripts/types.js).

/** @import { Catalog, ClientOptions } from './index.js' */

/**
 * What goes wrong, and how often. Counts (`*Every`) number the job requests (creates and status polls) from
 * 1; request n gets the first fault whose count divides it. Null or left out: off.
 *
 * @typedef {object} FaultOptions
 * @property {number | null} [rateLimitEvery] Answer 429 with `Retry-After: retryAfterSeconds`; the request is
 *   not acted on.
 * @property {number | null} [retryAfterSeconds] The `Retry-After` of an injected 429, in seconds. Default: 1.
 * @property {number | null} [failEvery] Answer 500; not acted on.
 * @property {number | null} [dropEvery] Act on the request (a create makes its job), then cut the connection
 *   halfway through the answer.
 * @property {number | null} [malformedEvery] Act on the request, then answer 200 with the JSON body cut in
 *   half.
 * @property {number | null} [latencyMs] Delay every request before it is handled, in milliseconds.
 * @property {number | null} [answerLatencyMs] Delay every response after the request was handled, in
 *   milliseconds.
 * @property {number | null} [jobFailureRate] Probability (0 to 1) that a job fails after it started; its hold
 *   is released.
 * @property {number | null} [routeFailureRate] Probability (0 to 1) that a provider account's route fails;
 *   the next account takes the job.
 */

/**
 * The faults in force: every field present.
 *
 * @typedef {object} Faults
 * @property {number | null} rateLimitEvery
 * @property {number} retryAfterSeconds
 * @property {number | null} failEvery
 * @property {number | null} dropEvery
 * @property {number | null} malformedEvery
 * @property {number} latencyMs
 * @property {number} answerLatencyMs
 * @property {number} jobFailureRate
 * @property {number} routeFailureRate
 */

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [jobSeconds] How long each job runs, in seconds. Default: 0 (final at the first poll).
 * @property {number} [jobSecondsMax] When given, each job runs a random time from `jobSeconds` to this.
 * @property {FaultOptions} [faults] The faults it starts with.
 * @property {number} [seed] Fixes every random choice (operation ids, failed routes and jobs), so a run can be
 *   repeated.
 * @property {string} [apiKey] The key clients must send. Default: a generated one.
 * @property {number} [accounts] Simulated provider accounts, 1 to 64. Default: 3.
 * @property {boolean} [dashboard] Serve the live dashboard at `/` (jobs, ledger, faults, videos). Default:
 *   false.
 * @property {Catalog | string} [catalog] A `Catalog` from `loadCatalog`, or a catalog folder, whose models it
 *   serves too. Default: `OMIXA_CATALOG`'s.
 */

/**
 * One line of the ledger.
 *
 * @typedef {object} UsageRecord
 * @property {number} seq Position in the ledger, from 1.
 * @property {'hold' | 'charge' | 'release'} kind `hold` at create; then `charge` when the job succeeded, or
 *   `release` when it failed.
 * @property {string} operation
 * @property {string} model
 * @property {string | null} account The simulated provider account that ran the job, if any did.
 * @property {string} amount An exact decimal, e.g. `"0.40"`.
 * @property {string | null} currency Null for a model without a published price (held and charged 0).
 * @property {string | null} note
 */

/**
 * @typedef {object} Usage
 * @property {UsageRecord[]} records Every record, oldest first.
 * @property {number} creates Creates that made a job (a replay of an `Idempotency-Key` makes none).
 * @property {number} idempotentReplays Creates answered with the job an earlier create of the same
 *   `Idempotency-Key` made.
 */

/**
 * The emulator's own errors: a setting out of range is a `RangeError` that names it.
 * @param {unknown} error
 */
function fromNative(error) {
  if (error instanceof Error && error.code === 'InvalidArg') return new RangeError(error.message)
  return error
}

/**
 * Faults for the native module, which takes a fault that is off as absent rather than null.
 * @param {FaultOptions} [faults]
 * @returns {import('./native.js').FaultOptions}
 */
function present(faults = {}) {
  return Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== null && value !== undefined))
}

/** The faults that are counts: the native module leaves one out when it is off; `faults` shows it as null. */
const FAULT_COUNTS = ['rateLimitEvery', 'failEvery', 'dropEvery', 'malformedEvery']

/**
 * Usage records with `account`, `currency` and `note` always present (null when there is none).
 * @param {import('./native.js').UsageRecord} record
 * @returns {UsageRecord}
 */
function usageRecord(record) {
  return { account: null, currency: null, note: null, ...record }
}

/**
 * @template T
 * @param {() => T} call
 * @returns {T}
 */
function callNative(call) {
  try {
    return call()
  } catch (error) {
    throw fromNative(error)
  }
}

/** An emulator of the Omixa gateway, in this process, on a free loopback port. */
class Emulator {
  #native

  /**
   * Use `await Emulator.start(options)`.
   * @private
   * @param {import('./native.js').NativeEmulator} nativeEmulator
   */
  constructor(nativeEmulator) {
    if (!(nativeEmulator instanceof native.NativeEmulator)) {
      throw new TypeError('use `await Emulator.start(options)` to start an emulator')
    }
    this.#native = nativeEmulator
  }

  /**
   * Starts an emulator. Options: `jobSeconds` (default 0: jobs are final at the first poll),
   * `jobSecondsMax`, `faults` (see `setFaults`), `seed` (repeat a run), `apiKey`, `accounts`, `dashboard`
   * (serve the live page at `/`), `catalog` (a `Catalog` from `loadCatalog` or a catalog folder whose models
   * it serves too; default `OMIXA_CATALOG`'s).
   *
   * @param {EmulatorOptions} [options]
   * @returns {Promise<Emulator>}
   * @throws {RangeError} naming a setting out of range.
   */
  static async start(options = {}) {
    let nativeEmulator
    const catalog = typeof options.catalog === 'object' && options.catalog !== null ? options.catalog.folder : options.catalog
    try {
      nativeEmulator = await native.startEmulator({ ...options, faults: present(options.faults), catalog })
    } catch (error) {
      throw fromNative(error)
    }
    return new Emulator(nativeEmulator)
  }

  /**
   * `http://127.0.0.1:<port>`.
   * @returns {string}
   */
  get baseUrl() {
    return this.#native.baseUrl
  }

  /**
   * The key clients must send.
   * @returns {string}
   */
  get apiKey() {
    return this.#native.apiKey
  }

  /**
   * A `Client` pointed at this emulator; `options` are `Client`'s (`maxRetries`, `timeoutMs`...).
   * @param {Omit<ClientOptions, 'apiKey' | 'baseUrl'>} [options]
   * @returns {Client}
   */
  client(options = {}) {
    return new Client({ ...options, apiKey: this.apiKey, baseUrl: this.baseUrl })
  }

  /**
   * `OMIXA_BASE_URL` and `OMIXA_API_KEY` for this emulator, for code that builds `new Client()` itself.
   * @returns {{ OMIXA_BASE_URL: string, OMIXA_API_KEY: string }}
   */
  environment() {
    return { OMIXA_BASE_URL: this.baseUrl, OMIXA_API_KEY: this.apiKey }
  }

  /**
   * The faults in force, every field present (null for a fault that is off).
   * @returns {Faults}
   */
  get faults() {
    const faults = callNative(() => this.#native.faults())
    return { ...Object.fromEntries(FAULT_COUNTS.map((name) => [name, faults[name] ?? null])), ...faults }
  }

  /**
   * Changes some faults from the next request on, keeping the others; `null` turns one off. Counts
   * (`rateLimitEvery`, `failEvery`, `dropEvery`, `malformedEvery`) number the job requests from 1.
   * Returns the faults now in force.
   *
   * @param {FaultOptions} changes
   * @returns {Faults}
   */
  setFaults(changes) {
    callNative(() => this.#native.setFaults(present({ ...this.faults, ...changes })))
    return this.faults
  }

  /**
   * Job requests (creates and status polls) served so far, faulted ones included: the count the `*Every`
   * faults divide. A test reads it to see that a client retried.
   *
   * @returns {number}
   */
  get jobRequests() {
    return callNative(() => this.#native.jobRequests())
  }

  /**
   * The ledger: `{ records, creates, idempotentReplays }`, each record
   * `{ seq, kind, operation, model, account, amount, currency, note }` with `amount` a decimal string.
   *
   * @returns {Promise<Usage>}
   */
  async usage() {
    const usage = callNative(() => this.#native.usage())
    return { ...usage, records: usage.records.map(usageRecord) }
  }

  /**
   * Stops accepting connections and resolves once open ones are done. Stopping twice does nothing.
   * @returns {Promise<void>}
   */
  async stop() {
    await this.#native.stop()
  }
}

module.exports = { Emulator }
