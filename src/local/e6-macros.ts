/**
 * A modest pack of e6data-only functions as DuckDB macros (e6-sql.md §8 item 4), created at
 * startup in the attached in-memory catalog `e6_functions` (schema `main`), which every query
 * connection puts on its `search_path` after the selected catalog/schema.
 *
 * A macro on the search path shadows a DuckDB built-in of the same name, so the few that do
 * (`element_at`, `array_position`, `date_diff`, `date_add`) cover every built-in arity and none is
 * used by Kysely-generated SQL; `array_slice` is deliberately not redefined (DuckDB binds the
 * `a[i:j]` syntax through it). The e6 feature matrix is in `sql-translator.ts`.
 *
 * <!-- README:macros -->
 * | e6 function | DuckDB definition |
 * |---|---|
 * | `nvl(a, b)` | `coalesce(a, b)` |
 * | `nvl2(a, b, c)` | `CASE WHEN a IS NOT NULL THEN b ELSE c END` |
 * | `locate(sub, s[, pos])`, `charindex(sub, s[, pos])` | 1-based position of `sub` in `s` (from `pos`), 0 if absent |
 * | `size(list)` | `len(list)` (lists only) |
 * | `rand()` | `random()` |
 * | `regexp_like(s, p)`, `regexp_i_like(s, p)` | `regexp_matches(s, p[, 'i'])` (partial match) |
 * | `ilike(s, p)` | `s ILIKE p` |
 * | `startswith(s, p)`, `endswith(s, p)`, `contains_substr(s, p)` | `starts_with`, `ends_with`, `contains` |
 * | `collect_list(x)` | `list(x)` (aggregate) |
 * | `array_join(a, sep)` | `array_to_string(a, sep)` |
 * | `parse_json(s)` | `json(s)` |
 * | `to_varchar(x)` | `CAST(x AS VARCHAR)` |
 * | `element_at(c, k)` | `c[k]`: 1-based list index (negative from the end) or the map value (replaces DuckDB's map-only `element_at`, which returns a list) |
 * | `array_position(x, a)` (e6 argument order) | `list_position(a, x)`, 0 when absent (replaces DuckDB's `(list, x)` order) |
 * | `date_diff(end, start)`, `date_diff(unit, start, end)` | days `end - start`; the built-in 3-arg form |
 * | `date_add(unit, n, d)`, `date_add(d, n)` | `d + n * INTERVAL '1 unit'` (a DATE yields a TIMESTAMP); `d + n` (days or an INTERVAL, as the built-in) |
 * | `timestamp_add(unit, n, ts)`, `timestamp_diff(end, start, unit)` | `ts + n * INTERVAL '1 unit'`; `date_diff(unit, start, end)` |
 * | `approx_percentile(x, p)` | `approx_quantile(x, p)` (aggregate) |
 * | `sequence(a, b[, step])` | `generate_series(a, b[, step])` (a list; not a table function) |
 * | `explode(a)` | `unnest(a)` (select list only; no `LATERAL VIEW`) |
 * | `format_date(d, f)`, `to_date(s[, f])` | `strftime` / `strptime` with the Java letters `yyyy MM dd HH mm ss` mapped; any other letter raises an error |
 * | `shiftleft(a, n)`, `shiftright(a, n)` | `a << n`, `a >> n` |
 * | `bitwise_and/or/xor(a, b)`, `bitwise_not(a)` | `a & b`, `a \| b`, `xor(a, b)`, `~a` |
 * | `named_struct('k', v, …)` (1–50 pairs) | `json_object('k', v, …)`: a JSON value, not a STRUCT (the same under `to_json`, as `kysely-e6data/helpers` use it) |
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

// Java date pattern → strftime for the letters yyyy MM dd HH mm ss (a constant-foldable
// expression, as strftime/strptime need); e6_date_pattern_check raises on any other letter
const STRFTIME_PATTERN =
  "(f) AS replace(replace(replace(replace(replace(replace(replace(f, '%', '%%'), 'yyyy', '%Y'), " +
  "'MM', '%m'), 'dd', '%d'), 'HH', '%H'), 'mm', '%M'), 'ss', '%S')"
const PATTERN_CHECK =
  "(f, v) AS CASE WHEN regexp_matches(regexp_replace(f, 'yyyy|MM|dd|HH|mm|ss', '', 'g'), '[A-Za-z'']') " +
  "THEN error('unsupported Java date pattern (only yyyy MM dd HH mm ss): ' || f) ELSE v END"

const PATTERN = `${E6_FUNCTIONS_CATALOG}.main.e6_strftime_pattern`
const CHECK = `${E6_FUNCTIONS_CATALOG}.main.e6_date_pattern_check`

const DEFINITIONS: readonly string[] = [
  'nvl(a, b) AS coalesce(a, b)',
  'nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END',
  `locate${LOCATE}`,
  `charindex${LOCATE}`,
  'size(a) AS len(a)',
  'rand() AS random()',
  'regexp_like(s, p) AS regexp_matches(s, p)',
  "regexp_i_like(s, p) AS regexp_matches(s, p, 'i')",
  'ilike(s, p) AS s ILIKE p',
  'startswith(s, p) AS starts_with(s, p)',
  'endswith(s, p) AS ends_with(s, p)',
  'contains_substr(s, p) AS contains(s, p)',
  'collect_list(x) AS list(x)',
  'array_join(a, sep) AS array_to_string(a, sep)',
  'parse_json(s) AS json(s)',
  'to_varchar(x) AS CAST(x AS VARCHAR)',
  // e6 ELEMENT_AT: 1-based list index (negative counts from the end) or map value; DuckDB's
  // built-in element_at (its only arity) is map-only and returns a list
  'element_at(c, k) AS c[k]',
  // e6 argument order (element first); 0 when absent, as Presto/Spark (built-in arity 2 covered)
  'array_position(x, a) AS CASE WHEN a IS NULL THEN NULL ELSE coalesce(list_position(a, x), 0) END',
  // 2-arg DATE_DIFF(end, start) in days; 3-arg forwards to the built-in (its only arity)
  "date_diff(a, b) AS system.main.date_diff('day', b, a), " +
    '(u, a, b) AS system.main.date_diff(u, a, b)',
  // 3-arg DATE_ADD('DAY', n, d); 2-arg d + n (days or an INTERVAL: the built-in's only arity)
  "date_add(d, n) AS d + n, (u, n, d) AS d + n * CAST('1 ' || u AS INTERVAL)",
  "timestamp_add(u, n, t) AS t + n * CAST('1 ' || u AS INTERVAL)",
  // TIMESTAMP_DIFF(end, start, 'UNIT'): unit last, end first
  'timestamp_diff(b, a, u) AS system.main.date_diff(u, a, b)',
  'approx_percentile(x, p) AS approx_quantile(x, p)',
  'sequence(a, b) AS generate_series(a, b), (a, b, step) AS generate_series(a, b, step)',
  'explode(a) AS unnest(a)',
  `e6_strftime_pattern${STRFTIME_PATTERN}`,
  `e6_date_pattern_check${PATTERN_CHECK}`,
  `format_date(d, f) AS ${CHECK}(f, strftime(d, ${PATTERN}(f)))`,
  'to_date(s) AS CAST(s AS DATE), ' +
    `(s, f) AS ${CHECK}(f, CAST(strptime(s, ${PATTERN}(f)) AS DATE))`,
  'shiftleft(a, n) AS a << n',
  'shiftright(a, n) AS a >> n',
  'bitwise_and(a, b) AS a & b',
  'bitwise_or(a, b) AS a | b',
  'bitwise_xor(a, b) AS xor(a, b)',
  'bitwise_not(a) AS ~a',
  namedStruct(),
]

/**
 * `named_struct('k1', v1, …)` for 1–50 pairs as `json_object`: e6's object constructor, used by
 * `kysely-e6data/helpers` under `to_json` (DuckDB has no variadic macros, hence one overload per
 * arity). The result is a JSON value rather than a STRUCT: the same once passed to `to_json`.
 */
function namedStruct(): string {
  const overloads: string[] = []
  for (let pairs = 1; pairs <= 50; pairs++) {
    const params: string[] = []
    const body: string[] = []
    for (let i = 1; i <= pairs; i++) {
      params.push(`k${i}`, `v${i}`)
      body.push(`CAST(k${i} AS VARCHAR)`, `v${i}`)
    }
    overloads.push(`(${params.join(', ')}) AS json_object(${body.join(', ')})`)
  }
  return `named_struct${overloads.join(', ')}`
}

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
