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
export type ClientOptions = import("./client.js").ClientOptions;
export type DownloadOptions = import("./client.js").DownloadOptions;
export type VideoOutput = import("./client.js").VideoOutput;
export type JobFields = import("./client.js").JobFields;
export type Job = import("./client.js").Job;
export type PollState = import("./client.js").PollState;
export type WaitOptions = import("./client.js").WaitOptions;
/**
 * What `estimate` returns: priced, or why there is no price (`priced: false`).
 */
export type Estimate = PricedEstimate | UnpricedEstimate;
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
import { loadCatalog } from "./catalog.js";
import { Catalog } from "./catalog.js";
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
import { Client } from "./client.js";
import { Videos } from "./client.js";
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
import type { VideoRequest } from './models.js';
import type { InlineImageObject } from './models.js';
import type { ImageUrl } from './models.js';
export { loadCatalog, Catalog, Client, Videos, OmixaError, ConfigurationError, ValidationError, APIError, AuthenticationError, RateLimitError, InvalidResponseError, ConnectionError, TimeoutError, JobFailedError, JobNotReadyError, CancelledError, DownloadError, FileError, BatchError, BatchInputError, BudgetRefusedError, JournalMismatchError, BatchOptionsError, JournalError };

// The catalog's types (models.d.ts, generated from spec/ by omixa-codegen).
export * from './models'
