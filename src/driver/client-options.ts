/**
 * Options of {@link createClient} and their resolution into a frozen, fully defaulted copy.
 *
 * @module
 */

import type { ChannelOptions } from '@grpc/grpc-js'
import { InvalidArgumentError } from '../errors.js'
import {
  type ResolvedValueMapping,
  resolveValueMapping,
  type ValueMappingOptions,
} from '../wire/index.js'
import type { Logger } from './logger.js'
import type { RetryPolicy } from './retry-policy.js'
import { type StrategyCache, sharedStrategyCache } from './strategy-cache.js'
import type { TracerLike } from './tracer.js'

/**
 * User name and access token.
 *
 * @example
 * ```ts
 * const creds: Credentials = { username: 'me@example.com', password: process.env.E6_TOKEN! }
 * ```
 */
export interface Credentials {
  readonly username: string
  readonly password: string
}

/**
 * TLS settings (`secure: {...}`). PEM strings or buffers.
 *
 * @example
 * ```ts
 * const secure: TlsOptions = { ca: readFileSync('ca.pem'), serverName: 'e6.internal' }
 * ```
 */
export interface TlsOptions {
  /** Root certificates to trust (default: the system roots). */
  readonly ca?: string | Uint8Array
  /** Client certificate chain (mTLS). */
  readonly cert?: string | Uint8Array
  /** Client private key (mTLS). */
  readonly key?: string | Uint8Array
  /** Name to verify the server certificate against (`grpc.ssl_target_name_override`). */
  readonly serverName?: string
}

/**
 * Deadlines per kind of call, in milliseconds (protocol.md §1.2).
 *
 * @example
 * ```ts
 * createClient({ host, username, password, timeouts: { rpcMs: 10_000 } })
 * ```
 */
export interface Timeouts {
  /** Wait for the channel to connect before the first call (default: no separate wait). */
  readonly connectMs?: number | undefined
  /** authenticate (default 30 000). */
  readonly authenticateMs: number
  /** prepareStatement(V2) (default 600 000). */
  readonly prepareMs: number
  /** status, explain, explainAnalyze, cancel, clear, schema RPCs (default 60 000). */
  readonly rpcMs: number
  /** One ClusterService call (default 30 000). */
  readonly clusterMs: number
}

/**
 * Options of {@link createClient}. Nothing connects until the first call.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   host: 'e6data.example.com',
 *   port: 443,
 *   secure: true,
 *   username: 'me@example.com',
 *   password: process.env.E6_TOKEN!,
 *   catalog: 'glue',
 *   database: 'sales',
 *   clusterName: 'analytics',
 * })
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
  /** Async credentials provider, called before every authenticate (rotation-friendly). */
  readonly credentials?: () => Credentials | Promise<Credentials>
  /** Default catalog; when set, the V2 RPCs (with catalog) are used. */
  readonly catalog?: string
  /** Default schema (database). */
  readonly database?: string
  /** TLS: `true` for system roots, or explicit CA / client certificate / server name. */
  readonly secure?: boolean | TlsOptions
  /** Cluster name, sent lower-cased in the `cluster-name` header. */
  readonly clusterName?: string
  /** Deadlines per kind of call. */
  readonly timeouts?: Partial<Timeouts>
  /** Maximum number of sessions (concurrent operations) (default 4). */
  readonly poolSize?: number
  /** How long `acquireSession` waits for a free session (default 30 000 ms). */
  readonly acquireTimeoutMs?: number
  /** Retry and backoff settings. */
  readonly retry?: Partial<RetryPolicy>
  /** Resume a suspended cluster automatically (default true). */
  readonly autoResume?: boolean
  /** Budget of one auto-resume (default 300 000 ms). */
  readonly autoResumeTimeoutMs?: number
  /** Cluster status poll interval while resuming (default 5 000 ms). */
  readonly resumePollMs?: number
  /** String literal escape rule for client-side parameter interpolation (default `'backslash'`). */
  readonly stringEscape?: 'backslash' | 'standard'
  /** Result batches fetched ahead of the consumer when streaming (default 1). */
  readonly prefetch?: number
  /** Structural logger (console, pino, …). */
  readonly logger?: Logger
  /** OpenTelemetry-shaped tracer. */
  readonly tracer?: TracerLike
  /** Blue/green strategy cache (default: the process-wide one). */
  readonly strategyCache?: StrategyCache
  /** grpc-js channel options merged over the driver's defaults. */
  readonly channelOptions?: ChannelOptions
}

/**
 * Options after defaults were applied; frozen.
 *
 * @example
 * ```ts
 * const resolved = resolveClientOptions({ host: 'localhost', username: 'u', password: 'p' })
 * resolved.port // 80
 * ```
 */
export interface ResolvedClientOptions {
  readonly host: string
  readonly port: number
  readonly credentials: () => Credentials | Promise<Credentials>
  /** Set when a static password was given, so that it can be redacted. */
  readonly staticSecrets: readonly string[]
  readonly username: string | undefined
  readonly catalog: string
  readonly database: string
  readonly tls: TlsOptions | null
  readonly clusterName: string
  readonly timeouts: Timeouts
  readonly poolSize: number
  readonly acquireTimeoutMs: number
  readonly retry: RetryPolicy
  readonly autoResume: boolean
  readonly autoResumeTimeoutMs: number
  readonly resumePollMs: number
  readonly mapping: ResolvedValueMapping
  readonly stringEscape: 'backslash' | 'standard'
  readonly prefetch: number
  readonly logger: Logger
  readonly tracer: TracerLike | undefined
  readonly strategyCache: StrategyCache
  readonly channelOptions: ChannelOptions
}

function positive(
  name: string,
  value: number | undefined,
  fallback: number,
  allowZero = false,
): number {
  if (value === undefined) return fallback
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new InvalidArgumentError(
      `option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    )
  }
  return value
}

/**
 * Validates `options`, applies the defaults and returns a frozen copy (the caller's object is
 * never kept or mutated).
 *
 * @example
 * ```ts
 * resolveClientOptions({ host: 'h', username: 'u', password: 'p', poolSize: 8 }).poolSize // 8
 * ```
 */
export function resolveClientOptions(options: E6dataClientOptions): ResolvedClientOptions {
  if (!options || typeof options.host !== 'string' || options.host.length === 0) {
    throw new InvalidArgumentError('option host is required')
  }
  const { username, password, credentials } = options
  let provider: () => Credentials | Promise<Credentials>
  const staticSecrets: string[] = []
  if (credentials !== undefined) {
    if (typeof credentials !== 'function')
      throw new InvalidArgumentError('option credentials must be a function')
    provider = credentials
  } else {
    if (typeof username !== 'string' || typeof password !== 'string') {
      throw new InvalidArgumentError('options username and password (or credentials) are required')
    }
    const frozen = Object.freeze({ username, password })
    provider = () => frozen
    staticSecrets.push(password)
  }
  const tls: TlsOptions | null =
    options.secure === true
      ? Object.freeze({})
      : options.secure
        ? Object.freeze({ ...options.secure })
        : null
  const t = options.timeouts ?? {}
  const r = options.retry ?? {}
  const timeouts: Timeouts = Object.freeze({
    connectMs:
      t.connectMs === undefined ? undefined : positive('timeouts.connectMs', t.connectMs, 0),
    authenticateMs: positive('timeouts.authenticateMs', t.authenticateMs, 30_000),
    prepareMs: positive('timeouts.prepareMs', t.prepareMs, 600_000),
    rpcMs: positive('timeouts.rpcMs', t.rpcMs, 60_000),
    clusterMs: positive('timeouts.clusterMs', t.clusterMs, 30_000),
  })
  const retry: RetryPolicy = Object.freeze({
    attempts: Math.max(1, Math.floor(positive('retry.attempts', r.attempts, 5))),
    baseDelayMs: positive('retry.baseDelayMs', r.baseDelayMs, 200, true),
    maxDelayMs: positive('retry.maxDelayMs', r.maxDelayMs, 5_000, true),
    budgetMs: positive('retry.budgetMs', r.budgetMs, 60_000, true),
  })
  const mapping = resolveValueMapping({
    int64As: options.int64As,
    timestampAs: options.timestampAs,
    decimalAs: options.decimalAs,
  })
  const stringEscape = options.stringEscape ?? 'backslash'
  if (stringEscape !== 'backslash' && stringEscape !== 'standard') {
    throw new InvalidArgumentError("option stringEscape must be 'backslash' or 'standard'")
  }
  return Object.freeze({
    host: options.host,
    port: positive('port', options.port, tls ? 443 : 80),
    credentials: provider,
    staticSecrets: Object.freeze(staticSecrets),
    username: typeof username === 'string' ? username : undefined,
    catalog: options.catalog ?? '',
    database: options.database ?? '',
    tls,
    clusterName: (options.clusterName ?? '').toLowerCase(),
    timeouts,
    poolSize: Math.floor(positive('poolSize', options.poolSize, 4)),
    acquireTimeoutMs: positive('acquireTimeoutMs', options.acquireTimeoutMs, 30_000),
    retry,
    autoResume: options.autoResume ?? true,
    autoResumeTimeoutMs: positive('autoResumeTimeoutMs', options.autoResumeTimeoutMs, 300_000),
    resumePollMs: positive('resumePollMs', options.resumePollMs, 5_000),
    mapping,
    stringEscape,
    prefetch: Math.floor(positive('prefetch', options.prefetch, 1)),
    logger: options.logger ?? {},
    tracer: options.tracer,
    strategyCache: options.strategyCache ?? sharedStrategyCache,
    channelOptions: Object.freeze({ ...(options.channelOptions ?? {}) }),
  })
}
