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
export function stoppable<A extends unknown[]>(signal: AbortSignal | undefined, onProgress: ((...args: A) => void) | undefined | null): {
    cancellation: native.Cancellation;
    progress: ((...args: any[]) => void) | undefined;
    thrown: () => {
        error: unknown;
    } | null;
    release: () => void | undefined;
};
import native = require("./native.js");
