/**
 * The user's own data (`--data` / `startLocalEngine({ data })`): files, directories and globs
 * become views over DuckDB's file readers, read in place on every query (nothing is copied at
 * startup); DuckDB database files are attached read-only. The naming rules are in the README.
 *
 * @module
 */

import { open, readdir, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { quoteIdentifier } from '../sql/index.js'
import { duckdbStringLiteral } from './duckdb-literal.js'

/**
 * One `data` entry: `'[name=]path'` or `{ name?, path }` (naming rule: README, "Your own data").
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * await startLocalEngine({ data: ['sales=./lake/sales', { name: 'ref.products', path: './products.json' }] })
 * ```
 */
export type LocalDataSpec = string | { readonly path: string; readonly name?: string }

type DataFormat = 'parquet' | 'csv' | 'json'

/** One table (or attached catalog) the `data` option mapped, as in `engine.dataSources`. */
export interface LocalDataSource {
  readonly catalog: string
  /** Absent for an attached database (all its schemas). */
  readonly schema?: string
  /** Absent for an attached database (all its tables). */
  readonly table?: string
  readonly format: DataFormat | 'duckdb'
  /** The file, glob or globs read. */
  readonly source: string
}

export interface DataPlan {
  /** DuckDB statements (run in order, after the catalog exists). */
  readonly statements: readonly string[]
  readonly sources: readonly LocalDataSource[]
  /** The first schema mapped into the file catalog, if any. */
  readonly firstSchema: string | undefined
  /** The first attached database, if any. */
  readonly firstDatabase: string | undefined
}

/** A `data` entry that cannot be mapped (missing path, no data files, name clash, …). */
export class DataSourceError extends Error {
  readonly code = 'LOCAL_DATA_SOURCE'
  /** The entry as given. */
  readonly spec: string

  constructor(message: string, spec: string, options?: { cause?: unknown }) {
    super(`--data ${spec}: ${message}`, options)
    this.name = 'DataSourceError'
    this.spec = spec
  }
}

const FORMAT_OF_EXTENSION: Readonly<Record<string, DataFormat>> = {
  parquet: 'parquet',
  parq: 'parquet',
  pq: 'parquet',
  csv: 'csv',
  tsv: 'csv',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
}
const COMPRESSIONS = new Set(['gz', 'zst'])
const DATABASE_EXTENSIONS = new Set(['duckdb', 'db', 'ddb'])
const GLOB_CHARS = /[*?[\]{}]/
const RESERVED_CATALOGS = new Set(['system', 'temp', 'memory'])

/** Format and table stem of a file name (`orders.csv.gz` → csv, `orders`), if it is data. */
function classify(
  fileName: string,
): { format: DataFormat; stem: string; suffix: string } | undefined {
  const parts = fileName.split('.')
  if (parts.length < 2) return undefined
  let end = parts.length - 1
  if (COMPRESSIONS.has((parts[end] as string).toLowerCase()) && end > 1) end--
  const format = FORMAT_OF_EXTENSION[(parts[end] as string).toLowerCase()]
  if (format === undefined) return undefined
  return { format, stem: parts.slice(0, end).join('.'), suffix: parts.slice(end).join('.') }
}

const hidden = (name: string) => name.startsWith('.') || name.startsWith('_')

function readerCall(format: DataFormat, globs: readonly string[]): string {
  const arg =
    globs.length === 1
      ? duckdbStringLiteral(globs[0] as string)
      : `[${globs.map(duckdbStringLiteral).join(', ')}]`
  const many = globs.length > 1 || globs.some((g) => GLOB_CHARS.test(g))
  const byName = many ? ', union_by_name = true' : ''
  switch (format) {
    case 'parquet':
      return `read_parquet(${arg}${byName})`
    case 'csv':
      return `read_csv(${arg}${byName})`
    case 'json':
      return `read_json(${arg}${byName})`
  }
}

async function isDuckDBFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(12)
    const { bytesRead } = await handle.read(head, 0, 12, 0)
    return bytesRead === 12 && head.toString('latin1', 8, 12) === 'DUCK'
  } finally {
    await handle.close()
  }
}

/** Data files directly under a directory tree: suffixes per format (for the table's globs). */
async function scanTree(dir: string): Promise<Map<DataFormat, Set<string>>> {
  const found = new Map<DataFormat, Set<string>>()
  const walk = async (d: string, depth: number) => {
    if (depth > 16) return
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (hidden(entry.name)) continue
      if (entry.isDirectory()) await walk(join(d, entry.name), depth + 1)
      else {
        const c = classify(entry.name)
        if (c) {
          const set = found.get(c.format) ?? new Set<string>()
          set.add(c.suffix)
          found.set(c.format, set)
        }
      }
    }
  }
  await walk(dir, 0)
  return found
}

function parseSpec(spec: LocalDataSpec): { name: string | undefined; path: string; text: string } {
  if (typeof spec !== 'string') {
    return {
      name: spec.name,
      path: spec.path,
      text: spec.name ? `${spec.name}=${spec.path}` : spec.path,
    }
  }
  const eq = spec.indexOf('=')
  const prefix = eq > 0 ? spec.slice(0, eq) : ''
  if (eq > 0 && !/[/\\]/.test(prefix)) return { name: prefix, path: spec.slice(eq + 1), text: spec }
  return { name: undefined, path: spec, text: spec }
}

function splitTableName(
  name: string | undefined,
  fallback: string,
): { schema: string; table: string } {
  if (name === undefined) return { schema: 'default', table: fallback }
  const dot = name.indexOf('.')
  return dot > 0
    ? { schema: name.slice(0, dot), table: name.slice(dot + 1) }
    : { schema: 'default', table: name }
}

/**
 * Resolves the `data` entries against the file system and plans the DuckDB statements mapping
 * them (naming rule: README, "Your own data"). `taken` lists `catalog.schema` names that
 * already exist (the sample schema) and must not be reused.
 *
 * @throws {@link DataSourceError} for a missing path, a directory without data files, mixed
 *   formats in one table, a glob without a name or a name clash.
 */
export async function planDataSources(
  specs: readonly LocalDataSpec[],
  options: { readonly catalog: string; readonly taken: readonly string[] },
): Promise<DataPlan> {
  const catalog = options.catalog
  const q = quoteIdentifier
  const statements: string[] = []
  const sources: LocalDataSource[] = []
  const schemas = new Map<string, string>() // schema → spec that created it
  const tables = new Map<string, string>() // schema.table → spec
  const catalogs = new Map<string, string>([[catalog, 'the file catalog']])
  let firstSchema: string | undefined
  let firstDatabase: string | undefined

  const ensureSchema = (schema: string, spec: string) => {
    if (options.taken.includes(`${catalog}.${schema}`)) {
      throw new DataSourceError(
        `schema ${catalog}.${schema} already exists (sample data); choose another name`,
        spec,
      )
    }
    if (!schemas.has(schema)) {
      schemas.set(schema, spec)
      statements.push(`CREATE SCHEMA IF NOT EXISTS ${q(catalog)}.${q(schema)}`)
    }
    firstSchema ??= schema
  }
  const addTable = (
    schema: string,
    table: string,
    format: DataFormat,
    globs: readonly string[],
    spec: string,
  ) => {
    if (table === '' || schema === '') throw new DataSourceError('empty schema or table name', spec)
    ensureSchema(schema, spec)
    const key = `${schema}.${table}`
    const previous = tables.get(key)
    if (previous !== undefined) {
      throw new DataSourceError(
        `table ${catalog}.${key} is already mapped by --data ${previous}`,
        spec,
      )
    }
    tables.set(key, spec)
    statements.push(
      `CREATE VIEW ${q(catalog)}.${q(schema)}.${q(table)} AS SELECT * FROM ${readerCall(format, globs)}`,
    )
    sources.push({ catalog, schema, table, format, source: globs.join(', ') })
  }

  for (const raw of specs) {
    const { name, path: given, text } = parseSpec(raw)
    if (given === '') throw new DataSourceError('empty path', text)
    const path = resolve(given)
    if (GLOB_CHARS.test(given)) {
      if (name === undefined) {
        throw new DataSourceError('a glob needs a name: --data <table>=<glob>', text)
      }
      const c = classify(basename(path))
      if (c === undefined) {
        throw new DataSourceError(
          'cannot tell the format: end the glob in .parquet, .csv or .json',
          text,
        )
      }
      const { schema, table } = splitTableName(name, c.stem)
      addTable(schema, table, c.format, [path], text)
      continue
    }
    const info = await stat(path).catch((cause: unknown) => {
      throw new DataSourceError(`cannot read ${path}`, text, { cause })
    })
    if (info.isDirectory()) {
      const schema = name ?? basename(path)
      let count = 0
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      )
      for (const entry of entries) {
        if (hidden(entry.name)) continue
        const full = join(path, entry.name)
        if (entry.isDirectory()) {
          const formats = await scanTree(full)
          if (formats.size === 0) continue
          if (formats.size > 1) {
            throw new DataSourceError(
              `${full} mixes formats (${[...formats.keys()].join(', ')})`,
              text,
            )
          }
          const [format, suffixes] = [...formats][0] as [DataFormat, Set<string>]
          const globs = [...suffixes].sort().map((s) => join(full, '**', `*.${s}`))
          addTable(schema, entry.name, format, globs, text)
          count++
        } else {
          const c = classify(entry.name)
          if (c === undefined) continue
          addTable(schema, c.stem, c.format, [full], text)
          count++
        }
      }
      if (count === 0) {
        throw new DataSourceError(`no Parquet, CSV or JSON files in ${path}`, text)
      }
      continue
    }
    const c = classify(basename(path))
    const ext = basename(path).split('.').pop()?.toLowerCase() ?? ''
    if (c === undefined && (DATABASE_EXTENSIONS.has(ext) || (await isDuckDBFile(path)))) {
      const dbName = name ?? basename(path).replace(/\.[^.]*$/, '')
      if (RESERVED_CATALOGS.has(dbName.toLowerCase()) || catalogs.has(dbName)) {
        throw new DataSourceError(
          `catalog name ${dbName} is ${catalogs.has(dbName) ? `already used by ${catalogs.get(dbName)}` : 'reserved'}; name it: --data <catalog>=${given}`,
          text,
        )
      }
      catalogs.set(dbName, `--data ${text}`)
      statements.push(`ATTACH ${duckdbStringLiteral(path)} AS ${q(dbName)} (READ_ONLY)`)
      sources.push({ catalog: dbName, format: 'duckdb', source: path })
      firstDatabase ??= dbName
      continue
    }
    if (c === undefined) {
      throw new DataSourceError(
        'not a Parquet, CSV, JSON or DuckDB file (by extension or content)',
        text,
      )
    }
    const { schema, table } = splitTableName(name, c.stem)
    addTable(schema, table, c.format, [path], text)
  }
  return { statements, sources, firstSchema, firstDatabase }
}
