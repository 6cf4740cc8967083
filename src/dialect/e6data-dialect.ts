import type {
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
} from 'kysely'
import { E6dataClient, MigrationsNotSupportedError } from '../driver/index.js'
import { InvalidArgumentError } from '../errors.js'
import { E6dataIntrospector } from '../introspection/index.js'
import { E6dataAdapter } from './e6data-adapter.js'
import type { E6dataDialectConfig } from './e6data-dialect-config.js'
import { ClientHolder, E6dataDriver } from './e6data-driver.js'
import { E6dataQueryCompiler } from './e6data-query-compiler.js'
import type { withCatalog } from './with-catalog.js'

/**
 * Kysely dialect for e6data, a read-only distributed SQL engine reached over gRPC. Give it a
 * ready client (you close it) or connection options (it creates the client on the first query
 * and closes it on `db.destroy()`). Writes, DDL, RETURNING and transactions fail with a named
 * error; `ReadonlyKysely<DB>` is the recommended type. Three-part names: {@link withCatalog}.
 *
 * Result types (the README's "Result types" table has them all): Kysely makes you declare most
 * aggregates and does not check them. Under the default `int64As: 'bigint'` counts, integer sums
 * and window numbers are `bigint` (`countAll<bigint>()`, not Kysely's `count<number>()`), decimal
 * sums exact `string`s, `avg` a `number`; `sum`/`avg`/`min`/`max` over no rows are NULL.
 *
 * @example
 * ```ts
 * import { Kysely } from 'kysely'
 * import type { ReadonlyKysely } from 'kysely/readonly'
 * import { E6dataDialect } from 'kysely-e6data'
 * import type { DB } from './db.js' // from `npx kysely-e6data codegen --out src/db.ts`
 *
 * const db: ReadonlyKysely<DB> = new Kysely<DB>({
 *   dialect: new E6dataDialect({
 *     host: 'localhost', port: 50051, username: 'demo@e6data.local', password: 'local-token',
 *     catalog: 'local', database: 'main',
 *   }),
 * }) as unknown as ReadonlyKysely<DB>
 * const top = await db
 *   .selectFrom('orders')
 *   .select(['customer_id', (eb) => eb.fn.sum('total').as('spent')])
 *   .groupBy('customer_id')
 *   .orderBy('spent', 'desc')
 *   .limit(5)
 *   .execute()
 * await db.destroy()
 * ```
 */
export class E6dataDialect implements Dialect {
  readonly #config: E6dataDialectConfig
  readonly #clients: ClientHolder

  constructor(config: E6dataDialectConfig) {
    if (
      config.client !== undefined &&
      (config as { stringEscape?: unknown }).stringEscape !== undefined
    ) {
      // one rule per client: the driver renders and checks with the client's own option
      throw new InvalidArgumentError(
        'stringEscape is a client option: set it in createClient(…), not next to a ready client',
      )
    }
    this.#config = Object.freeze({ ...config })
    this.#clients = new ClientHolder(this.#config)
  }

  createDriver(): Driver {
    return new E6dataDriver(this.#clients, {
      parameterMode: this.#config.parameterMode,
      rowMode: this.#config.rowMode,
    })
  }

  createQueryCompiler(): QueryCompiler {
    return new E6dataQueryCompiler({
      offsetWithoutLimit: this.#config.offsetWithoutLimit,
      parameterMode: this.#config.parameterMode,
      catalog: this.#catalog(),
    })
  }

  createAdapter(): DialectAdapter {
    return new E6dataAdapter()
  }

  /**
   * Only Kysely's Migrator asks for its own tables (`withInternalKyselyTables`), before any DDL:
   * answering with {@link MigrationsNotSupportedError} gives `kysely migrate` the reason.
   */
  createIntrospector(_db: Kysely<any>): DatabaseIntrospector {
    const { introspection } = this.#config
    const introspector = new E6dataIntrospector({
      source: {
        schemas: async (catalog, options) => (await this.#clients.get()).schemas(catalog, options),
        tables: async (schema, catalog, options) =>
          (await this.#clients.get()).tables(schema, catalog, options),
        columns: async (schema, table, catalog, options) =>
          (await this.#clients.get()).columns(schema, table, catalog, options),
      },
      catalog: introspection?.catalog,
      schemas: introspection?.schemas,
      concurrency: introspection?.concurrency,
    })
    return {
      getSchemas: () => introspector.getSchemas(),
      getTables: (options) => {
        if (options?.withInternalKyselyTables === true) {
          return Promise.reject(new MigrationsNotSupportedError())
        }
        return introspector.getTables(options)
      },
    }
  }

  /** The connection's default catalog, when known before the first query. */
  #catalog(): string | undefined {
    const { client } = this.#config
    if (client instanceof E6dataClient) return client.options.catalog || undefined
    if (client === undefined) return (this.#config as { catalog?: string }).catalog || undefined
    return undefined
  }
}
