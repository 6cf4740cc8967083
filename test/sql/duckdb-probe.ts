/**
 * In-process DuckDB for checking rendered literals against a real SQL lexer. SQL goes through the
 * local engine's own translator first, so a backslash-rule literal reaches DuckDB exactly as it
 * would through the engine.
 *
 * @module
 */

import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { translateE6Sql } from '../../src/local/sql-translator.js'
import type { StringEscapeMode } from '../../src/sql/string-escape.js'

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

/** The local engine's rewrite of e6 SQL for DuckDB under `mode`. */
export function toDuckDbSql(sql: string, mode: StringEscapeMode): string {
  return translateE6Sql(sql, { stringEscape: mode }).sql
}
