// Generated from the JSDoc of batch.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

/**
 * One request of a batch: a request, or `{ id, request }` (the id names the videos: `<out>/<id>-<index>.mp4`).
 */
export type BatchRequest = VideoRequest | {
    id?: string;
    request: VideoRequest;
};
/**
 * Where a batch is; counts come from the output folder's journal, so they include earlier runs.
 */
export type BatchProgress = {
    total: number;
    /**
     * Jobs that will not change any more.
     */
    done: number;
    /**
     * Jobs in flight in this process.
     */
    running: number;
    succeeded: number;
    failed: number;
    skippedBudget: number;
    invalid: number;
    /**
     * What succeeded jobs cost, per currency, as decimal strings.
     */
    spent: Record<string, string>;
    budget: string | null;
};
export type BatchOptions = {
    /**
     * The output folder: videos, `batch-report.json` and the journal
     * (`.omixa/journal.sqlite`).
     */
    out: string | URL;
    /**
     * At most this many jobs in flight. Default 4.
     */
    concurrency?: number | undefined;
    /**
     * The most the batch may hold and spend, as a decimal string (`'12.50'`); numbers
     * are refused.
     */
    budget?: string | undefined;
    /**
     * Called after every change (a job started or
     * finished). If it throws, the batch is cancelled and rejects with that error.
     */
    onProgress?: ((progress: BatchProgress) => void) | undefined;
    /**
     * Aborting stops starting jobs and ends waits; the journal stays consistent
     * and the promise rejects with `CancelledError`.
     */
    signal?: AbortSignal | undefined;
    /**
     * How long to wait for each job once created. Default 15 minutes.
     */
    timeoutMs?: number | undefined;
    /**
     * Drop fields a model omits instead of rejecting the request.
     */
    lenient?: boolean | undefined;
    /**
     * Check every request and resolve to the plan; nothing is sent.
     */
    dryRun?: boolean | undefined;
};
/**
 * One job of a batch report.
 */
export type BatchJob = {
    /**
     * The request's position in `requests`, from 1.
     */
    line: number;
    id: string;
    status: "succeeded" | "failed" | "skipped_budget" | "invalid" | "pending" | "created";
    operation: string | null;
    /**
     * The estimate, as a decimal string; null for a model without a published
     * price.
     */
    cost: string | null;
    currency: string | null;
    /**
     * The downloaded videos.
     */
    files: string[];
    error: string | null;
};
export type BatchTotals = {
    succeeded: number;
    failed: number;
    skippedBudget: number;
    invalid: number;
    /**
     * What succeeded jobs cost, per currency, as decimal strings.
     */
    charged: Record<string, string>;
};
export type BatchReport = {
    jobs: BatchJob[];
    totals: BatchTotals;
    total: number;
    /**
     * Jobs this run did not finish: the same batch again resumes them.
     */
    unfinished: number;
    cancelled: boolean;
    reportPath: string;
    journalPath: string | null;
};
/**
 * A dry run's answer: jobs, cost and hold per currency, and per model the jobs without a published price.
 */
export type BatchPlan = {
    jobs: number;
    priced: Record<string, {
        jobs: number;
        cost: string;
        hold: string;
    }>;
    unpriced: Record<string, number>;
    budget: string | null;
};
/**
 * One problem of one batch request.
 */
export type BatchProblem = {
    line: number;
    /**
     * A JSON pointer into the request (`/seconds`), `/id` for the id, empty for the whole
     * item.
     */
    path: string;
    code: string;
    message: string;
};
/**
 * `client.videos.batch` on the native client `client`.
 *
 * @param {any} client
 * @param {Iterable<BatchRequest> | AsyncIterable<BatchRequest>} requests
 * @param {BatchOptions} [options]
 * @returns {Promise<BatchPlan | BatchReport>}
 */
export function runBatch(client: any, requests: Iterable<BatchRequest> | AsyncIterable<BatchRequest>, options?: BatchOptions): Promise<BatchPlan | BatchReport>;
import type { VideoRequest } from './models.js';
