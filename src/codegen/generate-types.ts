import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { serializeFromMetadata } from 'kysely-codegen'
import type { E6dataClientOptions } from '../driver/index.js'
import { createClient } from '../driver/index.js'
import { InvalidArgumentError } from '../errors.js'
import type { E6dataClosableSchemaSource, E6dataSchemaSource } from '../introspection/index.js'
import { E6dataIntrospector } from '../introspection/index.js'
import { createTableFilter, type TablePatterns, tablePatternList } from './create-table-filter.js'
import { E6dataCodegenDialect } from './e6data-codegen-dialect.js'
import {
  type E6dataTypeMappingOptions,
  type ResolvedTypeMapping,
  resolveTypeMappingOptions,
} from './e6data-type-mapping.js'
import { E6dataTypeScriptSerializer } from './e6data-type-script-serializer.js'

/** Options shared by every form of {@link GenerateTypesOptions}. */
export interface GenerateTypesCommonOptions extends E6dataTypeMappingOptions {
  /** Catalog to read. Default: the source's configured catalog. */
  readonly catalog?: string | undefined
  /** Schemas to read. Default: the default schema when there is one, else all. */
  readonly schemas?: readonly string[] | undefined
  /**
   * The schema unqualified names resolve to at query time: its tables get plain `DB` keys, others
   * `"schema.table"`. Default: the source's `database`; `null`: every key qualified.
   */
  readonly defaultSchema?: string | null | undefined
  /**
   * Key every table `"schema.table"`, for queries through `withCatalog(db, catalog)` that must not
   * depend on the connection's defaults. Needs a known catalog. Default `false`.
   */
  readonly qualifyCatalog?: boolean | undefined
  /** Keep only tables matching one of these globs. */
  readonly include?: TablePatterns | undefined
  /** Drop tables matching one of these globs. */
  readonly exclude?: TablePatterns | undefined
  /** Write the code to this path (atomically, creating directories). */
  readonly outFile?: string | undefined
  /** camelCase keys, for use with Kysely's `CamelCasePlugin`. Default `false`. */
  readonly camelCase?: boolean | undefined
  /** Extra or replacement types by e6data type name, e.g. `{ decimal: 'Decimal' }`. */
  readonly typeMapping?: Readonly<Record<string, string>> | undefined
  /** Verbatim column types (no `| null` added) by `[schema.]table.column`. */
  readonly columnTypes?: Readonly<Record<string, string>> | undefined
  /** Imports for custom types, kysely-codegen style: `{ Decimal: 'decimal.js#Decimal' }`. */
  readonly customImports?: Readonly<Record<string, string>> | undefined
  /** Comment columns whose engine type carries parameters (`decimal(10,2)`). Default `true`. */
  readonly rawTypeComments?: boolean | undefined
  /** Maximum schema RPCs in flight. Default `4`. */
  readonly concurrency?: number | undefined
  /** Aborts the introspection. */
  readonly signal?: AbortSignal | undefined
}

/** Reads from an existing client (or any schema source), which stays open. */
export interface GenerateTypesFromSourceOptions extends GenerateTypesCommonOptions {
  readonly source: E6dataSchemaSource
  readonly connection?: undefined
  readonly createSource?: undefined
}

/** Creates (and closes) its own client; the client's value mapping is the default one. */
export interface GenerateTypesFromClientOptions extends GenerateTypesCommonOptions {
  readonly connection: E6dataClientOptions
  readonly createSource?: undefined
  readonly source?: undefined
}

/** Creates (and closes) its source with a factory of yours. */
export interface GenerateTypesFromConnectionOptions<C> extends GenerateTypesCommonOptions {
  readonly connection: C
  readonly createSource: (
    connection: C,
  ) => E6dataClosableSchemaSource | Promise<E6dataClosableSchemaSource>
  readonly source?: undefined
}

/** Options of {@link generateTypes}: a `source`, or a `connection` (and a `createSource`). */
export type GenerateTypesOptions<C = unknown> =
  | GenerateTypesFromSourceOptions
  | GenerateTypesFromClientOptions
  | GenerateTypesFromConnectionOptions<C>

/**
 * Generates Kysely `DB` types for an e6data catalog from its schema RPCs: each column is the value
 * the driver returns under the value mapping, `| null` (e6data does not report nullability).
 * Deterministic output, with a header naming the options. Returns the code.
 *
 * @example
 * ```ts
 * import { createClient } from 'kysely-e6data/driver'
 * import { generateTypes } from 'kysely-e6data/codegen'
 *
 * const client = createClient({ host, username, password, catalog: 'hive', database: 'sales' })
 * try {
 *   await generateTypes({ source: client, include: ['sales.*'], outFile: 'src/db.ts' })
 * } finally {
 *   await client.close()
 * }
 * ```
 */
export async function generateTypes<C>(options: GenerateTypesOptions<C>): Promise<string> {
  if (options.source !== undefined) {
    return generateFrom(options.source, options, resolveTypeMappingOptions(options))
  }
  if (options.connection === undefined) {
    throw new InvalidArgumentError('generateTypes needs either `source` or `connection`')
  }
  let source: E6dataClosableSchemaSource
  let mapping: ResolvedTypeMapping
  if (options.createSource === undefined) {
    const { connection } = options
    mapping = resolveTypeMappingOptions({
      int64As: options.int64As ?? connection.int64As,
      timestampAs: options.timestampAs ?? connection.timestampAs,
      decimalAs:
        options.decimalAs ?? (typeof connection.decimalAs === 'function' ? 'unknown' : 'string'),
    })
    source = createClient(connection)
  } else {
    mapping = resolveTypeMappingOptions(options)
    source = await options.createSource(options.connection)
  }
  try {
    return await generateFrom(source, options, mapping)
  } finally {
    await source.close()
  }
}

async function generateFrom(
  source: E6dataSchemaSource,
  options: GenerateTypesCommonOptions,
  mapping: ResolvedTypeMapping,
): Promise<string> {
  const connectionSchema =
    options.defaultSchema === null
      ? undefined
      : (nonEmpty(options.defaultSchema) ?? nonEmpty(source.options?.database))
  // with qualifyCatalog the default schema is still what is read, but its keys are qualified too
  const defaultSchema = options.qualifyCatalog === true ? undefined : connectionSchema
  const schemas =
    options.schemas ?? (connectionSchema === undefined ? undefined : ([connectionSchema] as const))
  const introspector = new E6dataIntrospector({
    source,
    catalog: options.catalog,
    schemas,
    tableFilter: createTableFilter(options.include, options.exclude),
    concurrency: options.concurrency,
  })
  if (options.qualifyCatalog === true && introspector.catalog === undefined) {
    throw new InvalidArgumentError(
      'qualifyCatalog needs a catalog: set the catalog option (--catalog) or the connection catalog',
    )
  }
  const tables = await introspector.getTables({ signal: options.signal })
  if (tables.length === 0) {
    const list = (values: readonly string[]) =>
      values.length === 0 ? '-' : values.map((v) => JSON.stringify(v)).join(', ')
    throw new InvalidArgumentError(
      `codegen matched no table: catalog ${introspector.catalog === undefined ? '(connection default)' : JSON.stringify(introspector.catalog)}, ` +
        `schemas ${schemas === undefined ? '(all)' : list(schemas)}, ` +
        `include ${list(tablePatternList(options.include))}, exclude ${list(tablePatternList(options.exclude))}`,
    )
  }
  const dialect = new E6dataCodegenDialect({
    ...mapping,
    defaultSchema,
    typeMapping: options.typeMapping,
    columnTypes: options.columnTypes,
    rawTypeComments: options.rawTypeComments,
  })
  const header = renderHeader({
    catalog: introspector.catalog,
    schemas: schemas ?? ['(all)'],
    defaultSchema,
    include: tablePatternList(options.include),
    exclude: tablePatternList(options.exclude),
    mapping,
    camelCase: options.camelCase ?? false,
    qualifyCatalog: options.qualifyCatalog === true,
  })
  const code = serializeFromMetadata({
    metadata: dialect.toMetadata(tables),
    dialect,
    camelCase: options.camelCase ?? false,
    customImports: options.customImports === undefined ? undefined : { ...options.customImports },
    defaultSchemas: dialect.adapter.defaultSchemas,
    serializer: new E6dataTypeScriptSerializer({ header }),
  })
  if (options.outFile !== undefined) await writeAtomically(options.outFile, code)
  return code
}

interface HeaderFacts {
  readonly catalog: string | undefined
  readonly schemas: readonly string[]
  readonly defaultSchema: string | undefined
  readonly include: readonly string[]
  readonly exclude: readonly string[]
  readonly mapping: ResolvedTypeMapping
  readonly camelCase: boolean
  readonly qualifyCatalog: boolean
}

function renderHeader(facts: HeaderFacts): string {
  const list = (values: readonly string[]): string =>
    values.length === 0
      ? '-'
      : [...new Set(values)]
          .sort()
          .map((v) => JSON.stringify(v))
          .join(', ')
  const lines = [
    'This file was generated by kysely-e6data codegen (built on kysely-codegen).',
    'Do not edit it by hand: re-run `kysely-e6data codegen` instead.',
    '',
    `catalog:       ${facts.catalog === undefined ? '(connection default)' : JSON.stringify(facts.catalog)}`,
    `schemas:       ${list(facts.schemas)}`,
    `defaultSchema: ${facts.defaultSchema === undefined ? '(none: keys are "schema.table")' : JSON.stringify(facts.defaultSchema)}`,
    `include:       ${list(facts.include)}`,
    `exclude:       ${list(facts.exclude)}`,
    `int64As:       ${facts.mapping.int64As}`,
    `timestampAs:   ${facts.mapping.timestampAs}`,
    `decimalAs:     ${facts.mapping.decimalAs}`,
    `camelCase:     ${facts.camelCase}`,
    ...(facts.qualifyCatalog
      ? [
          '',
          `Keys are "schema.table": query through withCatalog(db, ${JSON.stringify(facts.catalog)}) from`,
          `kysely-e6data so that tables are named "${facts.catalog}"."schema"."table".`,
        ]
      : []),
    '',
    'Every column is `T | null`: e6data does not report nullability.',
  ]
  const body = lines.map((line) => (line === '' ? ' *' : ` * ${line.replaceAll('*/', '*\\/')}`))
  return ['/**', ...body, ' */', '', ''].join('\n')
}

async function writeAtomically(path: string, contents: string): Promise<void> {
  const target = resolve(path)
  await mkdir(dirname(target), { recursive: true })
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`
  try {
    await writeFile(temporary, contents, 'utf8')
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value
}
