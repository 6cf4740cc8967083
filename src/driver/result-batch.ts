/**
 * Result types of the plain driver: {@link ResultBatch} (one streamed batch), {@link QueryResult}
 * and the per-call option types.
 *
 * @module
 */

import {
  type ColumnarBatch,
  type ColumnDescriptor,
  type ResolvedValueMapping,
  resolveValueMapping,
  type ValueMappingOptions,
} from '../wire/index.js'

/**
 * A result row keyed by column name.
 *
 * @example
 * ```ts
 * const row: Row = { id: 1n, name: 'a' }
 * ```
 */
export type Row = Record<string, unknown>

/**
 * Options of every call that runs a statement.
 *
 * @example
 * ```ts
 * await client.query('select * from t', [], { timeoutMs: 30_000, int64As: 'number' })
 * ```
 */
export interface QueryOptions extends ValueMappingOptions {
  /** Aborts the query (cancels the RPC and cancels the query on the engine). */
  readonly signal?: AbortSignal | undefined
  /**
   * Wall-clock deadline of the whole statement, pool wait included (`0`/`Infinity`: none). On
   * expiry the caller gets a `TimeoutError` at once; the query is cancelled and cleared on the
   * engine in the background.
   */
  readonly timeoutMs?: number | undefined
  /** Called with the engine's query id as soon as the statement is prepared. */
  readonly onQueryId?: ((queryId: string) => void) | undefined
  /**
   * Shape of result rows: `'object'` (default; keyed by column name, and a result with two
   * columns of the same name throws `DuplicateColumnError` rather than dropping one) or `'array'`
   * (values in column order; every column kept, names in `columns`).
   */
  readonly rowMode?: 'object' | 'array' | undefined
}

/**
 * Options of streaming calls.
 *
 * @example
 * ```ts
 * for await (const batch of client.stream(sql, [], { prefetch: 2 })) handle(batch.toRows())
 * ```
 */
export interface StreamOptions extends QueryOptions {
  /** Batches fetched ahead of the consumer (default: the client's `prefetch`, 1). */
  readonly prefetch?: number | undefined
  /** Called with the result's columns once they are known, before the first batch (also for an empty result). */
  readonly onColumns?: ((columns: readonly ColumnDescriptor[]) => void) | undefined
  /**
   * Called with the engine's explainAnalyze of this very query after its last batch, before the
   * query is cleared (one extra RPC; only when the result was read to the end). A failure of that
   * RPC is not the stream's: the callback is then not called.
   */
  readonly onExplainAnalyze?: ((analysis: ExplainAnalyzeResult) => void) | undefined
}

/**
 * Options of `session.execute` / `session.streamBatches` (parameters travel in the options).
 *
 * @example
 * ```ts
 * await session.execute('select ? as v', { params: [1] })
 * ```
 */
export interface SessionQueryOptions extends StreamOptions {
  /** Values for the `?` placeholders, rendered client-side as SQL literals. */
  readonly params?: readonly unknown[] | undefined
  /**
   * Values for the `?` placeholders sent through the protocol's server-side binding channel
   * (`ExecuteStatementV2Request.params`, 1-based) instead of being rendered into the text. Only
   * for engines known to honour it (the local engine does); needs a catalog.
   */
  readonly bindParams?: readonly unknown[] | undefined
}

/**
 * A fully read result.
 *
 * @example
 * ```ts
 * const { columns, rows, rowCount, queryId } = await client.query('select 1 as one')
 * ```
 */
export interface QueryResult<R = Row> {
  readonly columns: readonly ColumnDescriptor[]
  readonly rows: R[]
  readonly rowCount: number
  readonly queryId: string
}

/**
 * One batch of a streamed result: columnar data plus row/array views with the query's value
 * mapping applied.
 *
 * @example
 * ```ts
 * for await (const batch of client.stream('select * from big')) {
 *   batch.rowCount
 *   batch.columnar.column('id') // typed arrays
 *   batch.toRows()
 * }
 * ```
 */
export class ResultBatch<R = Row> {
  readonly columns: readonly ColumnDescriptor[]
  readonly rowCount: number
  readonly queryId: string
  /** The decoded columnar batch (typed arrays, lazy values). */
  readonly columnar: ColumnarBatch
  readonly #mapping: ResolvedValueMapping

  /** @internal */
  constructor(columnar: ColumnarBatch, queryId: string, mapping: ResolvedValueMapping) {
    this.columnar = columnar
    this.columns = columnar.columns
    this.rowCount = columnar.rowCount
    this.queryId = queryId
    this.#mapping = mapping
  }

  /**
   * Rows as objects (the query's value mapping, optionally overridden). Throws
   * `DuplicateColumnError` when two columns share a name; use {@link ResultBatch.toArrays} then.
   */
  toRows(mapping?: ValueMappingOptions): R[] {
    return this.columnar.toRows(resolveValueMapping(mapping, this.#mapping)) as R[]
  }

  /** Rows as arrays in column order (the query's value mapping, optionally overridden). */
  toArrays(mapping?: ValueMappingOptions): unknown[][] {
    return this.columnar.toArrays(resolveValueMapping(mapping, this.#mapping))
  }
}

/**
 * One column from `client.columns()`: the engine's raw type and the normalised type (lower-cased,
 * cut at the first `(` or `<`).
 *
 * @example
 * ```ts
 * const c: ColumnInfo = { name: 'price', type: 'decimal', rawType: 'decimal(7,2)' }
 * ```
 */
export interface ColumnInfo {
  readonly name: string
  readonly type: string
  readonly rawType: string
}

/**
 * The parsed result of `client.explainAnalyze()`.
 *
 * @example
 * ```ts
 * const { plan, totalQueryTimeMs, isCached } = await client.explainAnalyze('select 1')
 * ```
 */
export interface ExplainAnalyzeResult {
  /** The parsed `explainAnalyze` JSON (the raw text when it is not JSON). */
  readonly plan: unknown
  /** The raw JSON text. */
  readonly raw: string
  readonly isCached: boolean
  /** Parsing time in ms. */
  readonly parsingTime: number
  /** Queueing time in ms. */
  readonly queueingTime: number
  /** `total_query_time` from the JSON, when present. */
  readonly totalQueryTimeMs: number | undefined
  readonly queryId: string
  /** Rows the statement produced (drained and discarded). */
  readonly rowCount: number
}
