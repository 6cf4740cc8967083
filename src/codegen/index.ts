/**
 * Kysely type generation for e6data: {@link generateTypes} (programmatic), {@link runCodegenCli}
 * (`kysely-e6data codegen`), and the kysely-codegen building blocks they use.
 *
 * @example
 * ```ts
 * import { generateTypes } from 'kysely-e6data/codegen'
 * await generateTypes({ source: client, outFile: 'src/db.ts' })
 * ```
 *
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
