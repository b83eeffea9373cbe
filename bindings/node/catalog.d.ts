// Generated from the JSDoc of catalog.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

export type ModelInfo = import("./native.js").ModelInfo;
export type NormalizedRequest = import("./native.js").NormalizedRequest;
export type ValidateOptions = import("./native.js").ValidateOptions;
export type Estimate = import("./native.js").PricedEstimate | import("./native.js").UnpricedEstimate;
/**
 * The built-in models plus those of a catalog folder laid out like the SDK's `spec/` (`models/`, optionally
 * `fields/` and `endpoints/`). Its models validate, estimate and create like built-in ones; the TypeScript
 * types do not know them (`VideoRequest` and `ModelId` are generated from the built-in catalog).
 *
 * @param {string} folder
 * @returns {Catalog}
 * @throws {ConfigurationError} listing every problem as `file:line:col: message`.
 */
export function loadCatalog(folder: string): Catalog;
/**
 * Built-in models plus those of a catalog folder (`loadCatalog`): `validate`, `estimate` and `models` against
 * its models. The folder's models are not in `VideoRequest` or `ModelId`: these types are generated from the
 * built-in catalog.
 */
export class Catalog {
    /**
     * Use `loadCatalog(folder)`.
     * @private
     * @param {string} folder
     * @param {import('./native.js').NativeCatalog} nativeCatalog
     */
    private constructor();
    /**
     * The folder it was loaded from.
     * @readonly @type {string}
     */
    readonly folder: string;
    /**
     * As `validate`, against this catalog's models.
     * @param {Record<string, unknown>} request
     * @param {ValidateOptions} [options]
     * @returns {NormalizedRequest}
     */
    validate(request: Record<string, unknown>, options?: ValidateOptions): NormalizedRequest;
    /**
     * As `estimate`, against this catalog's models.
     * @param {Record<string, unknown>} request
     * @param {ValidateOptions} [options]
     * @returns {Estimate}
     */
    estimate(request: Record<string, unknown>, options?: ValidateOptions): Estimate;
    /**
     * Every model of this catalog, in id order.
     * @returns {Array<Omit<ModelInfo, 'id'> & { id: string }>}
     */
    models(): Array<Omit<ModelInfo, "id"> & {
        id: string;
    }>;
    #private;
}
