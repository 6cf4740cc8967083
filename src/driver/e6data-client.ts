import { inspect } from 'node:util'
import { AuthenticationError, ClientClosedError, type DuplicateColumnError } from '../errors.js'
import type { StringEscapeMode, StringEscapeOption } from '../sql/index.js'
import { normalizeE6dataType } from '../wire/index.js'
import type { AuthResult } from './authenticator.js'
import { Authenticator } from './authenticator.js'
import { ClientCore, type CoreRpcOptions, type OpContext } from './client-core.js'
import type { ClientEventName, ClientEvents } from './client-events.js'
import {
  type Credentials,
  callTimeout,
  type E6dataClientOptions,
  resolveClientOptions,
} from './client-options.js'
import { type ClusterApi, ClusterController } from './cluster-controller.js'
import { LinkedAbort } from './linked-abort.js'
import { PoolSlot } from './pool-slot.js'
import { QueryRegistry } from './query-registry.js'
import type {
  ColumnInfo,
  ExplainAnalyzeResult,
  QueryOptions,
  QueryResult,
  ResultBatch,
  Row,
  StreamOptions,
} from './result-batch.js'
import type { RpcName } from './rpc-methods.js'
import { runWithRetry, sleep } from './run-with-retry.js'
import { Session, type SessionDeps } from './session.js'
import { type PoolStats, SessionPool } from './session-pool.js'
import { SlotRecovery } from './slot-recovery.js'
import { engineStringEscape } from './string-escape-probe.js'

/** Options of calls that take only a signal. */
export interface SignalOptions {
  readonly signal?: AbortSignal | undefined
}

/** Options of {@link E6dataClient.acquireSession}. */
export interface AcquireOptions extends SignalOptions {
  /** Overrides the client's `acquireTimeoutMs`. */
  readonly timeoutMs?: number | undefined
}

/** Slack on top of `timeouts.cleanupMs` for the last cleanup calls during `close()`. */
const CLOSE_MARGIN_MS = 1_000

/**
 * A pooled e6data client over one shared gRPC channel. Create it with {@link createClient};
 * nothing connects until the first call.
 *
 * @example
 * ```ts
 * const client = createClient({ host: 'localhost', port: 50051, username: 'me@example.com', password: token })
 * const { rows } = await client.query('select ? as greeting', ['hello'])
 * for await (const batch of client.stream('select * from big_table')) console.log(batch.rowCount)
 * await client.close()
 * ```
 */
export class E6dataClient {
  /** As configured. */
  readonly options: {
    readonly catalog: string | undefined
    readonly database: string | undefined
    readonly stringEscape: StringEscapeOption
  }
  /** ClusterService: status / resume / suspend. */
  readonly cluster: ClusterApi
  readonly #core: ClientCore
  readonly #pool: SessionPool
  readonly #registry = new QueryRegistry()
  readonly #clusterController: ClusterController
  readonly #deps: SessionDeps
  #closing: Promise<void> | null = null

  constructor(options: E6dataClientOptions) {
    const resolved = resolveClientOptions(options)
    const core = new ClientCore(resolved)
    this.#core = core
    const credentials = async (): Promise<Credentials> => {
      const c = await resolved.credentials()
      if (!c || typeof c.username !== 'string' || typeof c.password !== 'string') {
        throw new AuthenticationError('the credentials provider returned no username/password')
      }
      return c
    }
    this.#clusterController = new ClusterController(core, credentials)
    this.cluster = this.#clusterController
    const auth = new Authenticator(core, this.#clusterController, credentials)
    this.#pool = new SessionPool({
      size: resolved.poolSize,
      acquireTimeoutMs: resolved.acquireTimeoutMs,
      create: () => new PoolSlot(core, auth),
    })
    this.#deps = {
      core,
      cluster: this.#clusterController,
      registry: this.#registry,
      pool: this.#pool,
      cancel: (id) => this.cancel(id),
    }
    this.options = Object.freeze({
      catalog: resolved.catalog || undefined,
      database: resolved.database || undefined,
      stringEscape: resolved.stringEscape,
    })
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closing !== null
  }

  /** Pool counters: sessions created, idle, leased, and callers waiting. */
  get poolStats(): PoolStats {
    return this.#pool.stats
  }

  /** `detected` is `undefined` until a statement needed it, and after a colour switch. No RPC. */
  get stringEscape(): {
    readonly configured: StringEscapeOption
    readonly detected: StringEscapeMode | undefined
  } {
    return Object.freeze({
      configured: this.#core.options.stringEscape,
      detected: this.#core.entry.stringEscape.rule,
    })
  }

  /**
   * The engine's string-escape rule, probed now if not known yet; for rendering literals yourself
   * with `renderLiteral(value, { stringEscape: await client.detectStringEscape() })`.
   */
  async detectStringEscape(options: SignalOptions = {}): Promise<StringEscapeMode> {
    const session = await this.#lease(options, false, false)
    try {
      return await session.withSlot((slot) =>
        engineStringEscape({ ...this.#deps, slot }, { signal: options.signal }),
      )
    } finally {
      session.release()
    }
  }

  /** Number of queries open on the engine through this client. */
  get openQueries(): number {
    return this.#registry.size
  }

  /**
   * Subscribes to an event; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * client.on('retry', (e) => metrics.increment(`e6data.retry.${e.kind}`))
   * ```
   */
  on<K extends ClientEventName>(
    event: K,
    listener: (payload: ClientEvents[K]) => void,
  ): () => void {
    return this.#core.events.on(event, listener)
  }

  /** Subscribes to the next occurrence of an event. */
  once<K extends ClientEventName>(
    event: K,
    listener: (payload: ClientEvents[K]) => void,
  ): () => void {
    return this.#core.events.once(event, listener)
  }

  /** Removes a listener. */
  off<K extends ClientEventName>(event: K, listener: (payload: ClientEvents[K]) => void): void {
    this.#core.events.off(event, listener)
  }

  #checkOpen(): void {
    if (this.#closing) throw new ClientClosedError()
  }

  /** A statement's pool wait counts against its `timeoutMs` too. */
  async #lease(
    options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
    autoRelease: boolean,
    query: boolean,
  ): Promise<Session> {
    this.#checkOpen()
    const limit = callTimeout('timeoutMs', options.timeoutMs)
    const pool = this.#core.options.acquireTimeoutMs
    const own = limit !== undefined && (!query || limit < pool)
    const slot = await this.#pool.acquire({
      signal: options.signal,
      timeoutMs: own ? limit : undefined,
      option: query ? 'timeoutMs' : 'acquireSession timeoutMs',
    })
    return new Session(this.#deps, slot, { autoRelease })
  }

  /**
   * Leases a session (several statements on one engine session) until `session.release()`.
   *
   * @example
   * ```ts
   * const session = await client.acquireSession({ signal })
   * try { await session.execute('select 1') } finally { session.release() }
   * ```
   */
  acquireSession(options: AcquireOptions = {}): Promise<Session> {
    return this.#lease(options, false, false)
  }

  /**
   * Runs a statement and returns every row. `params` fill the `?` placeholders as SQL literals.
   * Object rows of a result with two columns of one name throw {@link DuplicateColumnError}
   * rather than drop a value; `rowMode: 'array'` keeps every column.
   *
   * @example
   * ```ts
   * const { rows } = await client.query<{ id: bigint }>('select id from t where name = ?', ['a'], { timeoutMs: 10_000 })
   * ```
   */
  query<R = unknown[]>(
    sql: string,
    params: readonly unknown[] | undefined,
    options: QueryOptions & { readonly rowMode: 'array' },
  ): Promise<QueryResult<R>>
  query<R = Row>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>
  async query<R = Row>(
    sql: string,
    params?: readonly unknown[],
    options: QueryOptions = {},
  ): Promise<QueryResult<R>> {
    const startedAt = performance.now()
    const session = await this.#lease(options, true, true)
    return session.execute<R>(sql, { ...options, params }, startedAt)
  }

  /**
   * Streams a result batch by batch (bounded read-ahead; `break` or abort cancels the query).
   *
   * @example
   * ```ts
   * for await (const batch of client.stream('select * from big', [], { prefetch: 2 })) {
   *   handle(batch.toRows())
   * }
   * ```
   */
  async *stream<R = Row>(
    sql: string,
    params?: readonly unknown[],
    options: StreamOptions = {},
  ): AsyncGenerator<ResultBatch<R>, void, undefined> {
    const startedAt = performance.now()
    const session = await this.#lease(options, true, true)
    try {
      yield* session.streamBatches<R>(sql, { ...options, params }, startedAt)
    } finally {
      session.release()
    }
  }

  /** Streams a result row by row (see {@link query} for the row shape). */
  streamRows<R = unknown[]>(
    sql: string,
    params: readonly unknown[] | undefined,
    options: StreamOptions & { readonly rowMode: 'array' },
  ): AsyncGenerator<R, void, undefined>
  streamRows<R = Row>(
    sql: string,
    params?: readonly unknown[],
    options?: StreamOptions,
  ): AsyncGenerator<R, void, undefined>
  async *streamRows<R = Row>(
    sql: string,
    params?: readonly unknown[],
    options: StreamOptions = {},
  ): AsyncGenerator<R, void, undefined> {
    const arrays = options.rowMode === 'array'
    for await (const batch of this.stream<R>(sql, params, options)) {
      for (const row of arrays ? batch.toArrays() : batch.toRows()) yield row as R
    }
  }

  /** The engine's plan text for a statement (not run). */
  async explain(
    sql: string,
    params?: readonly unknown[],
    options: QueryOptions = {},
  ): Promise<string> {
    const session = await this.#lease(options, true, true)
    return session.explain(sql, { ...options, params })
  }

  /** Runs a statement, drains its rows, and returns the parsed explainAnalyze with timings. */
  async explainAnalyze(
    sql: string,
    params?: readonly unknown[],
    options: QueryOptions = {},
  ): Promise<ExplainAnalyzeResult> {
    const session = await this.#lease(options, true, true)
    return session.explainAnalyze(sql, { ...options, params })
  }

  /**
   * Cancels a running query of this client by its engine id; the owner's call rejects with an
   * `AbortError`. `false` for an unknown or finished query.
   */
  async cancel(queryId: string): Promise<boolean> {
    const q = this.#registry.get(queryId)
    if (!q) return false
    this.#core.log('info', 'cancelling query', { queryId })
    await q.cancel()
    return true
  }

  /** With a catalog (the client's by default) the V2 RPC of `rpcs` is used. */
  async #metaCall<T>(
    name: 'schemas' | 'tables' | 'columns',
    catalog: string | undefined,
    rpcs: readonly [v1: RpcName, v2: RpcName],
    options: SignalOptions,
    fn: (sessionId: string, cat: string | undefined, o: CoreRpcOptions) => Promise<T>,
  ): Promise<T> {
    const core = this.#core
    const cat = catalog ?? core.options.catalog
    const rpc = cat ? rpcs[1] : rpcs[0]
    const session = await this.#lease(options, false, false)
    const span = core.startSpan(name)
    const link = new LinkedAbort([core.closing.signal, options.signal])
    const ctx: OpContext = { signal: link.signal, span }
    try {
      const res = await session.withSlot(async (slot) => {
        await slot.adoptStrategy(ctx)
        let used: AuthResult | undefined
        return runWithRetry(
          core.retryRun(
            rpc,
            ctx,
            new SlotRecovery(core, this.#clusterController, slot, ctx, rpc, () => used),
          ),
          async (attempt) => {
            used = await slot.ensure(ctx)
            const o = { ctx, strategy: used.colour, attempt }
            return fn(used.sessionId, cat, o)
          },
        )
      })
      core.endSpan(span)
      return res
    } catch (err) {
      core.endSpan(span, err)
      throw err
    } finally {
      link.dispose()
      session.release()
    }
  }

  /** Schema names of a catalog (default: the client's). */
  schemas(catalog?: string, options: SignalOptions = {}): Promise<readonly string[]> {
    const rpcs = ['getSchemaNames', 'getSchemaNamesV2'] as const
    return this.#metaCall('schemas', catalog, rpcs, options, async (sessionId, cat, o) => {
      const res = cat
        ? await this.#core.rpc('getSchemaNamesV2', { sessionId, catalog: cat }, o)
        : await this.#core.rpc('getSchemaNames', { sessionId }, o)
      return Object.freeze([...res.schemas])
    })
  }

  /** Table names of a schema. */
  tables(
    schema: string,
    catalog?: string,
    options: SignalOptions = {},
  ): Promise<readonly string[]> {
    const rpcs = ['getTables', 'getTablesV2'] as const
    return this.#metaCall('tables', catalog, rpcs, options, async (sessionId, cat, o) => {
      const res = cat
        ? await this.#core.rpc('getTablesV2', { sessionId, schema, catalog: cat }, o)
        : await this.#core.rpc('getTables', { sessionId, schema }, o)
      return Object.freeze([...res.tables])
    })
  }

  /** Columns of a table: name, normalised type (lower-cased, cut at `(`/`<`) and raw type. */
  columns(
    schema: string,
    table: string,
    catalog?: string,
    options: SignalOptions = {},
  ): Promise<readonly ColumnInfo[]> {
    const rpcs = ['getColumns', 'getColumnsV2'] as const
    return this.#metaCall('columns', catalog, rpcs, options, async (sessionId, cat, o) => {
      const res = cat
        ? await this.#core.rpc('getColumnsV2', { sessionId, schema, table, catalog: cat }, o)
        : await this.#core.rpc('getColumns', { sessionId, schema, table }, o)
      return Object.freeze(
        res.fieldInfo.map((f) =>
          Object.freeze({
            name: f.fieldName,
            type: normalizeE6dataType(f.fieldType),
            rawType: f.fieldType,
          }),
        ),
      )
    })
  }

  /** Checks connectivity and credentials; resolves the round trip in milliseconds. */
  async ping(options: SignalOptions = {}): Promise<number> {
    const started = performance.now()
    await this.schemas(undefined, options)
    return performance.now() - started
  }

  /** Status of a running query of this client (`undefined` when it runs no such query). */
  async status(
    queryId: string,
    options: SignalOptions = {},
  ): Promise<{ finished: boolean; rowCount: bigint } | undefined> {
    const q = this.#registry.get(queryId)
    return q ? q.status(options.signal) : undefined
  }

  /**
   * Stops accepting work, waits up to `timeoutMs` (default 30 s; `0`/`Infinity`: no limit) for
   * running operations, then aborts (cancels and clears) what is left. Safe to call twice.
   */
  close(options: { timeoutMs?: number } = {}): Promise<void> {
    const limit =
      options.timeoutMs === undefined ? 30_000 : callTimeout('close timeoutMs', options.timeoutMs)
    this.#closing ??= this.#close(limit)
    return this.#closing
  }

  async #close(timeoutMs: number | undefined): Promise<void> {
    const core = this.#core
    core.log('debug', 'closing client')
    const drained = this.#pool.close()
    const bound = new AbortController()
    const timedOut =
      timeoutMs === undefined
        ? await drained.then(() => false)
        : await Promise.race([
            drained.then(() => false),
            sleep(timeoutMs, bound.signal).then(
              () => true,
              () => false,
            ),
          ])
    bound.abort()
    // abort what is left: a session the user acquired and never released must not hold close()
    if (timedOut) core.closing.abort(new ClientClosedError())
    // statements whose caller left are still cancelling/clearing: that ends within cleanupMs
    const cleanup = new AbortController()
    await Promise.race([
      core.whenIdle(),
      sleep(core.options.timeouts.cleanupMs + CLOSE_MARGIN_MS, cleanup.signal).catch(() => {}),
    ])
    cleanup.abort()
    for (const q of this.#registry.all()) await q.cancel(new ClientClosedError()).catch(() => {})
    core.closing.abort(new ClientClosedError())
    core.shutdown()
  }

  /** Redacted view for `console.log` / `util.inspect` (no password, token or session id). */
  [inspect.custom](): string {
    return `E6dataClient ${inspect(this.toJSON())}`
  }

  /** A redacted description of the client (safe to log). */
  toJSON(): Record<string, unknown> {
    const o = this.#core.options
    return {
      host: o.host,
      port: o.port,
      username: o.username,
      password: '[redacted]',
      catalog: o.catalog || undefined,
      database: o.database || undefined,
      clusterName: o.clusterName || undefined,
      secure: o.tls !== null,
      poolSize: o.poolSize,
      stringEscape: o.stringEscape,
      detectedStringEscape: this.#core.entry.stringEscape.rule,
      closed: this.closed,
    }
  }
}

/**
 * Creates a client. The options are copied and frozen; nothing connects until the first call.
 *
 * @example
 * ```ts
 * const client = createClient({ host: 'e6.example.com', port: 443, secure: true, username, password, catalog: 'glue' })
 * ```
 */
export function createClient(options: E6dataClientOptions): E6dataClient {
  return new E6dataClient(options)
}
