/**
 * kysely-e6data: type-safe Kysely queries, schema codegen and a plain gRPC driver for e6data.
 *
 * - `E6dataDialect` — the Kysely dialect (this entry point).
 * - `createClient` — the plain driver (also `kysely-e6data/driver`).
 * - `generateTypes` — Kysely `DB` types from a live schema (`kysely-e6data/codegen`).
 * - `startLocalEngine` — the DuckDB-backed local e6data engine (`kysely-e6data/local`).
 *
 * @example
 * ```ts
 * import { Kysely } from 'kysely'
 * import { E6dataDialect } from 'kysely-e6data'
 * const db = new Kysely<DB>({ dialect: new E6dataDialect({ host, port, username, password }) })
 * ```
 *
 * @module
 */
export * from './dialect/index.js'
export * from './driver/index.js'
export {
  type E6dataColumnMetadata,
  E6dataIntrospector,
  type E6dataIntrospectorOptions,
  type E6dataTableMetadata,
} from './introspection/index.js'
export { type DecimalValue, decimal, quoteIdentifier, renderLiteral } from './sql/index.js'
