// Generated from the JSDoc of call.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

/**
 * `call()`'s result; what it throws, as the package's error class.
 * @template T
 * @param {() => T} call
 * @returns {T}
 */
export function callNative<T>(call: () => T): T;
/**
 * Reports a field lenient mode dropped as a `DroppedFieldWarning`.
 * @param {import('./native.js').Issue} issue
 */
export function emitDropped(issue: import("./native.js").Issue): void;
