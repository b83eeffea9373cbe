// The ES module entry of `omixa/testing`: the same class as the CommonJS entry.
import testing from './testing.js'

export const { Emulator } = testing
