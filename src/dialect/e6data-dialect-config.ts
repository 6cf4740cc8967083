/**
 * Configuration of {@link E6dataDialect}.
 *
 * @module
 */

import type { E6dataClient, E6dataClientOptions } from '../driver/index.js'
import type { OffsetWithoutLimitMode } from './e6data-query-compiler.js'

/**
 * How statement parameters reach the engine.
 * - `'interpolate'` (default): rendered into the SQL text by the one audited literal renderer
 *   (e6data's own clients do the same; the engine ignores server-side binding today).
 * - `'bind'`: sent through `ExecuteStatementV2Request.params` with `?` left in the text
 *   (1-based indexes; see the README). Only for engines known to honour the binding channel,
 *   such as the local engine. Values outside the text need no string-escape probe.
 *
 * @example
 * ```ts
 * new E6dataDialect({ ...engine.connection, parameterMode: 'bind' }) // the local engine honours binding
 * ```
 */
export type ParameterMode = 'interpolate' | 'bind'

/**
 * Options of the dialect itself, whichever way the client is given. The string-escape rule is not
 * among them: it is the client's `stringEscape` option (one rule per client, measured by default),
 * given with the connection options or to `createClient`.
 *
 * @example
 * ```ts
 * new E6dataDialect({
 *   client,
 *   offsetWithoutLimit: 'reject',
 *   introspection: { catalog: 'hive', schemas: ['sales'], concurrency: 8 },
 * })
 * ```
 */
export interface E6dataDialectOptions {
  /** OFFSET without LIMIT handling; default `'max-limit'` (see {@link OffsetWithoutLimitMode}). */
  readonly offsetWithoutLimit?: OffsetWithoutLimitMode
  /** How parameters reach the engine; default `'interpolate'`. */
  readonly parameterMode?: ParameterMode
  /**
   * Shape of the rows the driver hands to Kysely. `'object'` (default) keys rows by column name;
   * a result with two columns of the same name then throws `DuplicateColumnError` (alias them)
   * instead of silently keeping one. `'array'` gives every row as an array in column order: only
   * for a Kysely instance used with raw `sql` queries typed as tuples (`sql<[bigint, string]>`),
   * since the query builder's result types describe objects.
   */
  readonly rowMode?: 'object' | 'array'
  /** Introspection scope: the catalog (default: the client's) and the schemas (default: all). */
  readonly introspection?: {
    readonly catalog?: string
    readonly schemas?: readonly string[]
    readonly concurrency?: number
  }
}

/**
 * Use a client you created (and close yourself) with `createClient` from `kysely-e6data/driver`.
 *
 * @example
 * ```ts
 * const client = createClient({ host, port, username, password, catalog: 'hive', database: 'sales' })
 * const db = new Kysely<DB>({ dialect: new E6dataDialect({ client }) })
 * ```
 */
export interface E6dataDialectClientConfig extends E6dataDialectOptions {
  /** A ready client, or a (lazy) factory for one. The dialect never closes it. */
  readonly client: E6dataClient | (() => E6dataClient | Promise<E6dataClient>)
}

/**
 * Let the dialect create (lazily, on first query) and close (on `db.destroy()`) its own client.
 *
 * @example
 * ```ts
 * const db = new Kysely<DB>({
 *   dialect: new E6dataDialect({ host: 'e6.example.com', port: 443, secure: true, username, password }),
 * })
 * ```
 */
export interface E6dataDialectConnectionConfig extends E6dataDialectOptions, E6dataClientOptions {
  readonly client?: undefined
}

/**
 * Either a ready client, or the options to create one.
 *
 * @example
 * ```ts
 * const config: E6dataDialectConfig = process.env.SHARED ? { client } : { host, port, username, password }
 * const dialect = new E6dataDialect(config)
 * ```
 */
export type E6dataDialectConfig = E6dataDialectClientConfig | E6dataDialectConnectionConfig
