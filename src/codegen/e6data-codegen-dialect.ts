import type { Dialect, TableMetadata } from 'kysely'
import {
  type ColumnMetadataOptions,
  type CreateKyselyDialectOptions,
  DatabaseMetadata,
  GeneratorDialect,
  type IntrospectOptions,
  Introspector,
} from 'kysely-codegen'
import { InvalidArgumentError } from '../errors.js'
import { normalizeE6dataType } from '../wire/index.js'
import { columnOverrideKey, scalarKey } from './codegen-keys.js'
import { E6dataCodegenAdapter } from './e6data-codegen-adapter.js'
import type { E6dataTypeMappingOptions } from './e6data-type-mapping.js'

/**
 * Options of {@link E6dataCodegenDialect}.
 *
 * @example
 * ```ts
 * const options: E6dataCodegenDialectOptions = {
 *   defaultSchema: 'sales',
 *   int64As: 'bigint',
 *   columnTypes: { 'orders.amount': 'Decimal | null' },
 * }
 * ```
 */
export interface E6dataCodegenDialectOptions extends E6dataTypeMappingOptions {
  /**
   * The schema unqualified table names resolve to (the connection's `database`). Its tables get
   * plain `DB` keys (`orders`); other schemas' tables get `"schema.table"` keys. When unset,
   * every key is schema-qualified.
   */
  readonly defaultSchema?: string | undefined
  /** Extra or replacement types by e6data type name, e.g. `{ decimal: 'Decimal' }`. */
  readonly typeMapping?: Readonly<Record<string, string>> | undefined
  /**
   * Column types used verbatim (no `| null` is added), keyed `schema.table.column`, or
   * `table.column` for tables of the default schema. Keys are case-sensitive.
   */
  readonly columnTypes?: Readonly<Record<string, string>> | undefined
  /**
   * Add a `/** e6data type: decimal(10,2) *\/` comment to columns whose engine type string
   * carries more than the type name (precision, length, element types). Default `true`.
   */
  readonly rawTypeComments?: boolean | undefined
  /**
   * Builds a Kysely dialect from a connection string, for kysely-codegen's own
   * `Introspector.connect()`. Not needed by {@link generateTypes} or by `generate({ db })`.
   */
  readonly createKyselyDialect?:
    | ((options: CreateKyselyDialectOptions) => Promise<Dialect>)
    | undefined
}

/** The Kysely column fields the conversion reads; `rawDataType` comes from E6dataIntrospector. */
type SourceColumn = TableMetadata['columns'][number] & { readonly rawDataType?: string }

/**
 * kysely-codegen `GeneratorDialect` for e6data, for its programmatic API. Pair it with a
 * `Kysely` instance using `E6dataDialect` (whose introspector reads the schema RPCs) and
 * {@link E6dataTypeScriptSerializer}; or let {@link generateTypes} do all of it.
 *
 * @example
 * ```ts
 * import { generate } from 'kysely-codegen'
 * const dialect = new E6dataCodegenDialect({ defaultSchema: 'sales' })
 * const code = await generate({
 *   db, // new Kysely<any>({ dialect: new E6dataDialect({ client }) })
 *   dialect,
 *   serializer: new E6dataTypeScriptSerializer(),
 *   defaultSchemas: dialect.adapter.defaultSchemas,
 *   outFile: null,
 * })
 * ```
 */
export class E6dataCodegenDialect extends GeneratorDialect {
  readonly adapter: E6dataCodegenAdapter
  readonly introspector: E6dataCodegenIntrospector
  readonly #options: E6dataCodegenDialectOptions
  readonly #columnOverrides: ReadonlyMap<string, number>

  constructor(options: E6dataCodegenDialectOptions = {}) {
    super()
    this.#options = Object.freeze({ ...options })
    const overrides = Object.entries(options.columnTypes ?? {})
    this.#columnOverrides = new Map(overrides.map(([key], index) => [key, index]))
    this.adapter = new E6dataCodegenAdapter({
      ...options,
      columnOverrideTypes: overrides.map(([, type]) => type),
    })
    this.introspector = new E6dataCodegenIntrospector((tables) => this.toMetadata(tables))
  }

  /**
   * Converts Kysely table metadata (from E6dataIntrospector) into kysely-codegen metadata whose
   * column types are keyed for {@link E6dataCodegenAdapter}. Tables and columns keep their order.
   *
   * @example
   * ```ts
   * const metadata = new E6dataCodegenDialect().toMetadata(await introspector.getTables())
   * ```
   */
  toMetadata(tables: readonly TableMetadata[]): DatabaseMetadata {
    const rawTypeComments = this.#options.rawTypeComments ?? true
    return new DatabaseMetadata({
      tables: tables.map((table) => ({
        name: table.name,
        schema: table.schema,
        isView: table.isView,
        columns: table.columns.map((column: SourceColumn): ColumnMetadataOptions => {
          const dataType = normalizeE6dataType(column.dataType)
          const rawDataType = column.rawDataType ?? column.dataType
          const override = this.#overrideIndex(table.schema, table.name, column.name)
          const showRaw = rawTypeComments && rawDataType.trim().toLowerCase() !== dataType
          return {
            name: column.name,
            dataType: override === undefined ? scalarKey(dataType) : columnOverrideKey(override),
            isNullable: override === undefined ? column.isNullable : false,
            hasDefaultValue: false,
            isAutoIncrementing: false,
            comment: showRaw ? `e6data type: ${rawDataType.replaceAll('*/', '*\\/')}` : null,
          }
        }),
      })),
    })
  }

  /**
   * Delegates to the `createKyselyDialect` option; throws without it (e6data has no connection
   * strings).
   *
   * @example
   * ```ts
   * new E6dataCodegenDialect({ createKyselyDialect: async () => new E6dataDialect({ client }) })
   * ```
   */
  async createKyselyDialect(options: CreateKyselyDialectOptions): Promise<Dialect> {
    if (this.#options.createKyselyDialect === undefined) {
      throw new InvalidArgumentError(
        'E6dataCodegenDialect cannot connect from a connection string; pass a Kysely `db` to ' +
          'generate() or use generateTypes() from kysely-e6data/codegen',
      )
    }
    return this.#options.createKyselyDialect(options)
  }

  #overrideIndex(schema: string | undefined, table: string, column: string): number | undefined {
    const qualified = this.#columnOverrides.get(`${schema}.${table}.${column}`)
    if (qualified !== undefined) return qualified
    const isDefault = schema === undefined || schema === this.#options.defaultSchema
    return isDefault ? this.#columnOverrides.get(`${table}.${column}`) : undefined
  }
}

/**
 * kysely-codegen `Introspector` for e6data: reads `db.introspection.getTables()` (which an
 * `E6dataDialect` answers through the schema RPCs), applies kysely-codegen's include/exclude
 * patterns and converts the result with {@link E6dataCodegenDialect.toMetadata}.
 *
 * @example
 * ```ts
 * const metadata = await new E6dataCodegenDialect().introspector.introspect({ db })
 * ```
 */
export class E6dataCodegenIntrospector extends Introspector<any> {
  readonly #convert: (tables: readonly TableMetadata[]) => DatabaseMetadata

  constructor(convert: (tables: readonly TableMetadata[]) => DatabaseMetadata) {
    super()
    this.#convert = convert
  }

  /**
   * Reads and converts the tables of `options.db`.
   */
  async introspect(options: IntrospectOptions<any>): Promise<DatabaseMetadata> {
    return this.#convert(await this.getTables(options))
  }
}
