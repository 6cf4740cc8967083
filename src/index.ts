/**
 * kysely-e6data: the Kysely dialect for e6data ({@link E6dataDialect}) and the plain driver
 * (`createClient`, also `kysely-e6data/driver`). Codegen, introspection, JSON helpers and the local
 * engine have their own entry points (`/codegen`, `/introspection`, `/helpers`, `/local`).
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
