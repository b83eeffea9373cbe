'use strict'

// The omixa package: the native module (Rust, `src/`) does the work; this file gives it its JavaScript
// shape: the error classes (`errors.js`), the functions and classes of the API, an `AbortSignal` wired to a
// native cancellation and `onProgress` to the native progress callback. Business logic stays in Rust.
//
// Its types are the JSDoc below, from which `npm run types` generates index.d.ts (scripts/types.js): the
// `@typedef`s are the package's exported types, `@overload`s its overloads. The data types the native module
// defines are re-exported from native.d.ts (generated from `src/*.rs`), the catalog's from models.d.ts.

/** @import { VideoRequest } from './models.js' */
/** @import { InlineImageObject, ImageUrl } from './models.js' */

// ---- the native module's data types, under the same names (native.d.ts, generated from src/*.rs) ----------

/** @typedef {import('./native.js').CreateOptions} CreateOptions */
/** @typedef {import('./native.js').FieldInfo} FieldInfo */
/** @typedef {import('./native.js').Issue} Issue */
/** @typedef {import('./native.js').LineValidation} LineValidation */
/** @typedef {import('./native.js').ModelInfo} ModelInfo */
/** @typedef {import('./native.js').NormalizedRequest} NormalizedRequest */
/** @typedef {import('./native.js').PricedEstimate} PricedEstimate */
/** @typedef {import('./native.js').UnpricedEstimate} UnpricedEstimate */
/** @typedef {import('./native.js').ValidateOptions} ValidateOptions */
/** @typedef {import('./native.js').Validation} Validation */
/** @typedef {import('./tables.js').BatchErrorKind} BatchErrorKind */
/** @typedef {import('./tables.js').ErrorKind} ErrorKind */
/** @typedef {import('./tables.js').IssueCode} IssueCode */
/** @typedef {import('./batch.js').BatchRequest} BatchRequest */
/** @typedef {import('./batch.js').BatchProgress} BatchProgress */
/** @typedef {import('./batch.js').BatchOptions} BatchOptions */
/** @typedef {import('./batch.js').BatchJob} BatchJob */
/** @typedef {import('./batch.js').BatchReport} BatchReport */
/** @typedef {import('./batch.js').BatchPlan} BatchPlan */
/** @typedef {import('./batch.js').BatchProblem} BatchProblem */

/**
 * What `estimate` returns: priced, or why there is no price (`priced: false`).
 * @typedef {PricedEstimate | UnpricedEstimate} Estimate
 */

// ---- the client's types: the job as the gateway reports it, the options of `Client` and its methods -------

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
const { inspect } = require('node:util')
const native = require('./native.js')
const { LARGE_STRING_BYTES } = require('./tables.js')

const {
  OmixaError,
  ConfigurationError,
  ValidationError,
  APIError,
  AuthenticationError,
  RateLimitError,
  InvalidResponseError,
  ConnectionError,
  TimeoutError,
  JobFailedError,
  JobNotReadyError,
  CancelledError,
  DownloadError,
  FileError,
  BatchError,
  BatchInputError,
  BudgetRefusedError,
  JournalMismatchError,
  BatchOptionsError,
  JournalError,
  ERROR_CLASSES,
  FROM_DETAILS,
  fromPayload,
  fromNative,
} = require('./errors.js')

function callNative(call) {
  try {
    return call()
  } catch (error) {
    throw fromNative(error)
  }
}

function emitDropped(issue) {
  process.emitWarning(issue.message, { type: 'DroppedFieldWarning', code: 'OMIXA_DROPPED_FIELD', detail: issue.path })
}

// ---- validation, estimates, catalog ----------------------------------------------------------------------

/**
 * Validates a request and returns it normalized: canonical field names (`seconds` becomes
 * `duration_seconds`...), inline images in object form, and `video_operation` inferred when absent. Nothing
 * else is added or dropped, except in lenient mode (`{ lenient: true }`): fields the model omits are dropped
 * with a `DroppedFieldWarning`.
 *
 * @param {VideoRequest} request
 * @param {ValidateOptions} [options]
 * @returns {NormalizedRequest}
 * @throws {ValidationError} listing every issue at once.
 * @throws {TypeError} for a value JSON cannot carry (a function, a symbol, binary data).
 */
function validate(request, options) {
  const lenient = options?.lenient === true
  const onDropped = lenient ? emitDropped : undefined
  // `callNative` inlined: this is the hot path, and a closure per call shows in the benchmark.
  let answer = null
  try {
    if (isFlat(request)) answer = native.validateText(JSON.stringify(request), lenient, onDropped)
    if (answer === null) return native.validate(request, lenient, onDropped)
  } catch (error) {
    throw error instanceof OmixaError ? error : fromNative(error)
  }
  return textAnswer(answer, request)
}

/** The normalized request of `validateText`'s answer, or its `ValidationError` thrown. */
function textAnswer(answer, request) {
  if (typeof answer === 'number') return fromPlan(answer, request)
  if (typeof answer === 'string') return JSON.parse(answer)
  throw new ValidationError(answer[0], JSON.parse(answer[1]))
}

/**
 * Plans by number (`src/text/plan.rs`): how the native module says to build a valid flat request's normalized
 * form from the caller's own object (which field names, in which order, each with the caller's value of which
 * key, or a string of its own such as an inferred `video_operation`). Fetched once per plan.
 */
const plans = []

function fromPlan(number, request) {
  const plan = plans[number] ?? (plans[number] = JSON.parse(native.validationPlan(number)))
  const { names, keys, texts } = plan
  const normalized = {}
  for (let i = 0; i < names.length; i++) {
    const key = keys[i]
    normalized[names[i]] = key === null ? texts[i] : request[key]
  }
  return normalized
}

/**
 * Whether JSON text carries this request exactly: a plain object whose values are short strings, finite
 * numbers, booleans, null or undefined (which JSON.stringify leaves out, as the walk does). Anything else
 * (nested objects, inline images, NaN, BigInt, functions, -0, which JSON writes as 0, an object with its own
 * `toJSON`) takes the N-API walk, which converts or rejects each exactly. Which path a request takes never
 * changes the result; only its cost. Strings the walk would hand back as the caller's own
 * (`LARGE_STRING_BYTES` on, the policy both packages share) take the walk.
 */
function isFlat(request) {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return false
  if (typeof request.toJSON === 'function') return false
  for (const key in request) {
    const value = request[key]
    switch (typeof value) {
      case 'string':
        if (value.length >= LARGE_STRING_BYTES) return false
        break
      case 'number':
        if (!Number.isFinite(value) || (value === 0 && 1 / value < 0)) return false
        break
      case 'boolean':
      case 'undefined':
        break
      default:
        if (value !== null) return false
    }
  }
  return true
}

/**
 * What a request costs: cost = price per second × duration × sample count, hold = the cost but at least the
 * model's minimum hold, as exact decimal strings (`{ model, currency, cost, hold, duration_seconds,
 * sample_count, assumed }`); or `{ model, priced: false, reason }` for a model without a published price.
 * Validates first.
 *
 * @param {VideoRequest} request
 * @param {ValidateOptions} [options]
 * @returns {Estimate}
 * @throws {ValidationError} as `validate` does.
 */
function estimate(request, options) {
  const lenient = options?.lenient === true
  return callNative(() => native.estimate(request, lenient, lenient ? emitDropped : undefined))
}

/**
 * Every model of the catalog (the built-in ones and `OMIXA_CATALOG`'s), in id order, with its fields, price
 * and `origin`.
 *
 * @returns {ModelInfo[]}
 */
function models() {
  return callNative(() => native.models())
}

/**
 * The built-in models plus those of a catalog folder laid out like the SDK's `spec/` (`models/`, optionally
 * `fields/` and `endpoints/`). Its models validate, estimate and create like built-in ones; the TypeScript
 * types do not know them (`VideoRequest` and `ModelId` are generated from the built-in catalog).
 *
 * @param {string} folder
 * @returns {Catalog}
 * @throws {ConfigurationError} listing every problem as `file:line:col: message`.
 */
function loadCatalog(folder) {
  return new Catalog(String(folder), callNative(() => native.loadCatalog(String(folder))))
}

/**
 * Built-in models plus those of a catalog folder (`loadCatalog`): `validate`, `estimate` and `models` against
 * its models. The folder's models are not in `VideoRequest` or `ModelId`: these types are generated from the
 * built-in catalog.
 */
class Catalog {
  #native

  /**
   * The folder it was loaded from.
   * @readonly @type {string}
   */
  folder

  /**
   * Use `loadCatalog(folder)`.
   * @private
   * @param {string} folder
   * @param {import('./native.js').NativeCatalog} nativeCatalog
   */
  constructor(folder, nativeCatalog) {
    this.folder = folder
    this.#native = nativeCatalog
  }

  /**
   * As `validate`, against this catalog's models.
   * @param {Record<string, unknown>} request
   * @param {ValidateOptions} [options]
   * @returns {NormalizedRequest}
   */
  validate(request, options) {
    const lenient = options?.lenient === true
    return callNative(() => this.#native.validate(request, lenient, lenient ? emitDropped : undefined))
  }

  /**
   * As `estimate`, against this catalog's models.
   * @param {Record<string, unknown>} request
   * @param {ValidateOptions} [options]
   * @returns {Estimate}
   */
  estimate(request, options) {
    const lenient = options?.lenient === true
    return callNative(() => this.#native.estimate(request, lenient, lenient ? emitDropped : undefined))
  }

  /**
   * Every model of this catalog, in id order.
   * @returns {Array<Omit<ModelInfo, 'id'> & { id: string }>}
   */
  models() {
    return callNative(() => this.#native.models())
  }
}

/**
 * Validates every request of an array in one native call, in order, answering one result per request
 * (`{ valid, request, issues, dropped }`) instead of throwing at the first invalid one. A request that is not
 * an object is an invalid one. With `{ lenient: true }`, each result lists the fields it dropped.
 *
 * @param {readonly unknown[]} requests
 * @param {ValidateOptions} [options]
 * @returns {Validation[]}
 * @throws {TypeError} when `requests` is not an array, or for a value JSON cannot carry (naming its index).
 */
function validateMany(requests, options) {
  if (!Array.isArray(requests)) {
    throw new TypeError(`validateMany takes an array of requests, not ${describe(requests)}`)
  }
  const lenient = { lenient: options?.lenient === true }
  // As in `validate`: flat requests cross as one JSON text, the others through the N-API walk.
  if (requests.every(isFlat)) {
    const answer = callNative(() => native.validateManyText(JSON.stringify(requests), lenient))
    if (answer !== null) return manyTextAnswer(answer, requests)
  }
  return callNative(() => native.validateMany(requests, lenient))
}

/** The results of `validateManyText`'s answer: a valid request comes as its plan's number. */
function manyTextAnswer(answer, requests) {
  const results = JSON.parse(answer)
  for (let i = 0; i < results.length; i++) {
    const result = results[i]
    if (typeof result === 'number') {
      results[i] = { valid: true, request: fromPlan(result, requests[i]), issues: [], dropped: [] }
    }
  }
  return results
}

/**
 * Validates JSON Lines text (one request per line, as `omixa batch` reads it), answering one result per
 * non-blank line: `{ line, syntaxError, valid, request, issues, dropped }`, `syntaxError` saying why a line
 * is not JSON.
 *
 * @param {string} text
 * @param {ValidateOptions} [options]
 * @returns {LineValidation[]}
 * @throws {TypeError} when `text` is not a string.
 */
function validateLines(text, options) {
  if (typeof text !== 'string') throw new TypeError(`validateLines takes JSON Lines text, not ${describe(text)}`)
  const lenient = { lenient: options?.lenient === true }
  // The results as one JSON text, unless a request holds an integer only a BigInt carries exactly.
  const answer = callNative(() => native.validateLinesText(text, lenient))
  return answer === null ? callNative(() => native.validateLines(text, lenient)) : JSON.parse(answer)
}

/**
 * What a value is, for an error message: `null`, `an object`, `a string`...
 * @param {unknown} value
 */
function describe(value) {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

// ---- images ---------------------------------------------------------------------------------------------

/**
 * An inline image, usable as the value of an image field (`start_frame`, `last_frame`, an item of
 * `reference_images`). Its own properties are the gateway's object form,
 * `{ type: 'image_url', image_url: { url: 'data:image/png;base64,...' } }`, so it also survives
 * `JSON.stringify`. The data URL is built in Rust.
 *
 * @implements {InlineImageObject}
 */
class Image {
  /** @readonly @type {'image_url'} */
  type
  /** @readonly @type {ImageUrl} */
  image_url

  /**
   * Wraps a `data:<media type>;base64,...` URL (checked when the request is validated).
   * @param {string} dataUrl
   */
  constructor(dataUrl) {
    if (typeof dataUrl !== 'string') throw new TypeError('Image takes a data URL string; use Image.fromPath or Image.fromBuffer')
    this.type = 'image_url'
    this.image_url = { url: dataUrl }
  }

  /**
   * Reads an image file (a path or a `file:` URL); its media type is sniffed from its bytes.
   *
   * @param {string | URL} path
   * @returns {Image}
   * @throws {FileError} when the file cannot be read.
   * @throws {TypeError} when its type cannot be told.
   */
  static fromPath(path) {
    const filePath = path instanceof URL ? fileURLToPath(path) : path
    if (typeof filePath !== 'string') throw new TypeError('Image.fromPath takes a path string or a file: URL')
    return new Image(callNative(() => native.imageDataUrlFromPath(filePath)))
  }

  /**
   * Wraps image bytes (a Buffer or Uint8Array); the media type is sniffed unless given (`'image/png'`).
   *
   * @param {Uint8Array} bytes
   * @param {string} [mediaType]
   * @returns {Image}
   * @throws {TypeError} when the type cannot be told, or the one given is malformed.
   */
  static fromBuffer(bytes, mediaType) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('Image.fromBuffer takes a Buffer or Uint8Array')
    return new Image(callNative(() => native.imageDataUrl(bytes, mediaType)))
  }

  /**
   * The data URL.
   * @returns {string}
   */
  get url() {
    return this.image_url.url
  }

  /**
   * The media type the data URL declares, e.g. `image/png`.
   * @returns {string}
   */
  get mediaType() {
    const url = this.image_url.url
    return url.slice(url.indexOf(':') + 1, url.indexOf(';'))
  }
}

// How `console.log` shows an image: its type and size, not the whole data URL. Defined as a class method
// would be (not enumerable), but outside the class body so that the declarations leave it out: they would
// need Node's own types (`inspect.custom`), which a user of the package may not have.
Object.defineProperty(Image.prototype, inspect.custom, {
  value() {
    return `Image { ${this.mediaType}, ${this.image_url.url.length} characters }`
  },
  writable: true,
  configurable: true,
})

// ---- client ---------------------------------------------------------------------------------------------

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
    const cancellation = new native.Cancellation()
    let thrown = null
    const progress =
      onProgress &&
      ((state) => {
        try {
          const lastError = state.last_error && fromPayload(state.last_error)
          onProgress(state.job, { pollFailures: state.poll_failures, lastError })
        } catch (error) {
          thrown ??= { error }
          cancellation.cancel()
        }
      })
    const abort = () => cancellation.cancel()
    if (signal?.aborted) throw new CancelledError('cancelled', { cause: signal.reason })
    signal?.addEventListener('abort', abort, { once: true })
    try {
      return await this.#native.wait(job, timeoutMs, progress, cancellation)
    } catch (error) {
      if (thrown) throw thrown.error
      const mapped = fromNative(error)
      if (mapped instanceof CancelledError && signal?.aborted) mapped.cause = signal.reason
      throw mapped
    } finally {
      signal?.removeEventListener('abort', abort)
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

const runBatch = require('./batch.js')({ native, fromNative, CancelledError })

// Listed name by name: Node finds the named exports of a CommonJS module (`import { Client } from 'omixa'`)
// by reading this statement, and cannot see through a spread.
module.exports = {
  validate,
  validateMany,
  validateLines,
  estimate,
  models,
  loadCatalog,
  Catalog,
  Image,
  Client,
  Videos,
  OmixaError,
  ConfigurationError,
  ValidationError,
  APIError,
  AuthenticationError,
  RateLimitError,
  InvalidResponseError,
  ConnectionError,
  TimeoutError,
  JobFailedError,
  JobNotReadyError,
  CancelledError,
  DownloadError,
  FileError,
  BatchError,
  BatchInputError,
  BudgetRefusedError,
  JournalMismatchError,
  BatchOptionsError,
  JournalError,
}

// For the package's own tests: the native module and the error map. Not part of the API.
// (`defineProperties`: TypeScript would read `defineProperty` on `module.exports` as an export to declare.)
Object.defineProperties(module.exports, {
  __internal: {
    value: {
      native,
      ERROR_CLASSES,
      FROM_DETAILS,
      fromPayload,
      fromNative,
      isFlat,
      // The JSON text paths alone, so tests can compare them with the N-API walk.
      validateText: (request, lenient) => {
        const answer = native.validateText(JSON.stringify(request), lenient, () => {})
        return answer === null ? null : textAnswer(answer, request)
      },
      validateManyText: (requests, lenient) => {
        const answer = native.validateManyText(JSON.stringify(requests), { lenient })
        return answer === null ? null : manyTextAnswer(answer, requests)
      },
    },
  },
})
