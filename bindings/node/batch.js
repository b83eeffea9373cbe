// `client.videos.batch`: converts the arguments (requests drained from any iterable, options, an
// AbortSignal into a native cancellation) and the answer (snake_case fields of the core's report, progress and
// plan into the package's camelCase objects). The batch itself is the core's engine, in the native module.

'use strict'

const { fileURLToPath } = require('node:url')
const { fromNative, CancelledError } = require('./errors.js')
const { stoppable } = require('./call.js')

// The batch's public shapes are the `@typedef`s below; index.js re-exports them, and `npm run types` generates
// their declarations (batch.d.ts).

/** @import { VideoRequest } from './models.js' */

/**
 * One request of a batch: a request, or `{ id, request }` (the id names the videos: `<out>/<id>-<index>.mp4`).
 *
 * @typedef {VideoRequest | { id?: string, request: VideoRequest }} BatchRequest
 */

/**
 * Where a batch is; counts come from the output folder's journal, so they include earlier runs.
 *
 * @typedef {object} BatchProgress
 * @property {number} total
 * @property {number} done Jobs that will not change any more.
 * @property {number} running Jobs in flight in this process.
 * @property {number} succeeded
 * @property {number} failed
 * @property {number} skippedBudget
 * @property {number} invalid
 * @property {Record<string, string>} spent What succeeded jobs cost, per currency, as decimal strings.
 * @property {string | null} budget
 */

/**
 * @typedef {object} BatchOptions
 * @property {string | URL} out The output folder: videos, `batch-report.json` and the journal
 *   (`.omixa/journal.sqlite`).
 * @property {number} [concurrency] At most this many jobs in flight. Default 4.
 * @property {string} [budget] The most the batch may hold and spend, as a decimal string (`'12.50'`); numbers
 *   are refused.
 * @property {(progress: BatchProgress) => void} [onProgress] Called after every change (a job started or
 *   finished). If it throws, the batch is cancelled and rejects with that error.
 * @property {AbortSignal} [signal] Aborting stops starting jobs and ends waits; the journal stays consistent
 *   and the promise rejects with `CancelledError`.
 * @property {number} [timeoutMs] How long to wait for each job once created. Default 15 minutes.
 * @property {boolean} [lenient] Drop fields a model omits instead of rejecting the request.
 * @property {boolean} [dryRun] Check every request and resolve to the plan; nothing is sent.
 */

/**
 * One job of a batch report.
 *
 * @typedef {object} BatchJob
 * @property {number} line The request's position in `requests`, from 1.
 * @property {string} id
 * @property {'succeeded' | 'failed' | 'skipped_budget' | 'invalid' | 'pending' | 'created'} status
 * @property {string | null} operation
 * @property {string | null} cost The estimate, as a decimal string; null for a model without a published
 *   price.
 * @property {string | null} currency
 * @property {string[]} files The downloaded videos.
 * @property {string | null} error
 */

/**
 * @typedef {object} BatchTotals
 * @property {number} succeeded
 * @property {number} failed
 * @property {number} skippedBudget
 * @property {number} invalid
 * @property {Record<string, string>} charged What succeeded jobs cost, per currency, as decimal strings.
 */

/**
 * @typedef {object} BatchReport
 * @property {BatchJob[]} jobs
 * @property {BatchTotals} totals
 * @property {number} total
 * @property {number} unfinished Jobs this run did not finish: the same batch again resumes them.
 * @property {boolean} cancelled
 * @property {string} reportPath
 * @property {string | null} journalPath
 */

/**
 * A dry run's answer: jobs, cost and hold per currency, and per model the jobs without a published price.
 *
 * @typedef {object} BatchPlan
 * @property {number} jobs
 * @property {Record<string, { jobs: number, cost: string, hold: string }>} priced
 * @property {Record<string, number>} unpriced
 * @property {string | null} budget
 */

/**
 * One problem of one batch request.
 *
 * @typedef {object} BatchProblem
 * @property {number} line
 * @property {string} path A JSON pointer into the request (`/seconds`), `/id` for the id, empty for the whole
 *   item.
 * @property {string} code
 * @property {string} message
 */


// The native module's answers are untyped (`Record<string, unknown>` in native.d.ts); these converters are
// where they take the shapes above.

/**
 * `{ USD: '0.40' }` as the core writes it: amounts stay decimal strings.
 * @param {any} map
 * @returns {Record<string, string>}
 */
const amounts = (map) => ({ ...map })

/**
 * @param {any} progress
 * @returns {BatchProgress}
 */
function batchProgress(progress) {
  return {
    total: progress.total,
    done: progress.done,
    running: progress.running,
    succeeded: progress.succeeded,
    failed: progress.failed,
    skippedBudget: progress.skipped_budget,
    invalid: progress.invalid,
    spent: amounts(progress.spent),
    budget: progress.budget,
  }
}

/**
 * @param {any} answer
 * @returns {BatchReport}
 */
function batchReport({ summary, report }) {
  return {
    jobs: report.jobs.map((job) => ({
      line: job.line,
      id: job.id,
      status: job.status,
      operation: job.operation,
      cost: job.cost,
      currency: job.currency,
      files: job.files,
      error: job.error,
    })),
    totals: {
      succeeded: report.totals.succeeded,
      failed: report.totals.failed,
      skippedBudget: report.totals.skipped_budget,
      invalid: report.totals.invalid,
      charged: amounts(report.totals.charged),
    },
    total: summary.total,
    unfinished: summary.unfinished,
    cancelled: summary.cancelled,
    reportPath: summary.report,
    journalPath: summary.journal,
  }
}

/**
 * @param {any} answer
 * @returns {BatchPlan}
 */
function batchPlan({ plan }) {
  const priced = {}
  for (const [currency, totals] of Object.entries(plan.priced)) priced[currency] = { ...totals }
  return { jobs: plan.jobs, priced, unpriced: { ...plan.unpriced }, budget: plan.budget }
}

/** An array, or every item of an iterable or async iterable, in order. */
async function collect(requests) {
  if (Array.isArray(requests)) return requests
  if (requests == null || (typeof requests[Symbol.asyncIterator] !== 'function' && typeof requests[Symbol.iterator] !== 'function')) {
    throw new TypeError('`requests` must be an array, an iterable or an async iterable of requests')
  }
  const collected = []
  for await (const request of requests) collected.push(request)
  return collected
}

/**
 * `client.videos.batch` on the native client `client`.
 *
 * @param {any} client
 * @param {Iterable<BatchRequest> | AsyncIterable<BatchRequest>} requests
 * @param {BatchOptions} [options]
 * @returns {Promise<BatchPlan | BatchReport>}
 */
async function runBatch(client, requests, options = {}) {
  const { out, concurrency, budget, onProgress, signal, timeoutMs, lenient, dryRun } = options
  if (typeof out !== 'string' && !(out instanceof URL)) throw new TypeError('`out` (the output folder) is required: a path')
  if (budget != null && typeof budget !== 'string') {
    throw new TypeError(`\`budget\` must be a decimal string such as '12.50' (numbers cannot hold most amounts exactly), got ${typeof budget}`)
  }
  if (onProgress != null && typeof onProgress !== 'function') throw new TypeError('`onProgress` must be a function')
  const items = await collect(requests)
  if (signal?.aborted) throw new CancelledError('cancelled', { cause: signal.reason })
  const call = stoppable(signal, onProgress && ((state) => onProgress(batchProgress(state))))
  const nativeOptions = {
    out: out instanceof URL ? fileURLToPath(out) : out,
    concurrency,
    budget,
    timeoutMs,
    lenient,
    dryRun,
  }
  let answer
  try {
    answer = await client.batch(items, nativeOptions, call.progress, call.cancellation)
  } catch (error) {
    throw fromNative(error)
  } finally {
    call.release()
  }
  const thrown = call.thrown()
  if (thrown) throw thrown.error
  if (signal?.aborted && answer.summary?.cancelled) {
    throw new CancelledError('the batch was cancelled; run the same batch again to resume', { cause: signal.reason })
  }
  return dryRun ? batchPlan(answer) : batchReport(answer)
}

module.exports = { runBatch }
