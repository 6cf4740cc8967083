/** Stable machine-readable error codes. */
export type E6dataErrorCode =
  | 'E6DATA_ERROR'
  | 'AUTHENTICATION_FAILED'
  | 'QUERY_FAILED'
  | 'QUERY_INTERRUPTED'
  | 'STRATEGY_ERROR'
  | 'CLUSTER_SUSPENDED'
  | 'CLUSTER_RESUME_FAILED'
  | 'CLUSTER_RESUME_TIMEOUT'
  | 'CONNECTION_FAILED'
  | 'PROTOCOL_ERROR'
  | 'TIMEOUT'
  | 'DECODE_ERROR'
  | 'UNSUPPORTED_TYPE'
  | 'UNSUPPORTED_VALUE'
  | 'UNSUPPORTED_SQL'
  | 'DUPLICATE_COLUMN'
  | 'TRANSACTIONS_NOT_SUPPORTED'
  | 'MIGRATIONS_NOT_SUPPORTED'
  | 'POOL_TIMEOUT'
  | 'CLIENT_CLOSED'
  | 'INVALID_ARGUMENT'
  | 'STRING_ESCAPE_MISMATCH'
  | 'STRING_ESCAPE_PROBE_FAILED'

/** Context that any {@link E6dataError} may carry (its fields, and `cause`). */
export interface E6dataErrorOptions {
  readonly cause?: unknown
  readonly grpcCode?: number
  readonly queryId?: string
  readonly retryable?: boolean
}

/**
 * Base class of every error the package throws (aborts are an `AbortError`): a stable `code`, the
 * original failure as `cause`, and messages free of passwords, tokens and session ids.
 *
 * @example
 * ```ts
 * const err = await client.query('select 1').catch((e: unknown) => e)
 * if (err instanceof E6dataError) console.error(err.code, err.queryId, err.retryable)
 * ```
 */
export class E6dataError extends Error {
  /** Stable machine-readable code. */
  readonly code: E6dataErrorCode
  /** gRPC status code, when the failure came from an RPC. */
  readonly grpcCode: number | undefined
  /** The engine's query id, when known. */
  readonly queryId: string | undefined
  /** Whether re-running the whole operation may succeed. */
  readonly retryable: boolean

  constructor(
    message: string,
    code: E6dataErrorCode = 'E6DATA_ERROR',
    options: E6dataErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.grpcCode = options.grpcCode
    this.queryId = options.queryId
    this.retryable = options.retryable ?? false
  }
}

/** Wrong user or access token, or credentials the cluster refused. Never retried. */
export class AuthenticationError extends E6dataError {
  constructor(
    message = 'authentication failed: invalid user or access token',
    options: E6dataErrorOptions = {},
  ) {
    super(message, 'AUTHENTICATION_FAILED', options)
  }
}

/** The engine rejected or failed a query; `message` is the engine's own. */
export class QueryError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'QUERY_FAILED', options)
  }
}

/**
 * A running query was lost (session expired, colour switch, cluster suspended, connection dropped
 * mid-fetch). `retryable`: the driver never re-runs it on its own once rows were delivered.
 *
 * @example
 * ```ts
 * const run = () => client.query('select 1')
 * const retry = (e: unknown) => (e instanceof QueryInterruptedError ? run() : Promise.reject(e))
 * const { rows } = await run().catch(retry)
 * ```
 */
export class QueryInterruptedError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'QUERY_INTERRUPTED', { retryable: true, ...options })
  }
}

/** Blue/green detection failed: neither colour accepted the call. */
export class StrategyError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'STRATEGY_ERROR', options)
  }
}

/** The cluster is suspended (HTTP 503) and auto-resume is off or not applicable. */
export class ClusterSuspendedError extends E6dataError {
  constructor(message = 'the e6data cluster is suspended', options: E6dataErrorOptions = {}) {
    super(message, 'CLUSTER_SUSPENDED', { retryable: true, ...options })
  }
}

/** Resuming the cluster failed (state `failed`, or credentials refused by ClusterService). */
export class ClusterResumeError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'CLUSTER_RESUME_FAILED', options)
  }
}

/** The cluster did not become active within `autoResumeTimeoutMs`. */
export class ClusterResumeTimeoutError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'CLUSTER_RESUME_TIMEOUT', { retryable: true, ...options })
  }
}

/** The transport failed (UNAVAILABLE, connection reset) and the retry budget is spent. */
export class ConnectionError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'CONNECTION_FAILED', { retryable: true, ...options })
  }
}

/** The server answered, but not as gRPC (a web page): wrong host, port or TLS. Not retried. */
export class ProtocolError extends ConnectionError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, { ...options, retryable: false })
    Object.defineProperty(this, 'code', { value: 'PROTOCOL_ERROR' })
  }
}

/** The phase of the operation that ran out of time. */
export type TimeoutPhase =
  | 'acquire'
  | 'connect'
  | 'authenticate'
  | 'prepare'
  | 'execute'
  | 'metadata'
  | 'fetch'
  | 'status'
  | 'explain'
  | 'schema'
  | 'cleanup'
  | 'cluster'

/** What a {@link TimeoutError} reports. */
export interface TimeoutErrorContext extends E6dataErrorOptions {
  readonly phase: TimeoutPhase
  /** The RPC in flight when the time ran out, if any. */
  readonly rpc?: string | undefined
  /** The option whose limit fired, e.g. `'timeoutMs'`, `'timeouts.connectMs'`. */
  readonly option: string
  readonly limitMs: number
  readonly elapsedMs: number
  /** Appended to the message. */
  readonly detail?: string | undefined
}

/**
 * A deadline fired: the query's `timeoutMs`, a per-call limit (`timeouts.*`), `retry.budgetMs` or
 * `acquireTimeoutMs`. `name` is `'TimeoutError'`, as for `fetch`; the query was cancelled and
 * cleared on the engine.
 *
 * @example
 * ```ts
 * const err = await client.query('select 1', [], { timeoutMs: 5_000 }).catch((e: unknown) => e)
 * if (err instanceof TimeoutError) console.warn(err.phase, err.option, err.limitMs, err.elapsedMs)
 * ```
 */
export class TimeoutError extends E6dataError {
  readonly phase: TimeoutPhase
  readonly rpc: string | undefined
  /** The option whose limit fired. */
  readonly option: string
  readonly limitMs: number
  readonly elapsedMs: number

  constructor(context: TimeoutErrorContext) {
    const elapsed = Math.round(context.elapsedMs)
    const during = context.rpc ? `, during ${context.rpc}` : ''
    const detail = context.detail ? `: ${context.detail}` : ''
    super(
      `${context.phase} timed out after ${elapsed} ms (${context.option} = ${context.limitMs} ms${during})${detail}`,
      'TIMEOUT',
      { retryable: true, ...context },
    )
    this.phase = context.phase
    this.rpc = context.rpc
    this.option = context.option
    this.limitMs = context.limitMs
    this.elapsedMs = elapsed
  }
}

/** Where in the input a {@link DecodeError} happened. */
export interface DecodeErrorContext extends E6dataErrorOptions {
  /** Byte offset in the buffer being decoded. */
  readonly offset?: number
  /** Column name (batch decoding). */
  readonly column?: string
  /** Column index (batch decoding). */
  readonly columnIndex?: number
  /** Row within the batch, when a single value failed. */
  readonly rowIndex?: number
  /** Vector type name of the column. */
  readonly vectorType?: string
}

/** Malformed result bytes, or a value the value mapping cannot represent; never a partial value. */
export class DecodeError extends E6dataError {
  readonly offset: number | undefined
  readonly column: string | undefined
  readonly columnIndex: number | undefined
  readonly rowIndex: number | undefined
  readonly vectorType: string | undefined

  constructor(message: string, context: DecodeErrorContext = {}) {
    super(DecodeError.#describe(message, context), 'DECODE_ERROR', context)
    this.offset = context.offset
    this.column = context.column
    this.columnIndex = context.columnIndex
    this.rowIndex = context.rowIndex
    this.vectorType = context.vectorType
  }

  static #describe(message: string, c: DecodeErrorContext): string {
    const parts: string[] = []
    if (c.column !== undefined) parts.push(`column ${JSON.stringify(c.column)}`)
    if (c.vectorType !== undefined) parts.push(`type ${c.vectorType}`)
    if (c.rowIndex !== undefined) parts.push(`row ${c.rowIndex}`)
    if (c.offset !== undefined) parts.push(`offset ${c.offset}`)
    return parts.length > 0 ? `${message} (${parts.join(', ')})` : message
  }
}

/** A vector type the client cannot decode (INT96, or an unknown type id). */
export class UnsupportedTypeError extends DecodeError {
  constructor(message: string, context: DecodeErrorContext = {}) {
    super(message, context)
    Object.defineProperty(this, 'code', { value: 'UNSUPPORTED_TYPE' })
  }
}

/** A parameter value that cannot be rendered as an e6data SQL literal. */
export class UnsupportedValueError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'UNSUPPORTED_VALUE', options)
  }
}

/** A SQL construct e6data does not support, refused at compile time (no round trip). */
export class UnsupportedSqlError extends E6dataError {
  /** The unsupported construct, e.g. `'INSERT'` or `'CROSS JOIN LATERAL'`. */
  readonly feature: string
  /** Why it is refused, and what to use instead where there is an alternative. */
  readonly reason: string

  constructor(feature: string, reason: string) {
    super(`e6data does not support ${feature}: ${reason}`, 'UNSUPPORTED_SQL')
    this.feature = feature
    this.reason = reason
  }
}

/** Columns share a name, so object rows would drop values: alias them or use `rowMode: 'array'`. */
export class DuplicateColumnError extends E6dataError {
  /** Each repeated name with the 1-based positions of its columns. */
  readonly duplicates: readonly { readonly name: string; readonly positions: readonly number[] }[]

  constructor(
    duplicates: readonly { readonly name: string; readonly positions: readonly number[] }[],
    options: E6dataErrorOptions = {},
  ) {
    const list = duplicates
      .map(
        (d) =>
          `columns ${d.positions.slice(0, -1).join(', ')} and ${d.positions.at(-1)} are ${d.positions.length === 2 ? 'both' : 'all'} named ${JSON.stringify(d.name)}`,
      )
      .join('; ')
    super(
      `${list}: object rows are keyed by column name and would keep only one of them; give each column its own alias (select a.id as a_id, b.id as b_id) or read rows as arrays (rowMode: 'array', batch.toArrays())`,
      'DUPLICATE_COLUMN',
      options,
    )
    this.duplicates = duplicates
  }
}

/** e6data has no transactions; thrown by `beginTransaction`, `commit` and `rollback`. */
export class TransactionsNotSupportedError extends E6dataError {
  constructor() {
    super('e6data does not support transactions', 'TRANSACTIONS_NOT_SUPPORTED')
  }
}

/** Migrations need writable tables and a lock, which a read-only engine does not have. */
export class MigrationsNotSupportedError extends E6dataError {
  constructor() {
    super(
      "migrations are not supported on e6data: it is a read-only query engine, so Kysely's Migrator cannot create its kysely_migration tables or take their lock; manage tables with the engine's own tooling",
      'MIGRATIONS_NOT_SUPPORTED',
    )
  }
}

/** No session became free within `acquireTimeoutMs` (a {@link TimeoutError} of phase `acquire`). */
export class PoolTimeoutError extends TimeoutError {
  constructor(context: Omit<TimeoutErrorContext, 'phase'>) {
    super({ ...context, phase: 'acquire' })
    Object.defineProperty(this, 'code', { value: 'POOL_TIMEOUT' })
  }
}

/** The client was closed; no new work is accepted. */
export class ClientClosedError extends E6dataError {
  constructor() {
    super('the e6data client is closed', 'CLIENT_CLOSED')
  }
}

/** An option or argument is invalid; `option` names the option at fault. */
export class InvalidArgumentError extends E6dataError {
  /** The option at fault, when an option was invalid. */
  readonly option: string | undefined

  constructor(message: string, option?: string) {
    super(message, 'INVALID_ARGUMENT')
    this.option = option
  }
}

/** `stringEscape` is not the engine's measured rule: not sent, as data could turn into SQL. */
export class StringEscapeMismatchError extends E6dataError {
  /** The client's `stringEscape` option. */
  readonly configured: 'backslash' | 'standard'
  /** The rule the engine follows, as measured. */
  readonly detected: 'backslash' | 'standard'

  constructor(configured: 'backslash' | 'standard', detected: 'backslash' | 'standard') {
    super(
      `stringEscape is '${configured}' but the engine follows the '${detected}' rule: the statement was not sent (set stringEscape: '${detected}', or 'auto' to use the measured rule)`,
      'STRING_ESCAPE_MISMATCH',
    )
    this.configured = configured
    this.detected = detected
  }
}

/** The engine's string-escape rule could not be measured; a statement needing it was not sent. */
export class StringEscapeProbeError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'STRING_ESCAPE_PROBE_FAILED', options)
  }
}

/** Aborted through an `AbortSignal`: `name` is `'AbortError'`, as for `fetch`. */
export class E6dataAbortError extends Error {
  readonly code = 'ABORTED'
  readonly queryId: string | undefined

  constructor(reason?: unknown, queryId?: string) {
    super('the operation was aborted', reason === undefined ? undefined : { cause: reason })
    this.name = 'AbortError'
    this.queryId = queryId
  }
}
