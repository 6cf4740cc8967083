// kysely-codegen looks a column's `dataType` up in the symbol table that also holds the table
// interfaces, so a table named `date` would retype every `date` column: hence prefixed keys.

const PREFIX = 'e6data:'

/** No real schema has this name, so without a default schema every key is qualified. */
export const NO_DEFAULT_SCHEMA = '\u0000e6data:no-default-schema'

export function scalarKey(typeName: string): string {
  return `${PREFIX}${typeName.toLowerCase()}`
}

export function columnOverrideKey(index: number): string {
  return `${PREFIX}column#${index}`
}
