'use strict'

// `Client` and its `videos`: the jobs API of the native client, with an `AbortSignal` wired to a native
// cancellation and `onProgress` to the native progress callback. The job, the client's options and those of
// its methods are typed here.

/** @import { VideoRequest } from './models.js' */
/** @typedef {import('./native.js').CreateOptions} CreateOptions */
/** @typedef {import('./native.js').Issue} Issue */
/** @typedef {import('./batch.js').BatchRequest} BatchRequest */
/** @typedef {import('./batch.js').BatchOptions} BatchOptions */
/** @typedef {import('./batch.js').BatchReport} BatchReport */
/** @typedef {import('./batch.js').BatchPlan} BatchPlan */
/** @typedef {import('./errors.js').OmixaError} OmixaError */

/**
 * @typedef {object} ClientOptions
 * @property {string} [apiKey] The workspace API key. Default: `OMIXA_API_KEY`; one of the two is required.
 *   Never logged.
 * @property {string} [baseUrl] The gateway's address. Default: `OMIXA_BASE_URL`, else
 *   `https://www.omixa.cloud`. Must be HTTPS, or HTTP to a loopback address (such as `omixa serve`).
 * @property {number} [timeoutMs] The longest silence while reading a response, in milliseconds. Default: 60 000.
 * @property {number} [requestTimeoutMs] The longest one API request may take, in milliseconds; the retries of
 *   one call stop within twice it. Default: 60 000.
 * @property {number} [maxRetries] Retries per call after the first attempt, for transient failures. Default: 2.
 * @property {Catalog | string} [catalog] A `Catalog` from `loadCatalog`, or a catalog folder. Default:
 *   `OMIXA_CATALOG`'s, if set.
 */

/**
 * @typedef {object} DownloadOptions
 * @property {boolean} [overwrite] Replace files already there. Default: keep them (they are complete earlier
 *   downloads).
 */

/**
 * @typedef {object} VideoOutput
 * @property {string} url
 * @property {string} [content_type] The media type, e.g. `video/mp4`.
 */

/**
 * The members of a job the SDK knows; a `Job` has every other member of the gateway's response too.
 *
 * @typedef {object} JobFields
 * @property {Issue[]} [warnings] What a lenient `create` dropped before sending (each also emitted as a
 *   `DroppedFieldWarning`).
 * @property {string} provider The provider that runs the job, e.g. `google`.
 * @property {string} model
 * @property {'running' | 'succeeded' | 'failed' | (string & {})} status
 * @property {string} operation The job's id: pass it to `status`, store it to come back later.
 * @property {number} [poll_after_seconds] How long the gateway suggests waiting before the next status call.
 * @property {VideoOutput[]} data The result videos, once the job has succeeded.
 * @property {string} [error] Why the job failed, when it did.
 * @property {number} [poll_interval_seconds] The creating request's `poll_interval_seconds`, kept for `wait`.
 * @property {string} [idempotency_key] The `Idempotency-Key` the job was created with: creating the same
 *   request with it again returns this job instead of a new one. Kept by `wait`, and by `JSON.stringify`, so
 *   a stored job can be resumed.
 */

/**
 * A video-generation job, as the gateway reports it: the members the SDK knows and every other member of the
 * gateway's response.
 *
 * @typedef {JobFields & { [member: string]: unknown }} Job
 */

/**
 * How a wait's polling is going, after one poll.
 *
 * @typedef {object} PollState
 * @property {number} pollFailures Failed polls in a row (0 after a successful one).
 * @property {OmixaError | null} lastError Why the last poll failed, when it did.
 */

/**
 * @typedef {object} WaitOptions
 * @property {number} [timeoutMs] The overall limit, from the start of the wait. Default: 15 minutes.
 * @property {(job: Job, polling: PollState) => void} [onProgress] Called after every poll with the job's last
 *   known state, and how polling goes: `pollFailures` failed polls in a row (0 after a successful one; the
 *   wait goes on through them) and the last one's `lastError`. If it throws, the wait ends with that error.
 * @property {AbortSignal} [signal] Aborting it ends the wait with a `CancelledError`.
 */

const { fileURLToPath } = require('node:url')
const native = require('./native.js')
const { fromNative, fromPayload, CancelledError } = require('./errors.js')
const { callNative, emitDropped, stoppable } = require('./call.js')
const { Catalog } = require('./catalog.js')
const { runBatch } = require('./batch.js')


/** A client of the Omixa jobs API. */
class Client {
  #native

  /**
   * Video jobs: `create`, `status`, `wait`, `download`, `batch`.
   * @readonly @type {Videos}
   */
  videos

  /**
   * @param {ClientOptions} [options] All optional: `apiKey` (default `OMIXA_API_KEY`), `baseUrl` (default
   *   `OMIXA_BASE_URL`, else https://www.omixa.cloud), `timeoutMs` (per read), `requestTimeoutMs` (per API
   *   request), `maxRetries`, `catalog`.
   * @throws {ConfigurationError} without an API key, or with a base URL that is not HTTPS (or loopback HTTP).
   */
  constructor(options = {}) {
    const { apiKey, baseUrl, timeoutMs, requestTimeoutMs, maxRetries } = options
    // `catalog`: a `Catalog` from `loadCatalog`, or its folder; default `OMIXA_CATALOG`'s.
    const catalog = options.catalog instanceof Catalog ? options.catalog.folder : options.catalog
    this.#native = callNative(
      () => new native.NativeClient({ apiKey, baseUrl, timeoutMs, requestTimeoutMs, maxRetries, catalog }),
    )
    this.videos = new Videos(this.#native)
  }

  /**
   * The gateway's address.
   * @returns {string}
   */
  get baseUrl() {
    return this.#native.baseUrl
  }
}

/** The video jobs of a `Client` (`client.videos`). Every method returns a Promise, and rejects rather than throws. */
class Videos {
  #native

  /**
   * Use `client.videos`.
   * @private
   * @param {import('./native.js').NativeClient} client
   */
  constructor(client) {
    this.#native = client
  }

  /**
   * Validates the request locally (nothing invalid is ever sent), then creates the job. A retried create
   * carries the same idempotency key, so it can never bill twice. Options: `lenient`, `idempotencyKey`.
   *
   * @overload
   * @param {VideoRequest} request
   * @param {CreateOptions} [options]
   * @returns {Promise<Job>}
   * @throws {ValidationError} | {AuthenticationError} | {RateLimitError} | {APIError} | {ConnectionError}
   */
  /**
   * With `unchecked: true`, sends the request as written, for a model no catalog knows (warns).
   *
   * @overload
   * @param {Record<string, unknown>} request
   * @param {CreateOptions & { unchecked: true }} options
   * @returns {Promise<Job>}
   * @throws {AuthenticationError} | {RateLimitError} | {APIError} | {ConnectionError}
   */
  /**
   * @param {VideoRequest | Record<string, unknown>} request
   * @param {CreateOptions} [options]
   * @returns {Promise<Job>}
   */
  async create(request, options) {
    if (options?.unchecked === true) {
      process.emitWarning(native.uncheckedWarning(), { type: 'OmixaUncheckedWarning', code: 'OMIXA_UNCHECKED' })
    }
    let job
    try {
      job = await this.#native.create(request, options)
    } catch (error) {
      throw fromNative(error)
    }
    // Only a lenient create has warnings: what it dropped before sending.
    for (const issue of job.warnings ?? []) emitDropped(issue)
    return job
  }

  /**
   * The job's current state, given the job.
   *
   * @overload
   * @param {Job} job
   * @returns {Promise<Job>}
   */
  /**
   * The job's current state, given its `operation` (and its `model`, if known).
   *
   * @overload
   * @param {string} operation
   * @param {string} [model]
   * @returns {Promise<Job>}
   */
  /**
   * @param {Job | string} jobOrOperation
   * @param {string} [model]
   * @returns {Promise<Job>}
   */
  async status(jobOrOperation, model) {
    try {
      return await this.#native.status(jobOrOperation, model)
    } catch (error) {
      throw fromNative(error)
    }
  }

  /**
   * Polls until the job is final and resolves to the succeeded job; a poll that fails for a transient reason
   * (gateway unreachable, rate limited, 5xx) does not end the wait. Options: `timeoutMs` (default 15
   * minutes), `onProgress(job, { pollFailures, lastError })` (called after every poll with the job's last
   * known state, the failed polls in a row and the last one's error; if it throws, the wait ends with that
   * error), `signal` (an `AbortSignal`; aborting rejects with `CancelledError`). A job restored with
   * `JSON.parse(JSON.stringify(job))` can be waited on. Errors carry `operation` and `idempotencyKey`.
   *
   * @param {Job} job
   * @param {WaitOptions} [options]
   * @returns {Promise<Job>}
   * @throws {JobFailedError} | {TimeoutError} | {CancelledError}, or an error of a status call.
   */
  async wait(job, options = {}) {
    const { timeoutMs, onProgress, signal } = options
    if (signal?.aborted) throw new CancelledError('cancelled', { cause: signal.reason })
    const call = stoppable(
      signal,
      onProgress &&
        ((state) => {
          const lastError = state.last_error && fromPayload(state.last_error)
          onProgress(state.job, { pollFailures: state.poll_failures, lastError })
        }),
    )
    try {
      return await this.#native.wait(job, timeoutMs, call.progress, call.cancellation)
    } catch (error) {
      const thrown = call.thrown()
      if (thrown) throw thrown.error
      const mapped = fromNative(error)
      if (mapped instanceof CancelledError && signal?.aborted) mapped.cause = signal.reason
      throw mapped
    } finally {
      call.release()
    }
  }

  /**
   * Runs many jobs, at most `concurrency` (default 4) at a time, within `budget` (a decimal string), and
   * resolves to the report. `requests` is an array, iterable or async iterable of requests or `{ id, request }`
   * (drained before anything is sent; the id names the videos, `<out>/<id>-<index>.mp4`). Every request is
   * checked first: `BatchInputError` lists every problem, and nothing is created. The journal in `out` makes
   * it resumable: the same requests into the same `out` again never create a job twice. Options: `out`
   * (required), `concurrency`, `budget`, `onProgress(progress)`, `signal` (aborting stops new jobs and ends
   * waits, the journal stays consistent, and the promise rejects with `CancelledError`), `timeoutMs` (each
   * job's wait), `lenient`, `dryRun` (resolves to the plan; nothing sent).
   *
   * @overload
   * @param {Iterable<BatchRequest> | AsyncIterable<BatchRequest>} requests
   * @param {BatchOptions & { dryRun: true }} options
   * @returns {Promise<BatchPlan>}
   * @throws {BatchInputError} | {BudgetRefusedError} | {BatchOptionsError} | {FileError}
   */
  /**
   * Runs many jobs within a budget, resumably (the journal in `out`), and resolves to the report. Every
   * request is checked before anything is sent.
   *
   * @overload
   * @param {Iterable<BatchRequest> | AsyncIterable<BatchRequest>} requests
   * @param {BatchOptions} options
   * @returns {Promise<BatchReport>}
   * @throws {BatchInputError} | {BudgetRefusedError} | {JournalMismatchError} | {BatchOptionsError} |
   *   {JournalError} | {CancelledError} | {FileError}
   */
  /**
   * @param {Iterable<BatchRequest> | AsyncIterable<BatchRequest>} requests
   * @param {BatchOptions} options
   * @returns {Promise<BatchPlan | BatchReport>}
   */
  batch(requests, options) {
    return runBatch(this.#native, requests, options)
  }

  /**
   * Streams every result video of a succeeded job into `directory`; resolves to the paths written. A file
   * already there is kept unless `options.overwrite`. Limits: 64 outputs, 4 GiB per file, 60 s without
   * data, 30 minutes in all.
   *
   * @param {Job} job
   * @param {string | URL} directory
   * @param {DownloadOptions} [options]
   * @returns {Promise<string[]>}
   * @throws {JobNotReadyError} | {DownloadError} | {FileError}, or an error of the download.
   */
  async download(job, directory, options = {}) {
    const path = directory instanceof URL ? fileURLToPath(directory) : directory
    try {
      return await this.#native.download(job, path, options.overwrite ?? false)
    } catch (error) {
      throw fromNative(error)
    }
  }
}



module.exports = { Client, Videos }
