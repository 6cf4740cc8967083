/**
 * `kysely-e6data/codegen`: Kysely `DB` types from a live e6data schema ({@link generateTypes}).
 * @module
 */
export { createTableFilter, type TablePatterns } from './create-table-filter.js'
export {
  type DecimalAs,
  type E6dataTypeMappingOptions,
  e6dataTypeScriptTypes,
  type Int64As,
  type ResolvedTypeMapping,
  resolveTypeMappingOptions,
  type TimestampAs,
} from './e6data-type-mapping.js'
export {
  type GenerateTypesCommonOptions,
  type GenerateTypesFromClientOptions,
  type GenerateTypesFromConnectionOptions,
  type GenerateTypesFromSourceOptions,
  type GenerateTypesOptions,
  generateTypes,
} from './generate-types.js'
