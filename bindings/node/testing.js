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

/** The emulator's own errors: a setting out of range is a `RangeError` that names it. */
function fromNative(error) {
  if (error instanceof Error && error.code === 'InvalidArg') return new RangeError(error.message)
  return error
}

/** Faults for the native module, which takes a fault that is off as absent rather than null. */
function present(faults = {}) {
  return Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== null && value !== undefined))
}

/** The faults that are counts: the native module leaves one out when it is off; `faults` shows it as null. */
const FAULT_COUNTS = ['rateLimitEvery', 'failEvery', 'dropEvery', 'malformedEvery']

/** Usage records with `account`, `currency` and `note` always present (null when there is none). */
function usageRecord(record) {
  return { account: null, currency: null, note: null, ...record }
}

function callNative(call) {
  try {
    return call()
  } catch (error) {
    throw fromNative(error)
  }
}

class Emulator {
  #native

  /** Use `await Emulator.start(options)`. */
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

  /** `http://127.0.0.1:<port>`. */
  get baseUrl() {
    return this.#native.baseUrl
  }

  /** The key clients must send. */
  get apiKey() {
    return this.#native.apiKey
  }

  /** A `Client` pointed at this emulator; `options` are `Client`'s (`maxRetries`, `timeoutMs`...). */
  client(options = {}) {
    return new Client({ ...options, apiKey: this.apiKey, baseUrl: this.baseUrl })
  }

  /** `OMIXA_BASE_URL` and `OMIXA_API_KEY` for this emulator, for code that builds `new Client()` itself. */
  environment() {
    return { OMIXA_BASE_URL: this.baseUrl, OMIXA_API_KEY: this.apiKey }
  }

  /** The faults in force, every field present (null for a fault that is off). */
  get faults() {
    const faults = callNative(() => this.#native.faults())
    return { ...Object.fromEntries(FAULT_COUNTS.map((name) => [name, faults[name] ?? null])), ...faults }
  }

  /**
   * Changes some faults from the next request on, keeping the others; `null` turns one off. Counts
   * (`rateLimitEvery`, `failEvery`, `dropEvery`, `malformedEvery`) number the job requests from 1.
   * Returns the faults now in force.
   */
  setFaults(changes) {
    callNative(() => this.#native.setFaults(present({ ...this.faults, ...changes })))
    return this.faults
  }

  /**
   * Job requests (creates and status polls) served so far, faulted ones included: the count the `*Every`
   * faults divide. A test reads it to see that a client retried.
   */
  get jobRequests() {
    return callNative(() => this.#native.jobRequests())
  }

  /**
   * The ledger: `{ records, creates, idempotentReplays }`, each record
   * `{ seq, kind, operation, model, account, amount, currency, note }` with `amount` a decimal string.
   */
  async usage() {
    const usage = callNative(() => this.#native.usage())
    return { ...usage, records: usage.records.map(usageRecord) }
  }

  /** Stops accepting connections and resolves once open ones are done. Stopping twice does nothing. */
  async stop() {
    await this.#native.stop()
  }
}

module.exports = { Emulator }
