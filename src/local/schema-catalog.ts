import type { DuckDBType } from '@duckdb/node-api'
import type { GFieldInfo } from '../generated/e6x_engine.js'
import { quoteIdentifier } from '../sql/index.js'
import type { LocalDatabase } from './local-database.js'
import { rpcErrorFromDuckDB } from './rpc-error-from-duckdb.js'
import { e6FieldType } from './type-mapping.js'

/** Schema RPCs (protocol.md §13.4); unknown names give empty lists. */
export class SchemaCatalog {
  readonly #database: LocalDatabase

  constructor(database: LocalDatabase) {
    this.#database = database
  }

  /** Visible catalogs and whether each is the default. */
  async catalogs(): Promise<Array<{ name: string; isDefault: boolean }>> {
    const rows = await this.#query(
      'SELECT database_name FROM duckdb_databases() ORDER BY database_name',
      [],
    )
    return rows
      .map((r) => String(r[0]))
      .filter((name) => this.#database.isVisibleCatalog(name))
      .map((name) => ({ name, isDefault: name === this.#database.defaultCatalog }))
  }

  /** Schema names of a catalog (`''` = default catalog). */
  async schemas(catalog: string): Promise<string[]> {
    const c = catalog === '' ? this.#database.defaultCatalog : catalog
    if (!this.#database.isVisibleCatalog(c)) return []
    const rows = await this.#query(
      `SELECT schema_name FROM duckdb_schemas()
       WHERE database_name = ? AND schema_name NOT IN ('information_schema', 'pg_catalog')
       ORDER BY schema_name`,
      [c],
    )
    return rows.map((r) => String(r[0]))
  }

  /** Table and view names of a schema. */
  async tables(catalog: string, schema: string): Promise<string[]> {
    const t = this.#database.resolveTarget(catalog, schema)
    if (!this.#database.isVisibleCatalog(t.catalog)) return []
    const rows = await this.#query(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = ?
       UNION
       SELECT view_name FROM duckdb_views()
       WHERE database_name = ? AND schema_name = ? AND NOT internal
       ORDER BY 1`,
      [t.catalog, t.schema, t.catalog, t.schema],
    )
    return rows.map((r) => String(r[0]))
  }

  /** Columns of a table or view with their e6 field types. */
  async columns(catalog: string, schema: string, table: string): Promise<GFieldInfo[]> {
    const t = this.#database.resolveTarget(catalog, schema)
    const names = await this.tables(t.catalog, t.schema)
    if (!names.includes(table)) return []
    const qualified = [t.catalog, t.schema, table].map(quoteIdentifier).join('.')
    try {
      return await this.#database.withConnection(async (connection) => {
        const prepared = await connection.prepare(`SELECT * FROM ${qualified}`)
        try {
          const out: GFieldInfo[] = []
          for (let i = 0; i < prepared.columnCount; i++) {
            out.push({
              fieldName: prepared.columnName(i),
              fieldType: e6FieldType(prepared.columnType(i) as DuckDBType),
            })
          }
          return out
        } finally {
          prepared.destroySync()
        }
      })
    } catch (error) {
      throw rpcErrorFromDuckDB(error)
    }
  }

  async #query(sql: string, values: string[]): Promise<unknown[][]> {
    try {
      return await this.#database.withConnection(async (connection) => {
        const reader = await connection.runAndReadAll(sql, values)
        return reader.getRows()
      })
    } catch (error) {
      throw rpcErrorFromDuckDB(error)
    }
  }
}
