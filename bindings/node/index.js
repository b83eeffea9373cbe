'use strict'

// The omixa package: the native module (Rust, `src/`) does the work; this file gives it its JavaScript
// shape: the error classes (`errors.js`), the functions and classes of the API, an `AbortSignal` wired to a
// native cancellation and `onProgress` to the native progress callback. Business logic stays in Rust.

const { fileURLToPath } = require('node:url')
const { inspect } = require('node:util')
const native = require('./native.js')
const { LARGE_STRING_BYTES } = require('./tables.js')

const { classes, ERROR_CLASSES, FROM_DETAILS, fromPayload, fromNative } = require('./errors.js')

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
} = classes

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
 * Validates a request and returns it normalized (canonical names, inline images in object form,
 * `video_operation` inferred). Throws `ValidationError` with every issue, or `TypeError` for a value JSON
 * cannot carry. With `{ lenient: true }`, fields the model omits are dropped with a `DroppedFieldWarning`.
 */
function validate(request, options) {
  const lenient = options?.lenient === true
  const onDropped = lenient ? emitDropped : undefined
  // `callNative` inlined: this is the hot path, and a closure per call shows in the benchmark.
  try {
    if (isFlat(request)) {
      const answer = native.validateJson(JSON.stringify(request), lenient, onDropped)
      if (answer !== null) {
        const parsed = JSON.parse(answer)
        if (!Array.isArray(parsed)) return parsed
        throw new ValidationError(parsed[0], parsed[1])
      }
    }
    return native.validate(request, lenient, onDropped)
  } catch (error) {
    throw error instanceof OmixaError ? error : fromNative(error)
  }
}


/**
 * Whether JSON text carries this request exactly: a plain object whose values are short strings, finite
 * numbers, booleans, null or undefined (which JSON.stringify leaves out, as the walk does). Anything else
 * (nested objects, inline images, NaN, BigInt, functions) takes the N-API walk, which converts or rejects
 * each exactly. Which path a request takes never changes the result; only its cost. Strings the walk would
 * hand back as the caller's own (`LARGE_STRING_BYTES` on, the policy both packages share) take the walk.
 */
function isFlat(request) {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return false
  for (const key in request) {
    const value = request[key]
    switch (typeof value) {
      case 'string':
        if (value.length >= LARGE_STRING_BYTES) return false
        break
      case 'number':
        if (!Number.isFinite(value)) return false
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
 * What a request costs: `{ model, currency, cost, hold, duration_seconds, sample_count, assumed }` with money
 * as decimal strings, or `{ model, priced: false, reason }` for a model without a published price.
 */
function estimate(request, options) {
  const lenient = options?.lenient === true
  return callNative(() => native.estimate(request, lenient, lenient ? emitDropped : undefined))
}

/** Every model of the catalog (the built-in ones and `OMIXA_CATALOG`'s), with its fields, price and `origin`. */
function models() {
  return callNative(() => native.models())
}

/**
 * The built-in models plus those of a catalog folder laid out like the SDK's `spec/` (`models/`, optionally
 * `fields/` and `endpoints/`). Its models validate, estimate and create like built-in ones; the TypeScript
 * types do not know them. Throws `ConfigurationError` listing every problem as `file:line:col: message`.
 */
function loadCatalog(folder) {
  return new Catalog(String(folder), callNative(() => native.loadCatalog(String(folder))))
}

/** A catalog loaded by `loadCatalog`: `validate`, `estimate` and `models` against its models. */
class Catalog {
  #native

  constructor(folder, nativeCatalog) {
    /** The folder it was loaded from. */
    this.folder = folder
    this.#native = nativeCatalog
  }

  validate(request, options) {
    const lenient = options?.lenient === true
    return callNative(() => this.#native.validate(request, lenient, lenient ? emitDropped : undefined))
  }

  estimate(request, options) {
    const lenient = options?.lenient === true
    return callNative(() => this.#native.estimate(request, lenient, lenient ? emitDropped : undefined))
  }

  models() {
    return callNative(() => this.#native.models())
  }
}

/**
 * Validates every request of an array in one native call, in order, answering one result per request
 * (`{ valid, request, issues, dropped }`) instead of throwing at the first invalid one. A request that is not
 * an object is an invalid one. Throws `TypeError` when `requests` is not an array, or for a value JSON
 * cannot carry (naming its index). With `{ lenient: true }`, each result lists the fields it dropped.
 */
function validateMany(requests, options) {
  if (!Array.isArray(requests)) {
    throw new TypeError(`validateMany takes an array of requests, not ${describe(requests)}`)
  }
  const lenient = { lenient: options?.lenient === true }
  // As in `validate`: flat requests cross as one JSON text, the others through the N-API walk.
  if (requests.every(isFlat)) {
    const answer = callNative(() => native.validateManyJson(JSON.stringify(requests), lenient))
    if (answer !== null) return JSON.parse(answer)
  }
  return callNative(() => native.validateMany(requests, lenient))
}

/**
 * Validates JSON Lines text (one request per line, as `omixa batch` reads it), answering one result per
 * non-blank line: `{ line, syntaxError, valid, request, issues, dropped }`, `syntaxError` saying why a line
 * is not JSON. Throws `TypeError` when `text` is not a string.
 */
function validateLines(text, options) {
  if (typeof text !== 'string') throw new TypeError(`validateLines takes JSON Lines text, not ${describe(text)}`)
  return callNative(() => native.validateLines(text, { lenient: options?.lenient === true }))
}

/** What a value is, for an error message: `null`, `an object`, `a string`... */
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
 */
class Image {
  /** Wraps a `data:<media type>;base64,...` URL (checked when the request is validated). */
  constructor(dataUrl) {
    if (typeof dataUrl !== 'string') throw new TypeError('Image takes a data URL string; use Image.fromPath or Image.fromBuffer')
    this.type = 'image_url'
    this.image_url = { url: dataUrl }
  }

  /** Reads an image file (a path or a `file:` URL); its media type is sniffed from its bytes. */
  static fromPath(path) {
    const filePath = path instanceof URL ? fileURLToPath(path) : path
    if (typeof filePath !== 'string') throw new TypeError('Image.fromPath takes a path string or a file: URL')
    return new Image(callNative(() => native.imageDataUrlFromPath(filePath)))
  }

  /** Wraps image bytes (a Buffer or Uint8Array); the media type is sniffed unless given (`'image/png'`). */
  static fromBuffer(bytes, mediaType) {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('Image.fromBuffer takes a Buffer or Uint8Array')
    return new Image(callNative(() => native.imageDataUrl(bytes, mediaType)))
  }

  /** The data URL. */
  get url() {
    return this.image_url.url
  }

  /** The media type the data URL declares, e.g. `image/png`. */
  get mediaType() {
    const url = this.image_url.url
    return url.slice(url.indexOf(':') + 1, url.indexOf(';'))
  }

  [inspect.custom]() {
    return `Image { ${this.mediaType}, ${this.image_url.url.length} characters }`
  }
}

// ---- client ---------------------------------------------------------------------------------------------

/**
 * A client of the Omixa jobs API. Options (all optional): `apiKey` (default `OMIXA_API_KEY`), `baseUrl`
 * (default `OMIXA_BASE_URL`, else https://www.omixa.cloud), `timeoutMs` (per read), `requestTimeoutMs` (per
 * API request; the retries of one call stop within twice it), `maxRetries`.
 * Throws `ConfigurationError` without an API key or with a base URL that is not HTTPS (or loopback HTTP).
 */
class Client {
  #native

  constructor(options = {}) {
    const { apiKey, baseUrl, timeoutMs, requestTimeoutMs, maxRetries } = options
    // `catalog`: a `Catalog` from `loadCatalog`, or its folder; default `OMIXA_CATALOG`'s.
    const catalog = options.catalog instanceof Catalog ? options.catalog.folder : options.catalog
    this.#native = callNative(
      () => new native.NativeClient({ apiKey, baseUrl, timeoutMs, requestTimeoutMs, maxRetries, catalog }),
    )
    /** Video jobs: `create`, `status`, `wait`, `download`. */
    this.videos = new Videos(this.#native)
  }

  /** The gateway's address. */
  get baseUrl() {
    return this.#native.baseUrl
  }
}

/** The video jobs of a `Client` (`client.videos`). Every method returns a Promise, and rejects rather than throws. */
class Videos {
  #native

  constructor(client) {
    this.#native = client
  }

  /** Validates locally (nothing invalid is sent) and creates a job. Options: `lenient`, `idempotencyKey`, `unchecked` (send as written for a model no catalog knows; warns). */
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

  /** The current state of a job, given the job or its `operation` (and the `model`, if known). */
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
   */
  batch(requests, options) {
    return runBatch(this.#native, requests, options)
  }

  /**
   * Streams every result video of a succeeded job into `directory`; resolves to the paths written. A file
   * already there is kept unless `options.overwrite`.
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
Object.defineProperty(module.exports, '__internal', {
  value: { native, ERROR_CLASSES, FROM_DETAILS, fromPayload, fromNative, isFlat },
})
