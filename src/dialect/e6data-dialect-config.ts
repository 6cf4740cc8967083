import type { E6dataClient, E6dataClientOptions } from '../driver/index.js'
import type { OffsetWithoutLimitMode } from './e6data-query-compiler.js'

/**
 * How parameters reach the engine: `'interpolate'` (default) renders them into the SQL text with
 * the audited literal renderer, as e6data's own clients do (the engine ignores server-side
 * binding today); `'bind'` sends them in `ExecuteStatementV2Request.params`, for engines that
 * honour it, such as the local engine.
 *
 * @example
 * ```ts
 * new E6dataDialect({ ...engine.connection, parameterMode: 'bind' }) // the local engine honours binding
 * ```
 */
export type ParameterMode = 'interpolate' | 'bind'

/**
 * Options of the dialect itself, whichever way the client is given. The string-escape rule is the
 * client's `stringEscape` option (one rule per client).
 *
 * @example
 * ```ts
 * new E6dataDialect({ client, offsetWithoutLimit: 'reject', introspection: { schemas: ['sales'] } })
 * ```
 */
export interface E6dataDialectOptions {
  /** OFFSET without LIMIT handling; default `'max-limit'` (see {@link OffsetWithoutLimitMode}). */
  readonly offsetWithoutLimit?: OffsetWithoutLimitMode
  /** How parameters reach the engine; default `'interpolate'`. */
  readonly parameterMode?: ParameterMode
  /**
   * `'object'` (default; two columns of one name throw `DuplicateColumnError` rather than losing
   * one) or `'array'`, only for raw `sql<[bigint, string]>` tuples: the builder's types are objects.
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
 * new E6dataDialect({ host: 'e6.example.com', port: 443, secure: true, username, password })
 * ```
 */
export interface E6dataDialectConnectionConfig extends E6dataDialectOptions, E6dataClientOptions {
  readonly client?: undefined
}

/** Either a ready client, or the options to create one. */
export type E6dataDialectConfig = E6dataDialectClientConfig | E6dataDialectConnectionConfig
