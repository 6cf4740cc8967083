import { TableMatcher } from 'kysely-codegen'

/**
 * One glob pattern or several. A pattern without a dot matches the table name in any schema
 * (`order*`); a pattern with a dot matches `schema.table` (`sales.*`, `*.tmp_*`). Matching is
 * case-insensitive (micromatch, as kysely-codegen's `--include-pattern`).
 *
 * @example
 * ```ts
 * const include: TablePatterns = ['sales.*', 'dim_*']
 * ```
 */
export type TablePatterns = string | readonly string[]

/**
 * Builds a `(schema, table) => boolean` filter: a table is kept when it matches at least one
 * `include` pattern (or no include is given) and no `exclude` pattern.
 *
 * @example
 * ```ts
 * const keep = createTableFilter('sales.*', ['*_tmp'])! // undefined when no pattern is given
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

/**
 * Normalises {@link TablePatterns} into a frozen list (empty and blank patterns dropped).
 *
 * @example
 * ```ts
 * tablePatternList('a*') // ['a*']
 * ```
 */
export function tablePatternList(patterns: TablePatterns | undefined): readonly string[] {
  const list = typeof patterns === 'string' ? [patterns] : (patterns ?? [])
  return Object.freeze(list.filter((pattern) => pattern.trim() !== ''))
}

function toMatchers(patterns: TablePatterns | undefined): TableMatcher[] {
  return tablePatternList(patterns).map((pattern) => new TableMatcher(pattern))
}
