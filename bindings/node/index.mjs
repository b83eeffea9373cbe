// The ES module entry: the same objects as the CommonJS entry (one copy of each class, so `instanceof` holds
// whichever way a program loads omixa). Node reads index.js's named exports from its `module.exports = {...}`
// statement, so `export *` re-exports every one of them without a second list here.
export * from './index.js'
export { default } from './index.js'
