'use strict'

// `npm pack` and `npm publish` of the main package (`npm ci && npm pack`).
//
// The main package carries JavaScript and types only; each platform's native module ships in its own package,
// `npm/<platform>/` (see README.md, "Install"). So packing builds nothing: it copies the catalog types
// generated from spec/ beside index.d.ts. It first checks that the dev tools of package-lock.json are installed,
// because `npm publish` goes on to `napi prepublish` (@napi-rs/cli), and stops with one line if they are not.

const { copyGeneratedTypes, napiCli } = require('./install.js')

napiCli()
copyGeneratedTypes()
