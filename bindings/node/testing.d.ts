// Generated from the JSDoc of testing.js by `npm run types` (scripts/types.js): do not edit; edit the JSDoc
// and regenerate. `bash scripts/test.sh` fails while a committed declaration differs from its source.

/**
 * What goes wrong, and how often. Counts (`*Every`) number the job requests (creates and status polls) from
 * 1; request n gets the first fault whose count divides it. Null or left out: off.
 */
export type FaultOptions = {
    /**
     * Answer 429 with `Retry-After: retryAfterSeconds`; the request is
     * not acted on.
     */
    rateLimitEvery?: number | null | undefined;
    /**
     * The `Retry-After` of an injected 429, in seconds. Default: 1.
     */
    retryAfterSeconds?: number | null | undefined;
    /**
     * Answer 500; not acted on.
     */
    failEvery?: number | null | undefined;
    /**
     * Act on the request (a create makes its job), then cut the connection
     * halfway through the answer.
     */
    dropEvery?: number | null | undefined;
    /**
     * Act on the request, then answer 200 with the JSON body cut in
     * half.
     */
    malformedEvery?: number | null | undefined;
    /**
     * Delay every request before it is handled, in milliseconds.
     */
    latencyMs?: number | null | undefined;
    /**
     * Delay every response after the request was handled, in
     * milliseconds.
     */
    answerLatencyMs?: number | null | undefined;
    /**
     * Probability (0 to 1) that a job fails after it started; its hold
     * is released.
     */
    jobFailureRate?: number | null | undefined;
    /**
     * Probability (0 to 1) that a provider account's route fails;
     * the next account takes the job.
     */
    routeFailureRate?: number | null | undefined;
};
/**
 * The faults in force: every field present.
 */
export type Faults = {
    rateLimitEvery: number | null;
    retryAfterSeconds: number;
    failEvery: number | null;
    dropEvery: number | null;
    malformedEvery: number | null;
    latencyMs: number;
    answerLatencyMs: number;
    jobFailureRate: number;
    routeFailureRate: number;
};
export type EmulatorOptions = {
    /**
     * How long each job runs, in seconds. Default: 0 (final at the first poll).
     */
    jobSeconds?: number | undefined;
    /**
     * When given, each job runs a random time from `jobSeconds` to this.
     */
    jobSecondsMax?: number | undefined;
    /**
     * The faults it starts with.
     */
    faults?: FaultOptions | undefined;
    /**
     * Fixes every random choice (operation ids, failed routes and jobs), so a run can be
     * repeated.
     */
    seed?: number | undefined;
    /**
     * The key clients must send. Default: a generated one.
     */
    apiKey?: string | undefined;
    /**
     * Simulated provider accounts, 1 to 64. Default: 3.
     */
    accounts?: number | undefined;
    /**
     * Serve the live dashboard at `/` (jobs, ledger, faults, videos). Default:
     * false.
     */
    dashboard?: boolean | undefined;
    /**
     * A `Catalog` from `loadCatalog`, or a catalog folder, whose models it
     * serves too. Default: `OMIXA_CATALOG`'s.
     */
    catalog?: string | Catalog | undefined;
};
/**
 * One line of the ledger.
 */
export type UsageRecord = {
    /**
     * Position in the ledger, from 1.
     */
    seq: number;
    /**
     * `hold` at create; then `charge` when the job succeeded, or
     * `release` when it failed.
     */
    kind: "hold" | "charge" | "release";
    operation: string;
    model: string;
    /**
     * The simulated provider account that ran the job, if any did.
     */
    account: string | null;
    /**
     * An exact decimal, e.g. `"0.40"`.
     */
    amount: string;
    /**
     * Null for a model without a published price (held and charged 0).
     */
    currency: string | null;
    note: string | null;
};
export type Usage = {
    /**
     * Every record, oldest first.
     */
    records: UsageRecord[];
    /**
     * Creates that made a job (a replay of an `Idempotency-Key` makes none).
     */
    creates: number;
    /**
     * Creates answered with the job an earlier create of the same
     * `Idempotency-Key` made.
     */
    idempotentReplays: number;
};
/** An emulator of the Omixa gateway, in this process, on a free loopback port. */
export class Emulator {
    /**
     * Starts an emulator. Options: `jobSeconds` (default 0: jobs are final at the first poll),
     * `jobSecondsMax`, `faults` (see `setFaults`), `seed` (repeat a run), `apiKey`, `accounts`, `dashboard`
     * (serve the live page at `/`), `catalog` (a `Catalog` from `loadCatalog` or a catalog folder whose models
     * it serves too; default `OMIXA_CATALOG`'s).
     *
     * @param {EmulatorOptions} [options]
     * @returns {Promise<Emulator>}
     * @throws {RangeError} naming a setting out of range.
     */
    static start(options?: EmulatorOptions): Promise<Emulator>;
    /**
     * Use `await Emulator.start(options)`.
     * @private
     * @param {import('./native.js').NativeEmulator} nativeEmulator
     */
    private constructor();
    /**
     * `http://127.0.0.1:<port>`.
     * @returns {string}
     */
    get baseUrl(): string;
    /**
     * The key clients must send.
     * @returns {string}
     */
    get apiKey(): string;
    /**
     * A `Client` pointed at this emulator; `options` are `Client`'s (`maxRetries`, `timeoutMs`...).
     * @param {Omit<ClientOptions, 'apiKey' | 'baseUrl'>} [options]
     * @returns {Client}
     */
    client(options?: Omit<ClientOptions, "apiKey" | "baseUrl">): Client;
    /**
     * `OMIXA_BASE_URL` and `OMIXA_API_KEY` for this emulator, for code that builds `new Client()` itself.
     * @returns {{ OMIXA_BASE_URL: string, OMIXA_API_KEY: string }}
     */
    environment(): {
        OMIXA_BASE_URL: string;
        OMIXA_API_KEY: string;
    };
    /**
     * The faults in force, every field present (null for a fault that is off).
     * @returns {Faults}
     */
    get faults(): Faults;
    /**
     * Changes some faults from the next request on, keeping the others; `null` turns one off. Counts
     * (`rateLimitEvery`, `failEvery`, `dropEvery`, `malformedEvery`) number the job requests from 1.
     * Returns the faults now in force.
     *
     * @param {FaultOptions} changes
     * @returns {Faults}
     */
    setFaults(changes: FaultOptions): Faults;
    /**
     * Job requests (creates and status polls) served so far, faulted ones included: the count the `*Every`
     * faults divide. A test reads it to see that a client retried.
     *
     * @returns {number}
     */
    get jobRequests(): number;
    /**
     * The ledger: `{ records, creates, idempotentReplays }`, each record
     * `{ seq, kind, operation, model, account, amount, currency, note }` with `amount` a decimal string.
     *
     * @returns {Promise<Usage>}
     */
    usage(): Promise<Usage>;
    /**
     * Stops accepting connections and resolves once open ones are done. Stopping twice does nothing.
     * @returns {Promise<void>}
     */
    stop(): Promise<void>;
    #private;
}
import type { Catalog } from './index.js';
import type { ClientOptions } from './index.js';
import { Client } from "./index.js";
