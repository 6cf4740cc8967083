/**
 * The embedded DuckDB database. Every prepared query gets its own connection: DuckDB allows one
 * streaming result per connection, `interrupt()` is per connection and a held result is a
 * per-connection temp table, so one session's queries run and cancel independently. Connections
 * are pooled per catalog/schema (positioning a fresh one took three DuckDB round trips, more than a
 * small query) and keep their recent prepared statements, so a repeated statement skips prepare;
 * one goes back to the pool only after a clean end.
 *
 * @module
 */

import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement } from '@duckdb/node-api'
import { quoteIdentifier } from '../sql/index.js'
import { type LocalDataSource, type LocalDataSpec, planDataSources } from './data-sources.js'
import { duckdbStringLiteral } from './duckdb-literal.js'
import { E6_FUNCTIONS_CATALOG, e6MacroStatements } from './e6-macros.js'
import { type DuckDBModule, loadDuckDB } from './load-duckdb.js'
import { SAMPLE_CATALOG, SAMPLE_SCHEMA, sampleDataScript } from './sample-data.js'

export interface LocalDatabaseOptions {
  readonly database: string
  readonly sampleData: boolean
  readonly bigTableRows: number
  /** DuckDB `memory_limit` (default DuckDB's). */
  readonly memoryLimit?: string | undefined
  /** Spill directory (default: a private one under the OS temp directory, removed on close). */
  readonly tempDirectory?: string | undefined
  /** DuckDB `TimeZone` (default `UTC`, whatever the host's zone). */
  readonly timeZone?: string | undefined
  /** The user's files, directories, globs and DuckDB databases to serve. */
  readonly data?: readonly LocalDataSpec[] | undefined
}

/** Idle connections kept for reuse (all catalog/schema pairs together). */
const MAX_IDLE_CONNECTIONS = 32
/** Prepared statements a pooled connection keeps (least recently used dropped first). */
const MAX_CACHED_STATEMENTS = 16

/** Catalogs that are DuckDB internals, never listed to clients. */
const HIDDEN_CATALOGS: ReadonlySet<string> = new Set(['system', 'temp', E6_FUNCTIONS_CATALOG])

export class LocalDatabase {
  /** The loaded `@duckdb/node-api` module. */
  readonly duckdb: DuckDBModule
  /** Catalog used when a request names none. */
  readonly defaultCatalog: string
  /** Schema used when a request names none (in the default catalog). */
  readonly defaultSchema: string
  /** What the `data` option mapped. */
  readonly dataSources: readonly LocalDataSource[]
  readonly #instance: DuckDBInstance
  readonly #open = new Set<DuckDBConnection>()
  /** Idle pooled connections by `catalog\0schema`, and the key of every open connection. */
  readonly #idle = new Map<string, DuckDBConnection[]>()
  readonly #keys = new WeakMap<DuckDBConnection, string>()
  readonly #statements = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>()
  #idleCount = 0
  /** A spill directory this database created and removes on close. */
  readonly #ownTempDirectory: string | undefined
  #closed = false
  // DuckDB calls this class issues; closing a connection under one of them crashes the process
  readonly #inFlight = new Set<Promise<unknown>>()

  private constructor(
    duckdb: DuckDBModule,
    instance: DuckDBInstance,
    defaultCatalog: string,
    defaultSchema: string,
    ownTempDirectory: string | undefined,
    dataSources: readonly LocalDataSource[],
  ) {
    this.duckdb = duckdb
    this.dataSources = dataSources
    this.#instance = instance
    this.#ownTempDirectory = ownTempDirectory
    this.defaultCatalog = defaultCatalog
    this.defaultSchema = defaultSchema
  }

  /**
   * Creates the instance, the macro pack and (optionally) the sample catalog. The macro pack, the
   * small sample tables and the big `events` table are built concurrently on three connections.
   */
  static async open(options: LocalDatabaseOptions): Promise<LocalDatabase> {
    const data = options.data ?? []
    const plan =
      data.length > 0
        ? await planDataSources(data, {
            catalog: SAMPLE_CATALOG,
            taken: options.sampleData ? [`${SAMPLE_CATALOG}.${SAMPLE_SCHEMA}`] : [],
          })
        : undefined
    const duckdb = await loadDuckDB()
    // DuckDB creates the directory on the first spill; its default (`.tmp` in the working
    // directory) would litter the user's project
    const ownTempDirectory =
      options.tempDirectory === undefined
        ? join(tmpdir(), `kysely-e6data-${process.pid}-${randomUUID()}`)
        : undefined
    const config: Record<string, string> = {
      temp_directory: options.tempDirectory ?? (ownTempDirectory as string),
    }
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit
    const instance = await duckdb.DuckDBInstance.create(options.database, config)
    const connections: DuckDBConnection[] = []
    const runAll = async (statements: readonly string[]) => {
      const connection = await instance.connect()
      connections.push(connection)
      for (const sql of statements) await connection.run(sql)
      return connection
    }
    try {
      // ICU is built into @duckdb/node-api; without this DuckDB follows the host's TZ
      await runAll([`SET GLOBAL TimeZone = ${duckdbStringLiteral(options.timeZone ?? 'UTC')}`])
      // NAMED_STRUCT is translated, so the engine needs no named_struct macro
      const jobs: Promise<unknown>[] = [runAll(e6MacroStatements({ namedStruct: false }))]
      if (options.sampleData) {
        const script = sampleDataScript(options.bigTableRows)
        await runAll(script.setup)
        jobs.push(runAll(script.small), runAll(script.big))
      } else if (plan?.firstSchema !== undefined) {
        await runAll([`ATTACH ':memory:' AS ${quoteIdentifier(SAMPLE_CATALOG)}`])
      }
      if (plan) jobs.push(runAll(plan.statements))
      const results = await Promise.allSettled(jobs)
      const failed = results.find((r) => r.status === 'rejected')
      if (failed) throw (failed as PromiseRejectedResult).reason
      const first = connections[0] as DuckDBConnection
      let catalog = String(
        (await first.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0] ?? 'memory',
      )
      let schema = 'main'
      if (options.sampleData) {
        catalog = SAMPLE_CATALOG
        schema = SAMPLE_SCHEMA
      } else if (plan?.firstSchema !== undefined) {
        catalog = SAMPLE_CATALOG
        schema = plan.firstSchema
      } else if (plan?.firstDatabase !== undefined) {
        catalog = plan.firstDatabase
        const found = await first.runAndReadAll(
          `SELECT schema_name FROM duckdb_tables() WHERE database_name = ?
           ORDER BY schema_name <> 'main', schema_name LIMIT 1`,
          [catalog],
        )
        schema = String(found.getRows()[0]?.[0] ?? 'main')
      }
      return new LocalDatabase(
        duckdb,
        instance,
        catalog,
        schema,
        ownTempDirectory,
        plan?.sources ?? [],
      )
    } catch (error) {
      for (const c of connections) c.closeSync()
      connections.length = 0
      instance.closeSync()
      if (ownTempDirectory) rmSync(ownTempDirectory, { recursive: true, force: true })
      throw error
    } finally {
      for (const c of connections) c.closeSync()
    }
  }

  /** Resolves empty catalog/schema names to the defaults. */
  resolveTarget(catalog: string, schema: string): { catalog: string; schema: string } {
    const c = catalog === '' ? this.defaultCatalog : catalog
    const s = schema !== '' ? schema : c === this.defaultCatalog ? this.defaultSchema : 'main'
    return { catalog: c, schema: s }
  }

  /**
   * Opens a connection whose default catalog/schema is the given one (`USE`), with the macro
   * catalog on its search path. Throws DuckDB's Catalog Error for unknown names.
   */
  connect(catalog: string, schema: string, sql?: string): Promise<DuckDBConnection> {
    return this.#track(this.#connect(catalog, schema, sql))
  }

  async #connect(catalog: string, schema: string, sql?: string): Promise<DuckDBConnection> {
    if (this.#closed) throw new Error('local engine database is closed')
    const key = `${catalog}\0${schema}`
    const idle = this.#idle.get(key)
    if (idle && idle.length > 0) {
      // prefer a connection that prepared `sql` before
      let i = idle.length - 1
      if (sql !== undefined) {
        for (let j = i; j >= 0; j--) {
          if (this.#statements.get(idle[j] as DuckDBConnection)?.has(sql)) {
            i = j
            break
          }
        }
      }
      const [pooled] = idle.splice(i, 1) as [DuckDBConnection]
      this.#idleCount--
      return pooled
    }
    const connection = await this.#instance.connect()
    this.#open.add(connection)
    this.#keys.set(connection, key)
    try {
      const target = `${quoteIdentifier(catalog)}.${quoteIdentifier(schema)}`
      await connection.run(`USE ${target}`)
      const path = `${target},${E6_FUNCTIONS_CATALOG}.main`
      await connection.run(`SET search_path = ${duckdbStringLiteral(path)}`)
      return connection
    } catch (error) {
      this.release(connection)
      throw error
    }
  }

  /** Runs `fn` on a connection positioned on the default catalog. */
  withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#track(this.#withConnection(fn))
  }

  async #withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.connect(this.defaultCatalog, this.defaultSchema)
    let clean = false
    try {
      const result = await fn(connection)
      clean = true
      return result
    } finally {
      this.release(connection, clean)
    }
  }

  /** Takes the statement a pooled connection prepared for `sql` before (bindings cleared). */
  takeStatement(connection: DuckDBConnection, sql: string): DuckDBPreparedStatement | undefined {
    const cache = this.#statements.get(connection)
    const prepared = cache?.get(sql)
    if (prepared === undefined) return undefined
    cache?.delete(sql)
    if (prepared.parameterCount > 0) prepared.clearBindings()
    return prepared
  }

  /** Keeps a statement that ended cleanly with its connection (to be released as reusable). */
  keepStatement(
    connection: DuckDBConnection,
    sql: string,
    prepared: DuckDBPreparedStatement,
  ): void {
    let cache = this.#statements.get(connection)
    if (cache === undefined) {
      cache = new Map()
      this.#statements.set(connection, cache)
    }
    cache.get(sql)?.destroySync()
    cache.set(sql, prepared)
    if (cache.size > MAX_CACHED_STATEMENTS) {
      const [oldest, statement] = cache.entries().next().value as [string, DuckDBPreparedStatement]
      cache.delete(oldest)
      statement.destroySync()
    }
  }

  /**
   * Gives back a connection obtained from {@link connect}: into the pool when `reusable` (its work
   * ended cleanly: no result table or interrupt left behind), else closed.
   */
  release(connection: DuckDBConnection, reusable = false): void {
    if (!this.#open.has(connection)) return
    const key = this.#keys.get(connection)
    if (reusable && !this.#closed && key !== undefined && this.#idleCount < MAX_IDLE_CONNECTIONS) {
      const list = this.#idle.get(key)
      if (list?.includes(connection)) return
      if (list) list.push(connection)
      else this.#idle.set(key, [connection])
      this.#idleCount++
      return
    }
    this.#open.delete(connection)
    const cache = this.#statements.get(connection)
    this.#statements.delete(connection)
    try {
      for (const statement of cache?.values() ?? []) statement.destroySync()
      connection.closeSync()
    } catch {
      // already closed
    }
  }

  /** Whether a catalog is user-visible (not DuckDB's system/temp or the macro catalog). */
  isVisibleCatalog(name: string): boolean {
    return !HIDDEN_CATALOGS.has(name)
  }

  /** Interrupts every open connection (used by close). */
  interruptAll(): void {
    for (const connection of this.#open) {
      try {
        connection.interrupt()
      } catch {
        // closed meanwhile
      }
    }
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work)
    const done = () => void this.#inFlight.delete(work)
    work.then(done, done)
    return work
  }

  /** Resolves once no DuckDB call issued through this class is in flight. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
  }

  /** Closes every connection and the instance (after {@link settled}). Idempotent. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#idle.clear()
    this.#idleCount = 0
    for (const connection of [...this.#open]) this.release(connection)
    this.#instance.closeSync()
    if (this.#ownTempDirectory) rmSync(this.#ownTempDirectory, { recursive: true, force: true })
  }
}
