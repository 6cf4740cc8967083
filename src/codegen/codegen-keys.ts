/**
 * Internal keys shared by the codegen adapter and metadata conversion.
 *
 * kysely-codegen looks a column's `dataType` up in one symbol table that also holds the table
 * interfaces, so a table named `date` would turn every `date` column into that table's
 * interface. Prefixed keys (`e6data:date`) cannot collide with table names in practice.
 *
 * @example
 * ```ts
 * scalarKey('decimal') // 'e6data:decimal'
 * ```
 *
 * @module
 */

const PREFIX = 'e6data:'

/**
 * Placeholder default schema used when no schema is the connection's default: no real schema
 * has this name, so every table gets a schema-qualified `"schema.table"` key.
 *
 * @example
 * ```ts
 * new E6dataCodegenAdapter({}).defaultSchemas // [NO_DEFAULT_SCHEMA]
 * ```
 */
export const NO_DEFAULT_SCHEMA = '\u0000e6data:no-default-schema'

/**
 * Key of a normalised e6data type name in the adapter's scalars.
 *
 * @example
 * ```ts
 * scalarKey('bigint') // 'e6data:bigint'
 * ```
 */
export function scalarKey(typeName: string): string {
  return `${PREFIX}${typeName.toLowerCase()}`
}

/**
 * Key of the `index`-th column override in the adapter's scalars.
 *
 * @example
 * ```ts
 * columnOverrideKey(0) // 'e6data:column#0'
 * ```
 */
export function columnOverrideKey(index: number): string {
  return `${PREFIX}column#${index}`
}
