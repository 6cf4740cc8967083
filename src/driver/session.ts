import { E6dataAbortError, InvalidArgumentError, TimeoutError } from '../errors.js'
import { prepareStatement, type StatementText } from '../sql/index.js'
import {
  type ColumnarBatch,
  checkUniqueColumnNames,
  type ResolvedValueMapping,
  resolveValueMapping,
} from '../wire/index.js'
import { BatchPrefetcher } from './batch-prefetcher.js'
import type { OpContext } from './client-core.js'
import type { PoolSlot } from './pool-slot.js'
import { QueryRun, type QueryRunDeps } from './query-run.js'
import {
  type ExplainAnalyzeResult,
  type QueryResult,
  ResultBatch,
  type Row,
  type SessionQueryOptions,
} from './result-batch.js'
import { abortErrorFrom } from './run-with-retry.js'
import type { SessionPool } from './session-pool.js'
import { engineStringEscape } from './string-escape-probe.js'

export interface SessionDeps extends Omit<QueryRunDeps, 'slot'> {
  readonly pool: SessionPool
  readonly cancel: (queryId: string) => Promise<boolean>
}

type RunKind = 'query' | 'stream' | 'explain' | 'explain_analyze'

/**
 * A leased session (`client.acquireSession()`): statements run one at a time; call
 * {@link release} when done. A statement resolves once its last batch arrived; its query is
 * cleared in the background (`client.close()` waits for that).
 *
 * @example
 * ```ts
 * const session = await client.acquireSession()
 * try {
 *   const { rows } = await session.execute('select 1 as one', { onQueryId: (id) => console.log(id) })
 * } finally {
 *   session.release()
 * }
 * ```
 */
export class Session {
  readonly #deps: SessionDeps
  readonly #slot: PoolSlot
  readonly #autoRelease: boolean
  #released = false
  #busy = false
  #run: QueryRun | null = null

  /** @internal */
  constructor(deps: SessionDeps, slot: PoolSlot, options: { autoRelease: boolean }) {
    this.#deps = deps
    this.#slot = slot
    this.#autoRelease = options.autoRelease
  }

  /** Local session number (logs, events); never the engine's session id. */
  get number(): number {
    return this.#slot.number
  }

  /** Engine query id of the running statement, if any (for Kysely's `cancelQuery`). */
  get currentQueryId(): string | undefined {
    return this.#run?.queryId
  }

  /** Whether {@link release} was called. */
  get released(): boolean {
    return this.#released
  }

  #enter(): void {
    if (this.#released) throw new InvalidArgumentError('the session was released')
    if (this.#busy) throw new InvalidArgumentError('the session is running another statement')
    this.#busy = true
  }

  #leave(run: QueryRun): void {
    if (this.#run === run) this.#run = null
    this.#busy = false
    if (this.#autoRelease) this.release()
  }

  /**
   * The one place where parameters meet the SQL, for the client and the dialect alike. With
   * `params` (even none) every `?` is a placeholder; without, the SQL is sent as written.
   */
  async #statementText(
    sql: string,
    o: SessionQueryOptions,
    startedAt: number,
  ): Promise<StatementText> {
    const bind = o.bindParams !== undefined
    if (bind && o.params !== undefined) {
      throw new InvalidArgumentError('give either params or bindParams, not both')
    }
    const prepared = prepareStatement(sql, bind ? o.bindParams : o.params, { bind })
    if (!prepared.needsRule) return prepared.finish('backslash')
    const rule = await engineStringEscape(
      { ...this.#deps, slot: this.#slot },
      { signal: o.signal, timeoutMs: o.timeoutMs, startedAt },
    )
    return prepared.finish(rule)
  }

  /** Resolves the value mapping once, here; the session stays usable if the run cannot start. */
  async #enterRun(
    sql: string,
    o: SessionQueryOptions,
    kind: RunKind,
    startedAt?: number,
  ): Promise<{ run: QueryRun; mapping: ResolvedValueMapping }> {
    this.#enter()
    try {
      const mapping = resolveValueMapping(o, this.#deps.core.options.mapping)
      // the deadline counts from here: a string-escape probe spends the statement's time
      const began = startedAt ?? performance.now()
      const text = await this.#statementText(sql, o, began)
      const run = new QueryRun(
        { ...this.#deps, slot: this.#slot },
        text.sql,
        { ...o, startedAt: began, bindParams: text.bindValues },
        kind,
        sql,
      )
      this.#run = run
      return { run, mapping }
    } catch (err) {
      this.#busy = false
      if (this.#autoRelease) this.release()
      throw err
    }
  }

  async #begin(run: QueryRun): Promise<void> {
    await this.#slot.adoptStrategy(run.ctx as OpContext)
  }

  /** Awaits the cleanup first, unless the caller left: then it goes on in the background. */
  async #fail(run: QueryRun, err: unknown): Promise<unknown> {
    const e = run.normalizeError(err)
    const left = e instanceof E6dataAbortError || e instanceof TimeoutError
    const closing = run.close(left ? 'aborted' : 'error', e)
    if (!run.ctx.signal.aborted) await closing
    return e
  }

  /** Runs a statement and reads every row (see `client.query`). */
  async execute<R = Row>(
    sql: string,
    options: SessionQueryOptions = {},
    /** @internal `performance.now()` when the caller's operation began (the pool wait). */
    startedAt?: number,
  ): Promise<QueryResult<R>> {
    const { run, mapping } = await this.#enterRun(sql, options, 'query', startedAt)
    const rows: R[] = []
    let prefetcher: BatchPrefetcher<ColumnarBatch> | undefined
    try {
      await this.#begin(run)
      await run.start()
      const arrays = options.rowMode === 'array'
      // checked on the metadata, so an empty result follows the same rule
      if (!arrays) {
        checkUniqueColumnNames(
          run.metadata.columns.map((c) => c.name),
          { queryId: run.queryId },
        )
      }
      prefetcher = new BatchPrefetcher(
        () => run.fetchBatch(),
        options.prefetch ?? this.#deps.core.options.prefetch,
        () => run.stopFetching(),
      )
      for (let b = await prefetcher.next(); b !== null; b = await prefetcher.next()) {
        for (const row of arrays ? b.toArrays(mapping) : b.toRows(mapping)) rows.push(row as R)
      }
      run.ctx.span.setAttribute('db.response.returned_rows', rows.length)
      void run.close('done') // in the background: see the class comment
    } catch (err) {
      prefetcher?.close()
      throw await this.#fail(run, err)
    } finally {
      this.#leave(run)
    }
    const queryId = run.queryId ?? ''
    return { columns: run.metadata.columns, rows, rowCount: rows.length, queryId }
  }

  /** Streams a result batch by batch; `break` or an abort cancels the query on the engine. */
  async *streamBatches<R = Row>(
    sql: string,
    options: SessionQueryOptions = {},
    /** @internal `performance.now()` when the caller's operation began (the pool wait). */
    startedAt?: number,
  ): AsyncGenerator<ResultBatch<R>, void, undefined> {
    const { run, mapping } = await this.#enterRun(sql, options, 'stream', startedAt)
    let prefetcher: BatchPrefetcher<ColumnarBatch> | undefined
    let outcome: 'done' | 'error' | 'aborted' = 'aborted'
    let failure: unknown
    let finishing: Promise<void> | undefined
    // the session is free at once; cleanup is awaited unless the caller's signal ended the run
    const finish = (): Promise<void> => {
      if (!finishing) {
        prefetcher?.close()
        finishing = run.close(outcome, failure)
        this.#leave(run)
      }
      return finishing
    }
    // an abort while the consumer sits between batches must still free the engine and the session
    let suspended = false
    const onAbort = () => {
      if (suspended) void finish()
    }
    run.ctx.signal.addEventListener('abort', onAbort, { once: true })
    let rows = 0
    const abortedBy = () => abortErrorFrom(run.ctx.signal, run.queryId)
    try {
      await this.#begin(run)
      await run.start()
      options.onColumns?.(run.metadata.columns)
      const r = run
      prefetcher = new BatchPrefetcher(
        () => r.fetchBatch(),
        options.prefetch ?? this.#deps.core.options.prefetch,
        () => r.stopFetching(),
      )
      for (;;) {
        const b = await prefetcher.next()
        if (b === null) {
          if (run.ctx.signal.aborted) throw abortedBy()
          if (options.onExplainAnalyze) {
            const analysis = await run.explainAnalyze().then(
              (res) => explainAnalyzeResult(res, run.queryId ?? '', rows),
              () => undefined,
            )
            if (analysis) options.onExplainAnalyze(analysis)
          }
          break
        }
        rows += b.rowCount
        suspended = true
        try {
          yield new ResultBatch<R>(b, run.queryId ?? '', mapping)
        } finally {
          suspended = false
        }
        if (run.ctx.signal.aborted) throw abortedBy()
      }
      outcome = 'done'
      run.ctx.span.setAttribute('db.response.returned_rows', rows)
    } catch (err) {
      failure = run.normalizeError(err)
      outcome =
        failure instanceof E6dataAbortError || failure instanceof TimeoutError ? 'aborted' : 'error'
      throw failure
    } finally {
      run.ctx.signal.removeEventListener('abort', onAbort)
      const closing = finish()
      if (outcome !== 'done' && !run.ctx.signal.aborted) await closing
    }
  }

  /** Streams a result row by row. */
  async *streamRows<R = Row>(
    sql: string,
    options: SessionQueryOptions = {},
  ): AsyncGenerator<R, void, undefined> {
    const arrays = options.rowMode === 'array'
    for await (const batch of this.streamBatches<R>(sql, options)) {
      for (const row of arrays ? batch.toArrays() : batch.toRows()) yield row as R
    }
  }

  /** The engine's plan for a statement (not run). */
  async explain(sql: string, options: SessionQueryOptions = {}): Promise<string> {
    const { run } = await this.#enterRun(sql, options, 'explain')
    try {
      await this.#begin(run)
      await run.prepareOnly()
      const plan = await run.explain()
      void run.close('done') // in the background: see the class comment
      return plan
    } catch (err) {
      throw await this.#fail(run, err)
    } finally {
      this.#leave(run)
    }
  }

  /** Runs a statement, discards its rows, and returns the engine's explainAnalyze. */
  async explainAnalyze(
    sql: string,
    options: SessionQueryOptions = {},
  ): Promise<ExplainAnalyzeResult> {
    const { run } = await this.#enterRun(sql, options, 'explain_analyze')
    try {
      await this.#begin(run)
      await run.start()
      let rowCount = 0
      for (let b = await run.fetchBatch(); b !== null; b = await run.fetchBatch())
        rowCount += b.rowCount
      const res = await run.explainAnalyze()
      void run.close('done') // in the background: see the class comment
      return explainAnalyzeResult(res, run.queryId ?? '', rowCount)
    } catch (err) {
      throw await this.#fail(run, err)
    } finally {
      this.#leave(run)
    }
  }

  /** Cancels a query (default: this session's running one); `false` when there was none. */
  cancel(queryId?: string): Promise<boolean> {
    const id = queryId ?? this.currentQueryId
    return id ? this.#deps.cancel(id) : Promise.resolve(false)
  }

  /** Runs `fn` with this session's engine connection (schema RPCs). @internal */
  withSlot<T>(fn: (slot: PoolSlot) => Promise<T>): Promise<T> {
    if (this.#released) return Promise.reject(new InvalidArgumentError('the session was released'))
    return fn(this.#slot)
  }

  /** Returns the session to the pool. Safe to call twice. */
  release(): void {
    if (this.#released) return
    this.#released = true
    this.#deps.pool.release(this.#slot)
  }
}

/** JSON text, kept raw when it is not JSON. */
function explainAnalyzeResult(
  res: {
    explainAnalyze: string
    isCached: boolean
    parsingTime: bigint | number
    queueingTime: bigint | number
  },
  queryId: string,
  rowCount: number,
): ExplainAnalyzeResult {
  let plan: unknown = res.explainAnalyze
  try {
    plan = JSON.parse(res.explainAnalyze)
  } catch {
    // keep the raw text
  }
  const total = (plan as { total_query_time?: unknown } | null)?.total_query_time
  return {
    plan,
    raw: res.explainAnalyze,
    isCached: res.isCached,
    parsingTime: Number(res.parsingTime),
    queueingTime: Number(res.queueingTime),
    totalQueryTimeMs: typeof total === 'number' ? total : undefined,
    queryId,
    rowCount,
  }
}
