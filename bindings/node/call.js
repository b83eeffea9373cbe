'use strict'

// How the JavaScript layer calls the native module: what a call throws becomes the package's error class
// (`errors.js`), and a field lenient mode dropped becomes a process warning. Shared by index.js, catalog.js
// and client.js; not part of the API.

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

module.exports = { callNative, emitDropped }
