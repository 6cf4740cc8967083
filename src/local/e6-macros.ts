/**
 * e6data functions as DuckDB macros (e6-sql.md §8 item 4) in the attached in-memory catalog
 * `e6_functions`, which every query connection puts on its `search_path` after the selected
 * schema. Calls that need a rewrite (literal units and patterns, lambdas, variadic forms,
 * argument order) are the translator's job instead.
 *
 * A macro on the search path shadows a DuckDB built-in of the same name, so the ones that do
 * cover every built-in arity or call the built-in by its qualified name (`system.main.…`).
 *
 * @module
 */

export const E6_FUNCTIONS_CATALOG = 'e6_functions'

const M = `${E6_FUNCTIONS_CATALOG}.main`

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
  "THEN error('UNSUPPORTED: Java date pattern with letters other than yyyy MM dd HH mm ss in a non-literal pattern: ' || f) ELSE v END"

// Java's ChronoUnit.between for month-based units: whole months between the (time-adjusted) end
// date and the start date, comparing (month, day of month) as LocalDate.monthsUntil does
const JAVA_MONTHS =
  '(s, e) AS trunc((' +
  '(year(e6_end) * 12 + month(e6_end)) * 32 + day(e6_end) - ' +
  '(year(CAST(s AS DATE)) * 12 + month(CAST(s AS DATE))) * 32 - day(CAST(s AS DATE))) / 32.0)::BIGINT'
const JAVA_END_DATE =
  // LocalDateTime.until moves the end date one day towards the start when its time of day has
  // not yet reached the start's
  '(s, e) AS CASE ' +
  'WHEN CAST(e AS DATE) > CAST(s AS DATE) AND e - CAST(CAST(e AS DATE) AS TIMESTAMP) < s - CAST(CAST(s AS DATE) AS TIMESTAMP) THEN CAST(e AS DATE) - 1 ' +
  'WHEN CAST(e AS DATE) < CAST(s AS DATE) AND e - CAST(CAST(e AS DATE) AS TIMESTAMP) > s - CAST(CAST(s AS DATE) AS TIMESTAMP) THEN CAST(e AS DATE) + 1 ' +
  'ELSE CAST(e AS DATE) END'

const UNIX_SCALE =
  "CASE lower(u) WHEN 'seconds' THEN 1000000 WHEN 'second' THEN 1000000 " +
  "WHEN 'milliseconds' THEN 1000 WHEN 'millisecond' THEN 1000 " +
  "WHEN 'microseconds' THEN 1 WHEN 'microsecond' THEN 1 " +
  "ELSE error('UNSUPPORTED: FROM_UNIXTIME_WITHUNIT unit ' || u || ' (use seconds, milliseconds or microseconds)') END"

const ZONE_CONVERT = (from: string, to: string, ts: string) =>
  `timezone(${to}, timezone(${from}, CAST(${ts} AS TIMESTAMP)))`

interface MacroRow {
  /** README columns: the e6 calls and what they do in DuckDB terms. */
  readonly e6: string
  readonly duckdb: string
  /** `CREATE MACRO` bodies, `e6_*` helpers before their users. */
  readonly sql: readonly string[]
}

const row = (e6: string, duckdb: string, ...sql: string[]): MacroRow => ({ e6, duckdb, sql })

// The macros and the README's macro table (e6MacrosMarkdown) in one list.
const MACROS: readonly MacroRow[] = [
  row(
    '`nvl(a, b)`, `nvl2(a, b, c)`',
    '`coalesce(a, b)`; `CASE WHEN a IS NOT NULL THEN b ELSE c END`',
    'nvl(a, b) AS coalesce(a, b)',
    'nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END',
  ),
  row(
    '`locate(sub, s[, pos])`, `charindex(sub, s[, pos])`',
    '1-based position of `sub` in `s` (from `pos`), 0 if absent',
    `locate${LOCATE}`,
    `charindex${LOCATE}`,
  ),
  row(
    '`size(list)`, `cardinality(list)`',
    '`len(list)` (lists only)',
    'size(a) AS len(a)',
    'cardinality(a) AS len(a)',
  ),
  row('`rand()`', '`random()`', 'rand() AS random()'),
  row(
    '`regexp_like(s, p)`, `regexp_contains(s, p)`, `regexp_i_like(s, p)`',
    "`regexp_matches(s, p[, 'i'])` (partial match)",
    'regexp_like(s, p) AS regexp_matches(s, p)',
    'regexp_contains(s, p) AS regexp_matches(s, p)',
    "regexp_i_like(s, p) AS regexp_matches(s, p, 'i')",
  ),
  row(
    '`regexp_count(s, p)`',
    '`len(regexp_extract_all(s, p))`',
    'regexp_count(s, p) AS len(regexp_extract_all(s, p))',
  ),
  row('`ilike(s, p)`', '`s ILIKE p`', 'ilike(s, p) AS s ILIKE p'),
  row(
    '`startswith(s, p)`, `endswith(s, p)`, `contains_substr(s, p)`',
    '`starts_with`, `ends_with`, `contains`',
    'startswith(s, p) AS starts_with(s, p)',
    'endswith(s, p) AS ends_with(s, p)',
    'contains_substr(s, p) AS contains(s, p)',
  ),
  row(
    '`initcap(s)`',
    'each space-separated word capitalised, the rest lower-case',
    "initcap(s) AS array_to_string(list_transform(string_split(s, ' '), w -> upper(w[1]) || lower(w[2:])), ' ')",
  ),
  row('`soundex(s)`', 'American Soundex (letter + 3 digits)', soundex()),
  row(
    '`find_in_set(s, list)`',
    '1-based position of `s` in the comma-separated `list`, 0 if absent or if `s` has a comma',
    "find_in_set(s, l) AS CASE WHEN s IS NULL OR l IS NULL THEN NULL WHEN contains(s, ',') THEN 0 ELSE coalesce(list_position(string_split(l, ','), s), 0) END",
  ),
  row(
    '`array_join(a, sep)`',
    '`array_to_string(a, sep)`',
    'array_join(a, sep) AS array_to_string(a, sep)',
  ),
  row(
    '`array_prepend(a, x)`',
    '`list_prepend(x, a)` (e6 argument order)',
    'array_prepend(a, x) AS list_prepend(x, a)',
  ),
  row(
    '`element_at(c, k)`, `try_element_at(c, k)`',
    '`c[k]`: 1-based list index (negative from the end) or the map value; NULL when absent',
    // DuckDB's built-in element_at (its only arity) is map-only and returns a list
    'element_at(c, k) AS c[k]',
    'try_element_at(c, k) AS c[k]',
  ),
  row(
    '`array_position(x, a)`',
    '`list_position(a, x)` (e6 argument order), 0 when absent',
    'array_position(x, a) AS CASE WHEN a IS NULL THEN NULL ELSE coalesce(list_position(a, x), 0) END',
  ),
  row(
    '`sequence(a, b[, step])`',
    '`generate_series(a, b[, step])` (a list)',
    'sequence(a, b) AS generate_series(a, b), (a, b, step) AS generate_series(a, b, step)',
  ),
  row('`explode(a)`', '`unnest(a)` (select list)', 'explode(a) AS unnest(a)'),
  row(
    '`parse_json(s)`, `json_extract(j, path)`, `json_value(j, path)`',
    '`json(s)`; `json_extract_string(j, path)` (e6 extracts scalars as text)',
    'parse_json(s) AS json(s)',
    'json_extract(j, p) AS json_extract_string(j, p)',
    'json_value(j, p) AS json_extract_string(j, p)',
  ),
  row(
    '`try_divide(a, b)`',
    '`a / b`, NULL when `b = 0`',
    'try_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a / b END',
  ),
  row(
    '`width_bucket(x, lo, hi, n)`',
    'bucket 1…n of equal width, 0 below `lo`, n + 1 from `hi` on',
    'width_bucket(x, lo, hi, n) AS CASE WHEN x < lo THEN 0 WHEN x >= hi THEN n + 1 ' +
      'ELSE CAST(floor((x - lo) * n / (hi - lo)) AS BIGINT) + 1 END',
  ),
  row(
    '`shiftleft(a, n)`, `shiftright(a, n)`, `bitwise_and/or/xor(a, b)`, `bitwise_not(a)`',
    '`<<`, `>>`, `&`, `\\|`, `xor`, `~`',
    'shiftleft(a, n) AS a << n',
    'shiftright(a, n) AS a >> n',
    'bitwise_and(a, b) AS a & b',
    'bitwise_or(a, b) AS a | b',
    'bitwise_xor(a, b) AS xor(a, b)',
    'bitwise_not(a) AS ~a',
  ),
  row('`to_utf8(s)`', '`encode(s)` (BLOB)', 'to_utf8(s) AS encode(s)'),
  row(
    '`add_months(d, n)`',
    '`d + n months` as a DATE (end of month clamped)',
    'add_months(d, n) AS CAST(CAST(d AS DATE) + to_months(CAST(n AS INTEGER)) AS DATE)',
  ),
  row(
    '`date_add(unit, n, d)`, `dateadd(unit, n, d)`, `timestamp_add(unit, n, ts)`',
    "`d + n * INTERVAL '1 unit'` (`n` an integer, numeric text allowed)",
    "e6_add(u, n, d) AS d + CAST(n AS BIGINT) * CAST('1 ' || u AS INTERVAL)",
    `date_add(d, n) AS CAST(d AS DATE) + CAST(n AS INTEGER), (u, n, d) AS ${M}.e6_add(u, n, d)`,
    `dateadd(u, n, d) AS ${M}.e6_add(u, n, d)`,
    `timestamp_add(u, n, d) AS ${M}.e6_add(u, n, d)`,
  ),
  row(
    '`date_add(d, n)`, `date_sub(d, n)`',
    '`CAST(d AS DATE) ± n` days (a DATE, as Spark)',
    'date_sub(d, n) AS CAST(d AS DATE) - CAST(n AS INTEGER)',
  ),
  row(
    '`date_diff(unit, start, end)`, `date_diff(end, start, unit)`, `datediff(…)`, `timestamp_diff(end, start, unit)`, `timediff(unit, start, end)`',
    "`e6_diff`: complete units from `start` to `end` as Java's `ChronoUnit.between` (a month counts once the day of month is reached)",
    `e6_end_date${JAVA_END_DATE}`,
    `e6_months${JAVA_MONTHS.replaceAll('e6_end', `${M}.e6_end_date(s, e)`)}`,
    'e6_diff(u, s, e) AS CASE lower(u) ' +
      `WHEN 'year' THEN trunc(${M}.e6_months(s, e) / 12.0)::BIGINT ` +
      `WHEN 'quarter' THEN trunc(${M}.e6_months(s, e) / 3.0)::BIGINT ` +
      `WHEN 'month' THEN ${M}.e6_months(s, e) ` +
      "WHEN 'week' THEN trunc(system.main.date_sub('day', CAST(s AS TIMESTAMP), CAST(e AS TIMESTAMP)) / 7.0)::BIGINT " +
      'ELSE system.main.date_sub(lower(u), CAST(s AS TIMESTAMP), CAST(e AS TIMESTAMP)) END',
    `date_diff(e, s) AS CAST(e AS DATE) - CAST(s AS DATE), (u, s, e) AS ${M}.e6_diff(u, s, e)`,
    `datediff(e, s) AS CAST(e AS DATE) - CAST(s AS DATE), (u, s, e) AS ${M}.e6_diff(u, s, e)`,
    `timestamp_diff(e, s, u) AS ${M}.e6_diff(u, s, e)`,
    `timediff(u, s, e) AS ${M}.e6_diff(u, s, e)`,
  ),
  // the two-argument forms are overloads of the date_diff/datediff macros above
  row('`date_diff(end, start)`', 'days between the dates'),
  row(
    '`days(d)`, `dayofweekiso(d)`, `weekiso(d)`, `last_day_of_month(d)`',
    '`day`, `isodow`, `weekofyear` (ISO), `last_day`',
    'days(d) AS day(d)',
    'dayofweekiso(d) AS isodow(d)',
    'weekiso(d) AS weekofyear(d)',
    'last_day_of_month(d) AS last_day(d)',
  ),
  row(
    '`from_unixtime(s)`, `from_unixtime_withunit(n, unit)`',
    'TIMESTAMP from epoch seconds; unit `seconds`, `milliseconds` or `microseconds`',
    'from_unixtime(s) AS make_timestamp(CAST(round(CAST(s AS DOUBLE) * 1000000) AS BIGINT))',
    `from_unixtime_withunit(n, u) AS make_timestamp(CAST(round(CAST(n AS DOUBLE) * (${UNIX_SCALE})) AS BIGINT))`,
  ),
  row(
    '`to_unix_timestamp(ts)`',
    "epoch **milliseconds** (e6's default Java executor)",
    'to_unix_timestamp(t) AS epoch_ms(CAST(t AS TIMESTAMP))',
  ),
  row(
    '`from_iso8601_timestamp(s)`',
    '`CAST(s AS TIMESTAMPTZ)`',
    'from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)',
  ),
  row(
    '`convert_timezone(from, to, ts)`, `convert_timezone(to, ts)`, `datetime(ts[, to])`, `from_utc_timestamp(ts, to)`',
    'wall-clock time in zone `to` of `ts` read in zone `from` (default UTC)',
    `convert_timezone(f, t, ts) AS ${ZONE_CONVERT('f', 't', 'ts')}, (t, ts) AS ${ZONE_CONVERT("'UTC'", 't', 'ts')}`,
    `datetime(ts) AS CAST(ts AS TIMESTAMP), (ts, t) AS ${ZONE_CONVERT("'UTC'", 't', 'ts')}`,
    `from_utc_timestamp(ts, t) AS ${ZONE_CONVERT("'UTC'", 't', 'ts')}`,
  ),
  row('`getdate()`', '`current_timestamp`', 'getdate() AS current_timestamp'),
  row(
    '`format_date(d, f)`, `to_date(s[, f])`',
    'with a non-literal Java pattern: `strftime`/`strptime` with `yyyy MM dd HH mm ss` mapped (literal patterns are translated fully by the translator)',
    `e6_strftime_pattern${STRFTIME_PATTERN}`,
    `e6_date_pattern_check${PATTERN_CHECK}`,
    `format_date(d, f) AS ${M}.e6_date_pattern_check(f, strftime(d, ${M}.e6_strftime_pattern(f)))`,
    'to_date(s) AS CAST(s AS DATE), ' +
      `(s, f) AS ${M}.e6_date_pattern_check(f, CAST(strptime(s, ${M}.e6_strftime_pattern(f)) AS DATE))`,
  ),
]

/** The README's macro table, generated from the macro list. */
export function e6MacrosMarkdown(): string {
  return [
    '| e6 function | DuckDB definition |',
    '|---|---|',
    ...MACROS.map((m) => `| ${m.e6} | ${m.duckdb} |`),
    '',
  ].join('\n')
}

// American Soundex: adjacent equal codes count once, also across H and W; vowels separate them
function soundex(): string {
  const letters = "upper(regexp_replace(s, '[^A-Za-z]', '', 'g'))"
  // codes: vowels and Y '0' (separate), H and W '9' (transparent), consonants their digit
  const coded = `translate(${letters}, 'AEIOUYHWBFPVCGJKQSXZDTLMNR', '00000099111122222222334556')`
  // drop H/W, then collapse runs of equal digits; the first letter's own code starts the run
  const runs = `list_filter(string_split(regexp_replace(${coded}, '9', '', 'g'), ''), (c, i) -> i = 1 OR c <> string_split(regexp_replace(${coded}, '9', '', 'g'), '')[i - 1])`
  return (
    `soundex(s) AS CASE WHEN ${letters} = '' THEN NULL ELSE ` +
    `rpad(left(${letters}, 1) || replace(array_to_string(${runs}[2:], ''), '0', ''), 4, '0')[1:4] END`
  )
}

// For connections that bypass the translator. DuckDB has no variadic macros, so one overload per
// arity (1–50 pairs): slow enough to create that the engine, which translates, leaves it out.
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

export function e6MacroStatements(
  options: { readonly namedStruct?: boolean } = {},
): readonly string[] {
  return [
    `ATTACH ':memory:' AS ${E6_FUNCTIONS_CATALOG}`,
    ...MACROS.flatMap((m) => m.sql.map((d) => `CREATE MACRO ${M}.${d}`)),
    ...(options.namedStruct === false ? [] : [`CREATE MACRO ${M}.${namedStruct()}`]),
  ]
}
