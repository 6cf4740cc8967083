/**
 * `kysely-e6data/introspection`: a Kysely `DatabaseIntrospector` on e6data's metadata RPCs.
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
