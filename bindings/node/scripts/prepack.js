'use strict'

// `npm pack` and `npm publish` of the main package (`npm ci && npm pack`).
//
// The main package carries JavaScript and types only; each platform's native module ships in its own package,
// `npm/<platform>/` (see README.md, "Releasing"). So packing builds nothing: it copies the catalog types
// generated from spec/ beside index.d.ts. It first checks that the dev tools of package-lock.json are installed,
// because `npm publish` goes on to `napi prepublish` (@napi-rs/cli), and stops with one line if they are not.

const fs = require('node:fs')
const path = require('node:path')
const { copyGeneratedTypes } = require('./install.js')

const PACKAGE_DIR = path.resolve(__dirname, '..')

if (!fs.existsSync(path.join(PACKAGE_DIR, 'node_modules', '@napi-rs', 'cli', 'package.json'))) {
  console.error('omixa: the dev tools are not installed; run `npm ci` in bindings/node first, then `npm pack`.')
  process.exit(1)
}
copyGeneratedTypes()
