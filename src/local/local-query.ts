/**
 * One prepared query of the local engine (protocol.md §4, §8, §13.3). Execute runs it to
 * completion, as e6data does (row count and status are final when execute returns): a result
 * that fits in the first batch is kept as rows; a larger one is run again as `CREATE TEMP TABLE …
 * AS <query>` on the query's own connection, so DuckDB holds (and spills) it rather than JS
 * memory, and all batches come from one consistent execution. `streamResults` pulls rows lazily
 * instead (not e6data's semantics). DuckDB work on the connection is serialised.
 *
 * @module
 */

import { randomUUID } from 'node:crypto'
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResult } from '@duckdb/node-api'
import type { ParameterValue } from '../generated/e6x_engine.js'
import type { StrategyColour } from '../wire/index.js'
import { encodeMetadata } from '../wire/index.js'
import {
  BatchBuilder,
  type BatchBuilderOptions,
  type ColumnPlan,
  planColumns,
} from './batch-builder.js'
import { bindParameters } from './bind-parameters.js'
import type { LocalDatabase } from './local-database.js'
import { GrpcStatus, RpcError } from './rpc-error.js'
import { cancelledError, rpcErrorFromDuckDB } from './rpc-error-from-duckdb.js'
import { duckdbTypeName } from './type-mapping.js'

/**
 * Lifecycle state of a query in `engine.control.openQueryList()`: `failed` is sticky, `cancelled`
 * answers every later call with CANCELLED, `closed` is cleared.
 */
export type QueryState =
  | 'prepared'
  | 'executing'
  | 'streaming'
  | 'done'
  | 'failed'
  | 'cancelled'
  | 'closed'

/** Reported as `engineIP`, expected back as the `plannerip` header. */
export const LOCAL_ENGINE_IP = '127.0.0.1'

/** The temp table holding a completed large result (temp tables are per connection = per query). */
const RESULT_TABLE = 'e6_query_result'

export interface PrepareQueryInput {
  readonly database: LocalDatabase
  readonly sessionId: string
  readonly colour: StrategyColour
  readonly catalog: string
  readonly schema: string
  /** DuckDB SQL (already translated). */
  readonly sql: string
  readonly batch: BatchBuilderOptions
  /** Serve rows while DuckDB produces them instead of running the query to completion. */
  readonly streamResults?: boolean
}

export interface QueryStatus {
  readonly done: boolean
  readonly rowCount: number
}

export class LocalQuery {
  readonly id: string = randomUUID()
  readonly sessionId: string
  readonly colour: StrategyColour
  readonly engineIp: string = LOCAL_ENGINE_IP
  readonly sql: string
  readonly catalog: string
  readonly schema: string
  readonly preparedAt: number
  readonly parsingTimeMs: number
  lastUsedAt: number
  readonly #database: LocalDatabase
  readonly #connection: DuckDBConnection
  readonly #prepared: DuckDBPreparedStatement
  readonly #batch: BatchBuilderOptions
  readonly #streamResults: boolean
  #state: QueryState = 'prepared'
  #error: RpcError | undefined
  #result: DuckDBResult | undefined
  /** Total rows once known (complete mode: when execute returns). */
  #totalRows: number | undefined
  #resultTable = false
  #plans: readonly ColumnPlan[] = []
  #builder: BatchBuilder | undefined
  #chain: Promise<unknown> = Promise.resolve()
  #executeStartedAt = 0
  #executeEndedAt = 0
  #doneAt = 0
  #inFlight = 0
  #metadataServed = false
  #interrupted = false

  private constructor(
    input: PrepareQueryInput,
    connection: DuckDBConnection,
    prepared: DuckDBPreparedStatement,
    startedAt: number,
  ) {
    this.sessionId = input.sessionId
    this.colour = input.colour
    this.sql = input.sql
    this.catalog = input.catalog
    this.schema = input.schema
    this.#database = input.database
    this.#connection = connection
    this.#prepared = prepared
    this.#batch = input.batch
    this.#streamResults = input.streamResults === true
    this.preparedAt = Date.now()
    this.lastUsedAt = this.preparedAt
    this.parsingTimeMs = performance.now() - startedAt
  }

  /**
   * Prepares `sql` on a new connection positioned on catalog/schema. Only SELECT-type statements
   * are accepted; errors are {@link RpcError}s (INVALID_ARGUMENT for parse/bind errors).
   */
  static async prepare(input: PrepareQueryInput): Promise<LocalQuery> {
    const startedAt = performance.now()
    let connection: DuckDBConnection | undefined
    try {
      connection = await input.database.connect(input.catalog, input.schema, input.sql)
      // one DuckDB call (extractStatements + prepare(0) took two), none for a statement this
      // connection prepared before; DuckDB refuses several statements and an empty one itself
      const cached = input.database.takeStatement(connection, input.sql)
      const prepared =
        cached ??
        (await connection.prepare(input.sql).catch((error: unknown) => {
          const message = error instanceof Error ? error.message : ''
          if (message.includes('Cannot prepare multiple statements')) {
            throw new RpcError(
              GrpcStatus.INVALID_ARGUMENT,
              'multiple statements are not supported: send one statement',
            )
          }
          if (message.includes('No statement to prepare')) {
            throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'empty statement')
          }
          throw error
        }))
      const SELECT = input.database.duckdb.StatementType.SELECT
      if (prepared.statementType !== SELECT) {
        prepared.destroySync()
        throw new RpcError(
          GrpcStatus.INVALID_ARGUMENT,
          'only queries (SELECT, WITH … SELECT, VALUES) are supported: e6data is read-only',
        )
      }
      return new LocalQuery(input, connection, prepared, startedAt)
    } catch (error) {
      // a refused statement left nothing on the connection
      if (connection) input.database.release(connection, error instanceof RpcError)
      throw rpcErrorFromDuckDB(error)
    }
  }

  get state(): QueryState {
    return this.#state
  }

  /** Whether the query holds a DuckDB computation (executing, or rows left in DuckDB). */
  get running(): boolean {
    return this.#state === 'executing' || this.#state === 'streaming'
  }

  /** Whether a DuckDB call of this query is in flight (never idle-expired then). */
  get busy(): boolean {
    return this.#inFlight > 0
  }

  get parameterCount(): number {
    return this.#prepared.parameterCount
  }

  /** DuckDB type names of the placeholders, 1-based order (`'VARCHAR'` when not inferable). */
  parameterTypes(): string[] {
    const out: string[] = []
    for (let i = 1; i <= this.#prepared.parameterCount; i++) {
      out.push(duckdbTypeName(this.#prepared.parameterTypeId(i)) ?? 'VARCHAR')
    }
    return out
  }

  /** Runs the query; a second call fails with FAILED_PRECONDITION. */
  execute(params: readonly ParameterValue[]): Promise<void> {
    this.#assertUsable()
    if (this.#state !== 'prepared') {
      throw new RpcError(
        GrpcStatus.FAILED_PRECONDITION,
        `query ${this.id} was already executed: prepare it again`,
      )
    }
    this.#state = 'executing'
    this.#executeStartedAt = performance.now()
    return this.#serial(async () => {
      if (this.#state !== 'executing') throw cancelledError()
      if (params.length > 0 || this.#prepared.parameterCount > 0) {
        bindParameters(this.#database.duckdb, this.#prepared, params)
      }
      const result = await this.#prepared.stream()
      this.#result = result
      this.#plans = planColumns(result.columnNames(), result.columnTypes())
      let builder = new BatchBuilder(this.#plans, () => result.fetchChunk(), this.#batch)
      await builder.fill()
      if (this.#state !== 'executing') throw cancelledError()
      if (!builder.exhausted && !this.#streamResults) builder = await this.#materialize(params)
      this.#builder = builder
      if (this.#state !== 'executing') throw cancelledError()
      this.#executeEndedAt = performance.now()
      if (builder.exhausted && this.#totalRows === undefined) this.#totalRows = builder.rowsProduced
      this.#afterProgress()
      if (this.#state === 'executing') {
        this.#state = this.#totalRows !== undefined ? 'done' : 'streaming'
      }
    })
  }

  /**
   * Runs the query to completion into a temp table of this query's connection (starting it ends
   * the streaming first pass) and returns a builder streaming from that table.
   */
  async #materialize(params: readonly ParameterValue[]): Promise<BatchBuilder> {
    const ctas = await this.#connection.prepare(`CREATE TEMP TABLE ${RESULT_TABLE} AS ${this.sql}`)
    try {
      if (params.length > 0 || ctas.parameterCount > 0) {
        bindParameters(this.#database.duckdb, ctas, params)
      }
      this.#resultTable = true
      const created = await ctas.runAndReadAll()
      this.#totalRows = Number(created.getRows()[0]?.[0] ?? 0)
    } finally {
      ctas.destroySync()
    }
    if (this.#state !== 'executing') throw cancelledError()
    const scan = await this.#connection.stream(`SELECT * FROM temp.main.${RESULT_TABLE}`)
    return new BatchBuilder(this.#plans, () => scan.fetchChunk(), this.#batch)
  }

  /** Whether {@link metadata} was answered (the `refuseEarlyBatches` option reads it). */
  get metadataServed(): boolean {
    return this.#metadataServed
  }

  /** Encoded result metadata (protocol.md §8); idempotent. */
  metadata(): Uint8Array {
    this.#assertUsable()
    const builder = this.#assertExecuted()
    this.#metadataServed = true
    return encodeMetadata({
      rowCount: BigInt(this.#totalRows ?? builder.rowsProduced),
      columns: this.#plans.map((p) => p.descriptor),
    })
  }

  /** The next batch, or zero bytes after the last one (forever). */
  nextBatch(): Promise<Uint8Array> {
    this.#assertUsable()
    const builder = this.#assertExecuted()
    return this.#serial(async () => {
      this.#assertUsable()
      const bytes = await builder.next()
      this.#afterProgress()
      return bytes
    })
  }

  /** `status`: done once the query ran to completion; `rowCount` = its total (so far, streaming). */
  status(): QueryStatus {
    this.#assertUsable()
    return {
      done: this.#state === 'done',
      rowCount: this.#totalRows ?? this.#builder?.rowsProduced ?? 0,
    }
  }

  /** DuckDB `EXPLAIN` text of the query (on a separate connection). */
  async explain(): Promise<string> {
    this.#assertUsable()
    const connection = await this.#database.connect(this.catalog, this.schema)
    let clean = false
    try {
      const nulls = new Array(this.#prepared.parameterCount).fill(null)
      const reader = await connection.runAndReadAll(`EXPLAIN ${this.sql}`, nulls)
      clean = true
      return reader
        .getRows()
        .map((row) => String(row[1] ?? ''))
        .join('\n')
    } catch (error) {
      throw rpcErrorFromDuckDB(error)
    } finally {
      this.#database.release(connection, clean)
    }
  }

  /** `explainAnalyze` (after execute): JSON text with timings and the plan. */
  async explainAnalyze(): Promise<{
    readonly json: string
    readonly parsingTimeMs: number
    readonly queueingTimeMs: number
  }> {
    this.#assertUsable()
    const builder = this.#assertExecuted()
    const plan = await this.explain()
    const end = this.#doneAt || performance.now()
    const total = end - this.#executeStartedAt
    const json = JSON.stringify({
      total_query_time: Math.round(total * 1000) / 1000,
      executionQueueingTime: 0,
      parsingTime: Math.round(this.parsingTimeMs * 1000) / 1000,
      executionTime: Math.round((this.#executeEndedAt - this.#executeStartedAt) * 1000) / 1000,
      rowCount: this.#totalRows ?? builder.rowsProduced,
      state: this.#state,
      queryId: this.id,
      plan,
    })
    return { json, parsingTimeMs: this.parsingTimeMs, queueingTimeMs: 0 }
  }

  /**
   * Cancels: interrupts DuckDB when running; later calls answer CANCELLED. A finished query is
   * left alone (no-op).
   */
  cancel(): void {
    if (this.#state === 'prepared' || this.#state === 'executing' || this.#state === 'streaming') {
      const wasRunning = this.#state !== 'prepared'
      this.#state = 'cancelled'
      if (wasRunning) this.#interrupt()
    }
  }

  /**
   * Frees the query: interrupts DuckDB if needed, drops the held result, then closes the
   * connection. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#state === 'closed') return
    // only a query that ended cleanly leaves its connection fit for the next one
    let reusable =
      (this.#state === 'prepared' ||
        (this.#state === 'done' && this.#builder?.exhausted === true)) &&
      !this.#interrupted
    if (this.running) this.#interrupt()
    this.#state = 'closed'
    await this.#chain.catch(() => {})
    if (this.#resultTable) {
      this.#resultTable = false
      // the connection may be pooled: the table must go (this also frees spilled blocks now)
      await this.#connection.run(`DROP TABLE IF EXISTS temp.main.${RESULT_TABLE}`).catch(() => {
        reusable = false
      })
    }
    reusable &&= !this.#interrupted
    if (reusable) this.#database.keepStatement(this.#connection, this.sql, this.#prepared)
    else {
      try {
        this.#prepared.destroySync()
      } catch {
        // already destroyed
      }
    }
    this.#database.release(this.#connection, reusable)
  }

  /**
   * Interrupts the DuckDB call in flight. An interrupt that lands before DuckDB started the query
   * can be lost, so it is repeated every 25 ms while a call is still in flight.
   */
  #interrupt(): void {
    this.#interrupted = true
    const fire = () => {
      if (this.#inFlight === 0) return false
      try {
        this.#connection.interrupt()
      } catch {
        return false // connection already closed
      }
      return true
    }
    if (!fire()) return
    const timer = setInterval(() => {
      if (!fire()) clearInterval(timer)
    }, 25)
    timer.unref()
  }

  #afterProgress(): void {
    if (this.#builder?.exhausted && this.#doneAt === 0) {
      this.#doneAt = performance.now()
      if (this.#state === 'streaming') this.#state = 'done'
    }
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.#inFlight++
      try {
        return await fn()
      } catch (error) {
        throw this.#fail(error)
      } finally {
        this.#inFlight--
      }
    }
    const next = this.#chain.then(run, run)
    this.#chain = next.catch(() => {})
    return next
  }

  #fail(error: unknown): RpcError {
    if (this.#state === 'cancelled') return cancelledError()
    if (this.#state === 'closed')
      return new RpcError(GrpcStatus.NOT_FOUND, `query ${this.id} not found`)
    const rpc = rpcErrorFromDuckDB(error)
    if (rpc.code === GrpcStatus.INVALID_ARGUMENT && this.#state === 'executing' && !this.#result) {
      // a binding error: the query may be executed again with correct parameters
      this.#state = 'prepared'
      return rpc
    }
    this.#state = 'failed'
    this.#error = rpc
    return rpc
  }

  #assertUsable(): void {
    this.lastUsedAt = Date.now()
    switch (this.#state) {
      case 'cancelled':
        throw cancelledError()
      case 'closed':
        throw new RpcError(GrpcStatus.NOT_FOUND, `query ${this.id} not found`)
      case 'failed':
        throw this.#error ?? new RpcError(GrpcStatus.INTERNAL, 'query failed')
      default:
    }
  }

  #assertExecuted(): BatchBuilder {
    if (this.#builder === undefined) {
      throw new RpcError(
        GrpcStatus.FAILED_PRECONDITION,
        this.#state === 'executing'
          ? `query ${this.id} is still executing`
          : `query ${this.id} has not been executed`,
      )
    }
    return this.#builder
  }
}
