// Generated from the JSDoc of index.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

export type CreateOptions = import("./native.js").CreateOptions;
export type FieldInfo = import("./native.js").FieldInfo;
export type Issue = import("./native.js").Issue;
export type LineValidation = import("./native.js").LineValidation;
export type ModelInfo = import("./native.js").ModelInfo;
export type NormalizedRequest = import("./native.js").NormalizedRequest;
export type PricedEstimate = import("./native.js").PricedEstimate;
export type UnpricedEstimate = import("./native.js").UnpricedEstimate;
export type ValidateOptions = import("./native.js").ValidateOptions;
export type Validation = import("./native.js").Validation;
export type BatchErrorKind = import("./tables.js").BatchErrorKind;
export type ErrorKind = import("./tables.js").ErrorKind;
export type IssueCode = import("./tables.js").IssueCode;
export type BatchRequest = import("./batch.js").BatchRequest;
export type BatchProgress = import("./batch.js").BatchProgress;
export type BatchOptions = import("./batch.js").BatchOptions;
export type BatchJob = import("./batch.js").BatchJob;
export type BatchReport = import("./batch.js").BatchReport;
export type BatchPlan = import("./batch.js").BatchPlan;
export type BatchProblem = import("./batch.js").BatchProblem;
/**
 * What `estimate` returns: priced, or why there is no price (`priced: false`).
 */
export type Estimate = PricedEstimate | UnpricedEstimate;
export type ClientOptions = {
    /**
     * The workspace API key. Default: `OMIXA_API_KEY`; one of the two is required.
     * Never logged.
     */
    apiKey?: string | undefined;
    /**
     * The gateway's address. Default: `OMIXA_BASE_URL`, else
     * `https://www.omixa.cloud`. Must be HTTPS, or HTTP to a loopback address (such as `omixa serve`).
     */
    baseUrl?: string | undefined;
    /**
     * The longest silence while reading a response, in milliseconds. Default: 60 000.
     */
    timeoutMs?: number | undefined;
    /**
     * The longest one API request may take, in milliseconds; the retries of
     * one call stop within twice it. Default: 60 000.
     */
    requestTimeoutMs?: number | undefined;
    /**
     * Retries per call after the first attempt, for transient failures. Default: 2.
     */
    maxRetries?: number | undefined;
    /**
     * A `Catalog` from `loadCatalog`, or a catalog folder. Default:
     * `OMIXA_CATALOG`'s, if set.
     */
    catalog?: string | Catalog | undefined;
};
export type DownloadOptions = {
    /**
     * Replace files already there. Default: keep them (they are complete earlier
     * downloads).
     */
    overwrite?: boolean | undefined;
};
export type VideoOutput = {
    url: string;
    /**
     * The media type, e.g. `video/mp4`.
     */
    content_type?: string | undefined;
};
/**
 * The members of a job the SDK knows; a `Job` has every other member of the gateway's response too.
 */
export type JobFields = {
    /**
     * What a lenient `create` dropped before sending (each also emitted as a
     * `DroppedFieldWarning`).
     */
    warnings?: native.Issue[] | undefined;
    /**
     * The provider that runs the job, e.g. `google`.
     */
    provider: string;
    model: string;
    status: "running" | "succeeded" | "failed" | (string & {});
    /**
     * The job's id: pass it to `status`, store it to come back later.
     */
    operation: string;
    /**
     * How long the gateway suggests waiting before the next status call.
     */
    poll_after_seconds?: number | undefined;
    /**
     * The result videos, once the job has succeeded.
     */
    data: VideoOutput[];
    /**
     * Why the job failed, when it did.
     */
    error?: string | undefined;
    /**
     * The creating request's `poll_interval_seconds`, kept for `wait`.
     */
    poll_interval_seconds?: number | undefined;
    /**
     * The `Idempotency-Key` the job was created with: creating the same
     * request with it again returns this job instead of a new one. Kept by `wait`, and by `JSON.stringify`, so
     * a stored job can be resumed.
     */
    idempotency_key?: string | undefined;
};
/**
 * A video-generation job, as the gateway reports it: the members the SDK knows and every other member of the
 * gateway's response.
 */
export type Job = JobFields & {
    [member: string]: unknown;
};
/**
 * How a wait's polling is going, after one poll.
 */
export type PollState = {
    /**
     * Failed polls in a row (0 after a successful one).
     */
    pollFailures: number;
    /**
     * Why the last poll failed, when it did.
     */
    lastError: OmixaError | null;
};
export type WaitOptions = {
    /**
     * The overall limit, from the start of the wait. Default: 15 minutes.
     */
    timeoutMs?: number | undefined;
    /**
     * Called after every poll with the job's last
     * known state, and how polling goes: `pollFailures` failed polls in a row (0 after a successful one; the
     * wait goes on through them) and the last one's `lastError`. If it throws, the wait ends with that error.
     */
    onProgress?: ((job: Job, polling: PollState) => void) | undefined;
    /**
     * Aborting it ends the wait with a `CancelledError`.
     */
    signal?: AbortSignal | undefined;
};
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
export function validate(request: VideoRequest, options?: ValidateOptions): NormalizedRequest;
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
export function validateMany(requests: readonly unknown[], options?: ValidateOptions): Validation[];
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
export function validateLines(text: string, options?: ValidateOptions): LineValidation[];
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
export function estimate(request: VideoRequest, options?: ValidateOptions): Estimate;
/**
 * Every model of the catalog (the built-in ones and `OMIXA_CATALOG`'s), in id order, with its fields, price
 * and `origin`.
 *
 * @returns {ModelInfo[]}
 */
export function models(): ModelInfo[];
/**
 * The built-in models plus those of a catalog folder laid out like the SDK's `spec/` (`models/`, optionally
 * `fields/` and `endpoints/`). Its models validate, estimate and create like built-in ones; the TypeScript
 * types do not know them (`VideoRequest` and `ModelId` are generated from the built-in catalog).
 *
 * @param {string} folder
 * @returns {Catalog}
 * @throws {ConfigurationError} listing every problem as `file:line:col: message`.
 */
export function loadCatalog(folder: string): Catalog;
/**
 * Built-in models plus those of a catalog folder (`loadCatalog`): `validate`, `estimate` and `models` against
 * its models. The folder's models are not in `VideoRequest` or `ModelId`: these types are generated from the
 * built-in catalog.
 */
export class Catalog {
    /**
     * Use `loadCatalog(folder)`.
     * @private
     * @param {string} folder
     * @param {import('./native.js').NativeCatalog} nativeCatalog
     */
    private constructor();
    /**
     * The folder it was loaded from.
     * @readonly @type {string}
     */
    readonly folder: string;
    /**
     * As `validate`, against this catalog's models.
     * @param {Record<string, unknown>} request
     * @param {ValidateOptions} [options]
     * @returns {NormalizedRequest}
     */
    validate(request: Record<string, unknown>, options?: ValidateOptions): NormalizedRequest;
    /**
     * As `estimate`, against this catalog's models.
     * @param {Record<string, unknown>} request
     * @param {ValidateOptions} [options]
     * @returns {Estimate}
     */
    estimate(request: Record<string, unknown>, options?: ValidateOptions): Estimate;
    /**
     * Every model of this catalog, in id order.
     * @returns {Array<Omit<ModelInfo, 'id'> & { id: string }>}
     */
    models(): Array<Omit<ModelInfo, "id"> & {
        id: string;
    }>;
    #private;
}
/**
 * An inline image, usable as the value of an image field (`start_frame`, `last_frame`, an item of
 * `reference_images`). Its own properties are the gateway's object form,
 * `{ type: 'image_url', image_url: { url: 'data:image/png;base64,...' } }`, so it also survives
 * `JSON.stringify`. The data URL is built in Rust.
 *
 * @implements {InlineImageObject}
 */
export class Image implements InlineImageObject {
    /**
     * Reads an image file (a path or a `file:` URL); its media type is sniffed from its bytes.
     *
     * @param {string | URL} path
     * @returns {Image}
     * @throws {FileError} when the file cannot be read.
     * @throws {TypeError} when its type cannot be told.
     */
    static fromPath(path: string | URL): Image;
    /**
     * Wraps image bytes (a Buffer or Uint8Array); the media type is sniffed unless given (`'image/png'`).
     *
     * @param {Uint8Array} bytes
     * @param {string} [mediaType]
     * @returns {Image}
     * @throws {TypeError} when the type cannot be told, or the one given is malformed.
     */
    static fromBuffer(bytes: Uint8Array, mediaType?: string): Image;
    /**
     * Wraps a `data:<media type>;base64,...` URL (checked when the request is validated).
     * @param {string} dataUrl
     */
    constructor(dataUrl: string);
    /** @readonly @type {'image_url'} */
    readonly type: "image_url";
    /** @readonly @type {ImageUrl} */
    readonly image_url: ImageUrl;
    /**
     * The data URL.
     * @returns {string}
     */
    get url(): string;
    /**
     * The media type the data URL declares, e.g. `image/png`.
     * @returns {string}
     */
    get mediaType(): string;
}
/** A client of the Omixa jobs API. */
export class Client {
    /**
     * @param {ClientOptions} [options] All optional: `apiKey` (default `OMIXA_API_KEY`), `baseUrl` (default
     *   `OMIXA_BASE_URL`, else https://www.omixa.cloud), `timeoutMs` (per read), `requestTimeoutMs` (per API
     *   request), `maxRetries`, `catalog`.
     * @throws {ConfigurationError} without an API key, or with a base URL that is not HTTPS (or loopback HTTP).
     */
    constructor(options?: ClientOptions);
    /**
     * Video jobs: `create`, `status`, `wait`, `download`, `batch`.
     * @readonly @type {Videos}
     */
    readonly videos: Videos;
    /**
     * The gateway's address.
     * @returns {string}
     */
    get baseUrl(): string;
    #private;
}
/** The video jobs of a `Client` (`client.videos`). Every method returns a Promise, and rejects rather than throws. */
export class Videos {
    /**
     * Use `client.videos`.
     * @private
     * @param {import('./native.js').NativeClient} client
     */
    private constructor();
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
    create(request: VideoRequest, options?: native.CreateOptions | undefined): Promise<Job>;
    /**
     * With `unchecked: true`, sends the request as written, for a model no catalog knows (warns).
     *
     * @overload
     * @param {Record<string, unknown>} request
     * @param {CreateOptions & { unchecked: true }} options
     * @returns {Promise<Job>}
     * @throws {AuthenticationError} | {RateLimitError} | {APIError} | {ConnectionError}
     */
    create(request: Record<string, unknown>, options: CreateOptions & {
        unchecked: true;
    }): Promise<Job>;
    /**
     * The job's current state, given the job.
     *
     * @overload
     * @param {Job} job
     * @returns {Promise<Job>}
     */
    status(job: Job): Promise<Job>;
    /**
     * The job's current state, given its `operation` (and its `model`, if known).
     *
     * @overload
     * @param {string} operation
     * @param {string} [model]
     * @returns {Promise<Job>}
     */
    status(operation: string, model?: string | undefined): Promise<Job>;
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
    wait(job: Job, options?: WaitOptions): Promise<Job>;
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
    batch(requests: Iterable<BatchRequest> | AsyncIterable<BatchRequest>, options: BatchOptions & {
        dryRun: true;
    }): Promise<BatchPlan>;
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
    batch(requests: Iterable<BatchRequest> | AsyncIterable<BatchRequest>, options: BatchOptions): Promise<BatchReport>;
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
    download(job: Job, directory: string | URL, options?: DownloadOptions): Promise<string[]>;
    #private;
}
import { OmixaError } from "./errors.js";
import { ConfigurationError } from "./errors.js";
import { ValidationError } from "./errors.js";
import { APIError } from "./errors.js";
import { AuthenticationError } from "./errors.js";
import { RateLimitError } from "./errors.js";
import { InvalidResponseError } from "./errors.js";
import { ConnectionError } from "./errors.js";
import { TimeoutError } from "./errors.js";
import { JobFailedError } from "./errors.js";
import { JobNotReadyError } from "./errors.js";
import { CancelledError } from "./errors.js";
import { DownloadError } from "./errors.js";
import { FileError } from "./errors.js";
import { BatchError } from "./errors.js";
import { BatchInputError } from "./errors.js";
import { BudgetRefusedError } from "./errors.js";
import { JournalMismatchError } from "./errors.js";
import { BatchOptionsError } from "./errors.js";
import { JournalError } from "./errors.js";
import native = require("./native.js");
import type { VideoRequest } from './models.js';
import type { InlineImageObject } from './models.js';
import type { ImageUrl } from './models.js';
export { OmixaError, ConfigurationError, ValidationError, APIError, AuthenticationError, RateLimitError, InvalidResponseError, ConnectionError, TimeoutError, JobFailedError, JobNotReadyError, CancelledError, DownloadError, FileError, BatchError, BatchInputError, BudgetRefusedError, JournalMismatchError, BatchOptionsError, JournalError };

// The catalog's types (models.d.ts, generated from spec/ by omixa-codegen).
export * from './models'
