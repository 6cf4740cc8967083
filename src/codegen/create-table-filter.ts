import { TableMatcher } from 'kysely-codegen'

/**
 * Globs: without a dot a pattern matches the table in any schema (`order*`), with one it matches
 * `schema.table` (`sales.*`). Case-insensitive, as kysely-codegen's `--include-pattern`.
 */
export type TablePatterns = string | readonly string[]

/**
 * A `(schema, table) => boolean` filter keeping tables that match an `include` pattern (or any,
 * without one) and no `exclude` pattern; `undefined` without patterns.
 *
 * @example
 * ```ts
 * const keep = createTableFilter('sales.*', ['*_tmp'])!
 * keep('sales', 'orders') // true
 * keep('sales', 'orders_tmp') // false
 * ```
 */
export function createTableFilter(
  include?: TablePatterns,
  exclude?: TablePatterns,
): ((schema: string, table: string) => boolean) | undefined {
  const includes = toMatchers(include)
  const excludes = toMatchers(exclude)
  if (includes.length === 0 && excludes.length === 0) return undefined
  return (schema, table) =>
    (includes.length === 0 || includes.some((m) => m.match(schema, table))) &&
    !excludes.some((m) => m.match(schema, table))
}

export function tablePatternList(patterns: TablePatterns | undefined): readonly string[] {
  const list = typeof patterns === 'string' ? [patterns] : (patterns ?? [])
  return Object.freeze(list.filter((pattern) => pattern.trim() !== ''))
}

function toMatchers(patterns: TablePatterns | undefined): TableMatcher[] {
  return tablePatternList(patterns).map((pattern) => new TableMatcher(pattern))
}
