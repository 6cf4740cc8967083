/**
 * A modest pack of e6data-only functions as DuckDB macros (e6-sql.md §8 item 4), created at
 * startup in the attached in-memory catalog `e6_functions` (schema `main`), which every query
 * connection puts on its `search_path` after the selected catalog/schema.
 *
 * <!-- README:macros -->
 * | e6 function | DuckDB definition |
 * |---|---|
 * | `nvl(a, b)` | `coalesce(a, b)` |
 * | `nvl2(a, b, c)` | `CASE WHEN a IS NOT NULL THEN b ELSE c END` |
 * | `locate(sub, s[, pos])`, `charindex(sub, s[, pos])` | 1-based position of `sub` in `s` (from `pos`), 0 if absent |
 * | `size(list)` | `len(list)` (lists only) |
 * | `rand()` | `random()` |
 * | `regexp_like(s, p)` | `regexp_matches(s, p)` (partial match) |
 * | `startswith(s, p)`, `endswith(s, p)`, `contains_substr(s, p)` | `starts_with`, `ends_with`, `contains` |
 * | `collect_list(x)` | `list(x)` (aggregate) |
 * | `array_join(a, sep)` | `array_to_string(a, sep)` |
 * | `parse_json(s)` | `json(s)` |
 * | `to_varchar(x)` | `CAST(x AS VARCHAR)` |
 * | `shiftleft(a, n)`, `shiftright(a, n)` | `a << n`, `a >> n` |
 * | `bitwise_and/or/xor(a, b)`, `bitwise_not(a)` | `a & b`, `a \| b`, `xor(a, b)`, `~a` |
 * <!-- /README:macros -->
 *
 * @module
 */

/**
 * Name of the catalog holding the macros.
 *
 * @example
 * ```ts
 * `SET search_path = 'local.demo,${E6_FUNCTIONS_CATALOG}.main'`
 * ```
 */
export const E6_FUNCTIONS_CATALOG = 'e6_functions'

const LOCATE =
  '(sub, s) AS strpos(s, sub), ' +
  '(sub, s, pos) AS CASE WHEN pos < 1 THEN 0 WHEN strpos(substr(s, pos), sub) = 0 THEN 0 ' +
  'ELSE strpos(substr(s, pos), sub) + pos - 1 END'

const DEFINITIONS: readonly string[] = [
  'nvl(a, b) AS coalesce(a, b)',
  'nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END',
  `locate${LOCATE}`,
  `charindex${LOCATE}`,
  'size(a) AS len(a)',
  'rand() AS random()',
  'regexp_like(s, p) AS regexp_matches(s, p)',
  'startswith(s, p) AS starts_with(s, p)',
  'endswith(s, p) AS ends_with(s, p)',
  'contains_substr(s, p) AS contains(s, p)',
  'collect_list(x) AS list(x)',
  'array_join(a, sep) AS array_to_string(a, sep)',
  'parse_json(s) AS json(s)',
  'to_varchar(x) AS CAST(x AS VARCHAR)',
  'shiftleft(a, n) AS a << n',
  'shiftright(a, n) AS a >> n',
  'bitwise_and(a, b) AS a & b',
  'bitwise_or(a, b) AS a | b',
  'bitwise_xor(a, b) AS xor(a, b)',
  'bitwise_not(a) AS ~a',
]

/**
 * SQL statements creating the macro catalog and macros (run once at startup).
 *
 * @example
 * ```ts
 * for (const sql of e6MacroStatements()) await connection.run(sql)
 * ```
 */
export function e6MacroStatements(): readonly string[] {
  return [
    `ATTACH ':memory:' AS ${E6_FUNCTIONS_CATALOG}`,
    ...DEFINITIONS.map((d) => `CREATE MACRO ${E6_FUNCTIONS_CATALOG}.main.${d}`),
  ]
}
