'use strict'

// The omixa package: the native module (Rust, `src/`) does the work; the JavaScript layer gives it its shape.
// This file holds validation, estimates and images, and exports the API; `catalog.js` the catalog folders,
// `client.js` the jobs API, `batch.js` batches, `errors.js` the error classes, `call.js` how a native call's
// errors become them. Business logic stays in Rust.
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
/** @typedef {import('./client.js').ClientOptions} ClientOptions */
/** @typedef {import('./client.js').DownloadOptions} DownloadOptions */
/** @typedef {import('./client.js').VideoOutput} VideoOutput */
/** @typedef {import('./client.js').JobFields} JobFields */
/** @typedef {import('./client.js').Job} Job */
/** @typedef {import('./client.js').PollState} PollState */
/** @typedef {import('./client.js').WaitOptions} WaitOptions */

/**
 * What `estimate` returns: priced, or why there is no price (`priced: false`).
 * @typedef {PricedEstimate | UnpricedEstimate} Estimate
 */

const { fileURLToPath } = require('node:url')
const { inspect } = require('node:util')
const native = require('./native.js')
const { callNative, emitDropped } = require('./call.js')
const { loadCatalog, Catalog } = require('./catalog.js')
const { Client, Videos } = require('./client.js')
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
