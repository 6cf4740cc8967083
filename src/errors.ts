/**
 * The error hierarchy of kysely-e6data. Every error the package throws is an {@link E6dataError}
 * (or an `AbortError`), carries a stable `code`, and keeps the original failure as `cause`.
 * Messages never contain passwords, access tokens or session ids.
 *
 * @example
 * ```ts
 * try {
 *   await client.query('select 1')
 * } catch (err) {
 *   if (err instanceof QueryError) console.error(err.code, err.queryId, err.message)
 * }
 * ```
 *
 * @module
 */

/**
 * Stable machine-readable error codes.
 *
 * @example
 * ```ts
 * if (err instanceof E6dataError && err.code === 'POOL_TIMEOUT') metrics.increment('pool.timeout')
 * ```
 */
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

/**
 * Context that any {@link E6dataError} may carry.
 *
 * @example
 * ```ts
 * throw new QueryError('table not found', { grpcCode: 3, queryId })
 * ```
 */
export interface E6dataErrorOptions {
  /** The underlying error (gRPC `ServiceError`, decode failure, …). */
  readonly cause?: unknown
  /** Numeric gRPC status code when the failure came from an RPC. */
  readonly grpcCode?: number
  /** The engine's query id, when the failure concerns a prepared query. */
  readonly queryId?: string
  /** Whether retrying the whole operation may succeed. */
  readonly retryable?: boolean
}

/**
 * Base class of every error thrown by kysely-e6data.
 *
 * @example
 * ```ts
 * if (err instanceof E6dataError && err.retryable) await new Promise((r) => setTimeout(r, 1_000)) // then retry
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

/**
 * Wrong user or access token (the engine answered authenticate with an empty session id), or
 * the cluster refused the credentials. Never retried automatically.
 *
 * @example
 * ```ts
 * await client.ping().catch((e) => {
 *   if (e instanceof AuthenticationError) console.error('check the user and access token')
 * })
 * ```
 */
export class AuthenticationError extends E6dataError {
  constructor(
    message = 'authentication failed: invalid user or access token',
    options: E6dataErrorOptions = {},
  ) {
    super(message, 'AUTHENTICATION_FAILED', options)
  }
}

/**
 * The engine rejected or failed a query; `message` carries the engine's own message.
 *
 * @example
 * ```ts
 * const err = await client.query('select * from missing').catch((e) => e)
 * err instanceof QueryError // true; err.message is the engine's message
 * ```
 */
export class QueryError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'QUERY_FAILED', options)
  }
}

/**
 * A running query was lost (its session expired, the deployment switched colour, the cluster was
 * suspended, or the connection dropped mid-fetch). It is `retryable`: running the statement again
 * from the start may succeed. The driver never re-runs it on its own after rows were delivered.
 *
 * @example
 * ```ts
 * const run = () => client.query(sql)
 * const { rows } = await run().catch((e) => (e instanceof QueryInterruptedError ? run() : Promise.reject(e)))
 * ```
 */
export class QueryInterruptedError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'QUERY_INTERRUPTED', { retryable: true, ...options })
  }
}

/**
 * Blue/green strategy detection failed (neither colour accepted the call).
 *
 * @example
 * ```ts
 * if (err instanceof StrategyError) console.error('neither blue nor green answered', err.cause)
 * ```
 */
export class StrategyError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'STRATEGY_ERROR', options)
  }
}

/**
 * The cluster is suspended (HTTP 503) and auto-resume is off or not applicable.
 *
 * @example
 * ```ts
 * const client = createClient({ ...options, autoResume: false })
 * await client.query('select 1') // rejects with ClusterSuspendedError while the cluster sleeps
 * ```
 */
export class ClusterSuspendedError extends E6dataError {
  constructor(message = 'the e6data cluster is suspended', options: E6dataErrorOptions = {}) {
    super(message, 'CLUSTER_SUSPENDED', { retryable: true, ...options })
  }
}

/**
 * Resuming the cluster failed (status `failed`, or credentials refused by ClusterService).
 *
 * @example
 * ```ts
 * if (err instanceof ClusterResumeError) console.error('resume failed:', err.message)
 * ```
 */
export class ClusterResumeError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'CLUSTER_RESUME_FAILED', options)
  }
}

/**
 * The cluster did not become active within `autoResumeTimeoutMs`.
 *
 * @example
 * ```ts
 * const client = createClient({ ...options, autoResumeTimeoutMs: 60_000 })
 * // a cluster still resuming after 60 s → ClusterResumeTimeoutError (retryable)
 * ```
 */
export class ClusterResumeTimeoutError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'CLUSTER_RESUME_TIMEOUT', { retryable: true, ...options })
  }
}

/**
 * The transport failed (UNAVAILABLE, connection reset) and the retry budget is spent.
 *
 * @example
 * ```ts
 * if (err instanceof ConnectionError && err.retryable) await new Promise((r) => setTimeout(r, 1_000)) // then retry
 * ```
 */
export class ConnectionError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'CONNECTION_FAILED', { retryable: true, ...options })
  }
}

/**
 * The server answered, but not as a gRPC e6data endpoint (an HTTP 404, a web page, a proxy's
 * error page): wrong host, port or TLS setting. Not retried.
 *
 * @example
 * ```ts
 * if (err instanceof ProtocolError) console.error('is port', port, 'really the e6data engine?')
 * ```
 */
export class ProtocolError extends ConnectionError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, { ...options, retryable: false })
    Object.defineProperty(this, 'code', { value: 'PROTOCOL_ERROR' })
  }
}

/**
 * Where a {@link TimeoutError} fired: the phase of the operation that ran out of time.
 *
 * @example
 * ```ts
 * const phase: TimeoutPhase = 'prepare'
 * ```
 */
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

/**
 * What a {@link TimeoutError} reports.
 *
 * @example
 * ```ts
 * new TimeoutError({ phase: 'prepare', rpc: 'prepareStatementV2', option: 'timeoutMs', limitMs: 5_000, elapsedMs: 5_002 })
 * ```
 */
export interface TimeoutErrorContext extends E6dataErrorOptions {
  readonly phase: TimeoutPhase
  /** The RPC in flight (or being retried) when the time ran out, if any. */
  readonly rpc?: string | undefined
  /** The option whose limit fired, e.g. `'timeoutMs'`, `'timeouts.connectMs'`, `'retry.budgetMs'`. */
  readonly option: string
  readonly limitMs: number
  readonly elapsedMs: number
  /** Extra words appended to the message. */
  readonly detail?: string | undefined
}

/**
 * A deadline fired: the query's `timeoutMs`, a per-call limit (`timeouts.*`), the operation's
 * wall-clock retry budget (`retry.budgetMs`) or the pool's `acquireTimeoutMs`. `err.name` is
 * `'TimeoutError'` (as for `fetch` with `AbortSignal.timeout`); the message names the phase, the
 * RPC, the limit and the elapsed time. The query was cancelled and cleared on the engine.
 *
 * @example
 * ```ts
 * try {
 *   await client.query(sql, [], { timeoutMs: 5_000 })
 * } catch (err) {
 *   if (err instanceof TimeoutError) console.warn(err.phase, err.rpc, err.limitMs, err.elapsedMs)
 * }
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

/**
 * Where in the input a {@link DecodeError} happened.
 *
 * @example
 * ```ts
 * throw new DecodeError('truncated vector', { column: 'price', vectorType: 'DECIMAL128', offset: 812 })
 * // message: truncated vector (column "price", type DECIMAL128, offset 812)
 * ```
 */
export interface DecodeErrorContext extends E6dataErrorOptions {
  /** Byte offset in the buffer being decoded. */
  readonly offset?: number
  /** Column name (batch decoding). */
  readonly column?: string
  /** Column index (batch decoding). */
  readonly columnIndex?: number
  /** Row index within the batch, when a single value failed. */
  readonly rowIndex?: number
  /** Vector type name of the column. */
  readonly vectorType?: string
}

/**
 * Malformed, truncated or undecodable result bytes, or a value that cannot be represented under
 * the chosen value mapping. Never a partial value, never a placeholder.
 *
 * @example
 * ```ts
 * const client = createClient({ ...options, int64As: 'number' })
 * await client.query('select 9007199254740993 as big') // DecodeError: beyond ±2^53−1, never rounded
 * ```
 */
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

/**
 * A vector type the client cannot decode (INT96, or a type id it does not know).
 *
 * @example
 * ```ts
 * if (err instanceof UnsupportedTypeError) console.error(err.column, err.vectorType) // e.g. an INT96 column
 * ```
 */
export class UnsupportedTypeError extends DecodeError {
  constructor(message: string, context: DecodeErrorContext = {}) {
    super(message, context)
    Object.defineProperty(this, 'code', { value: 'UNSUPPORTED_TYPE' })
  }
}

/**
 * A parameter value that cannot be rendered as an e6data SQL literal.
 *
 * @example
 * ```ts
 * renderLiteral({ a: 1 }) // throws UnsupportedValueError: cannot render a plain object …
 * ```
 */
export class UnsupportedValueError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'UNSUPPORTED_VALUE', options)
  }
}

/**
 * A SQL construct e6data does not support, raised at compile time (no round trip). The message
 * says why: writes and DDL because e6data is a read-only query engine; anything else because
 * e6data's SQL lacks it (with the alternative where there is one).
 *
 * @example
 * ```ts
 * db.insertInto('t').values({ id: 1 }).compile() // feature 'INSERT', reason '… read-only …'
 * db.selectFrom('t').select(sql`x`.as('y')).fetch(5) // feature 'FETCH', reason '… use .limit(n)'
 * ```
 */
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

/**
 * A result has several columns with the same name, so object rows (keyed by name) would keep only
 * one of their values. Raised instead of dropping a value: alias the columns in the SQL, or read
 * rows as arrays (`rowMode: 'array'`, `batch.toArrays()`), which keep every column in order.
 *
 * @example
 * ```ts
 * await client.query('select a.id, b.id from a join b on …')
 * // DuplicateColumnError: columns 1 and 2 are both named "id" …
 * await client.query('select a.id, b.id from a join b on …', [], { rowMode: 'array' }) // [[1n, 2n]]
 * ```
 */
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

/**
 * e6data has no transactions; thrown by `beginTransaction`, `commit` and `rollback`.
 *
 * @example
 * ```ts
 * await db.transaction().execute(async (trx) => {}) // throws TransactionsNotSupportedError
 * ```
 */
export class TransactionsNotSupportedError extends E6dataError {
  constructor() {
    super('e6data does not support transactions', 'TRANSACTIONS_NOT_SUPPORTED')
  }
}

/**
 * Migrations need writable tables and a lock, which a read-only engine does not have.
 *
 * @example
 * ```ts
 * import { Migrator } from 'kysely/migration'
 * const provider = { getMigrations: async () => ({}) }
 * await new Migrator({ db, provider }).migrateToLatest() // error: MigrationsNotSupportedError
 * ```
 */
export class MigrationsNotSupportedError extends E6dataError {
  constructor() {
    super(
      "migrations are not supported on e6data: it is a read-only query engine, so Kysely's Migrator cannot create its kysely_migration tables or take their lock; manage tables with the engine's own tooling",
      'MIGRATIONS_NOT_SUPPORTED',
    )
  }
}

/**
 * No session became free within `acquireTimeoutMs` (a {@link TimeoutError} of phase `acquire`).
 *
 * @example
 * ```ts
 * const client = createClient({ ...options, poolSize: 1, acquireTimeoutMs: 1_000 })
 * const held = await client.acquireSession()
 * await client.query('select 1') // PoolTimeoutError after 1 s
 * ```
 */
export class PoolTimeoutError extends TimeoutError {
  constructor(context: Omit<TimeoutErrorContext, 'phase'>) {
    super({ ...context, phase: 'acquire' })
    Object.defineProperty(this, 'code', { value: 'POOL_TIMEOUT' })
  }
}

/**
 * The client was closed; no new work is accepted.
 *
 * @example
 * ```ts
 * await client.close()
 * await client.query('select 1') // throws ClientClosedError
 * ```
 */
export class ClientClosedError extends E6dataError {
  constructor() {
    super('the e6data client is closed', 'CLIENT_CLOSED')
  }
}

/**
 * An option or argument is invalid (e.g. a negative LIMIT, a non-positive chunk size, a port
 * out of range). For options, `option` names it and the message shows the value given.
 *
 * @example
 * ```ts
 * db.selectFrom('t').selectAll().limit(-1).compile() // throws InvalidArgumentError
 * createClient({ ...options, poolSize: 0.5 }) // InvalidArgumentError: option poolSize must be an integer ≥ 1, got 0.5
 * ```
 */
export class InvalidArgumentError extends E6dataError {
  /** The option at fault, when an option was invalid. */
  readonly option: string | undefined

  constructor(message: string, option?: string) {
    super(message, 'INVALID_ARGUMENT')
    this.option = option
  }
}

/**
 * The client's explicit `stringEscape` differs from the rule the engine was measured to follow.
 * Thrown before the statement is sent: rendering with the wrong rule could turn data into SQL.
 *
 * @example
 * ```ts
 * // an engine that follows the standard rule, a client told otherwise
 * await createClient({ ...options, stringEscape: 'backslash' }).query('select ?', ["it's"])
 * // StringEscapeMismatchError: stringEscape is 'backslash' but the engine follows the 'standard' rule …
 * ```
 */
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

/**
 * The engine's string-escape rule could not be measured (the probe query failed or gave a result
 * that matches neither rule), so a statement that depends on it was not sent.
 *
 * @example
 * ```ts
 * client.query('select ?', ["it's"]).catch((e) => {
 *   if (e instanceof StringEscapeProbeError) console.error(e.message, e.cause)
 * })
 * ```
 */
export class StringEscapeProbeError extends E6dataError {
  constructor(message: string, options: E6dataErrorOptions = {}) {
    super(message, 'STRING_ESCAPE_PROBE_FAILED', options)
  }
}

/**
 * Builds the error thrown when an operation is aborted through an `AbortSignal`. It matches
 * `err.name === 'AbortError'`, like `fetch` and Node's own APIs, and keeps the signal's reason as
 * `cause`.
 *
 * @example
 * ```ts
 * const ac = new AbortController()
 * setTimeout(() => ac.abort(), 100)
 * await client.query(sql, [], { signal: ac.signal }).catch((e) => e.name === 'AbortError')
 * ```
 */
export class E6dataAbortError extends Error {
  readonly code = 'ABORTED'
  readonly queryId: string | undefined

  constructor(reason?: unknown, queryId?: string) {
    super('the operation was aborted', reason === undefined ? undefined : { cause: reason })
    this.name = 'AbortError'
    this.queryId = queryId
  }
}
