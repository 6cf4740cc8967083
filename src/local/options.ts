/**
 * Options of the local e6data-compatible engine and their defaults (protocol.md §13).
 *
 * @module
 */

import { parseStringEscape, type StringEscapeMode } from '../sql/index.js'
import type { StrategyColour } from '../wire/index.js'
import type { LocalDataSpec } from './data-sources.js'

/** One account the engine accepts (`user` = e-mail, `password` = access token). */
export interface LocalEngineUser {
  readonly user: string
  readonly password: string
}

/** TLS material (PEM) for a TLS listener. */
export interface LocalEngineTls {
  /** Server certificate (PEM). */
  readonly cert: string | Uint8Array
  /** Server private key (PEM). */
  readonly key: string | Uint8Array
  /**
   * CA certificate(s) (PEM) for client certificates. When set, the engine requires mutual TLS:
   * a client without a certificate signed by this CA fails the handshake.
   */
  readonly clientCa?: string | Uint8Array
}

/** Limits of open (prepared, not cleared) queries. */
export interface LocalEngineQueryLimits {
  /** Per session. Default 100. */
  readonly perSession?: number
  /** Across all sessions. Default 1000. */
  readonly global?: number
}

/** Log levels of {@link LocalEngineLogger}. */
export type LocalEngineLogLevel = 'debug' | 'info' | 'warn' | 'error'

/**
 * A log sink. Messages never contain passwords or session ids.
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * await startLocalEngine({ logger: (level, message, fields) => console.error(level, message, fields) })
 * ```
 */
export type LocalEngineLogger = (
  level: LocalEngineLogLevel,
  message: string,
  fields?: Readonly<Record<string, unknown>>,
) => void

/**
 * Options of {@link startLocalEngine}; every field is optional.
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * const engine = await startLocalEngine({ port: 0, bigTableRows: 20_000, data: ['sales=./lake/sales'] })
 * ```
 */
export interface LocalEngineOptions {
  /** Loopback address to listen on (`127.0.0.1`, `::1` or `localhost`). Default `127.0.0.1`. */
  readonly host?: string
  /** TCP port; `0` picks a free port. Default `0`. */
  readonly port?: number
  /** Accepted accounts. Default `[{ user: 'demo@e6data.local', password: 'local-token' }]`. */
  readonly users?: readonly LocalEngineUser[]
  /** DuckDB database: `':memory:'` (default) or a file path. */
  readonly database?: string
  /** Create the built-in sample catalog `local.demo` (default `true`). */
  readonly sampleData?: boolean
  /**
   * Your own data, read in place: Parquet/CSV/JSON files, directories and globs become tables of
   * catalog `local`, DuckDB database files are attached read-only as catalogs. Each entry is
   * `'[name=]path'` or `{ name?, path }`; see "Your own data" in the README for the naming rule.
   */
  readonly data?: readonly LocalDataSpec[]
  /** Rows of the big `events` sample table (default 1 000 000). */
  readonly bigTableRows?: number
  /** Serve TLS instead of plaintext. */
  readonly tls?: LocalEngineTls
  /** Rows per result batch (default 10 000). */
  readonly batchSize?: number
  /** Upper bound of one encoded batch in bytes; larger batches are split (default 4 MiB − 64 KiB). */
  readonly maxBatchBytes?: number
  /** Idle time after which a session expires (default 30 min). */
  readonly sessionTtlMs?: number
  /** Initially active colour (default `'blue'`). */
  readonly strategy?: StrategyColour
  /** Time a resume stays in `resuming` (default 2 000 ms). */
  readonly resumeDelayMs?: number
  /** Emit constant vectors for columns whose batch values are all equal (default `true`). */
  readonly constantVectors?: boolean
  /**
   * Serve rows while DuckDB produces them (default `false`). By default execute runs each query
   * to completion, as e6data does: the metadata row count is the total and `status` is done when
   * execute returns; results larger than one batch are held in a DuckDB temp table that spills to
   * {@link LocalEngineOptions.tempDirectory}. Streaming skips that copy for giant results, but
   * then execute returns after the first batch and row count / status only count the rows
   * produced so far.
   */
  readonly streamResults?: boolean
  /** DuckDB `memory_limit`, e.g. `'2GB'` (default DuckDB's: 80% of RAM); held results spill beyond it. */
  readonly memoryLimit?: string
  /**
   * Directory DuckDB spills to (default: a fresh directory under the OS temp directory, removed
   * when the engine closes).
   */
  readonly tempDirectory?: string
  /** String-literal escape rule (default `'backslash'`, the e6 rule). */
  readonly stringEscape?: StringEscapeMode
  /**
   * Session time zone (IANA name, default `'UTC'`; never the host's zone): DuckDB's `TimeZone`
   * for TIMESTAMPTZ arithmetic and casts, and the zone of every TIMESTAMP_TZ value sent.
   */
  readonly timeZone?: string
  /** Open-query limits. */
  readonly maxOpenQueries?: LocalEngineQueryLimits
  /** Open queries untouched for this long are freed (default 10 min). */
  readonly queryIdleTimeoutMs?: number
  /** Require the `plannerip` header of per-query calls to equal the query's engineIP (default `false`). */
  readonly strictPlannerIp?: boolean
  /** Send `engineIP` in AuthenticateResponse (default `false`). */
  readonly engineIpInAuth?: boolean
  /**
   * Refuse (FAILED_PRECONDITION) a `getNextResultBatch` for a query whose `getResultMetadata` was
   * not answered yet (default `false`: served). For testing a client's fallback to the reference
   * order (metadata first), as an engine that needs the metadata read first would answer.
   */
  readonly refuseEarlyBatches?: boolean
  /** Largest accepted request message in bytes (default 64 MiB). */
  readonly maxRequestBytes?: number
  /** Log sink (default: silent). */
  readonly logger?: LocalEngineLogger
}

export interface ResolvedLocalEngineOptions {
  readonly host: string
  readonly port: number
  readonly users: readonly LocalEngineUser[]
  readonly database: string
  readonly sampleData: boolean
  readonly data: readonly LocalDataSpec[]
  readonly bigTableRows: number
  readonly tls: LocalEngineTls | undefined
  readonly batchSize: number
  readonly maxBatchBytes: number
  readonly sessionTtlMs: number
  readonly strategy: StrategyColour
  readonly resumeDelayMs: number
  readonly constantVectors: boolean
  readonly streamResults: boolean
  readonly memoryLimit: string | undefined
  readonly tempDirectory: string | undefined
  readonly stringEscape: StringEscapeMode
  readonly timeZone: string
  readonly maxOpenQueries: Required<LocalEngineQueryLimits>
  readonly queryIdleTimeoutMs: number
  readonly strictPlannerIp: boolean
  readonly engineIpInAuth: boolean
  readonly refuseEarlyBatches: boolean
  readonly maxRequestBytes: number
  readonly logger: LocalEngineLogger
}

/** The default account: `demo@e6data.local` / `local-token`. */
export const DEFAULT_LOCAL_USER: LocalEngineUser = Object.freeze({
  user: 'demo@e6data.local',
  password: 'local-token',
})

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '[::1]'])

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

function positiveInt(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`local engine option ${name} must be an integer >= ${min}, got ${value}`)
  }
  return value
}

const silentLogger: LocalEngineLogger = () => {}

export function resolveLocalEngineOptions(
  options: LocalEngineOptions = {},
): ResolvedLocalEngineOptions {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host)) {
    throw new RangeError(
      `the local engine only listens on loopback addresses (127.0.0.1, ::1, localhost), got ${JSON.stringify(host)}`,
    )
  }
  const port = positiveInt('port', options.port, 0, 0)
  if (port > 65535) throw new RangeError(`local engine option port must be <= 65535, got ${port}`)
  const users = (options.users ?? [DEFAULT_LOCAL_USER]).map((u) => {
    if (typeof u.user !== 'string' || typeof u.password !== 'string' || u.user === '') {
      throw new TypeError('local engine users need a non-empty user and a password string')
    }
    return Object.freeze({ user: u.user, password: u.password })
  })
  if (users.length === 0) throw new RangeError('local engine option users must not be empty')
  const strategy = options.strategy ?? 'blue'
  if (strategy !== 'blue' && strategy !== 'green') {
    throw new RangeError(`local engine option strategy must be 'blue' or 'green'`)
  }
  const stringEscape = parseStringEscape(options.stringEscape, 'backslash')
  const timeZone = options.timeZone ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
  } catch {
    throw new RangeError(
      `local engine option timeZone must be an IANA time zone name such as 'UTC' or 'Europe/Berlin', got ${JSON.stringify(timeZone)}`,
    )
  }
  const tls = options.tls
    ? Object.freeze({
        cert: options.tls.cert,
        key: options.tls.key,
        clientCa: options.tls.clientCa,
      })
    : undefined
  return Object.freeze({
    host: host === '[::1]' ? '::1' : host,
    port,
    users: Object.freeze(users),
    database: options.database ?? ':memory:',
    sampleData: options.sampleData ?? true,
    data: Object.freeze(
      (options.data ?? []).map((d) =>
        typeof d === 'string' ? d : Object.freeze({ path: d.path, name: d.name }),
      ),
    ),
    bigTableRows: positiveInt('bigTableRows', options.bigTableRows, 1_000_000, 0),
    tls,
    batchSize: positiveInt('batchSize', options.batchSize, 10_000),
    maxBatchBytes: positiveInt('maxBatchBytes', options.maxBatchBytes, 4 * 1024 * 1024 - 65_536),
    sessionTtlMs: positiveInt('sessionTtlMs', options.sessionTtlMs, 30 * 60_000),
    strategy,
    resumeDelayMs: positiveInt('resumeDelayMs', options.resumeDelayMs, 2_000, 0),
    constantVectors: options.constantVectors ?? true,
    streamResults: options.streamResults ?? false,
    memoryLimit: options.memoryLimit,
    tempDirectory: options.tempDirectory,
    stringEscape,
    timeZone,
    maxOpenQueries: Object.freeze({
      perSession: positiveInt('maxOpenQueries.perSession', options.maxOpenQueries?.perSession, 100),
      global: positiveInt('maxOpenQueries.global', options.maxOpenQueries?.global, 1_000),
    }),
    queryIdleTimeoutMs: positiveInt('queryIdleTimeoutMs', options.queryIdleTimeoutMs, 10 * 60_000),
    strictPlannerIp: options.strictPlannerIp ?? false,
    engineIpInAuth: options.engineIpInAuth ?? false,
    refuseEarlyBatches: options.refuseEarlyBatches ?? false,
    maxRequestBytes: positiveInt('maxRequestBytes', options.maxRequestBytes, 64 * 1024 * 1024),
    logger: options.logger ?? silentLogger,
  })
}
