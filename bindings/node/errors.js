'use strict'

// The error classes of the omixa package (real `Error` subclasses, which napi-rs cannot create) and how they
// are built from the errors the native module throws as data: `kind` and the details of the kind as
// properties (`src/error.rs`). Which class a kind gets is the generated table `tables.js`, emitted from the
// core's enums by omixa-bindings, the crate the Python package shares.

// The classes' types are their JSDoc, from which `npm run types` generates errors.d.ts (scripts/types.js).

/** @import { Issue } from './native.js' */
/** @import { BatchErrorKind } from './tables.js' */
/** @import { Job } from './index.js' */
/** @import { BatchProblem } from './batch.js' */

const { getSystemErrorName } = require('node:util')
const { ERROR_CLASSES } = require('./tables.js')

/**
 * Base class of every error omixa throws (thrown as itself only for an internal error, e.g. a Rust panic).
 * An error after a job may exist says how to find it again: `operation` once the gateway has answered the
 * create (`wait` for it), `idempotencyKey` the create's key (create the same request again with it: the
 * gateway returns the job it made, or makes it once). Both are `null` when unknown or when no job can exist.
 */
class OmixaError extends Error {
  /**
   * The job's operation, when the error happened after the gateway named the job: `wait` for it.
   * @type {string | null}
   */
  operation = null
  /**
   * The create's idempotency key, when a job may exist: create the same request again with it and the
   * gateway returns that job (or makes it, once).
   * @type {string | null}
   */
  idempotencyKey = null
}

/** The client cannot be used as configured (no API key, a base URL that is not HTTPS). Nothing was sent. */
class ConfigurationError extends OmixaError {}

/** The request is invalid; nothing was sent. `issues` lists every problem found, all at once. */
class ValidationError extends OmixaError {
  /**
   * @param {string} message
   * @param {Issue[]} issues
   */
  constructor(message, issues) {
    super(message)
    /** Every problem found, all at once. @readonly */
    this.issues = issues
  }

  /**
   * The issues' codes, in order.
   * @returns {Issue['code'][]}
   */
  get codes() {
    return this.issues.map((issue) => issue.code)
  }
}

/**
 * The gateway answered with an error: `status`, `requestId` (quote it to support), `body`, and `retryAfter`,
 * the delay the server asked for in seconds (`Retry-After`), when it gave one.
 */
class APIError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ status: number, requestId?: string | null, body?: string | null, retryAfter?: number | null }} details
   */
  constructor(message, { status, requestId = null, body = null, retryAfter = null }) {
    super(message)
    /** The HTTP status. @readonly */
    this.status = status
    /** The gateway's request id, when it sent one: quote it to support. @readonly */
    this.requestId = requestId
    /** The response body as text (at most 8 KiB), when there is one. @readonly */
    this.body = body
    /** The delay the server asked for (`Retry-After`, on a 429 or a 503), in seconds, if it gave one. @readonly */
    this.retryAfter = retryAfter
  }
}

/** The gateway rejected the API key (HTTP 401 or 403). */
class AuthenticationError extends APIError {}

/** HTTP 429 once the retries were spent; `retryAfter` is the delay the server asked for, in seconds. */
class RateLimitError extends APIError {}

/** A response arrived but is not one the API gives (not JSON, cut short, the wrong shape). */
class InvalidResponseError extends APIError {}

/** No complete response arrived (refused, reset, timed out); what was safe to retry was retried. */
class ConnectionError extends OmixaError {}

/** The job was not finished when `wait`'s timeout ran out; `job` is its last known state. */
class TimeoutError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ job: Job, timeoutMs: number }} details
   */
  constructor(message, { job, timeoutMs }) {
    super(message)
    /** The job's last known state. @readonly */
    this.job = job
    /** The timeout that ran out, in milliseconds. @readonly */
    this.timeoutMs = timeoutMs
  }
}

/** The job ended with status `failed`; `job` is its final state (`job.error` says why). */
class JobFailedError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ job: Job }} details
   */
  constructor(message, { job }) {
    super(message)
    /** Its final state; `job.error` says why. @readonly */
    this.job = job
  }
}

/** `download` was given a job that has not succeeded yet. */
class JobNotReadyError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ job: Job }} details
   */
  constructor(message, { job }) {
    super(message)
    /** Its state, not succeeded yet. @readonly */
    this.job = job
  }
}

/** The operation was cancelled through its `AbortSignal`; `cause` is the signal's reason. */
class CancelledError extends OmixaError {
  /**
   * @param {string} [message]
   * @param {ErrorOptions} [options]
   */
  constructor(message, options) {
    super(message, options)
    /** Node's code for an aborted operation. @readonly @type {'ABORT_ERR'} */
    this.code = 'ABORT_ERR'
  }
}

/**
 * `download` stopped at one of its limits (the partial file was removed); `limit` says which: `too_large`,
 * `stalled`, `deadline` or `too_many_outputs`.
 */
class DownloadError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ limit: 'too_large' | 'stalled' | 'deadline' | 'too_many_outputs' }} details
   */
  constructor(message, { limit }) {
    super(message)
    /** The limit it stopped at. @readonly */
    this.limit = limit
  }
}

/** A local file could not be read or written: `path`, and `code` as Node names it (`ENOENT`...). */
class FileError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ path: string, errno?: number }} details
   */
  constructor(message, { path, errno }) {
    super(message)
    /** The file. @readonly */
    this.path = path
    /** The operating system's error number, when there is one. @readonly */
    this.errno = errno
    /** As Node names it, e.g. `ENOENT`. @readonly @type {string | undefined} */
    this.code = errno == null ? undefined : getSystemErrorName(-errno)
  }
}

/**
 * A batch did not run, or stopped (a job's own failure is a row of the report, not an error). `kind` is the
 * core's stable name for what went wrong; each kind has its subclass. The journal stays consistent: a rerun
 * resumes.
 */
class BatchError extends OmixaError {
  /**
   * @param {string} message
   * @param {{ kind: BatchErrorKind }} details
   */
  constructor(message, { kind }) {
    super(message)
    /** What went wrong. @readonly */
    this.kind = kind
  }
}

/**
 * Requests of a batch are invalid; nothing was created. `problems` lists every one: `{ line, path, code,
 * message }` (`line` is the request's position, from 1).
 */
class BatchInputError extends BatchError {
  /**
   * @param {string} message
   * @param {{ kind: 'invalid_input', problems: BatchProblem[] }} details
   */
  constructor(message, { kind, problems }) {
    super(message, { kind })
    /** Every problem, in request order. @readonly */
    this.problems = problems
  }
}

/**
 * Its one kind (the declarations narrow the inherited `kind`; nothing is stored here).
 * @readonly @type {'invalid_input'}
 */
BatchInputError.prototype.kind

/** The budget cannot bound these jobs (mixed currencies, a model without a published price). Nothing was created. */
class BudgetRefusedError extends BatchError {}

/** The output folder's journal belongs to other requests: use another folder, or rerun the same requests. */
class JournalMismatchError extends BatchError {}

/** The batch's options cannot be used (a concurrency of 0, a budget out of range). */
class BatchOptionsError extends BatchError {}

/** The output folder's journal could not be used (`kind`: `journal`, `journal_corrupt`, `journal_too_new`, `journal_claim_lost`). */
class JournalError extends BatchError {}

for (const ErrorClass of [
  BatchError,
  BatchInputError,
  BudgetRefusedError,
  JournalMismatchError,
  BatchOptionsError,
  JournalError,
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
]) {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: ErrorClass.name, configurable: true, writable: true })
}

/**
 * How each class is built from the details of a native error (`p`: `message`, then the snake_case details of
 * its kind). The class of a kind is `ERROR_CLASSES[kind]`.
 */
const FROM_DETAILS = {
  ValidationError: (p) => new ValidationError(p.message, p.issues),
  ConfigurationError: (p) => new ConfigurationError(p.message),
  ConnectionError: (p) => new ConnectionError(p.message),
  InvalidResponseError: (p) => new InvalidResponseError(p.message, apiDetails(p)),
  AuthenticationError: (p) => new AuthenticationError(p.message, apiDetails(p)),
  RateLimitError: (p) => new RateLimitError(p.message, apiDetails(p)),
  APIError: (p) => new APIError(p.message, apiDetails(p)),
  JobFailedError: (p) => new JobFailedError(p.message, { job: p.job }),
  TimeoutError: (p) => new TimeoutError(p.message, { job: p.job, timeoutMs: p.timeout_ms }),
  JobNotReadyError: (p) => new JobNotReadyError(p.message, { job: p.job }),
  CancelledError: (p) => new CancelledError(p.message),
  DownloadError: (p) => new DownloadError(p.message, { limit: p.limit }),
  FileError: (p) => new FileError(p.message, { path: p.path, errno: p.errno }),
  TypeError: (p) => new TypeError(p.message),
  BatchInputError: (p) => new BatchInputError(p.message, { kind: p.kind, problems: p.problems }),
  BudgetRefusedError: (p) => new BudgetRefusedError(p.message, { kind: p.kind }),
  JournalMismatchError: (p) => new JournalMismatchError(p.message, { kind: p.kind }),
  BatchOptionsError: (p) => new BatchOptionsError(p.message, { kind: p.kind }),
  JournalError: (p) => new JournalError(p.message, { kind: p.kind }),
  OmixaError: (p) => new OmixaError(p.message),
}

function apiDetails(p) {
  return { status: p.status, requestId: p.request_id ?? null, body: p.body ?? null, retryAfter: p.retry_after ?? null }
}

/** The `code` of the errors the native module throws as data (`src/error.rs`). */
const NATIVE_CODE = 'OMIXA_NATIVE'

/** napi-rs's own codes for an argument of the wrong type (before any omixa code runs). */
const ARGUMENT_CODES = new Set([
  'InvalidArg',
  'ObjectExpected',
  'StringExpected',
  'NameExpected',
  'FunctionExpected',
  'NumberExpected',
  'BooleanExpected',
  'ArrayExpected',
  'BigintExpected',
])

/**
 * The omixa error for the details of a native error (the error itself, or a wait's `last_error`), with the
 * job's handle when it has one.
 */
function fromPayload(payload) {
  const error = FROM_DETAILS[ERROR_CLASSES[payload.kind]](payload)
  if (error instanceof OmixaError) {
    error.operation = payload.operation ?? null
    error.idempotencyKey = payload.idempotency_key ?? null
  }
  return error
}

/** The omixa error for an error thrown by the native module. */
function fromNative(error) {
  if (!(error instanceof Error)) return error
  if (error.code === NATIVE_CODE) return fromPayload(error)
  if (ARGUMENT_CODES.has(error.code)) return new TypeError(error.message)
  // A panic (caught at the boundary) or another failure inside the native module.
  return new OmixaError(`internal error in omixa's native module: ${error.message}`, { cause: error })
}

/** Every class by name (what the package exports), and how the native module's errors become them. */
module.exports = {
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
}
