// `omixa/testing`: a local Omixa emulator, in-process, for the tests of programs built on omixa.

import type { Catalog, Client, ClientOptions } from './index'

/**
 * What goes wrong, and how often. Counts (`*Every`) number the job requests (creates and status polls) from
 * 1; request n gets the first fault whose count divides it. Null or left out: off.
 */
export interface FaultOptions {
  /** Answer 429 with `Retry-After: retryAfterSeconds`; the request is not acted on. */
  rateLimitEvery?: number | null
  /** The `Retry-After` of an injected 429, in seconds. Default: 1. */
  retryAfterSeconds?: number | null
  /** Answer 500; not acted on. */
  failEvery?: number | null
  /** Act on the request (a create makes its job), then cut the connection halfway through the answer. */
  dropEvery?: number | null
  /** Act on the request, then answer 200 with the JSON body cut in half. */
  malformedEvery?: number | null
  /** Delay every request before it is handled, in milliseconds. */
  latencyMs?: number | null
  /** Delay every response after the request was handled, in milliseconds. */
  answerLatencyMs?: number | null
  /** Probability (0 to 1) that a job fails after it started; its hold is released. */
  jobFailureRate?: number | null
  /** Probability (0 to 1) that a provider account's route fails; the next account takes the job. */
  routeFailureRate?: number | null
}

/** The faults in force: every field present. */
export interface Faults {
  rateLimitEvery: number | null
  retryAfterSeconds: number
  failEvery: number | null
  dropEvery: number | null
  malformedEvery: number | null
  latencyMs: number
  answerLatencyMs: number
  jobFailureRate: number
  routeFailureRate: number
}

export interface EmulatorOptions {
  /** How long each job runs, in seconds. Default: 0 (final at the first poll). */
  jobSeconds?: number
  /** When given, each job runs a random time from `jobSeconds` to this. */
  jobSecondsMax?: number
  /** The faults it starts with. */
  faults?: FaultOptions
  /** Fixes every random choice (operation ids, failed routes and jobs), so a run can be repeated. */
  seed?: number
  /** The key clients must send. Default: a generated one. */
  apiKey?: string
  /** Simulated provider accounts, 1 to 64. Default: 3. */
  accounts?: number
  /** Serve the live dashboard at `/` (jobs, ledger, faults, videos). Default: false. */
  dashboard?: boolean
  /** A `Catalog` from `loadCatalog`, or a catalog folder, whose models it serves too. Default: `OMIXA_CATALOG`'s. */
  catalog?: Catalog | string
}

/** One line of the ledger. */
export interface UsageRecord {
  /** Position in the ledger, from 1. */
  seq: number
  /** `hold` at create; then `charge` when the job succeeded, or `release` when it failed. */
  kind: 'hold' | 'charge' | 'release'
  operation: string
  model: string
  /** The simulated provider account that ran the job, if any did. */
  account: string | null
  /** An exact decimal, e.g. `"0.40"`. */
  amount: string
  /** Null for a model without a published price (held and charged 0). */
  currency: string | null
  note: string | null
}

export interface Usage {
  /** Every record, oldest first. */
  records: UsageRecord[]
  /** Creates that made a job (a replay of an `Idempotency-Key` makes none). */
  creates: number
  /** Creates answered with the job an earlier create of the same `Idempotency-Key` made. */
  idempotentReplays: number
}

export declare class Emulator {
  /** Use `Emulator.start`. */
  private constructor()
  /** Starts an emulator on a free loopback port. A setting out of range rejects with a `RangeError` naming it. */
  static start(options?: EmulatorOptions): Promise<Emulator>
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string
  /** The key clients must send. */
  readonly apiKey: string
  /** The faults in force. */
  readonly faults: Faults
  /** A `Client` pointed at this emulator. */
  client(options?: Omit<ClientOptions, 'apiKey' | 'baseUrl'>): Client
  /** `OMIXA_BASE_URL` and `OMIXA_API_KEY` for this emulator. */
  environment(): { OMIXA_BASE_URL: string; OMIXA_API_KEY: string }
  /** Changes some faults from the next request on, keeping the others; `null` turns one off. */
  setFaults(changes: FaultOptions): Faults
  /** Job requests (creates and status polls) served so far, faulted ones included. */
  readonly jobRequests: number
  /** The ledger (jobs whose time has come are settled first). */
  usage(): Promise<Usage>
  /** Stops accepting connections and resolves once open ones are done. */
  stop(): Promise<void>
}
