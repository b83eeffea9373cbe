// Generated from the JSDoc of client.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

export type CreateOptions = import("./native.js").CreateOptions;
export type Issue = import("./native.js").Issue;
export type BatchRequest = import("./batch.js").BatchRequest;
export type BatchOptions = import("./batch.js").BatchOptions;
export type BatchReport = import("./batch.js").BatchReport;
export type BatchPlan = import("./batch.js").BatchPlan;
export type OmixaError = import("./errors.js").OmixaError;
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
import { Catalog } from "./catalog.js";
import native = require("./native.js");
import type { VideoRequest } from './models.js';
