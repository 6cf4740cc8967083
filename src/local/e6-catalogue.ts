/**
 * The e6 SQL catalogue the local engine is held to: every function of e6data's own dialect
 * definition (e6data's sqlglot fork @ 0862417, `sqlglot/dialects/e6.py`: the E6 parser's function
 * table and function parsers, plus the 210 names of `apis/utils/supported_functions_in_all_dialects.json`
 * under `e6`) and the syntax its tokenizer and parser accept. Each construct has a status:
 *
 * - `runs` — DuckDB runs it unchanged, with e6's meaning;
 * - `translated` — the translator (`sql-translator.ts`) or a macro (`e6-macros.ts`) makes it run
 *   with e6's meaning;
 * - `unsupported` — refused with INVALID_ARGUMENT `UNSUPPORTED: …` naming the construct (never
 *   run with another meaning).
 *
 * `test/local/e6-catalogue.test.ts` runs an example of every entry against the engine and checks
 * e6's result (or the UNSUPPORTED error); the README table is generated from this list
 * (`e6CatalogueMarkdown`, synced by `scripts/sync-readme.ts`).
 *
 * @module
 */

/**
 * How the local engine handles one e6 construct.
 *
 * @example
 * ```ts
 * const status: E6Status = 'translated'
 * ```
 */
export type E6Status = 'runs' | 'translated' | 'unsupported'

/**
 * One construct of e6's dialect.
 *
 * @example
 * ```ts
 * const entry: E6CatalogueEntry = { name: 'NVL', kind: 'function', status: 'translated' }
 * ```
 */
export interface E6CatalogueEntry {
  /** Function name (upper-case) or syntax construct. */
  readonly name: string
  readonly kind: 'function' | 'syntax'
  readonly status: E6Status
  /** How it runs, what it maps to, or what differs. */
  readonly note?: string
}

const f = (name: string, status: E6Status, note?: string): E6CatalogueEntry =>
  Object.freeze(
    note === undefined
      ? { name, kind: 'function', status }
      : { name, kind: 'function', status, note },
  )
const s = (name: string, status: E6Status, note?: string): E6CatalogueEntry =>
  Object.freeze(
    note === undefined ? { name, kind: 'syntax', status } : { name, kind: 'syntax', status, note },
  )

const R = 'runs'
const T = 'translated'
const U = 'unsupported'

/**
 * The catalogue (functions A–Z, then syntax).
 *
 * @example
 * ```ts
 * E6_CATALOGUE.filter((e) => e.status === 'unsupported').map((e) => e.name)
 * ```
 */
export const E6_CATALOGUE: readonly E6CatalogueEntry[] = Object.freeze([
  f('ABS', R),
  f('ACOS', R),
  f('ACOSH', R),
  f('ADD_MONTHS', T, 'DATE plus n months, end of month clamped'),
  f('ANY_VALUE', R),
  f('APPROX_COUNT_DISTINCT', R),
  f('APPROX_PERCENTILE', T, '`approx_quantile`'),
  f('APPROX_QUANTILES', T, 'the same as APPROX_PERCENTILE in e6'),
  f('ARBITRARY', R),
  f('ARRAY_AGG', R),
  f('ARRAY_APPEND', R),
  f('ARRAY_CONCAT', R),
  f('ARRAY_CONTAINS', R),
  f('ARRAY_INTERSECT', R, 'distinct elements, in the order of the first array'),
  f('ARRAY_JOIN', T, '`array_to_string`'),
  f('ARRAY_POSITION', T, 'e6 argument order (element, array); 0 when absent'),
  f('ARRAY_PREPEND', T, 'e6 argument order (array, element)'),
  f(
    'ARRAY_SLICE',
    T,
    'e6 meaning: from index `b` (1-based, negative from the end) up to `c` exclusive',
  ),
  f('ARRAY_SORT', R, 'ascending, NULLs last'),
  f('ARRAY_TO_STRING', R),
  f('ASCII', R),
  f('AVG', R),
  f('BITWISE_AND', T),
  f('BITWISE_NOT', T),
  f('BITWISE_OR', T),
  f('BITWISE_XOR', T),
  f('CARDINALITY', T, 'arrays (DuckDB’s is map-only)'),
  f('CBRT', R),
  f('CEIL', R),
  f('CEILING', R),
  f('CHARACTER_LENGTH', R),
  f('CHARINDEX', T, 'LOCATE'),
  f('CHAR_LENGTH', R),
  f('COALESCE', R),
  f('COLLECT_LIST', T, '`list` aggregate'),
  f('CONCAT', R, 'NULL arguments are skipped (DuckDB); e6: unknown'),
  f('CONCAT_WS', R),
  f('CONTAINS_SUBSTR', T),
  f('CONVERT_TIMEZONE', T, '(from, to, ts) and (to, ts): wall-clock time in `to`'),
  f('CORR', R),
  f('COS', R),
  f('COSH', R),
  f('COT', R),
  f('COUNT', R),
  f('COUNT_IF', R),
  f('COVAR_POP', R),
  f('COVAR_SAMP', R),
  f('CURRENT_DATE', R, 'also `CURRENT_DATE()`'),
  f('CURRENT_TIMESTAMP', R, 'also `CURRENT_TIMESTAMP()`; a TIMESTAMP_TZ in the session zone'),
  f('DATE', R, 'DATE(x) is `CAST(x AS DATE)`'),
  f('DATEADD', T, '(unit, n, d), as DATE_ADD'),
  f('DATEDIFF', T, 'as DATE_DIFF'),
  f('DATEPART', R, 'unit as a literal or a bare word'),
  f('DATETIME', T, '(ts[, zone]): wall-clock time in `zone` of the UTC instant'),
  f(
    'DATE_ADD',
    T,
    '(unit, n, d) → `d + n units` (n may be numeric text; a DATE input gives a TIMESTAMP); (d, n) → DATE `d + n` days, as Spark',
  ),
  f(
    'DATE_DIFF',
    T,
    '(unit, start, end), (end, start, unit): complete units as Java’s ChronoUnit.between; (end, start): days',
  ),
  f('DATE_FORMAT', T, 'Java pattern (e6’s native-executor name of FORMAT_TIMESTAMP)'),
  f('DATE_SUB', T, '(d, n): DATE `d - n` days, as Spark'),
  f('DATE_TRUNC', R, 'text dates are read as dates; unit as a literal or a bare word'),
  f('DAY', R),
  f('DAYNAME', R, 'full English name (`Friday`)'),
  f('DAYOFWEEKISO', T, '`isodow` (Monday = 1)'),
  f('DAYS', T, 'day of month'),
  f('DECODE', T, 'DECODE(x, s1, r1, …, default) as CASE; NULL matches NULL'),
  f('DEGREES', R),
  f('DENSE_RANK', R),
  f(
    'ELEMENT_AT',
    T,
    '1-based list index (negative from the end) or the map value; NULL when absent',
  ),
  f('ENDB_WITH', R, 'listed under this (mistyped) name by e6; ENDS_WITH runs'),
  f('ENDSWITH', T),
  f('EXP', R),
  f('EXPLODE', T, 'in the select list; see LATERAL VIEW for joins'),
  f('EXTRACT', R, 'text dates are read as dates'),
  f('FACTORIAL', R),
  f('FILTER_ARRAY', T, '`list_filter` with the lambda'),
  f('FIND_IN_SET', T),
  f('FIRST_VALUE', R),
  f('FLOOR', R),
  f('FORMAT', T, 'Java-style `%s` (any value) through `printf`'),
  f('FORMAT_DATE', T, 'Java pattern'),
  f('FORMAT_DATETIME', T, 'Java pattern'),
  f('FORMAT_TIMESTAMP', T, 'Java pattern'),
  f('FROM_ISO8601_TIMESTAMP', T, 'a TIMESTAMP_TZ'),
  f('FROM_UNIXTIME', T, 'epoch seconds → TIMESTAMP'),
  f('FROM_UNIXTIME_WITHUNIT', T, "units 'seconds', 'milliseconds', 'microseconds'"),
  f('FROM_UTC_TIMESTAMP', T, 'wall-clock time in the zone'),
  f('GETDATE', T, '`current_timestamp`'),
  f('GREATEST', R, 'NULL arguments are skipped (DuckDB); e6: unknown'),
  f('HOUR', R),
  f('IF', R),
  f('IFNULL', R),
  f('INITCAP', T),
  f('INSTR', R),
  f('ISNULL', T, 'ISNULL(x) → `x IS NULL`'),
  f('JSON_EXTRACT', T, 'scalars as text (e6 parses it as a scalar extraction)'),
  f('JSON_VALUE', T, 'scalars as text'),
  f('LAG', R),
  f('LAST_DAY', R),
  f('LAST_DAY_OF_MONTH', T),
  f('LAST_VALUE', R),
  f('LEAD', R),
  f('LEAST', R, 'NULL arguments are skipped (DuckDB); e6: unknown'),
  f('LEFT', R),
  f('LEN', R),
  f('LENGTH', R),
  f('LISTAGG', R, 'also `WITHIN GROUP (ORDER BY …)`, translated to an ordered `string_agg`'),
  f('LN', R),
  f('LOCATE', T, '(sub, s[, pos]), 0 when absent'),
  f('LOG', R, 'LOG(b, x); LOG(x) is base 10'),
  f('LOWER', R),
  f('LPAD', R),
  f('LTRIM', T, 'LTRIM(chars, s): characters first, as e6'),
  f('MAX', R),
  f('MAX_BY', R),
  f('MD5', R, 'hex text'),
  f('MIN', R),
  f('MINUTE', R),
  f('MOD', R),
  f('MONTH', R),
  f(
    'NAMED_STRUCT',
    T,
    'a JSON object value (`json_object`), the same under TO_JSON; any number of pairs',
  ),
  f('NOW', R),
  f('NTILE', R),
  f('NULLIF', R),
  f('NVL', T),
  f('NVL2', T),
  f('OBJECT_CONSTRUCT', T, 'as NAMED_STRUCT'),
  f('PARSE_DATE', T, '(format, text) with %-specifiers (`%Y-%m-%d`, `%i` minutes)'),
  f('PARSE_DATETIME', T, '(format, text[, zone])'),
  f('PARSE_TIMESTAMP', T, '(format, text[, zone])'),
  f('PERCENTILE_CONT', R, '`PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)`'),
  f('PI', R),
  f('POSITION', R, '`POSITION(sub IN s)`'),
  f('POW', R),
  f('POWER', R),
  f('RADIANS', R),
  f('RAND', T, '`random()`'),
  f('RANK', R),
  f('REDUCE', T, '(array, start, (acc, x) -> …[, s -> …]) via `list_reduce`'),
  f('REGEXP_CONTAINS', T, 'partial match'),
  f('REGEXP_COUNT', T, '(s, pattern)'),
  f('REGEXP_EXTRACT', R, '(s, pattern[, group])'),
  f('REGEXP_EXTRACT_ALL', R),
  f('REGEXP_LIKE', T, 'partial match'),
  f('REGEXP_REPLACE', T, 'every match, as Java’s replaceAll'),
  f('REPEAT', R),
  f(
    'REPLACE',
    R,
    'literal text (the dialect also reads it as REGEXP_REPLACE; the same without regex metacharacters)',
  ),
  f('REVERSE', R),
  f('RIGHT', R),
  f('ROUND', R, 'half away from zero'),
  f('ROW_NUMBER', R),
  f('RPAD', R),
  f('RTRIM', T, 'RTRIM(chars, s): characters first, as e6'),
  f('SECOND', R),
  f('SEQUENCE', T, 'a list (`generate_series`); after FROM a table of the values'),
  f('SHIFTLEFT', T),
  f('SHIFTRIGHT', T),
  f('SIGN', R),
  f('SIN', R),
  f('SINH', R),
  f('SIZE', T, 'arrays'),
  f('SOUNDEX', T, 'American Soundex'),
  f('SPLIT', R),
  f('SPLIT_PART', R),
  f('SQRT', R),
  f('STARTSWITH', T),
  f('STARTS_WITH', R),
  f('STDDEV', R, 'sample'),
  f('STDDEV_POP', R),
  f('STDDEV_SAMP', R),
  f('STRING_AGG', R),
  f('STRPOS', R),
  f('SUBSTR', R),
  f('SUBSTRING', R),
  f('SUM', R),
  f('TANH', R),
  f('TIMEDIFF', T, '(unit, start, end), complete units'),
  f('TIMESTAMP', T, "TIMESTAMP('…') → `CAST('…' AS TIMESTAMP)`"),
  f('TIMESTAMP_ADD', T, '(unit, n, ts)'),
  f('TIMESTAMP_DIFF', T, '(end, start, unit), complete units'),
  f('TO_CHAR', T, '(x[, Java pattern])'),
  f('TO_DATE', T, '(text[, Java pattern])'),
  f('TO_HEX', R),
  f('TO_JSON', R),
  f('TO_TIMESTAMP', T, '(text[, Java pattern])'),
  f('TO_TIMESTAMP_NTZ', T, 'as TO_TIMESTAMP'),
  f('TO_UNIX_TIMESTAMP', T, 'epoch milliseconds (e6’s default Java executor)'),
  f('TO_UTF8', T, 'BINARY'),
  f('TO_VARCHAR', T, '(x[, Java pattern])'),
  f('TRIM', R, 'also `TRIM(BOTH|LEADING|TRAILING c FROM s)`'),
  f('TRUNC', T, "TRUNC('unit', d) → DATE_TRUNC; TRUNC(x) numeric"),
  f('TRY_DIVIDE', T, 'NULL when dividing by 0'),
  f('TRY_ELEMENT_AT', T),
  f('TYPEOF', R, 'DuckDB type names (`INTEGER`, `VARCHAR`); e6: unknown'),
  f('UNNEST', R, 'in the select list (e6 reads it as EXPLODE)'),
  f('UPPER', R),
  f('URL_DECODE', R),
  f('VARIANCE_SAMP', T, '`var_samp`'),
  f('VAR_SAMP', R),
  f('WEEK', R, 'ISO week'),
  f('WEEKDAY', R, 'Sunday = 0 (DuckDB); e6: unknown'),
  f('WEEKISO', T, 'ISO week'),
  f('WEEKOFYEAR', R, 'ISO week'),
  f('WIDTH_BUCKET', T),
  f('YEAR', R),
  s('CASE', R),
  s(
    'CAST / TRY_CAST to CHAR, VARCHAR, INT, BIGINT, BOOLEAN, DATE, FLOAT, DOUBLE, TIMESTAMP, DECIMAL(p,s), JSON, VARBINARY',
    R,
  ),
  s('CAST to TIMESTAMP_TZ', T, 'TIMESTAMPTZ'),
  s(
    'CAST to any other type (STRING, TEXT, SMALLINT, TIME, ARRAY, …)',
    U,
    'as e6 (“Unsupported cast type”)',
  ),
  s('`::` casts', R),
  s('DECIMAL(p,s)', R),
  s('DISTINCT', R),
  s('EXISTS (subquery)', R),
  s('GROUP BY ALL', R),
  s('GROUPING SETS', R),
  s('HAVING', R),
  s('IN (list), IN (subquery)', R),
  s('USING join', R),
  s('VALUES', R),
  s('subscript `arr[i]` (1-based), `map[key]`', R),
  s(
    "string literals with backslash escapes `'it\\'s'`",
    T,
    "decoded into standard literals; `'x''y'` is two adjacent literals (`xy`)",
  ),
  s('`//` comments', T, 'become `--`'),
  s(
    '`--` comments, nested `/* */` comments',
    R,
    'overlapping markers that e6 and DuckDB end differently are refused',
  ),
  s(
    'quoted identifiers `"a""b"`, three-part names',
    R,
    'quoted names are case-insensitive locally',
  ),
  s("INTERVAL 'n UNIT', INTERVAL n UNIT", R),
  s("INTERVAL expr 'UNIT'", T, '`INTERVAL (expr) UNIT`'),
  s("INTERVAL 'a-b' YEAR TO MONTH and other spans", T, 'a sum of intervals'),
  s("typed literals DATE '…', TIMESTAMP '…'", R),
  s(
    'variant path `col:key.sub[0]`, `col:"key"`, `…::type`',
    T,
    '`json_extract` (JSON value) or, with a cast, `json_extract_string(…)::type`',
  ),
  s('a single `:` outside a variant path', U, 'never read as DuckDB’s `alias: expr`'),
  s('lambda `x -> …`, `(acc, x) -> …`', R, 'in FILTER_ARRAY, TRANSFORM, REDUCE'),
  s('TRANSFORM(array, x -> …)', T, '`list_transform`'),
  s(
    'LATERAL VIEW [OUTER] EXPLODE / POSEXPLODE … [table] [AS col, …]',
    T,
    'a lateral join over `unnest` (OUTER keeps rows with empty arrays)',
  ),
  s(
    'TABLE(FLATTEN(input => array)), LATERAL FLATTEN(input => array)',
    T,
    'a lateral subquery with SEQ, KEY, PATH, INDEX, VALUE (JSON), THIS; arrays only',
  ),
  s('FLATTEN options other than input (path, recursive, mode, outer => true)', U),
  s('MAP[k, v, …]', T, '`MAP {k: v, …}`'),
  s('MAP(keys_array, values_array)', R),
  s('ARRAY[…]', R),
  s('DuckDB `{…}` struct/map literals', U, 'not e6 SQL: NAMED_STRUCT(…) / MAP[…]'),
  s('LISTAGG(…) WITHIN GROUP (ORDER BY …)', T, 'ordered `string_agg`'),
  s('unit as a bare word: DATE_TRUNC(YEAR, d), DATE_DIFF(…, DAY), DATEPART(MONTH, d)', T, 'quoted'),
  s(
    "text dates in date functions: DATE_TRUNC('YEAR', '2015-03-04'), HOUR('2009-07-30 12:58:59')",
    T,
    '`CAST(… AS DATE|TIMESTAMP)`',
  ),
  s(
    'date functions with a non-literal unit or pattern',
    U,
    'named in the error (write the unit or Java pattern as a literal)',
  ),
  s('FILTER (WHERE …) on aggregates', R),
  s('window functions, frames, QUALIFY-free OVER (…)', R),
  s('UNION / INTERSECT / EXCEPT [ALL]', R),
  s('WITH, WITH RECURSIVE', R),
  s('LIMIT n OFFSET m', R),
  s(
    'ORDER BY … ASC|DESC NULLS FIRST|LAST',
    R,
    'without NULLS … DuckDB puts NULLs last for ASC and DESC (e6: unknown)',
  ),
  s('= SOME (subquery), = ANY (subquery)', R),
  s('ILIKE, LIKE, BETWEEN, IS [NOT] NULL, IS [NOT] DISTINCT FROM', R),
  s('`||` concatenation', R, 'NULL if an operand is NULL'),
  s('PIVOT (agg FOR col IN (…))', R),
  s('`%` modulo, `!=`', R),
])

/**
 * The README section generated from {@link E6_CATALOGUE}: counts per status, then every
 * construct with its status and note.
 *
 * @example
 * ```ts
 * const markdown = e6CatalogueMarkdown()
 * ```
 */
export function e6CatalogueMarkdown(): string {
  const count = (status: E6Status) => E6_CATALOGUE.filter((e) => e.status === status).length
  const lines = [
    `${E6_CATALOGUE.length} constructs from e6data's own dialect definition (its sqlglot fork: the E6 parser's function table in \`sqlglot/dialects/e6.py\`, the functions it lists as supported for \`e6\`, and the syntax its tokenizer and parser accept): **${count('runs')} run** unchanged, **${count('translated')} are translated** (translator or macro), **${count('unsupported')} are refused** with INVALID_ARGUMENT \`UNSUPPORTED: …\` naming the construct. None runs with another meaning; every row is tested against the engine in \`test/local/e6-catalogue.test.ts\`.`,
    '',
    '<details><summary>The catalogue</summary>',
    '',
    '| construct | status | note |',
    '|---|---|---|',
    ...E6_CATALOGUE.map(
      (e) =>
        `| ${e.kind === 'function' ? `\`${e.name}\`` : e.name.replaceAll('|', '\\|')} | ${e.status} | ${(e.note ?? '').replaceAll('|', '\\|')} |`,
    ),
    '',
    '</details>',
    '',
  ]
  return lines.join('\n')
}
