// Generated from the JSDoc of errors.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

/**
 * Base class of every error omixa throws (thrown as itself only for an internal error, e.g. a Rust panic).
 * An error after a job may exist says how to find it again: `operation` once the gateway has answered the
 * create (`wait` for it), `idempotencyKey` the create's key (create the same request again with it: the
 * gateway returns the job it made, or makes it once). Both are `null` when unknown or when no job can exist.
 */
export class OmixaError extends Error {
    /**
     * The job's operation, when the error happened after the gateway named the job: `wait` for it.
     * @type {string | null}
     */
    operation: string | null;
    /**
     * The create's idempotency key, when a job may exist: create the same request again with it and the
     * gateway returns that job (or makes it, once).
     * @type {string | null}
     */
    idempotencyKey: string | null;
}
/** The client cannot be used as configured (no API key, a base URL that is not HTTPS). Nothing was sent. */
export class ConfigurationError extends OmixaError {
}
/** The request is invalid; nothing was sent. `issues` lists every problem found, all at once. */
export class ValidationError extends OmixaError {
    /**
     * @param {string} message
     * @param {Issue[]} issues
     */
    constructor(message: string, issues: Issue[]);
    /** Every problem found, all at once. @readonly */
    readonly issues: Issue[];
    /**
     * The issues' codes, in order.
     * @returns {Issue['code'][]}
     */
    get codes(): Issue["code"][];
}
/**
 * The gateway answered with an error: `status`, `requestId` (quote it to support), `body`, and `retryAfter`,
 * the delay the server asked for in seconds (`Retry-After`), when it gave one.
 */
export class APIError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ status: number, requestId?: string | null, body?: string | null, retryAfter?: number | null }} details
     */
    constructor(message: string, { status, requestId, body, retryAfter }: {
        status: number;
        requestId?: string | null;
        body?: string | null;
        retryAfter?: number | null;
    });
    /** The HTTP status. @readonly */
    readonly status: number;
    /** The gateway's request id, when it sent one: quote it to support. @readonly */
    readonly requestId: string | null;
    /** The response body as text (at most 8 KiB), when there is one. @readonly */
    readonly body: string | null;
    /** The delay the server asked for (`Retry-After`, on a 429 or a 503), in seconds, if it gave one. @readonly */
    readonly retryAfter: number | null;
}
/** The gateway rejected the API key (HTTP 401 or 403). */
export class AuthenticationError extends APIError {
}
/** HTTP 429 once the retries were spent; `retryAfter` is the delay the server asked for, in seconds. */
export class RateLimitError extends APIError {
}
/** A response arrived but is not one the API gives (not JSON, cut short, the wrong shape). */
export class InvalidResponseError extends APIError {
}
/** No complete response arrived (refused, reset, timed out); what was safe to retry was retried. */
export class ConnectionError extends OmixaError {
}
/** The job was not finished when `wait`'s timeout ran out; `job` is its last known state. */
export class TimeoutError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ job: Job, timeoutMs: number }} details
     */
    constructor(message: string, { job, timeoutMs }: {
        job: Job;
        timeoutMs: number;
    });
    /** The job's last known state. @readonly */
    readonly job: import("./client.js").Job;
    /** The timeout that ran out, in milliseconds. @readonly */
    readonly timeoutMs: number;
}
/** The job ended with status `failed`; `job` is its final state (`job.error` says why). */
export class JobFailedError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ job: Job }} details
     */
    constructor(message: string, { job }: {
        job: Job;
    });
    /** Its final state; `job.error` says why. @readonly */
    readonly job: import("./client.js").Job;
}
/** `download` was given a job that has not succeeded yet. */
export class JobNotReadyError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ job: Job }} details
     */
    constructor(message: string, { job }: {
        job: Job;
    });
    /** Its state, not succeeded yet. @readonly */
    readonly job: import("./client.js").Job;
}
/** The operation was cancelled through its `AbortSignal`; `cause` is the signal's reason. */
export class CancelledError extends OmixaError {
    /**
     * @param {string} [message]
     * @param {ErrorOptions} [options]
     */
    constructor(message?: string, options?: ErrorOptions);
    /** Node's code for an aborted operation. @readonly @type {'ABORT_ERR'} */
    readonly code: "ABORT_ERR";
}
/**
 * `download` stopped at one of its limits (the partial file was removed); `limit` says which: `too_large`,
 * `stalled`, `deadline` or `too_many_outputs`.
 */
export class DownloadError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ limit: 'too_large' | 'stalled' | 'deadline' | 'too_many_outputs' }} details
     */
    constructor(message: string, { limit }: {
        limit: "too_large" | "stalled" | "deadline" | "too_many_outputs";
    });
    /** The limit it stopped at. @readonly */
    readonly limit: "too_large" | "stalled" | "deadline" | "too_many_outputs";
}
/** A local file could not be read or written: `path`, and `code` as Node names it (`ENOENT`...). */
export class FileError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ path: string, errno?: number }} details
     */
    constructor(message: string, { path, errno }: {
        path: string;
        errno?: number;
    });
    /** The file. @readonly */
    readonly path: string;
    /** The operating system's error number, when there is one. @readonly */
    readonly errno: number | undefined;
    /** As Node names it, e.g. `ENOENT`. @readonly @type {string | undefined} */
    readonly code: string | undefined;
}
/**
 * A batch did not run, or stopped (a job's own failure is a row of the report, not an error). `kind` is the
 * core's stable name for what went wrong; each kind has its subclass. The journal stays consistent: a rerun
 * resumes.
 */
export class BatchError extends OmixaError {
    /**
     * @param {string} message
     * @param {{ kind: BatchErrorKind }} details
     */
    constructor(message: string, { kind }: {
        kind: BatchErrorKind;
    });
    /** What went wrong. @readonly */
    readonly kind: BatchErrorKind;
}
/**
 * Requests of a batch are invalid; nothing was created. `problems` lists every one: `{ line, path, code,
 * message }` (`line` is the request's position, from 1).
 */
export class BatchInputError extends BatchError {
    /**
     * @param {string} message
     * @param {{ kind: 'invalid_input', problems: BatchProblem[] }} details
     */
    constructor(message: string, { kind, problems }: {
        kind: "invalid_input";
        problems: BatchProblem[];
    });
    /** Every problem, in request order. @readonly */
    readonly problems: BatchProblem[];
    /**
     * Its one kind (the declarations narrow the inherited `kind`; nothing is stored here).
     * @readonly @type {'invalid_input'}
     */
    readonly kind: "invalid_input";
}
/** The budget cannot bound these jobs (mixed currencies, a model without a published price). Nothing was created. */
export class BudgetRefusedError extends BatchError {
}
/** The output folder's journal belongs to other requests: use another folder, or rerun the same requests. */
export class JournalMismatchError extends BatchError {
}
/** The batch's options cannot be used (a concurrency of 0, a budget out of range). */
export class BatchOptionsError extends BatchError {
}
/** The output folder's journal could not be used (`kind`: `journal`, `journal_corrupt`, `journal_too_new`, `journal_claim_lost`). */
export class JournalError extends BatchError {
}
import { ERROR_CLASSES } from "./tables.js";
export namespace FROM_DETAILS {
    function ValidationError(p: any): ValidationError;
    function ConfigurationError(p: any): ConfigurationError;
    function ConnectionError(p: any): ConnectionError;
    function InvalidResponseError(p: any): InvalidResponseError;
    function AuthenticationError(p: any): AuthenticationError;
    function RateLimitError(p: any): RateLimitError;
    function APIError(p: any): APIError;
    function JobFailedError(p: any): JobFailedError;
    function TimeoutError(p: any): TimeoutError;
    function JobNotReadyError(p: any): JobNotReadyError;
    function CancelledError(p: any): CancelledError;
    function DownloadError(p: any): DownloadError;
    function FileError(p: any): FileError;
    function TypeError(p: any): TypeError;
    function BatchInputError(p: any): BatchInputError;
    function BudgetRefusedError(p: any): BudgetRefusedError;
    function JournalMismatchError(p: any): JournalMismatchError;
    function BatchOptionsError(p: any): BatchOptionsError;
    function JournalError(p: any): JournalError;
    function OmixaError(p: any): OmixaError;
}
/**
 * The omixa error for the details of a native error (the error itself, or a wait's `last_error`), with the
 * job's handle when it has one.
 */
export function fromPayload(payload: any): any;
/** The omixa error for an error thrown by the native module. */
export function fromNative(error: any): any;
import type { Issue } from './native.js';
import type { Job } from './index.js';
import type { BatchErrorKind } from './tables.js';
import type { BatchProblem } from './batch.js';
export { ERROR_CLASSES };
