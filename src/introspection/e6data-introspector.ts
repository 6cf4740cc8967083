import type {
  ColumnMetadata,
  DatabaseIntrospector,
  DatabaseMetadataOptions,
  SchemaMetadata,
  TableMetadata,
} from 'kysely'
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from 'kysely/migration'
import { normalizeE6dataType } from '../wire/index.js'
import type { E6dataSchemaCallOptions, E6dataSchemaSource } from './e6data-schema-source.js'
import { checkConcurrency, runWithConcurrency, throwIfAborted } from './run-with-concurrency.js'

/** Default number of schema RPCs the introspector keeps in flight. */
const DEFAULT_CONCURRENCY = 4

/**
 * Kysely column metadata plus the engine's unmodified type string.
 *
 * `dataType` is the normalised e6data type name (`decimal`, `varchar`, `array`, …) and
 * `rawDataType` the string the engine reported (`decimal(7,2)`, `varchar(16)`, `array<int>`).
 * The wire carries no nullability, default or identity information, so `isNullable` is always
 * `true` (the safe assumption) and `hasDefaultValue` / `isAutoIncrementing` are always `false`.
 *
 * @example
 * ```ts
 * const [table] = await db.introspection.getTables()
 * const price = table?.columns.find((c) => c.name === 'price') as E6dataColumnMetadata
 * price.dataType // 'decimal'
 * price.rawDataType // 'decimal(7,2)'
 * ```
 */
export interface E6dataColumnMetadata extends ColumnMetadata {
  /** The engine's type string, unchanged (`decimal(7,2)`, `array<int>`, `LONG`, …). */
  readonly rawDataType: string
}

/**
 * Kysely table metadata as produced by {@link E6dataIntrospector}. `schema` is always set;
 * `isView` and `isForeign` are always `false` (the engine does not tell tables and views apart).
 *
 * @example
 * ```ts
 * const tables: readonly E6dataTableMetadata[] = await introspector.getTables()
 * tables.map((t) => `${t.schema}.${t.name}`)
 * ```
 */
export interface E6dataTableMetadata extends TableMetadata {
  readonly schema: string
  readonly columns: E6dataColumnMetadata[]
}

/**
 * Options of {@link E6dataIntrospector}.
 *
 * @example
 * ```ts
 * const options: E6dataIntrospectorOptions = { source: client, catalog: 'hive', schemas: ['sales'] }
 * ```
 */
export interface E6dataIntrospectorOptions {
  /** Where the metadata comes from: the e6data client, or anything with its schema RPCs. */
  readonly source: E6dataSchemaSource
  /**
   * The catalog to introspect. Defaults to `source.options.catalog`; when that is unset (or
   * empty) too, the source's own default applies.
   */
  readonly catalog?: string | undefined
  /**
   * Schemas to introspect. Default: every schema of the catalog. Also restricts
   * {@link E6dataIntrospector.getSchemas}.
   */
  readonly schemas?: readonly string[] | undefined
  /**
   * Keeps only the tables for which it returns `true`. Applied before any column is fetched,
   * so filtered-out tables cost no `getColumnsV2` call.
   */
  readonly tableFilter?: ((schema: string, table: string) => boolean) | undefined
  /** Maximum number of schema RPCs in flight at once. Default `4`. */
  readonly concurrency?: number | undefined
}

/**
 * Options of {@link E6dataIntrospector.getTables}: Kysely's options plus an `AbortSignal`.
 *
 * @example
 * ```ts
 * await introspector.getTables({ withInternalKyselyTables: false, signal: AbortSignal.timeout(30_000) })
 * ```
 */
export interface E6dataGetTablesOptions extends Partial<DatabaseMetadataOptions> {
  /** Aborts the introspection: no new RPC starts and the running ones are cancelled. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Kysely `DatabaseIntrospector` for e6data. It reads one catalog through the engine's schema
 * RPCs (`getSchemaNamesV2`, `getTablesV2`, `getColumnsV2`), never through SQL, fetching the
 * columns of up to `concurrency` tables at a time.
 *
 * What the wire cannot say is filled in conservatively: every column is nullable, nothing has a
 * default or is auto-incrementing, and every relation is a plain table (`isView: false`).
 * The returned metadata is deeply frozen and sorted by schema, then table name (code-point
 * order); columns keep the engine's order.
 *
 * @example
 * ```ts
 * const introspector = new E6dataIntrospector({ source: client, catalog: 'hive', schemas: ['sales'] })
 * for (const table of await introspector.getTables()) {
 *   console.log(table.schema, table.name, table.columns.map((c) => `${c.name}: ${c.dataType}`))
 * }
 * ```
 */
export class E6dataIntrospector implements DatabaseIntrospector {
  readonly #source: E6dataSchemaSource
  readonly #catalog: string | undefined
  readonly #schemas: readonly string[] | undefined
  readonly #tableFilter: ((schema: string, table: string) => boolean) | undefined
  readonly #concurrency: number

  constructor(options: E6dataIntrospectorOptions) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
    checkConcurrency(concurrency)
    this.#source = options.source
    this.#catalog = nonEmpty(options.catalog) ?? nonEmpty(options.source.options?.catalog)
    this.#schemas = options.schemas === undefined ? undefined : Object.freeze([...options.schemas])
    this.#tableFilter = options.tableFilter
    this.#concurrency = concurrency
  }

  /**
   * The catalog this introspector reads (`undefined`: the source's default).
   *
   * @example
   * ```ts
   * new E6dataIntrospector({ source: client, catalog: 'hive' }).catalog // 'hive'
   * ```
   */
  get catalog(): string | undefined {
    return this.#catalog
  }

  /**
   * Schema names of the catalog (restricted to the `schemas` option when given), sorted.
   *
   * @example
   * ```ts
   * const names = (await introspector.getSchemas()).map((s) => s.name)
   * ```
   */
  async getSchemas(options: E6dataSchemaCallOptions = {}): Promise<SchemaMetadata[]> {
    const names = await this.#schemaNames(options.signal)
    return Object.freeze(names.map((name) => Object.freeze({ name }))) as SchemaMetadata[]
  }

  /**
   * Tables and their columns. `kysely_migration` and `kysely_migration_lock` are left out unless
   * `withInternalKyselyTables` is `true`.
   *
   * @example
   * ```ts
   * const tables = await introspector.getTables({ withInternalKyselyTables: false })
   * ```
   */
  async getTables(options: E6dataGetTablesOptions = {}): Promise<E6dataTableMetadata[]> {
    const { signal } = options
    const withInternal = options.withInternalKyselyTables ?? false
    const schemas = await this.#schemaNames(signal)
    const perSchema = await runWithConcurrency(
      schemas,
      this.#concurrency,
      async (schema, callSignal) => {
        const names = await this.#source.tables(schema, this.#catalog, { signal: callSignal })
        return names.map((table) => ({ schema, table }))
      },
      signal,
    )
    const wanted = perSchema
      .flat()
      .filter(({ table }) => withInternal || !isKyselyInternalTable(table))
      .filter(({ schema, table }) => this.#tableFilter?.(schema, table) ?? true)
      .sort((a, b) => compareCodePoints(a.schema, b.schema) || compareCodePoints(a.table, b.table))
    const tables = await runWithConcurrency(
      wanted,
      this.#concurrency,
      async ({ schema, table }, callSignal) => {
        const columns = await this.#source.columns(schema, table, this.#catalog, {
          signal: callSignal,
        })
        return freezeTable(schema, table, columns)
      },
      signal,
    )
    return Object.freeze(tables) as E6dataTableMetadata[]
  }

  async #schemaNames(signal: AbortSignal | undefined): Promise<string[]> {
    throwIfAborted(signal)
    if (this.#schemas !== undefined) return uniqueSorted(this.#schemas)
    const names = await this.#source.schemas(this.#catalog, { signal })
    throwIfAborted(signal)
    return uniqueSorted(names)
  }
}

function freezeTable(
  schema: string,
  name: string,
  columns: readonly { readonly name: string; readonly type: string; readonly rawType: string }[],
): E6dataTableMetadata {
  const frozenColumns = columns.map((column): E6dataColumnMetadata => {
    const rawDataType = column.rawType === '' ? column.type : column.rawType
    return Object.freeze({
      name: column.name,
      dataType: normalizeE6dataType(column.type === '' ? rawDataType : column.type),
      rawDataType,
      isNullable: true,
      hasDefaultValue: false,
      isAutoIncrementing: false,
    })
  })
  return Object.freeze({
    name,
    schema,
    isView: false,
    isForeign: false,
    columns: Object.freeze(frozenColumns) as E6dataColumnMetadata[],
  })
}

function isKyselyInternalTable(table: string): boolean {
  return table === DEFAULT_MIGRATION_TABLE || table === DEFAULT_MIGRATION_LOCK_TABLE
}

function uniqueSorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort(compareCodePoints)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
