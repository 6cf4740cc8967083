import { isIPv6 } from 'node:net'
import type { ChannelOptions } from '@grpc/grpc-js'
import { InvalidArgumentError } from '../errors.js'
import { parseStringEscape, type StringEscapeOption } from '../sql/index.js'
import {
  type ResolvedValueMapping,
  resolveValueMapping,
  type ValueMappingOptions,
} from '../wire/index.js'
import { MAX_TIMER_MS } from './linked-abort.js'
import type { Logger } from './logger.js'
import type { TraceQueryText } from './query-text.js'
import type { RetryPolicy } from './retry-policy.js'
import { type StrategyCache, sharedStrategyCache } from './strategy-cache.js'
import type { TracerLike } from './tracer.js'

/** User name and access token. */
export interface Credentials {
  readonly username: string
  readonly password: string
}

/** TLS settings (`secure: {...}`), PEM strings or buffers. */
export interface TlsOptions {
  /** Root certificates to trust (default: the system roots). */
  readonly ca?: string | Uint8Array
  /** Client certificate chain (mTLS). */
  readonly cert?: string | Uint8Array
  /** Client private key (mTLS). */
  readonly key?: string | Uint8Array
  /** Name to verify the server certificate against. */
  readonly serverName?: string
}

/**
 * Limits of one attempt per kind of call, in ms (`0`/`Infinity`: none). Retries share
 * `retry.budgetMs`, and the query's `timeoutMs` caps everything.
 */
export interface Timeouts {
  /** Wait for the channel to connect when it is not connected (default 10 000). */
  readonly connectMs: number
  /** authenticate (default 10 000). */
  readonly authenticateMs: number
  /** prepareStatement(V2) (default 600 000). */
  readonly prepareMs: number
  /** status, explain, schema RPCs (default 60 000). */
  readonly rpcMs: number
  /** One ClusterService call (default 30 000). */
  readonly clusterMs: number
  /** After the caller left: the wait for an in-flight reply and cancel + clear (default 15 000). */
  readonly cleanupMs: number
}

/**
 * Reconnect pacing after the engine went away (grpc-js's defaults, 1 s growing to 120 s, suit a
 * service mesh, not a client waiting for its engine to restart).
 */
export interface ReconnectOptions {
  /** First reconnect delay (default 100 ms). */
  readonly initialDelayMs: number
  /** Cap of the growing delay (default 1 000 ms). */
  readonly maxDelayMs: number
}

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * const options: E6dataClientOptions = {
 *   host: 'e6data.example.com',
 *   port: 443,
 *   secure: true,
 *   username: 'me@example.com',
 *   password: process.env.E6_TOKEN!,
 *   catalog: 'glue',
 *   database: 'sales',
 *   clusterName: 'analytics',
 * }
 * ```
 */
export interface E6dataClientOptions extends ValueMappingOptions {
  /** Engine host name or IP. */
  readonly host: string
  /** Engine port (default 443 with `secure`, else 80). */
  readonly port?: number
  /** Account e-mail (with `password`), or use `credentials`. */
  readonly username?: string
  /** Access token from the e6data console. */
  readonly password?: string
  /** Called before every authenticate, so tokens can rotate. */
  readonly credentials?: () => Credentials | Promise<Credentials>
  /** Default catalog; when set, the V2 RPCs (with catalog) are used. */
  readonly catalog?: string
  /** Default schema (database). */
  readonly database?: string
  /** TLS: `true` for system roots, or explicit CA / client certificate / server name. */
  readonly secure?: boolean | TlsOptions
  /** Cluster name, sent lower-cased in the `cluster-name` header. */
  readonly clusterName?: string
  /** Limits of one attempt per kind of call. */
  readonly timeouts?: Partial<Timeouts>
  /** Reconnect pacing after the engine went away (default 100 ms growing to 1 s). */
  readonly reconnect?: Partial<ReconnectOptions>
  /** Maximum concurrent sessions (default 4). */
  readonly poolSize?: number
  /** The wait for a free session (default 30 000 ms; `0`/`Infinity`: no limit). */
  readonly acquireTimeoutMs?: number
  /** Retry and backoff settings. */
  readonly retry?: Partial<RetryPolicy>
  /** Resume a suspended cluster automatically (default true). */
  readonly autoResume?: boolean
  /** Budget of one auto-resume (default 300 000 ms). */
  readonly autoResumeTimeoutMs?: number
  /** Cluster status poll interval while resuming (default 5 000 ms). */
  readonly resumePollMs?: number
  /**
   * How string literals are escaped in SQL text (default `'auto'`: probed once per endpoint, only
   * when a value holds `'` or `\`). A named rule the engine does not follow is refused unsent.
   */
  readonly stringEscape?: StringEscapeOption
  /** Result batches fetched ahead of the consumer when streaming (default 1). */
  readonly prefetch?: number
  /**
   * Request the metadata and the first batch together, one round trip less (default true); an
   * engine that refuses gets the reference order from then on, with no error and nothing re-run.
   */
  readonly pipelining?: boolean
  /** Structural logger (console, pino, …). */
  readonly logger?: Logger
  /** Default: the global OpenTelemetry tracer, when one is registered; `false`: never trace. */
  readonly tracer?: TracerLike | false
  /** `db.query.text`: `'sanitized'` (default; literals → `?`), `'raw'` or `'off'`. */
  readonly traceQueryText?: TraceQueryText
  /** Blue/green strategy cache (default: the process-wide one). */
  readonly strategyCache?: StrategyCache
  /** grpc-js channel options merged over the driver's defaults. */
  readonly channelOptions?: ChannelOptions
}

export interface ResolvedClientOptions {
  readonly host: string
  readonly port: number
  readonly credentials: () => Credentials | Promise<Credentials>
  /** So that a static password is redacted. */
  readonly staticSecrets: readonly string[]
  readonly username: string | undefined
  readonly catalog: string
  readonly database: string
  readonly tls: TlsOptions | null
  readonly clusterName: string
  readonly timeouts: Timeouts
  readonly reconnect: ReconnectOptions
  readonly poolSize: number
  readonly acquireTimeoutMs: number
  readonly retry: RetryPolicy
  readonly autoResume: boolean
  readonly autoResumeTimeoutMs: number
  readonly resumePollMs: number
  readonly mapping: ResolvedValueMapping
  readonly stringEscape: StringEscapeOption
  readonly prefetch: number
  readonly pipelining: boolean
  readonly logger: Logger
  readonly tracer: TracerLike | false | undefined
  readonly traceQueryText: TraceQueryText
  readonly strategyCache: StrategyCache
  readonly channelOptions: ChannelOptions
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (value === null) return 'null'
  return typeof value
}

function invalid(option: string, rule: string, value: unknown): InvalidArgumentError {
  return new InvalidArgumentError(`option ${option} must be ${rule}, got ${shown(value)}`, option)
}

function integer(
  option: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      option,
      max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`,
      value,
    )
  }
  return value
}

/** A timeout: 1 … 2^31−1 ms, or `0`/`Infinity` for none (→ `Infinity`) when `none` is allowed. */
function timeout(option: string, value: unknown, fallback: number, none = true): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && none && (value === 0 || value === Number.POSITIVE_INFINITY))
    return Number.POSITIVE_INFINITY
  if (typeof value !== 'number' || Number.isNaN(value) || value < 1 || value > MAX_TIMER_MS) {
    throw invalid(
      option,
      `a number of milliseconds from 1 to ${MAX_TIMER_MS}${none ? ' (0 or Infinity: none)' : ''}`,
      value,
    )
  }
  return value
}

function delay(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > MAX_TIMER_MS) {
    throw invalid(option, `a number of milliseconds from 0 to ${MAX_TIMER_MS}`, value)
  }
  return value
}

function text(option: string, value: unknown): string {
  if (value === undefined) return ''
  if (typeof value !== 'string') throw invalid(option, 'a string', value)
  return value
}

function bool(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw invalid(option, 'true or false', value)
  return value
}

function object(option: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(option, 'an object', value)
  return value as Record<string, unknown>
}

function hostOption(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    throw invalid('host', 'a non-empty host name or IP address', value)
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value
  if (
    /[\s/@]/.test(value) ||
    (bare.includes(':') && !isIPv6(bare)) ||
    (bare !== value && !isIPv6(bare))
  ) {
    throw invalid(
      'host',
      'a host name or IP address without scheme or port (set the port with option port)',
      value,
    )
  }
  return value
}

function traceQueryText(value: TraceQueryText | undefined): TraceQueryText {
  if (value === undefined) return 'sanitized'
  if (value === 'sanitized' || value === 'raw' || value === 'off') return value
  throw new InvalidArgumentError("option traceQueryText must be 'sanitized', 'raw' or 'off'")
}

/** Errors name the option and the value given (never a password). */
export function resolveClientOptions(options: E6dataClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('createClient needs an options object')
  const host = hostOption(options.host)
  const { username, password, credentials } = options
  let provider: () => Credentials | Promise<Credentials>
  const staticSecrets: string[] = []
  if (credentials !== undefined) {
    if (typeof credentials !== 'function') throw invalid('credentials', 'a function', credentials)
    provider = credentials
  } else {
    if (typeof username !== 'string' || typeof password !== 'string') {
      throw new InvalidArgumentError('options username and password (or credentials) are required')
    }
    const frozen = Object.freeze({ username, password })
    provider = () => frozen
    staticSecrets.push(password)
  }
  const secure = options.secure
  if (
    secure !== undefined &&
    typeof secure !== 'boolean' &&
    (typeof secure !== 'object' || secure === null)
  ) {
    throw invalid('secure', 'true, false or a TLS options object', secure)
  }
  const tls: TlsOptions | null =
    secure === true ? Object.freeze({}) : secure ? Object.freeze({ ...secure }) : null
  const t = object('timeouts', options.timeouts)
  const r = object('retry', options.retry)
  const rc = object('reconnect', options.reconnect)
  const timeouts: Timeouts = Object.freeze({
    connectMs: timeout('timeouts.connectMs', t.connectMs, 10_000),
    authenticateMs: timeout('timeouts.authenticateMs', t.authenticateMs, 10_000),
    prepareMs: timeout('timeouts.prepareMs', t.prepareMs, 600_000),
    rpcMs: timeout('timeouts.rpcMs', t.rpcMs, 60_000),
    clusterMs: timeout('timeouts.clusterMs', t.clusterMs, 30_000),
    cleanupMs: timeout('timeouts.cleanupMs', t.cleanupMs, 15_000, false),
  })
  const retry: RetryPolicy = Object.freeze({
    attempts: integer('retry.attempts', r.attempts, 5, 1, 100),
    baseDelayMs: delay('retry.baseDelayMs', r.baseDelayMs, 200),
    maxDelayMs: delay('retry.maxDelayMs', r.maxDelayMs, 5_000),
    budgetMs: timeout('retry.budgetMs', r.budgetMs, 30_000),
  })
  const reconnect: ReconnectOptions = Object.freeze({
    initialDelayMs: timeout('reconnect.initialDelayMs', rc.initialDelayMs, 100, false),
    maxDelayMs: timeout('reconnect.maxDelayMs', rc.maxDelayMs, 1_000, false),
  })
  if (reconnect.maxDelayMs < reconnect.initialDelayMs) {
    throw invalid(
      'reconnect.maxDelayMs',
      `≥ reconnect.initialDelayMs (${reconnect.initialDelayMs})`,
      reconnect.maxDelayMs,
    )
  }
  const mapping = resolveValueMapping({
    int64As: options.int64As,
    timestampAs: options.timestampAs,
    decimalAs: options.decimalAs,
  })
  const stringEscape = parseStringEscape(options.stringEscape, 'auto')
  if (options.channelOptions !== undefined) object('channelOptions', options.channelOptions)
  return Object.freeze({
    host,
    port: integer('port', options.port, tls ? 443 : 80, 1, 65_535),
    credentials: provider,
    staticSecrets: Object.freeze(staticSecrets),
    username: typeof username === 'string' ? username : undefined,
    catalog: text('catalog', options.catalog),
    database: text('database', options.database),
    tls,
    clusterName: text('clusterName', options.clusterName).toLowerCase(),
    timeouts,
    reconnect,
    poolSize: integer('poolSize', options.poolSize, 4, 1, 10_000),
    acquireTimeoutMs: timeout('acquireTimeoutMs', options.acquireTimeoutMs, 30_000),
    retry,
    autoResume: bool('autoResume', options.autoResume, true),
    autoResumeTimeoutMs: timeout('autoResumeTimeoutMs', options.autoResumeTimeoutMs, 300_000),
    resumePollMs: timeout('resumePollMs', options.resumePollMs, 5_000, false),
    mapping,
    stringEscape,
    prefetch: integer('prefetch', options.prefetch, 1, 1, 1_000),
    pipelining: bool('pipelining', options.pipelining, true),
    logger: options.logger ?? {},
    tracer: options.tracer,
    traceQueryText: traceQueryText(options.traceQueryText),
    strategyCache: options.strategyCache ?? sharedStrategyCache,
    channelOptions: Object.freeze({ ...(options.channelOptions ?? {}) }),
  })
}

/** A per-call timeout: `undefined`, `0` or `Infinity` mean none (→ `undefined`). */
export function callTimeout(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  const ms = timeout(option, value, 0)
  return Number.isFinite(ms) ? ms : undefined
}
