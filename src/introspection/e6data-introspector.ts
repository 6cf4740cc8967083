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

const DEFAULT_CONCURRENCY = 4

/**
 * `dataType` is the normalised type name (`decimal`), `rawDataType` the engine's (`decimal(7,2)`).
 * The wire says nothing of nullability, defaults or identity: every column is nullable.
 */
export interface E6dataColumnMetadata extends ColumnMetadata {
  readonly rawDataType: string
}

/** `isView` is always `false`: the engine does not tell tables and views apart. */
export interface E6dataTableMetadata extends TableMetadata {
  readonly schema: string
  readonly columns: E6dataColumnMetadata[]
}

/** Options of {@link E6dataIntrospector}. */
export interface E6dataIntrospectorOptions {
  /** Where the metadata comes from: the e6data client, or anything with its schema RPCs. */
  readonly source: E6dataSchemaSource
  /** Default: `source.options.catalog`, else the source's own default. */
  readonly catalog?: string | undefined
  /** Default: every schema of the catalog. Also restricts `getSchemas()`. */
  readonly schemas?: readonly string[] | undefined
  /** Applied before columns are fetched, so a table it drops costs no RPC. */
  readonly tableFilter?: ((schema: string, table: string) => boolean) | undefined
  /** Schema RPCs in flight at once. Default `4`. */
  readonly concurrency?: number | undefined
}

/** Options of {@link E6dataIntrospector.getTables}: Kysely's options plus an `AbortSignal`. */
export interface E6dataGetTablesOptions extends Partial<DatabaseMetadataOptions> {
  /** Aborts the introspection: no new RPC starts and the running ones are cancelled. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Kysely `DatabaseIntrospector` for e6data: reads one catalog through the engine's schema RPCs
 * (never SQL), up to `concurrency` calls at a time. What the wire cannot say is filled in
 * conservatively (every column nullable, every relation a table). The metadata is deeply frozen,
 * sorted by schema, then table (code-point order); columns keep the engine's order.
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

  /** The catalog this introspector reads (`undefined`: the source's default). */
  get catalog(): string | undefined {
    return this.#catalog
  }

  /** Schema names of the catalog (restricted to the `schemas` option when given), sorted. */
  async getSchemas(options: E6dataSchemaCallOptions = {}): Promise<SchemaMetadata[]> {
    const names = await this.#schemaNames(options.signal)
    return Object.freeze(names.map((name) => Object.freeze({ name }))) as SchemaMetadata[]
  }

  /** Tables and their columns; Kysely's migration tables only with `withInternalKyselyTables`. */
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
