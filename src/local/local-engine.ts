/**
 * The local engine: a unary gRPC server on loopback speaking the e6data protocol (protocol.md §13)
 * over embedded DuckDB. Per call: route → faults before the handler → gateway (HTTP 503 while the
 * cluster is not active, HTTP 456 for a colour not accepted) → decode → call counter → handler →
 * faults after the handler → `new_strategy` hint during an announce → encode.
 *
 * @module
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { ClusterServiceService } from '../generated/cluster.js'
import { QueryEngineServiceService } from '../generated/e6x_engine.js'
import type { ClusterState, StrategyColour } from '../wire/index.js'
import { ClusterLifecycle } from './cluster-lifecycle.js'
import { createClusterServiceHandlers } from './cluster-service-handlers.js'
import type { LocalDataSource } from './data-sources.js'
import { corruptBytes, type Fault, FaultInjector, truncateBytes } from './fault-injector.js'
import { GrpcHttp2Server, type UnaryCall, type UnaryReply } from './grpc-http2-server.js'
import { LocalDatabase } from './local-database.js'
import type { QueryState } from './local-query.js'
import {
  type LocalEngineOptions,
  type LocalEngineUser,
  type ResolvedLocalEngineOptions,
  resolveLocalEngineOptions,
} from './options.js'
import {
  type CallContext,
  createQueryEngineHandlers,
  type RpcHandler,
} from './query-engine-handlers.js'
import { QueryTable } from './query-table.js'
import { GrpcStatus, neutraliseAccessDenied, RpcError } from './rpc-error.js'
import { SchemaCatalog } from './schema-catalog.js'
import { SessionRegistry } from './session-registry.js'
import { StrategyController, type SwitchStrategyOptions } from './strategy-controller.js'

/**
 * Test/ops controls of a running engine (protocol.md §13.7).
 *
 * @example
 * ```ts
 * engine.control.injectFault('executeStatementV2', { kind: 'grpc', code: 14, message: 'boom' })
 * engine.control.expireSessions()
 * engine.control.calls('executeStatementV2') // executions that reached the handler
 * ```
 */
export interface LocalEngineControl {
  /** Ends every session: their next call fails INTERNAL `Access denied: session expired`. */
  expireSessions(): void
  /** Blue/green switch: announce then cutover (or `immediate`); resolves at cutover. */
  switchStrategy(options?: SwitchStrategyOptions): Promise<void>
  /** Suspends the cluster (drops sessions and queries; QueryEngineService → HTTP 503). */
  suspend(): void
  /** Starts a resume and resolves when it ended (`active`, or `failed`). */
  resume(): Promise<void>
  /** Current cluster state. */
  readonly clusterState: ClusterState
  /**
   * Arms `fault` for the next `times` calls of `rpc` (method name, `'cluster.<method>'`, or `'*'`).
   * `http`/`grpc`/`drop`/`delay` fire before the handler unless `after: true`.
   */
  injectFault(rpc: string, fault: Fault, times?: number): void
  /** Removes every armed fault. */
  clearFaults(): void
  /** Calls that reached the handler, per RPC (or for one RPC). */
  calls(): Record<string, number>
  calls(rpc: string): number
  /** Resets the call counters. */
  resetCounters(): void
  /** Open (prepared, not cleared) queries across sessions. */
  openQueries(): number
  /**
   * The open queries (diagnostics: what a client left behind): id, state, colour, and how long
   * ago each was prepared and last used.
   */
  openQueryList(): OpenQueryInfo[]
  /** Queries holding a DuckDB computation (executing or with rows left). */
  runningQueries(): number
  /** Live sessions. */
  sessions(): number
  /** The next resume ends in `failed`. */
  failNextResume(): void
}

/** One open query as {@link LocalEngineControl.openQueryList} reports it. */
export interface OpenQueryInfo {
  readonly queryId: string
  readonly state: QueryState
  readonly colour: StrategyColour
  readonly preparedMsAgo: number
  readonly idleMs: number
}

interface Route {
  readonly service: 'engine' | 'cluster'
  readonly rpc: string
  readonly decode: (bytes: Buffer) => unknown
  readonly encode: (message: any) => Buffer
  readonly handler: RpcHandler | undefined
}

const HINTED_RPCS: ReadonlySet<string> = new Set([
  'authenticate',
  'prepareStatement',
  'prepareStatementV2',
  'executeStatement',
  'executeStatementV2',
  'getResultMetadata',
  'getNextResultBatch',
  'explainAnalyze',
  'clear',
  'cancelQuery',
  'clearOrCancelQuery',
  'explain',
  'status',
  'getSchemaNames',
  'getSchemaNamesV2',
  'getTables',
  'getTablesV2',
  'getColumns',
  'getColumnsV2',
])

/**
 * Connection options for a client of a {@link LocalEngine}; structurally a subset of the
 * driver's `E6dataClientOptions`.
 */
export interface LocalEngineConnection {
  readonly host: string
  readonly port: number
  readonly username: string
  readonly password: string
  readonly catalog: string
  readonly database: string
}

/** A running local engine, created by {@link startLocalEngine}. */
export class LocalEngine {
  /** Listening host. */
  readonly host: string
  /** Listening port. */
  readonly port: number
  /** `host:port` (IPv6 hosts in brackets), ready for a gRPC target. */
  readonly address: string
  /** The first configured account. */
  readonly credentials: LocalEngineUser
  /** Default catalog clients should use (`local` with sample data). */
  readonly catalog: string
  /** Default schema clients should use (`demo` with sample data). */
  readonly schema: string
  /** What the `data` option mapped (tables of catalog `local`, attached databases). */
  readonly dataSources: readonly LocalDataSource[]
  /** Whether the listener is TLS. */
  readonly tls: boolean
  /** Milliseconds from start call to listening (DuckDB + sample data + listener). */
  readonly startupMs: number
  /** Test/ops controls. */
  readonly control: LocalEngineControl
  /**
   * Everything a client needs to connect (plaintext engines; add `secure` with the CA for TLS).
   *
   * @example
   * ```ts
   * const client = createClient(engine.connection)
   * const db = new Kysely<DB>({ dialect: new E6dataDialect(engine.connection) })
   * ```
   */
  readonly connection: LocalEngineConnection

  readonly #options: ResolvedLocalEngineOptions
  readonly #database: LocalDatabase
  readonly #server: GrpcHttp2Server
  readonly #sessions: SessionRegistry
  readonly #queries: QueryTable
  readonly #strategy: StrategyController
  readonly #cluster: ClusterLifecycle
  readonly #faults = new FaultInjector()
  readonly #counters = new Map<string, number>()
  readonly #routes: ReadonlyMap<string, Route>
  readonly #sweeper: NodeJS.Timeout
  #closing: Promise<void> | undefined
  #inFlight = 0
  #idle: (() => void) | undefined

  private constructor(init: {
    options: ResolvedLocalEngineOptions
    database: LocalDatabase
    server: GrpcHttp2Server
    sessions: SessionRegistry
    queries: QueryTable
    strategy: StrategyController
    cluster: ClusterLifecycle
    routes: ReadonlyMap<string, Route>
    port: number
    startupMs: number
  }) {
    this.#options = init.options
    this.#database = init.database
    this.#server = init.server
    this.#sessions = init.sessions
    this.#queries = init.queries
    this.#strategy = init.strategy
    this.#cluster = init.cluster
    this.#routes = init.routes
    this.host = init.options.host
    this.port = init.port
    this.address = `${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`
    this.credentials = init.options.users[0] as LocalEngineUser
    this.catalog = init.database.defaultCatalog
    this.schema = init.database.defaultSchema
    this.dataSources = init.database.dataSources
    this.tls = init.options.tls !== undefined
    this.startupMs = init.startupMs
    this.control = this.#createControl()
    this.connection = Object.freeze({
      host: this.host,
      port: this.port,
      username: this.credentials.user,
      password: this.credentials.password,
      catalog: this.catalog,
      database: this.schema,
    })
    const sweepMs = Math.min(
      30_000,
      Math.max(
        20,
        Math.floor(Math.min(init.options.sessionTtlMs, init.options.queryIdleTimeoutMs) / 4),
      ),
    )
    this.#sweeper = setInterval(() => void this.#sweep(), sweepMs)
    this.#sweeper.unref()
  }

  /** Starts an engine; see {@link startLocalEngine}. */
  static async start(options: LocalEngineOptions = {}): Promise<LocalEngine> {
    const started = performance.now()
    const resolved = resolveLocalEngineOptions(options)
    const database = await LocalDatabase.open(resolved)
    const queries = new QueryTable({
      perSession: resolved.maxOpenQueries.perSession,
      global: resolved.maxOpenQueries.global,
      idleTimeoutMs: resolved.queryIdleTimeoutMs,
    })
    const sessions = new SessionRegistry(resolved.sessionTtlMs, (session) => {
      void queries.removeSession(session.id)
    })
    const checkCredentials = (user: string, password: string) =>
      resolved.users.some((u) => u.user === user && u.password === password)
    const dropAll = () => {
      sessions.expireAll('session expired (cluster suspended)')
      void queries.removeWhere(() => true)
    }
    const strategy = new StrategyController(resolved.strategy, {
      openQueries: (colour) => queries.countColour(colour),
      onCutover: (from, to) => {
        resolved.logger('info', 'strategy cutover', { from, to })
        sessions.expireColour(from, `session ended by the switch to ${to}`)
        void queries.removeWhere((q) => q.colour === from)
      },
    })
    const cluster = new ClusterLifecycle(resolved.resumeDelayMs, dropAll)
    const engineHandlers = createQueryEngineHandlers({
      options: resolved,
      database,
      sessions,
      queries,
      catalog: new SchemaCatalog(database),
      checkCredentials,
    })
    const clusterHandlers = createClusterServiceHandlers(cluster, checkCredentials)
    const routes = new Map<string, Route>()
    for (const [name, def] of Object.entries(QueryEngineServiceService)) {
      routes.set(def.path, {
        service: 'engine',
        rpc: name,
        decode: def.requestDeserialize as (bytes: Buffer) => unknown,
        encode: def.responseSerialize as (message: any) => Buffer,
        handler: engineHandlers[name],
      })
    }
    for (const [name, def] of Object.entries(ClusterServiceService)) {
      routes.set(def.path, {
        service: 'cluster',
        rpc: `cluster.${name}`,
        decode: def.requestDeserialize as (bytes: Buffer) => unknown,
        encode: def.responseSerialize as (message: any) => Buffer,
        handler: clusterHandlers[name],
      })
    }
    let engine: LocalEngine | undefined
    const server = new GrpcHttp2Server({
      tls: resolved.tls,
      maxRequestBytes: resolved.maxRequestBytes,
      handler: (call) =>
        engine ? engine.#handle(call) : Promise.resolve({ kind: 'http', status: 503 } as const),
      onError: (error) => resolved.logger('error', 'transport error', { error: String(error) }),
    })
    let port: number
    try {
      port = await server.listen(resolved.host, resolved.port)
    } catch (error) {
      database.close()
      throw error
    }
    engine = new LocalEngine({
      options: resolved,
      database,
      server,
      sessions,
      queries,
      strategy,
      cluster,
      routes,
      port,
      startupMs: performance.now() - started,
    })
    resolved.logger('info', 'local engine listening', {
      address: engine.address,
      startupMs: Math.round(engine.startupMs),
    })
    return engine
  }

  /** The active blue/green colour. */
  get strategy(): StrategyColour {
    return this.#strategy.active
  }

  /**
   * Ends all sessions, interrupts running queries, stops the listener and closes DuckDB.
   * Idempotent (every call returns the same promise).
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearInterval(this.#sweeper)
      this.#strategy.close()
      this.#cluster.close()
      this.#sessions.expireAll()
      this.#database.interruptAll()
      await Promise.all([this.#server.close(), this.#queries.removeWhere(() => true)])
      await this.#handlersSettled(5_000)
      // every DuckDB call must have returned: closing a connection under one crashes the process
      await this.#queries.settled()
      await this.#database.settled()
      this.#database.close()
      this.#options.logger('info', 'local engine closed')
    })()
    return this.#closing
  }

  async #sweep(): Promise<void> {
    this.#sessions.sweep()
    await this.#queries.sweepIdle()
  }

  /** Resolves when no handler runs any more (or after `timeoutMs`). */
  #handlersSettled(timeoutMs: number): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      timer.unref()
      this.#idle = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  async #handle(call: UnaryCall): Promise<UnaryReply> {
    this.#inFlight++
    try {
      return await this.#dispatch(call)
    } finally {
      this.#inFlight--
      if (this.#inFlight === 0 && this.#idle) {
        const idle = this.#idle
        this.#idle = undefined
        idle()
      }
    }
  }

  async #dispatch(call: UnaryCall): Promise<UnaryReply> {
    const route = this.#routes.get(call.path)
    if (route === undefined) {
      return {
        kind: 'status',
        code: GrpcStatus.UNIMPLEMENTED,
        message: `unknown method ${call.path}`,
      }
    }
    const before = this.#faults.take(route.rpc, 'before')
    if (before) {
      const reply = await this.#applyFault(before, call.signal)
      if (reply) return reply
    }
    if (this.#closing)
      return { kind: 'status', code: GrpcStatus.UNAVAILABLE, message: 'engine is shutting down' }
    if (route.service === 'engine' && this.#cluster.state !== 'active') {
      return { kind: 'http', status: 503 }
    }
    const colour = this.#strategy.resolve(call.headers.strategy)
    if (colour === undefined) return { kind: 'http', status: 456 }
    if (route.handler === undefined) {
      return {
        kind: 'status',
        code: GrpcStatus.UNIMPLEMENTED,
        message: `${route.rpc} is not implemented by the local engine`,
      }
    }
    let request: unknown
    try {
      const m = call.message
      request = route.decode(Buffer.isBuffer(m) ? m : Buffer.from(m))
    } catch (error) {
      return {
        kind: 'status',
        code: GrpcStatus.INVALID_ARGUMENT,
        message: `malformed ${route.rpc} request: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
    this.#counters.set(route.rpc, (this.#counters.get(route.rpc) ?? 0) + 1)
    const context: CallContext = {
      rpc: route.rpc,
      colour,
      plannerIp: call.headers.plannerip ?? '',
      get signal() {
        return call.signal
      },
    }
    let reply: UnaryReply
    let response: Record<string, unknown> | undefined
    try {
      response = (await route.handler(request, context)) as Record<string, unknown>
      const hint = this.#strategy.hintFor(colour)
      if (hint !== undefined && HINTED_RPCS.has(route.rpc)) response.newStrategy = hint
      reply = { kind: 'message', payload: route.encode(response) }
    } catch (error) {
      reply = this.#errorReply(route.rpc, error)
    }
    const after = this.#faults.take(route.rpc, 'after')
    if (after) {
      if (after.kind === 'corrupt' || after.kind === 'truncate') {
        return this.#mangle(route, response, reply, after.kind)
      }
      const faulted = await this.#applyFault(after, call.signal)
      if (faulted) return faulted
    }
    return reply
  }

  #errorReply(rpc: string, error: unknown): UnaryReply {
    if (error instanceof RpcError) {
      return { kind: 'status', code: error.code, message: error.message }
    }
    this.#options.logger('error', 'handler failed', { rpc, error: String(error) })
    const message = error instanceof Error ? error.message : String(error)
    return {
      kind: 'status',
      code: GrpcStatus.INTERNAL,
      message: neutraliseAccessDenied(`internal engine error: ${message}`),
    }
  }

  async #applyFault(fault: Fault, signal: AbortSignal): Promise<UnaryReply | undefined> {
    switch (fault.kind) {
      case 'http':
        return { kind: 'http', status: fault.status }
      case 'grpc':
        return { kind: 'status', code: fault.code, message: fault.message }
      case 'drop':
        return { kind: 'drop' }
      case 'delay':
        await sleep(fault.ms, undefined, { signal }).catch(() => {})
        return undefined
      default:
        return undefined
    }
  }

  #mangle(
    route: Route,
    response: Record<string, unknown> | undefined,
    reply: UnaryReply,
    kind: 'corrupt' | 'truncate',
  ): UnaryReply {
    if (reply.kind !== 'message') return reply
    const mangle = kind === 'corrupt' ? corruptBytes : truncateBytes
    const field =
      route.rpc === 'getNextResultBatch'
        ? 'resultBatch'
        : route.rpc === 'getResultMetadata'
          ? 'resultMetaData'
          : undefined
    if (field && response && response[field] instanceof Uint8Array) {
      const mangled = { ...response, [field]: Buffer.from(mangle(response[field] as Uint8Array)) }
      return { kind: 'message', payload: route.encode(mangled) }
    }
    return { kind: 'message', payload: mangle(reply.payload) }
  }

  #createControl(): LocalEngineControl {
    const engine = this
    const rpcNames = new Set([...this.#routes.values()].map((r) => r.rpc))
    function calls(): Record<string, number>
    function calls(rpc: string): number
    function calls(rpc?: string): number | Record<string, number> {
      if (rpc !== undefined) return engine.#counters.get(rpc) ?? 0
      return Object.fromEntries(engine.#counters)
    }
    return Object.freeze({
      expireSessions: () => {
        engine.#sessions.expireAll()
      },
      switchStrategy: (options?: SwitchStrategyOptions) => engine.#strategy.switchStrategy(options),
      suspend: () => {
        engine.#cluster.suspend()
      },
      resume: async () => {
        engine.#cluster.resume()
        await engine.#cluster.settled()
      },
      get clusterState() {
        return engine.#cluster.state
      },
      injectFault: (rpc: string, fault: Fault, times?: number) => {
        if (rpc !== '*' && !rpcNames.has(rpc)) {
          throw new RangeError(
            `injectFault: unknown rpc ${JSON.stringify(rpc)} (use a method name such as 'executeStatementV2', 'cluster.status' or '*')`,
          )
        }
        engine.#faults.inject(rpc, fault, times)
      },
      clearFaults: () => engine.#faults.clear(),
      calls,
      resetCounters: () => engine.#counters.clear(),
      openQueries: () => engine.#queries.size,
      openQueryList: () => {
        const now = Date.now()
        return engine.#queries.list().map((q) => ({
          queryId: q.id,
          state: q.state,
          colour: q.colour,
          preparedMsAgo: now - q.preparedAt,
          idleMs: now - q.lastUsedAt,
        }))
      },
      runningQueries: () => engine.#queries.runningCount,
      sessions: () => engine.#sessions.size,
      failNextResume: () => engine.#cluster.failNextResume(),
    })
  }
}

/**
 * Starts a local e6data-compatible engine on loopback (DuckDB inside) and resolves once it
 * listens. Close it with {@link LocalEngine.close}.
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * const engine = await startLocalEngine({ port: 0, bigTableRows: 20_000 })
 * // connect a client to engine.address with engine.credentials, catalog engine.catalog
 * await engine.close()
 * ```
 */
export function startLocalEngine(options?: LocalEngineOptions): Promise<LocalEngine> {
  return LocalEngine.start(options)
}
