// `client.videos.batch`: converts the arguments (requests drained from any iterable, options, an
// AbortSignal into a native cancellation) and the answer (snake_case fields of the core's report, progress and
// plan into the package's camelCase objects). The batch itself is the core's engine, in the native module.

'use strict'

const { fileURLToPath } = require('node:url')


/** `{ USD: '0.40' }` as the core writes it: amounts stay decimal strings. */
const amounts = (map) => ({ ...map })

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

/** `client.videos.batch` on the native client `client`. */
async function runBatch(client, requests, options = {}) {
  const { out, concurrency, budget, onProgress, signal, timeoutMs, lenient, dryRun } = options
  if (typeof out !== 'string' && !(out instanceof URL)) throw new TypeError('`out` (the output folder) is required: a path')
  if (budget != null && typeof budget !== 'string') {
    throw new TypeError(`\`budget\` must be a decimal string such as '12.50' (numbers cannot hold most amounts exactly), got ${typeof budget}`)
  }
  if (onProgress != null && typeof onProgress !== 'function') throw new TypeError('`onProgress` must be a function')
  const items = await collect(requests)
  if (signal?.aborted) throw new CancelledError('cancelled', { cause: signal.reason })
  const cancellation = new native.Cancellation()
  let thrown = null
  const progress =
    onProgress &&
    ((state) => {
      try {
        onProgress(batchProgress(state))
      } catch (error) {
        thrown ??= { error }
        cancellation.cancel()
      }
    })
  const abort = () => cancellation.cancel()
  signal?.addEventListener('abort', abort, { once: true })
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
    answer = await client.batch(items, nativeOptions, progress, cancellation)
  } catch (error) {
    throw fromNative(error)
  } finally {
    signal?.removeEventListener('abort', abort)
  }
  if (thrown) throw thrown.error
  if (signal?.aborted && answer.summary?.cancelled) {
    throw new CancelledError('the batch was cancelled; run the same batch again to resume', { cause: signal.reason })
  }
  return dryRun ? batchPlan(answer) : batchReport(answer)
}

/** The batch runner, given what it needs from `index.js`: the native module, its error map, `CancelledError`. */
module.exports = function batchRunner(dependencies) {
  ({ native, fromNative, CancelledError } = dependencies)
  return runBatch
}

let native
let fromNative
let CancelledError
