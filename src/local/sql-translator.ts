/**
 * The ONE place where the local engine rewrites e6data SQL into DuckDB SQL (e6-sql.md §8).
 *
 * A small lexer understands `'…'` string literals, `"…"` quoted identifiers, `--` and `//` line
 * comments and `/* … *\/` block comments, and rewrites only what e6 syntax needs:
 *
 * | e6 | DuckDB |
 * |---|---|
 * | `'…'` with backslash escapes (mode `'backslash'`, the default) | a standard `'…'` literal with the same value (`'` doubled) |
 * | a NUL character inside a literal (raw or `\0`) | `('…' \|\| chr(0) \|\| '…')` (DuckDB's parser stops at raw NUL) |
 * | `// comment` | `-- comment` (DuckDB reads `//` as integer division) |
 * | type name `TIMESTAMP_TZ` after `AS` or `::` (any case) | `TIMESTAMPTZ` |
 *
 * Backslash mode follows e6data's own SQL tooling (sqlglot `E6` dialect, `STRING_ESCAPES = ['\\']`):
 * `\\` → `\`, `\'` → `'`, `\"` → `"`, `\n` LF, `\r` CR, `\t` TAB, `\0` NUL, `\b` backspace,
 * `\f` form feed, `\Z` Ctrl-Z; `\%` and `\_` keep their backslash (LIKE patterns, as in MySQL/Hive);
 * any other `\c` → `c`. A doubled quote is **not** an escape: e6's parser reads `'x''y'` as two
 * adjacent literals (`CONCAT('x', 'y')`), so the engine yields the concatenated value `xy` — a
 * client that wrongly doubles quotes loses the quote but can never break out of the literal.
 * In `'standard'` mode literals are passed through unchanged (`''` escapes, `\` is literal).
 *
 * The lexer also enforces "one statement, no terminator": a `;` outside literals and comments is
 * rejected (trailing terminator and multiple statements get distinct messages), and
 * {@link translateE6Sql} reports the first keyword so the engine can reject non-queries.
 *
 * <!-- README:e6-sql -->
 * #### e6 SQL on the local engine
 *
 * Tested feature by feature in `test/local/e6-sql-features.test.ts`. *works*: DuckDB runs it
 * unchanged with the e6 result; *translated*: this translator or a macro (`e6-macros.ts`) makes
 * it work; *unsupported*: rejected with a gRPC error naming the problem, or runs with a
 * different meaning (do not rely on it).
 *
 * | feature | status | note |
 * |---|---|---|
 * | three-part names `local.demo.customers`, `"a""b"` quoting | works | quoted names are case-insensitive locally (e6: unknown) |
 * | backslash string escapes `'it\'s'`, `'a\\b'`, `'\n'` | translated | `'x''y'` is two adjacent literals (`xy`), as in e6; option `stringEscape: 'standard'` |
 * | `//` line comments | translated | become `--` |
 * | `CAST(… AS TIMESTAMP_TZ)` | translated | `TIMESTAMPTZ` |
 * | `CAST` to `VARCHAR/INT/BIGINT/DOUBLE/DECIMAL(p,s)/DATE/TIMESTAMP/BOOLEAN/JSON/VARBINARY`, `TRY_CAST` | works | `CAST(… AS STRING)` also runs locally; e6 rejects it |
 * | `INTERVAL '5 DAY'`, `CURRENT_TIMESTAMP + INTERVAL …` | works | |
 * | `LIMIT n OFFSET m`, `limit 9223372036854775807 offset m` | works | |
 * | `ASC NULLS FIRST`, `DESC NULLS LAST` | works | without `NULLS …` DuckDB puts NULLs last for ASC and DESC (e6: unknown) |
 * | `UNION/INTERSECT/EXCEPT [ALL]`, `WITH`, `WITH RECURSIVE`, window functions, `FILTER(WHERE …)`, `GROUP BY ALL`, `= SOME (…)` | works | |
 * | `ILIKE` operator, `%`, `MOD`, `\|\|`, `CONCAT`, `COALESCE`, `NULLIF`, `IF`, `IFNULL` | works | |
 * | `ILIKE(s, p)` function form | translated | macro |
 * | `NVL`, `NVL2`, `LOCATE`, `CHARINDEX`, `SIZE`, `STARTSWITH`, `ENDSWITH`, `CONTAINS_SUBSTR`, `TO_VARCHAR`, `ARRAY_JOIN`, `COLLECT_LIST`, `PARSE_JSON` | translated | macros |
 * | `REGEXP_LIKE`, `REGEXP_I_LIKE` | translated | partial match |
 * | `DATE_TRUNC`, `EXTRACT`, 3-arg `DATE_DIFF('DAY', start, end)` | works | `DATE_DIFF` counts unit boundaries (`'MONTH'` from Jan 31 to Feb 1 is 1; e6: unknown) |
 * | 2-arg `DATE_DIFF(end, start)` | translated | days |
 * | 3-arg `DATE_ADD('DAY', n, d)`, `TIMESTAMP_ADD('HOUR', n, ts)` | translated | a DATE input yields a TIMESTAMP |
 * | 2-arg `DATE_ADD(d, n)`, `TIMESTAMP_DIFF(end, start, 'UNIT')` | translated | `d + n` (days or an INTERVAL); `DATE_DIFF(unit, start, end)` |
 * | `FORMAT_DATE(d, 'yyyy-MM-dd')`, `TO_DATE(s[, fmt])` | translated | Java letters `yyyy MM dd HH mm ss` only; any other letter fails (INTERNAL `unsupported Java date pattern`) |
 * | `arr[i]` (1-based), `ARRAY_AGG`, `LISTAGG`, `CROSS JOIN UNNEST(arr) AS u(x)`, `JSON_EXTRACT`, `JSON_VALUE` | works | |
 * | `ELEMENT_AT(array, i)`, `ELEMENT_AT(map, k)` | translated | 1-based (negative from the end) / the map value |
 * | `ARRAY_POSITION(x, arr)` | translated | e6 argument order; 0 when absent |
 * | `APPROX_PERCENTILE(x, p)` | translated | `approx_quantile` |
 * | `SEQUENCE(a, b[, step])` as a value, `EXPLODE(arr)` in the select list | translated | `generate_series`, `unnest` |
 * | `ARRAY_SLICE(arr, start, length)` | unsupported | runs with DuckDB's *end index* meaning: `ARRAY_SLICE([1,2,3,4], 2, 2)` is `[2]`, e6 gives `[2, 3]` |
 * | `LATERAL VIEW [OUTER] EXPLODE`, `FROM SEQUENCE(…)`, `NAMED_STRUCT`, `INTERVAL "col" 'UNIT'` | unsupported | INVALID_ARGUMENT (DuckDB parser/catalog error) |
 * | `TO_CHAR`, `DATE_FORMAT`, `CONVERT_TIMEZONE`, `OBJECT_CONSTRUCT` and the other e6 names DuckDB lacks (e6-sql.md §6) | unsupported | INVALID_ARGUMENT `… does not exist` |
 * | `;`, several statements, non-queries | unsupported | INVALID_ARGUMENT, as on e6 |
 * <!-- /README:e6-sql -->
 *
 * @module
 */

import type { StringEscapeMode } from '../sql/index.js'

/**
 * A statement the local engine refuses to translate (answered with INVALID_ARGUMENT).
 *
 * @example
 * ```ts
 * translateE6Sql('SELECT 1;', { stringEscape: 'backslash' }) // throws SqlTranslationError
 * ```
 */
export class SqlTranslationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SqlTranslationError'
  }
}

/**
 * Result of {@link translateE6Sql}.
 *
 * @example
 * ```ts
 * const { sql, firstKeyword }: TranslatedSql = translateE6Sql('(SELECT 1)', { stringEscape: 'backslash' })
 * ```
 */
export interface TranslatedSql {
  /** DuckDB SQL text. */
  readonly sql: string
  /** First keyword of the statement, upper-case, after leading `(` (e.g. `SELECT`), or `''`. */
  readonly firstKeyword: string
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  b: '\b',
  f: '\f',
  Z: '\x1a',
}

function isWordStart(ch: string): boolean {
  return /[A-Za-z_\u0080-\uffff]/.test(ch)
}

function isWordPart(ch: string): boolean {
  return /[A-Za-z0-9_$\u0080-\uffff]/.test(ch)
}

/**
 * Renders a string value as DuckDB SQL: a standard literal, or a `||` concatenation with
 * `chr(0)` for NUL characters.
 *
 * @example
 * ```ts
 * duckdbStringLiteral("it's") // "'it''s'"
 * duckdbStringLiteral('a\0b') // "('a' || chr(0) || 'b')"
 * ```
 */
export function duckdbStringLiteral(value: string): string {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`
  if (!value.includes('\0')) return quote(value)
  const parts = value.split('\0').map(quote)
  return `(${parts.join(' || chr(0) || ')})`
}

/**
 * Translates one e6 SQL statement into DuckDB SQL (see the module comment for the rules).
 *
 * @throws {@link SqlTranslationError} on `;`, unterminated literals/identifiers/comments.
 * @example
 * ```ts
 * translateE6Sql("SELECT 'it\\'s' // note", { stringEscape: 'backslash' }).sql
 * // "SELECT 'it''s' -- note"
 * ```
 */
export function translateE6Sql(
  sql: string,
  options: { readonly stringEscape: StringEscapeMode },
): TranslatedSql {
  const backslash = options.stringEscape === 'backslash'
  const n = sql.length
  let out = ''
  let i = 0
  let firstKeyword = ''
  let seenToken = false
  // previous significant token: upper-case word, or the punctuation character
  let previous = ''

  while (i < n) {
    const ch = sql[i] as string
    const next = sql[i + 1]

    if (ch === "'") {
      seenToken = true
      const start = i
      i++
      let value = ''
      let closed = false
      while (i < n) {
        const c = sql[i] as string
        if (c === "'") {
          if (sql[i + 1] === "'") {
            // standard: '' is a quote; backslash (e6): two adjacent literals, concatenated
            if (!backslash) value += "'"
            i += 2
            continue
          }
          i++
          closed = true
          break
        }
        if (c === '\\' && backslash) {
          const e = sql[i + 1]
          if (e === undefined) break
          if (e === '%' || e === '_') value += `\\${e}`
          else value += SIMPLE_ESCAPES[e] ?? e
          i += 2
          continue
        }
        value += c
        i++
      }
      if (!closed) {
        throw new SqlTranslationError(
          `unterminated string literal starting at offset ${start}` +
            (backslash ? " (string literals use backslash escapes: write \\' for a quote)" : ''),
        )
      }
      out += backslash || value.includes('\0') ? duckdbStringLiteral(value) : sql.slice(start, i)
      previous = "'"
      continue
    }

    if (ch === '"') {
      seenToken = true
      const start = i
      i++
      let closed = false
      while (i < n) {
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            i += 2
            continue
          }
          i++
          closed = true
          break
        }
        i++
      }
      if (!closed) {
        throw new SqlTranslationError(`unterminated quoted identifier starting at offset ${start}`)
      }
      out += sql.slice(start, i)
      previous = '"'
      continue
    }

    if ((ch === '-' && next === '-') || (ch === '/' && next === '/')) {
      let end = sql.indexOf('\n', i)
      if (end < 0) end = n
      out += `--${sql.slice(i + 2, end)}`
      i = end
      continue
    }

    if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      if (end < 0) throw new SqlTranslationError('unterminated /* comment')
      out += sql.slice(i, end + 2)
      i = end + 2
      continue
    }

    if (ch === ';') {
      if (isOnlyTrivia(sql, i + 1)) {
        throw new SqlTranslationError(
          "statement terminator ';' is not supported: send one statement without a trailing ';'",
        )
      }
      throw new SqlTranslationError('multiple statements are not supported: send one statement')
    }

    if (isWordStart(ch)) {
      let end = i + 1
      while (end < n && isWordPart(sql[end] as string)) end++
      const word = sql.slice(i, end)
      const upper = word.toUpperCase()
      if (!seenToken) firstKeyword = upper
      seenToken = true
      const isType = previous === 'AS' || previous === ':'
      out += upper === 'TIMESTAMP_TZ' && isType ? 'TIMESTAMPTZ' : word
      previous = upper
      i = end
      continue
    }

    if (ch === '\0') throw new SqlTranslationError('NUL character outside a string literal')
    if (!/\s/.test(ch)) {
      if (ch !== '(') seenToken = true
      previous = ch
    }
    out += ch
    i++
  }
  return { sql: out, firstKeyword }
}

function isOnlyTrivia(sql: string, from: number): boolean {
  let i = from
  while (i < sql.length) {
    const ch = sql[i] as string
    if (/\s/.test(ch)) {
      i++
      continue
    }
    const next = sql[i + 1]
    if ((ch === '-' && next === '-') || (ch === '/' && next === '/')) {
      const end = sql.indexOf('\n', i)
      if (end < 0) return true
      i = end + 1
      continue
    }
    if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      if (end < 0) return true
      i = end + 2
      continue
    }
    return false
  }
  return true
}

/**
 * Statement kinds the engine accepts (first keyword, after any leading parentheses).
 *
 * @example
 * ```ts
 * QUERY_KEYWORDS.has('VALUES') // true
 * ```
 */
export const QUERY_KEYWORDS: ReadonlySet<string> = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE'])

/**
 * Throws unless the first keyword starts a query (SELECT / WITH … / VALUES / TABLE).
 *
 * @example
 * ```ts
 * assertQueryKeyword('INSERT') // throws SqlTranslationError
 * ```
 */
export function assertQueryKeyword(firstKeyword: string): void {
  if (firstKeyword === '') {
    throw new SqlTranslationError(
      'unsupported statement: only queries (SELECT, WITH … SELECT, VALUES) are accepted',
    )
  }
  if (!QUERY_KEYWORDS.has(firstKeyword)) {
    throw new SqlTranslationError(
      `${firstKeyword} statements are not supported: e6data runs read-only queries ` +
        '(SELECT, WITH … SELECT, VALUES)',
    )
  }
}
