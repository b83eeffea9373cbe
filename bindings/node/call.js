'use strict'

// How the JavaScript layer calls the native module: what a call throws becomes the package's error class
// (`errors.js`), a field lenient mode dropped becomes a process warning, and a long call (a wait, a batch)
// is cancelled by an `AbortSignal` or by its progress callback throwing. Shared by index.js, catalog.js,
// client.js and batch.js; not part of the API.

const native = require('./native.js')
const { fromNative } = require('./errors.js')

/**
 * `call()`'s result; what it throws, as the package's error class.
 * @template T
 * @param {() => T} call
 * @returns {T}
 */
function callNative(call) {
  try {
    return call()
  } catch (error) {
    throw fromNative(error)
  }
}

/**
 * Reports a field lenient mode dropped as a `DroppedFieldWarning`.
 * @param {import('./native.js').Issue} issue
 */
function emitDropped(issue) {
  process.emitWarning(issue.message, { type: 'DroppedFieldWarning', code: 'OMIXA_DROPPED_FIELD', detail: issue.path })
}

/**
 * What a long native call (a wait, a batch) is given to be stopped: a native cancellation that aborting
 * `signal` sets, and the progress callback to pass (none without `onProgress`). When `onProgress` throws, the
 * call is cancelled, and `thrown()` holds what it threw, to rethrow in place of the cancellation. `release()`
 * stops listening to `signal` once the call is over.
 *
 * @template {unknown[]} A
 * @param {AbortSignal | undefined} signal
 * @param {((...args: A) => void) | undefined | null} onProgress
 */
function stoppable(signal, onProgress) {
  const cancellation = new native.Cancellation()
  /** @type {{ error: unknown } | null} */
  let thrown = null
  const progress =
    onProgress &&
    /** @param {A} args */
    ((...args) => {
      try {
        onProgress(...args)
      } catch (error) {
        thrown ??= { error }
        cancellation.cancel()
      }
    })
  const abort = () => cancellation.cancel()
  signal?.addEventListener('abort', abort, { once: true })
  return {
    cancellation,
    progress: progress || undefined,
    thrown: () => thrown,
    release: () => signal?.removeEventListener('abort', abort),
  }
}

module.exports = { callNative, emitDropped, stoppable }
