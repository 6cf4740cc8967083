/**
 * Schema introspection for e6data: a Kysely `DatabaseIntrospector` built on the engine's
 * metadata RPCs.
 *
 * @example
 * ```ts
 * import { E6dataIntrospector } from 'kysely-e6data/introspection'
 * const tables = await new E6dataIntrospector({ source: client }).getTables()
 * ```
 *
 * @module
 */

export { normalizeE6dataType } from '../wire/index.js'
export {
  type E6dataColumnMetadata,
  type E6dataGetTablesOptions,
  E6dataIntrospector,
  type E6dataIntrospectorOptions,
  type E6dataTableMetadata,
} from './e6data-introspector.js'
export type {
  E6dataClosableSchemaSource,
  E6dataColumnInfo,
  E6dataSchemaCallOptions,
  E6dataSchemaSource,
  E6dataSchemaSourceDefaults,
} from './e6data-schema-source.js'
