// Starts the local emulator in-process for a test, through the package's own `omixa/testing` entry (a
// self-reference, so the `exports` map is exercised too), with the key the tests check never leaks.

import { Emulator } from 'omixa/testing'

export const API_KEY = 'omixa-node-test-key'

/**
 * Starts an emulator with `Emulator.start` options (e.g. `{ faults: { jobFailureRate: 1 } }`; jobs take no
 * time unless `jobSeconds` is given). Resolves to the `Emulator`; `stop()` ends it.
 */
export function startEmulator(options = {}) {
  return Emulator.start({ apiKey: API_KEY, ...options })
}
