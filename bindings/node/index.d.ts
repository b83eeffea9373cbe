// Types of the omixa package. The catalog types (model ids, accepted values, one request interface per model)
// are generated from spec/ by omixa-codegen into generated/node/models.d.ts; the build copies that file here
// as ./models.d.ts, and this file re-exports it. Nothing below is specific to one model. The data types
// (issues, estimates, the catalog listing, options, validation results) are generated from the native
// module's Rust definitions into native.d.ts and re-exported; what is written here is what JavaScript adds:
// the functions' signatures as index.js wraps them, the classes index.js defines, the job and batch shapes.

import type { InlineImageObject, ImageUrl, VideoRequest } from './models'
import type {
  CreateOptions,
  Issue,
  LineValidation,
  ModelInfo,
  NormalizedRequest,
  PricedEstimate,
  UnpricedEstimate,
  ValidateOptions,
  Validation,
} from './native'
import type { BatchErrorKind } from './tables'

export * from './models'
export type { BatchErrorKind, ErrorKind, IssueCode } from './tables'
export type { CreateOptions } from './native'

// ---- validation, estimates, catalog ----------------------------------------------------------------------

// The data types below are generated from the native module's Rust definitions (`src/data.rs`,
// `src/many.rs`) into native.d.ts by napi's build, and re-exported here under the same names.
export type {
  FieldInfo,
  Issue,
  LineValidation,
  ModelInfo,
  NormalizedRequest,
  PricedEstimate,
  UnpricedEstimate,
  ValidateOptions,
  Validation,
} from './native'

/** What `estimate` returns: priced, or why there is no price (`priced: false`). */
export type Estimate = PricedEstimate | UnpricedEstimate

/**
 * Validates a request and returns it normalized: canonical field names (`seconds` becomes
 * `duration_seconds`...), inline images in object form, and `video_operation` inferred when absent. Nothing
 * else is added or dropped, except in lenient mode.
 *
 * @throws {ValidationError} listing every issue at once.
 * @throws {TypeError} for a value JSON cannot carry (a function, a symbol, binary data).
 */
export declare function validate(request: VideoRequest, options?: ValidateOptions): NormalizedRequest

/**
 * Validates every request of an array in one native call, answering one result per request, in order,
 * instead of throwing at the first invalid one. A request that is not an object is an invalid one.
 *
 * @throws {TypeError} when `requests` is not an array, or for a value JSON cannot carry (naming its index).
 */
export declare function validateMany(requests: readonly unknown[], options?: ValidateOptions): Validation[]

/**
 * Validates JSON Lines text, one request per line: one result per non-blank line, a line that is not JSON
 * answered with its `syntaxError`.
 *
 * @throws {TypeError} when `text` is not a string.
 */
export declare function validateLines(text: string, options?: ValidateOptions): LineValidation[]

/**
 * What a request costs: cost = price per second × duration × sample count, hold = the cost but at least the
 * model's minimum hold, as exact decimal strings. Validates first.
 *
 * @throws {ValidationError} as `validate` does.
 */
export declare function estimate(request: VideoRequest, options?: ValidateOptions): Estimate

/** Every model of the catalog, in id order. */
export declare function models(): ModelInfo[]

/**
 * Built-in models plus those of a catalog folder (`loadCatalog`). The folder's models are not in
 * `VideoRequest` or `ModelId`: these types are generated from the built-in catalog.
 */
export declare class Catalog {
  private constructor()
  /** The folder it was loaded from. */
  readonly folder: string
  validate(request: Record<string, unknown>, options?: ValidateOptions): NormalizedRequest
  estimate(request: Record<string, unknown>, options?: ValidateOptions): Estimate
  models(): Array<Omit<ModelInfo, 'id'> & { id: string }>
}

/**
 * Loads a catalog folder laid out like the SDK's `spec/` (`models/`, optionally `fields/` and `endpoints/`).
 *
 * @throws {ConfigurationError} listing every problem as `file:line:col: message`.
 */
export declare function loadCatalog(folder: string): Catalog

// ---- images ---------------------------------------------------------------------------------------------

/**
 * An inline image, usable as the value of an image field (`start_frame`, `last_frame`, an item of
 * `reference_images`). Its own properties are the gateway's object form, so it also survives
 * `JSON.stringify`. The data URL is built in Rust.
 */
export declare class Image implements InlineImageObject {
  /** Wraps a `data:<media type>;base64,...` URL (checked when the request is validated). */
  constructor(dataUrl: string)
  readonly type: 'image_url'
  readonly image_url: ImageUrl
  /**
   * Reads an image file (a path or a `file:` URL); its media type is sniffed from its bytes.
   *
   * @throws {FileError} when the file cannot be read.
   * @throws {TypeError} when its type cannot be told.
   */
  static fromPath(path: string | URL): Image
  /**
   * Wraps image bytes; the media type is sniffed unless given (e.g. `'image/png'`).
   *
   * @throws {TypeError} when the type cannot be told, or the one given is malformed.
   */
  static fromBuffer(bytes: Uint8Array, mediaType?: string): Image
  /** The data URL. */
  get url(): string
  /** The media type the data URL declares, e.g. `image/png`. */
  get mediaType(): string
}

// ---- client ---------------------------------------------------------------------------------------------

export interface ClientOptions {
  /** The workspace API key. Default: `OMIXA_API_KEY`; one of the two is required. Never logged. */
  apiKey?: string
  /**
   * The gateway's address. Default: `OMIXA_BASE_URL`, else `https://www.omixa.cloud`. Must be HTTPS, or
   * HTTP to a loopback address (such as `omixa serve`).
   */
  baseUrl?: string
  /** The longest silence while reading a response, in milliseconds. Default: 60 000. */
  timeoutMs?: number
  /**
   * The longest one API request may take, in milliseconds; the retries of one call stop within twice it.
   * Default: 60 000.
   */
  requestTimeoutMs?: number
  /** Retries per call after the first attempt, for transient failures. Default: 2. */
  maxRetries?: number
  /** A `Catalog` from `loadCatalog`, or a catalog folder. Default: `OMIXA_CATALOG`'s, if set. */
  catalog?: Catalog | string
}

export interface DownloadOptions {
  /** Replace files already there. Default: keep them (they are complete earlier downloads). */
  overwrite?: boolean
}

export interface VideoOutput {
  url: string
  /** The media type, e.g. `video/mp4`. */
  content_type?: string
}

/** A video-generation job, as the gateway reports it. */
export interface Job {
  /** What a lenient `create` dropped before sending (each also emitted as a `DroppedFieldWarning`). */
  warnings?: Issue[]
  /** The provider that runs the job, e.g. `google`. */
  provider: string
  model: string
  status: 'running' | 'succeeded' | 'failed' | (string & {})
  /** The job's id: pass it to `status`, store it to come back later. */
  operation: string
  /** How long the gateway suggests waiting before the next status call. */
  poll_after_seconds?: number
  /** The result videos, once the job has succeeded. */
  data: VideoOutput[]
  /** Why the job failed, when it did. */
  error?: string
  /** The creating request's `poll_interval_seconds`, kept for `wait`. */
  poll_interval_seconds?: number
  /**
   * The `Idempotency-Key` the job was created with: creating the same request with it again returns this job
   * instead of a new one. Kept by `wait`, and by `JSON.stringify`, so a stored job can be resumed.
   */
  idempotency_key?: string
  /** Every other member of the gateway's response. */
  [member: string]: unknown
}

/** How a wait's polling is going, after one poll. */
export interface PollState {
  /** Failed polls in a row (0 after a successful one). */
  pollFailures: number
  /** Why the last poll failed, when it did. */
  lastError: OmixaError | null
}

export interface WaitOptions {
  /** The overall limit, from the start of the wait. Default: 15 minutes. */
  timeoutMs?: number
  /**
   * Called after every poll with the job's last known state, and how polling goes: `pollFailures` failed polls
   * in a row (0 after a successful one; the wait goes on through them) and the last one's `lastError`. If it
   * throws, the wait ends with that error.
   */
  onProgress?: (job: Job, polling: PollState) => void
  /** Aborting it ends the wait with a `CancelledError`. */
  signal?: AbortSignal
}

/** The video jobs of a `Client`. Every method returns a Promise and none blocks the event loop. */
/** One request of a batch: a request, or `{ id, request }` (the id names the videos: `<out>/<id>-<index>.mp4`). */
export type BatchRequest = VideoRequest | { id?: string; request: VideoRequest }

/** Where a batch is; counts come from the output folder's journal, so they include earlier runs. */
export interface BatchProgress {
  total: number
  /** Jobs that will not change any more. */
  done: number
  /** Jobs in flight in this process. */
  running: number
  succeeded: number
  failed: number
  skippedBudget: number
  invalid: number
  /** What succeeded jobs cost, per currency, as decimal strings. */
  spent: Record<string, string>
  budget: string | null
}

export interface BatchOptions {
  /** The output folder: videos, `batch-report.json` and the journal (`.omixa/journal.sqlite`). */
  out: string | URL
  /** At most this many jobs in flight. Default 4. */
  concurrency?: number
  /** The most the batch may hold and spend, as a decimal string (`'12.50'`); numbers are refused. */
  budget?: string
  /** Called after every change (a job started or finished). If it throws, the batch is cancelled and rejects with that error. */
  onProgress?: (progress: BatchProgress) => void
  /** Aborting stops starting jobs and ends waits; the journal stays consistent and the promise rejects with `CancelledError`. */
  signal?: AbortSignal
  /** How long to wait for each job once created. Default 15 minutes. */
  timeoutMs?: number
  /** Drop fields a model omits instead of rejecting the request. */
  lenient?: boolean
  /** Check every request and resolve to the plan; nothing is sent. */
  dryRun?: boolean
}

/** One job of a batch report. */
export interface BatchJob {
  /** The request's position in `requests`, from 1. */
  line: number
  id: string
  status: 'succeeded' | 'failed' | 'skipped_budget' | 'invalid' | 'pending' | 'created'
  operation: string | null
  /** The estimate, as a decimal string; null for a model without a published price. */
  cost: string | null
  currency: string | null
  /** The downloaded videos. */
  files: string[]
  error: string | null
}

export interface BatchReport {
  jobs: BatchJob[]
  totals: {
    succeeded: number
    failed: number
    skippedBudget: number
    invalid: number
    /** What succeeded jobs cost, per currency, as decimal strings. */
    charged: Record<string, string>
  }
  total: number
  /** Jobs this run did not finish: the same batch again resumes them. */
  unfinished: number
  cancelled: boolean
  reportPath: string
  journalPath: string | null
}

/** A dry run's answer: jobs, cost and hold per currency, and per model the jobs without a published price. */
export interface BatchPlan {
  jobs: number
  priced: Record<string, { jobs: number; cost: string; hold: string }>
  unpriced: Record<string, number>
  budget: string | null
}

/** One problem of one batch request. */
export interface BatchProblem {
  line: number
  /** A JSON pointer into the request (`/seconds`), `/id` for the id, empty for the whole item. */
  path: string
  code: string
  message: string
}

export declare class Videos {
  private constructor()
  /**
   * Validates the request locally (nothing invalid is ever sent), then creates the job. A retried create
   * carries the same idempotency key, so it can never bill twice.
   *
   * @throws {ValidationError} | {AuthenticationError} | {RateLimitError} | {APIError} | {ConnectionError}
   */
  create(request: VideoRequest, options?: CreateOptions): Promise<Job>
  create(request: Record<string, unknown>, options: CreateOptions & { unchecked: true }): Promise<Job>
  /** The job's current state, given the job or its `operation` (and its `model`, if known). */
  status(job: Job): Promise<Job>
  status(operation: string, model?: string): Promise<Job>
  /**
   * Polls until the job is final, honouring the gateway's `poll_after_seconds`, and resolves to the
   * succeeded job.
   *
   * @throws {JobFailedError} | {TimeoutError} | {CancelledError}, or an error of a status call.
   */
  wait(job: Job, options?: WaitOptions): Promise<Job>
  /**
   * Streams every result video of a succeeded job into `directory` (created if needed), with safe file
   * names. Resolves to the paths written (or kept). Limits: 64 outputs, 4 GiB per file, 60 s without data,
   * 30 minutes in all.
   *
   * @throws {JobNotReadyError} | {DownloadError} | {FileError}, or an error of the download.
   */
  download(job: Job, directory: string | URL, options?: DownloadOptions): Promise<string[]>
  /**
   * Runs many jobs within a budget, resumably (the journal in `out`), and resolves to the report; with
   * `dryRun`, to the plan. Every request is checked before anything is sent.
   *
   * @throws {BatchInputError} | {BudgetRefusedError} | {JournalMismatchError} | {BatchOptionsError} |
   * {JournalError} | {CancelledError} | {FileError}
   */
  batch(
    requests: Iterable<BatchRequest> | AsyncIterable<BatchRequest>,
    options: BatchOptions & { dryRun: true },
  ): Promise<BatchPlan>
  batch(requests: Iterable<BatchRequest> | AsyncIterable<BatchRequest>, options: BatchOptions): Promise<BatchReport>
}

/** A client of the Omixa jobs API. */
export declare class Client {
  /** @throws {ConfigurationError} without an API key, or with a base URL that is not HTTPS (or loopback HTTP). */
  constructor(options?: ClientOptions)
  /** The gateway's address. */
  get baseUrl(): string
  /** Video jobs: `create`, `status`, `wait`, `download`. */
  readonly videos: Videos
}

// ---- errors ---------------------------------------------------------------------------------------------

/** Base class of every error omixa throws (thrown as itself only for an internal error, e.g. a Rust panic). */
export declare class OmixaError extends Error {
  /** The job's operation, when the error happened after the gateway named the job: `wait` for it. */
  operation: string | null
  /**
   * The create's idempotency key, when a job may exist: create the same request again with it and the
   * gateway returns that job (or makes it, once).
   */
  idempotencyKey: string | null
}

/** The client cannot be used as configured. Nothing was sent. */
export declare class ConfigurationError extends OmixaError {}

/** The request is invalid; nothing was sent. */
export declare class ValidationError extends OmixaError {
  /** Every problem found, all at once. */
  readonly issues: Issue[]
  /** The issues' codes, in order. */
  get codes(): Issue['code'][]
}

/** The gateway answered with an error. */
export declare class APIError extends OmixaError {
  /** The HTTP status. */
  readonly status: number
  /** The gateway's request id, when it sent one: quote it to support. */
  readonly requestId: string | null
  /** The response body as text (at most 8 KiB), when there is one. */
  readonly body: string | null
  /** The delay the server asked for (`Retry-After`, on a 429 or a 503), in seconds, if it gave one. */
  readonly retryAfter: number | null
}

/** The gateway rejected the API key (HTTP 401 or 403). */
export declare class AuthenticationError extends APIError {}

/** HTTP 429, once the client's retries were spent. */
export declare class RateLimitError extends APIError {}

/** A response arrived but is not one the API gives. */
export declare class InvalidResponseError extends APIError {}

/** No complete response arrived: refused, reset, or a read timed out. */
export declare class ConnectionError extends OmixaError {}

/** The job was not finished when `wait`'s timeout ran out. It may still finish. */
export declare class TimeoutError extends OmixaError {
  /** The job's last known state. */
  readonly job: Job
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number
}

/** The job ended with status `failed`. */
export declare class JobFailedError extends OmixaError {
  /** Its final state; `job.error` says why. */
  readonly job: Job
}

/** `download` was given a job that has not succeeded yet. */
export declare class JobNotReadyError extends OmixaError {
  readonly job: Job
}

/** The operation was cancelled through its `AbortSignal`. */
export declare class CancelledError extends OmixaError {
  readonly code: 'ABORT_ERR'
}

/** `download` stopped at one of its limits; the partial file was removed. */
export declare class DownloadError extends OmixaError {
  readonly limit: 'too_large' | 'stalled' | 'deadline' | 'too_many_outputs'
}

/** A local file could not be read or written. */
export declare class FileError extends OmixaError {
  readonly path: string
  /** As Node names it, e.g. `ENOENT`. */
  readonly code: string | undefined
  readonly errno: number | undefined
}

/** A batch did not run, or stopped; `kind` is the core's name for why. The journal stays consistent. */
export declare class BatchError extends OmixaError {
  readonly kind: BatchErrorKind
}

/** Requests of a batch are invalid; nothing was created. */
export declare class BatchInputError extends BatchError {
  readonly kind: 'invalid_input'
  readonly problems: BatchProblem[]
}

/** The budget cannot bound these jobs (mixed currencies, an unpriced model); nothing was created. */
export declare class BudgetRefusedError extends BatchError {}

/** The output folder's journal belongs to other requests. */
export declare class JournalMismatchError extends BatchError {}

/** The batch's options cannot be used. */
export declare class BatchOptionsError extends BatchError {}

/** The output folder's journal could not be used. */
export declare class JournalError extends BatchError {}
