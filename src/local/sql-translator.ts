/**
 * The ONE place where the local engine rewrites e6data SQL into DuckDB SQL (e6-sql.md §8). It
 * never re-lexes: the shared lexer (`src/sql`, the one the driver uses) partitions the statement,
 * the segments become {@link E6Token}s (code split into words, numbers, punctuation and spaces),
 * and each rewrite below replaces the output text of some tokens:
 *
 * - string literals under the backslash rule become standard DuckDB literals with the same value
 *   (`\\` → `\`, `\'` → `'`, `\"` → `"`, `\n` LF, `\r` CR, `\t` TAB, `\0` NUL, `\b` backspace,
 *   `\f` form feed, `\Z` Ctrl-Z; `\%` and `\_` keep their backslash for LIKE; any other `\c` → `c`);
 *   `''` is not an escape there: e6 reads `'x''y'` as two adjacent literals, `xy`. Under the
 *   standard rule literals pass unchanged. A NUL becomes `chr(0)` (DuckDB's parser stops at NUL).
 * - `//` comments become `--` (DuckDB reads `//` as integer division).
 * - the type name `TIMESTAMP_TZ` after `AS` or `::` becomes `TIMESTAMPTZ`.
 *
 * Text that e6's lexer and DuckDB's would read differently is refused with a
 * {@link SqlTranslationError} instead of reaching DuckDB: unterminated literals, identifiers or
 * comments; block comments whose nesting the two lexers end at different places; DuckDB-only
 * prefixed strings (`E'…'`, `X'…'`, `B'…'`, `N'…'`, `U&'…'`) and dollar quotes (`$$…$$`); NUL
 * outside string literals. One statement, no terminator: a `;` in code is refused, and the first
 * keyword is reported so that the engine can refuse non-queries.
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
 * | nested block comments; `--` and `//` comments end at CR or LF | works | a block comment with overlapping markers that e6 and DuckDB would end at different places is INVALID_ARGUMENT |
 * | `E'…'`, `X'…'`, `B'…'`, `N'…'`, `U&'…'`, `$$…$$`, `$tag$…$tag$` | unsupported | INVALID_ARGUMENT: DuckDB-only syntax that e6 reads differently |
 * | `CAST(… AS TIMESTAMP_TZ)` | translated | `TIMESTAMPTZ` |
 * | `CAST` to `VARCHAR/INT/BIGINT/DOUBLE/DECIMAL(p,s)/DATE/TIMESTAMP/BOOLEAN/JSON/VARBINARY`, `TRY_CAST` | works | `CAST(… AS STRING)` also runs locally; e6 rejects it |
 * | `INTERVAL '5 DAY'`, `CURRENT_TIMESTAMP + INTERVAL …` | works | |
 * | `LIMIT n OFFSET m`, `limit 9223372036854775807 offset m` | works | |
 * | `ASC NULLS FIRST`, `DESC NULLS LAST` | works | without `NULLS …` DuckDB puts NULLs last for ASC and DESC (e6: unknown) |
 * | `UNION/INTERSECT/EXCEPT [ALL]`, `WITH`, `WITH RECURSIVE`, window functions, `FILTER(WHERE …)`, `GROUP BY ALL`, `= SOME (…)` | works | |
 * | `ILIKE` operator, `%`, `MOD`, `||`, `CONCAT`, `COALESCE`, `NULLIF`, `IF`, `IFNULL` | works | |
 * | `ILIKE(s, p)` function form | translated | macro |
 * | `NVL`, `NVL2`, `LOCATE`, `CHARINDEX`, `SIZE`, `STARTSWITH`, `ENDSWITH`, `CONTAINS_SUBSTR`, `TO_VARCHAR`, `ARRAY_JOIN`, `COLLECT_LIST`, `PARSE_JSON` | translated | macros |
 * | `NAMED_STRUCT('k', v, …)` | translated | macro: a JSON value (`json_object`), not a STRUCT — the same under `TO_JSON` |
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
 * | `LATERAL VIEW [OUTER] EXPLODE`, `FROM SEQUENCE(…)`, `INTERVAL "col" 'UNIT'` | unsupported | INVALID_ARGUMENT (DuckDB parser/catalog error) |
 * | `TO_CHAR`, `DATE_FORMAT`, `CONVERT_TIMEZONE`, `OBJECT_CONSTRUCT` and the other e6 names DuckDB lacks (e6-sql.md §6) | unsupported | INVALID_ARGUMENT `… does not exist` |
 * | `;`, several statements, non-queries | unsupported | INVALID_ARGUMENT, as on e6 |
 * <!-- /README:e6-sql -->
 *
 * @module
 */

import { type SqlSegment, type StringEscapeMode, tokenizeSql } from '../sql/index.js'
import { duckdbStringLiteral } from './duckdb-literal.js'

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

/**
 * One token of an e6 statement: a lexer segment (`string`, `identifier`, `comment`), or a piece of
 * a code segment (`word`, `number`, `punct`: one character, `space`).
 */
interface E6Token {
  readonly kind: 'string' | 'identifier' | 'comment' | 'word' | 'number' | 'punct' | 'space'
  readonly text: string
  /** Offset in the statement. */
  readonly start: number
}

/** The tokens and the output text of each (a rewrite replaces `out[i]`). */
interface Rewrite {
  readonly tokens: readonly E6Token[]
  readonly out: string[]
  readonly stringEscape: StringEscapeMode
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  b: '\b',
  f: '\f',
  Z: '\x1a',
})
const CODE_TOKEN =
  /\s+|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*|[0-9][A-Za-z0-9_.]*|[\s\S]/gu
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/
const WORD_START = /[A-Za-z_\u0080-\uffff]/
/** DuckDB reads these letters right before a quote as a string/identifier prefix. */
const DUCKDB_PREFIX = /^(?:[eEbBxXnN]|[uU]&)$/
const DOLLAR_QUOTE = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y

/**
 * Translates one e6 SQL statement into DuckDB SQL (see the module comment for the rules).
 *
 * @throws {@link SqlTranslationError} for text e6 and DuckDB would read differently, `;`, and
 * unterminated literals, identifiers or comments.
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
  const tokens = e6Tokens(sql, options.stringEscape)
  const rewrite: Rewrite = {
    tokens,
    out: tokens.map((t) => t.text),
    stringEscape: options.stringEscape,
  }
  refuseTerminators(tokens)
  rewriteStrings(rewrite)
  rewriteComments(rewrite)
  rewriteTypeNames(rewrite)
  return { sql: rewrite.out.join(''), firstKeyword: firstKeyword(tokens) }
}

/** The lexer's segments, checked, with code split into words, numbers, punctuation and spaces. */
function e6Tokens(sql: string, stringEscape: StringEscapeMode): E6Token[] {
  const tokens: E6Token[] = []
  let previous: SqlSegment | undefined
  for (const segment of tokenizeSql(sql, { stringEscape })) {
    checkSegment(sql, segment, previous, stringEscape)
    const text = sql.slice(segment.start, segment.end)
    if (segment.kind === 'code') {
      for (const m of text.matchAll(CODE_TOKEN)) {
        const piece = m[0]
        const first = piece[0] as string
        const kind = /\s/.test(first)
          ? 'space'
          : WORD_START.test(first)
            ? 'word'
            : /[0-9]/.test(first)
              ? 'number'
              : 'punct'
        tokens.push({ kind, text: piece, start: segment.start + (m.index ?? 0) })
      }
    } else {
      tokens.push({ kind: segment.kind, text, start: segment.start })
    }
    previous = segment
  }
  return tokens
}

function checkSegment(
  sql: string,
  segment: SqlSegment,
  previous: SqlSegment | undefined,
  stringEscape: StringEscapeMode,
): void {
  const text = sql.slice(segment.start, segment.end)
  if (!segment.terminated) {
    const what =
      segment.kind === 'string'
        ? 'string literal'
        : segment.kind === 'identifier'
          ? 'quoted identifier'
          : 'block comment'
    throw new SqlTranslationError(
      `unterminated ${what} starting at offset ${segment.start}` +
        (segment.kind === 'string' && stringEscape === 'backslash'
          ? " (string literals use backslash escapes: write \\' for a quote)"
          : ''),
    )
  }
  if (segment.ambiguous) {
    throw new SqlTranslationError(
      `the block comment at offset ${segment.start} nests ambiguously (overlapping /* and */ markers end it at different places in e6 and DuckDB); separate the markers with a space`,
    )
  }
  if (segment.kind !== 'string' && text.includes('\0')) {
    throw new SqlTranslationError('NUL character outside a string literal')
  }
  if (segment.kind === 'code') {
    for (let k = text.indexOf('$'); k !== -1; k = text.indexOf('$', k + 1)) {
      DOLLAR_QUOTE.lastIndex = k
      const dollar = DOLLAR_QUOTE.exec(text)
      if (dollar !== null && !insideWord(text, k)) {
        throw new SqlTranslationError(
          `dollar-quoted strings (${dollar[0]}…${dollar[0]}) are not e6 SQL: use '…' string literals`,
        )
      }
    }
  }
  if ((segment.kind === 'string' || segment.kind === 'identifier') && previous?.kind === 'code') {
    const prefix = duckdbPrefix(sql.slice(previous.start, previous.end))
    if (prefix !== undefined) {
      const quote = segment.kind === 'string' ? "'" : '"'
      throw new SqlTranslationError(
        `${prefix}${quote}…${quote} at offset ${segment.start - prefix.length} is a DuckDB-only prefixed ${segment.kind === 'string' ? 'string' : 'identifier'}, not e6 SQL: put a space or an operator between ${prefix} and the quote`,
      )
    }
  }
}

/** The prefix (`E`, `U&`, …) that DuckDB would read as part of the quoted token after `code`. */
function duckdbPrefix(code: string): string | undefined {
  const prefix = code.endsWith('&') ? code.slice(-2) : code.slice(-1)
  if (!DUCKDB_PREFIX.test(prefix) || insideWord(code, code.length - prefix.length)) return undefined
  return prefix
}

/** Whether offset `k` of `code` continues an identifier (a word that starts with a letter). */
function insideWord(code: string, k: number): boolean {
  let start = k
  while (start > 0 && WORD_CHAR.test(code[start - 1] as string)) start--
  return start < k && WORD_START.test(code[start] as string)
}

function refuseTerminators(tokens: readonly E6Token[]): void {
  const at = tokens.findIndex((t) => t.kind === 'punct' && t.text === ';')
  if (at === -1) return
  const onlyTrivia = tokens.slice(at + 1).every((t) => t.kind === 'space' || t.kind === 'comment')
  throw new SqlTranslationError(
    onlyTrivia
      ? "statement terminator ';' is not supported: send one statement without a trailing ';'"
      : 'multiple statements are not supported: send one statement',
  )
}

function rewriteStrings(r: Rewrite): void {
  r.tokens.forEach((t, i) => {
    if (t.kind !== 'string') return
    const body = t.text.slice(1, -1)
    if (r.stringEscape === 'backslash') r.out[i] = duckdbStringLiteral(decodeBackslash(body))
    else if (body.includes('\0')) r.out[i] = duckdbStringLiteral(body.replaceAll("''", "'"))
  })
}

/**
 * The value of a backslash-rule literal body (without the outer quotes; the lexer guarantees a
 * `'` inside is escaped or doubled).
 */
function decodeBackslash(body: string): string {
  let value = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (c === '\\') {
      const e = body[++i] as string
      value += e === '%' || e === '_' ? `\\${e}` : (SIMPLE_ESCAPES[e] ?? e)
    } else if (c === "'") {
      i++ // '' ends one literal and starts an adjacent one: the values concatenate
    } else {
      value += c
    }
  }
  return value
}

function rewriteComments(r: Rewrite): void {
  r.tokens.forEach((t, i) => {
    if (t.kind === 'comment' && t.text.startsWith('//')) r.out[i] = `--${t.text.slice(2)}`
  })
}

function rewriteTypeNames(r: Rewrite): void {
  let previous = ''
  r.tokens.forEach((t, i) => {
    if (t.kind === 'space' || t.kind === 'comment') return
    const upper = t.kind === 'word' ? t.text.toUpperCase() : t.text
    if (upper === 'TIMESTAMP_TZ' && (previous === 'AS' || previous === ':')) {
      r.out[i] = 'TIMESTAMPTZ'
    }
    previous = t.kind === 'word' || t.kind === 'punct' ? upper : t.kind
  })
}

function firstKeyword(tokens: readonly E6Token[]): string {
  for (const t of tokens) {
    if (t.kind === 'space' || t.kind === 'comment' || (t.kind === 'punct' && t.text === '(')) {
      continue
    }
    return t.kind === 'word' ? t.text.toUpperCase() : ''
  }
  return ''
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
