/**
 * In-process DuckDB for checking rendered literals against a real SQL lexer. In backslash mode a
 * literal `'…'` is sent as `E'…'`, exactly as the local engine rewrites it.
 *
 * @module
 */

import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import type { StringEscapeMode } from '../../src/sql/literal-renderer.js'
import { tokenizeSql } from '../../src/sql/tokenize-sql.js'

/** One DuckDB connection; call {@link DuckDbProbe.close} in `afterAll`. */
export class DuckDbProbe {
  readonly #instance: DuckDBInstance
  readonly #connection: DuckDBConnection

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#instance = instance
    this.#connection = connection
  }

  /** Opens an in-memory database. */
  static async open(): Promise<DuckDbProbe> {
    const instance = await DuckDBInstance.create(':memory:')
    return new DuckDbProbe(instance, await instance.connect())
  }

  /** Runs `sql` and returns the rows as JS values. */
  async rows(sql: string): Promise<unknown[][]> {
    const reader = await this.#connection.runAndReadAll(sql)
    return reader.getRowsJS() as unknown[][]
  }

  /** Returns the single value of `SELECT <literal> AS v` (rewritten by {@link toDuckDbSql}). */
  async selectLiteral(literal: string, mode: StringEscapeMode): Promise<unknown> {
    const [row] = await this.rows(toDuckDbSql(`SELECT ${literal} AS v`, mode))
    return row?.[0]
  }

  /** Returns `[value, typeof(value)]` of an expression. */
  async valueAndType(expression: string): Promise<[unknown, string]> {
    const [row] = await this.rows(`SELECT ${expression} AS v, typeof(${expression}) AS t`)
    return [row?.[0], String(row?.[1])]
  }

  close(): void {
    this.#connection.closeSync()
    this.#instance.closeSync()
  }
}

/**
 * The local engine's rewrite of e6 SQL for DuckDB: in backslash mode every string literal found by
 * the lexer becomes `E'…'`; standard mode is sent as it is.
 */
export function toDuckDbSql(sql: string, mode: StringEscapeMode): string {
  if (mode === 'standard') return sql
  return tokenizeSql(sql, { stringEscape: mode })
    .map((s) => (s.kind === 'string' ? 'E' : '') + sql.slice(s.start, s.end))
    .join('')
}
