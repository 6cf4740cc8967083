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

/** Options of {@link E6dataCodegenDialect}. */
export interface E6dataCodegenDialectOptions extends E6dataTypeMappingOptions {
  /** Its tables get plain `DB` keys (`orders`), others `"schema.table"`; unset: all qualified. */
  readonly defaultSchema?: string | undefined
  /** Extra or replacement types by e6data type name, e.g. `{ decimal: 'Decimal' }`. */
  readonly typeMapping?: Readonly<Record<string, string>> | undefined
  /** Verbatim column types (no `| null` added) by `[schema.]table.column`, case-sensitive. */
  readonly columnTypes?: Readonly<Record<string, string>> | undefined
  /** Comment columns whose engine type has parameters (`decimal(10,2)`). Default `true`. */
  readonly rawTypeComments?: boolean | undefined
  /** For kysely-codegen's `Introspector.connect()` only; `generate({ db })` does not need it. */
  readonly createKyselyDialect?:
    | ((options: CreateKyselyDialectOptions) => Promise<Dialect>)
    | undefined
}

type SourceColumn = TableMetadata['columns'][number] & { readonly rawDataType?: string }

/**
 * kysely-codegen `GeneratorDialect` for e6data, for its programmatic API, with a `Kysely` on
 * `E6dataDialect` and {@link E6dataTypeScriptSerializer} (`generateTypes` does all of it).
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

  /** Kysely table metadata (from `E6dataIntrospector`) as kysely-codegen metadata, in order. */
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

  /** The `createKyselyDialect` option; throws without it (e6data has no connection strings). */
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
 * kysely-codegen `Introspector` for e6data: `db.introspection.getTables()` with kysely-codegen's
 * include/exclude patterns, converted by {@link E6dataCodegenDialect.toMetadata}.
 */
export class E6dataCodegenIntrospector extends Introspector<any> {
  readonly #convert: (tables: readonly TableMetadata[]) => DatabaseMetadata

  constructor(convert: (tables: readonly TableMetadata[]) => DatabaseMetadata) {
    super()
    this.#convert = convert
  }

  async introspect(options: IntrospectOptions<any>): Promise<DatabaseMetadata> {
    return this.#convert(await this.getTables(options))
  }
}
