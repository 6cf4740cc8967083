/**
 * The battery's reference: a Kysely instance over an in-process DuckDB with Kysely's own
 * Postgres compiler and adapter — none of kysely-e6data's code — so a query built once runs
 * through both paths and the results can be compared.
 */
import type { DuckDBConnection } from '@duckdb/node-api'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type LimitNode,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  ValueNode,
} from 'kysely'

/** DuckDB refuses a bound LIMIT inside correlated subqueries: write plain values inline. */
class ReferenceCompiler extends PostgresQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const value = ValueNode.is(node.limit) ? node.limit.value : undefined
    if (typeof value === 'number' || typeof value === 'bigint') this.append(`limit ${value}`)
    else super.visitLimit(node)
  }
}

class DuckDBKyselyConnection implements DatabaseConnection {
  readonly #connection: DuckDBConnection

  constructor(connection: DuckDBConnection) {
    this.#connection = connection
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const reader = await this.#connection.runAndReadAll(compiled.sql, compiled.parameters as never)
    return { rows: reader.getRowObjectsJson() as R[] }
  }

  async *streamQuery<R>(
    compiled: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiled)
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) }
  }
}

class DuckDBKyselyDriver implements Driver {
  readonly #connection: DuckDBKyselyConnection

  constructor(connection: DuckDBConnection) {
    this.#connection = new DuckDBKyselyConnection(connection)
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** Kysely over DuckDB with the Postgres compiler (DuckDB reads `$n` parameters natively). */
export function referenceKysely<DB>(connection: DuckDBConnection): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DuckDBKyselyDriver(connection),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new ReferenceCompiler(),
    },
  })
}

/**
 * One canonical form for values of both sides: integers of any JS type as digit strings,
 * doubles to 12 significant digits, timestamps as `YYYY-MM-DDTHH:MM:SS.ffffff`, recursively.
 */
export function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : Number(value.toPrecision(12)).toString()
  }
  if (typeof value === 'string') {
    const ts = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z?$/.exec(value)
    if (ts) return `${ts[1]}T${ts[2]}.${(ts[3] ?? '').padEnd(6, '0')}`
    return value
  }
  if (value instanceof Date) return canonical(value.toISOString())
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]))
  }
  return value
}
