import {
  type ColumnarBatch,
  type ColumnDescriptor,
  type ResolvedValueMapping,
  resolveValueMapping,
  type ValueMappingOptions,
} from '../wire/index.js'

/** A result row keyed by column name. */
export type Row = Record<string, unknown>

/** Options of every call that runs a statement (and the value mapping of its result). */
export interface QueryOptions extends ValueMappingOptions {
  /** Aborts the query, also on the engine. */
  readonly signal?: AbortSignal | undefined
  /** Deadline of the whole statement, pool wait included (`0`/`Infinity`: none). */
  readonly timeoutMs?: number | undefined
  /** Called with the engine's query id once the statement is prepared. */
  readonly onQueryId?: ((queryId: string) => void) | undefined
  /** `'object'` (default; duplicate column names throw) or `'array'` (column order, all kept). */
  readonly rowMode?: 'object' | 'array' | undefined
}

/** Options of streaming calls. */
export interface StreamOptions extends QueryOptions {
  /** Batches fetched ahead of the consumer (default: the client's `prefetch`, 1). */
  readonly prefetch?: number | undefined
  /** Called with the result's columns before the first batch (also for an empty result). */
  readonly onColumns?: ((columns: readonly ColumnDescriptor[]) => void) | undefined
  /** After the last batch: the query's explainAnalyze (one more RPC, whose failure is ignored). */
  readonly onExplainAnalyze?: ((analysis: ExplainAnalyzeResult) => void) | undefined
}

/** Options of the {@link Session} methods: the parameters travel in the options. */
export interface SessionQueryOptions extends StreamOptions {
  /** Values for the `?` placeholders, rendered as SQL literals. */
  readonly params?: readonly unknown[] | undefined
  /** Sent by server-side binding instead (engines known to honour it only); needs a catalog. */
  readonly bindParams?: readonly unknown[] | undefined
}

/** A fully read result. */
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
 *   const ids = batch.columnar.column('id') // typed arrays
 *   handle(batch.toRows())
 * }
 * ```
 */
export class ResultBatch<R = Row> {
  readonly columns: readonly ColumnDescriptor[]
  readonly rowCount: number
  readonly queryId: string
  /** Typed arrays, lazy values. */
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

  /** Rows as objects; `DuplicateColumnError` when two columns share a name. */
  toRows(mapping?: ValueMappingOptions): R[] {
    return this.columnar.toRows(resolveValueMapping(mapping, this.#mapping)) as R[]
  }

  /** Rows as arrays in column order. */
  toArrays(mapping?: ValueMappingOptions): unknown[][] {
    return this.columnar.toArrays(resolveValueMapping(mapping, this.#mapping))
  }
}

/** One column from `client.columns()`; `type` is `rawType` lower-cased and cut at `(` or `<`. */
export interface ColumnInfo {
  readonly name: string
  readonly type: string
  readonly rawType: string
}

/** The parsed result of `client.explainAnalyze()`. */
export interface ExplainAnalyzeResult {
  /** The parsed `explainAnalyze` JSON (the raw text when it is not JSON). */
  readonly plan: unknown
  /** The raw JSON text. */
  readonly raw: string
  readonly isCached: boolean
  /** ms */
  readonly parsingTime: number
  /** ms */
  readonly queueingTime: number
  /** `total_query_time` from the JSON, when present. */
  readonly totalQueryTimeMs: number | undefined
  readonly queryId: string
  /** Rows the statement produced (drained and discarded). */
  readonly rowCount: number
}
