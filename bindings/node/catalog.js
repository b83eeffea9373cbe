'use strict'

// `loadCatalog` and `Catalog`: the built-in models plus those of a catalog folder, validated, estimated and
// listed by the native module's catalog.

/** @typedef {import('./native.js').ModelInfo} ModelInfo */
/** @typedef {import('./native.js').NormalizedRequest} NormalizedRequest */
/** @typedef {import('./native.js').ValidateOptions} ValidateOptions */
/** @typedef {import('./native.js').PricedEstimate | import('./native.js').UnpricedEstimate} Estimate */

const native = require('./native.js')
const { callNative, emitDropped } = require('./call.js')

/**
 * The built-in models plus those of a catalog folder laid out like the SDK's `spec/` (`models/`, optionally
 * `fields/` and `endpoints/`). Its models validate, estimate and create like built-in ones; the TypeScript
 * types do not know them (`VideoRequest` and `ModelId` are generated from the built-in catalog).
 *
 * @param {string} folder
 * @returns {Catalog}
 * @throws {ConfigurationError} listing every problem as `file:line:col: message`.
 */
function loadCatalog(folder) {
  return new Catalog(String(folder), callNative(() => native.loadCatalog(String(folder))))
}

/**
 * Built-in models plus those of a catalog folder (`loadCatalog`): `validate`, `estimate` and `models` against
 * its models. The folder's models are not in `VideoRequest` or `ModelId`: these types are generated from the
 * built-in catalog.
 */
class Catalog {
  #native

  /**
   * The folder it was loaded from.
   * @readonly @type {string}
   */
  folder

  /**
   * Use `loadCatalog(folder)`.
   * @private
   * @param {string} folder
   * @param {import('./native.js').NativeCatalog} nativeCatalog
   */
  constructor(folder, nativeCatalog) {
    this.folder = folder
    this.#native = nativeCatalog
  }

  /**
   * As `validate`, against this catalog's models.
   * @param {Record<string, unknown>} request
   * @param {ValidateOptions} [options]
   * @returns {NormalizedRequest}
   */
  validate(request, options) {
    const lenient = options?.lenient === true
    return callNative(() => this.#native.validate(request, lenient, lenient ? emitDropped : undefined))
  }

  /**
   * As `estimate`, against this catalog's models.
   * @param {Record<string, unknown>} request
   * @param {ValidateOptions} [options]
   * @returns {Estimate}
   */
  estimate(request, options) {
    const lenient = options?.lenient === true
    return callNative(() => this.#native.estimate(request, lenient, lenient ? emitDropped : undefined))
  }

  /**
   * Every model of this catalog, in id order.
   * @returns {Array<Omit<ModelInfo, 'id'> & { id: string }>}
   */
  models() {
    return callNative(() => this.#native.models())
  }
}

module.exports = { loadCatalog, Catalog }
