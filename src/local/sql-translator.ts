/**
 * The one place the local engine rewrites e6 SQL into DuckDB SQL (e6-sql.md §8), on the shared
 * lexer's segments (never re-lexed). Backslash-rule literals become standard literals with the
 * same value (`'x''y'` is two adjacent literals in e6: `xy`; `\%` and `\_` keep their backslash
 * for LIKE; NUL becomes `chr(0)`, DuckDB's parser stops at NUL); `//` comments become `--`
 * (DuckDB reads `//` as integer division). Text the two lexers would read differently is refused
 * rather than sent: DuckDB-only prefixed strings and `$$…$$`, ambiguous nested comments, `;`.
 *
 * @module
 */

import { type SqlSegment, type StringEscapeMode, tokenizeSql } from '../sql/index.js'
import { javaPatternToStrftime, mysqlPatternToStrptime, PatternError } from './date-patterns.js'
import { duckdbStringLiteral } from './duckdb-literal.js'

/** Answered with INVALID_ARGUMENT. */
export class SqlTranslationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SqlTranslationError'
  }
}

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
  /** The value of each string literal token (by token index). */
  readonly values: Map<number, string>
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

/** @throws {@link SqlTranslationError} for text e6 and DuckDB would read differently. */
export function translateE6Sql(
  sql: string,
  options: { readonly stringEscape: StringEscapeMode },
): TranslatedSql {
  const tokens = e6Tokens(sql, options.stringEscape)
  const rewrite: Rewrite = {
    tokens,
    out: tokens.map((t) => t.text),
    values: new Map(),
    stringEscape: options.stringEscape,
  }
  refuseTerminators(tokens)
  rewriteStrings(rewrite)
  rewriteComments(rewrite)
  rewriteTypeNames(rewrite)
  return { sql: rewriteSyntax(rewrite), firstKeyword: firstKeyword(tokens) }
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
    const value =
      r.stringEscape === 'backslash' ? decodeBackslash(body) : body.replaceAll("''", "'")
    r.values.set(i, value)
    if (r.stringEscape === 'backslash') r.out[i] = duckdbStringLiteral(value)
    else if (body.includes('\0')) r.out[i] = duckdbStringLiteral(value)
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

// ─── Structured rewrites: calls, INTERVAL, variant paths, LATERAL VIEW, FLATTEN, MAP[…] ──────

/** A token with its output text, a bracketed group, or text produced by a rewrite. */
type Item = TokItem | GroupItem | RawItem
interface TokItem {
  readonly kind: 'tok'
  readonly tok: E6Token
  readonly text: string
  /** Value of a string literal. */
  readonly value: string | undefined
}
interface GroupItem {
  readonly kind: 'group'
  readonly open: '(' | '[' | '{'
  readonly close: string
  items: Item[]
  readonly start: number
}
interface RawItem {
  readonly kind: 'raw'
  readonly text: string
}

/** The error every rewrite raises for an e6 construct the local engine cannot run. */
function unsupported(construct: string, detail: string): SqlTranslationError {
  return new SqlTranslationError(`UNSUPPORTED: ${construct} ${detail}`)
}

/** Words that start a structured rewrite (the call table plus the syntax handlers). */
let triggers: ReadonlySet<string> | undefined

function rewriteSyntax(r: Rewrite): string {
  triggers ??= new Set([
    ...Object.keys(CALLS),
    'INTERVAL',
    'LATERAL',
    'TABLE',
    'MAP',
    'CAST',
    'TRY_CAST',
    'LISTAGG',
    'STRING_AGG',
    'SEQUENCE',
  ])
  const needed = r.tokens.some(
    (t) =>
      (t.kind === 'word' && (triggers as ReadonlySet<string>).has(t.text.toUpperCase())) ||
      (t.kind === 'punct' && (t.text === ':' || t.text === '{')),
  )
  // most statements (Kysely's) need none of it: skip building the tree
  if (!needed) return r.out.join('')
  const items = buildItems(r)
  if (items === undefined) return r.out.join('')
  const state = { laterals: 0 }
  return render(rewriteLevel(items, state))
}

/** Tokens as nested groups; `undefined` when brackets do not balance (DuckDB reports it). */
function buildItems(r: Rewrite): Item[] | undefined {
  const root: Item[] = []
  const stack: { group: GroupItem; parent: Item[] }[] = []
  let current = root
  for (let i = 0; i < r.tokens.length; i++) {
    const tok = r.tokens[i] as E6Token
    const text = r.out[i] as string
    if (tok.kind === 'punct' && (tok.text === '(' || tok.text === '[' || tok.text === '{')) {
      const group: GroupItem = {
        kind: 'group',
        open: tok.text,
        close: tok.text === '(' ? ')' : tok.text === '[' ? ']' : '}',
        items: [],
        start: tok.start,
      }
      current.push(group)
      stack.push({ group, parent: current })
      current = group.items
      continue
    }
    if (tok.kind === 'punct' && (tok.text === ')' || tok.text === ']' || tok.text === '}')) {
      const top = stack.pop()
      if (top === undefined || top.group.close !== tok.text) return undefined
      current = top.parent
      continue
    }
    current.push({ kind: 'tok', tok, text, value: r.values.get(i) })
  }
  return stack.length === 0 ? root : undefined
}

function render(items: readonly Item[]): string {
  let s = ''
  for (const it of items) {
    if (it.kind === 'group') s += `${it.open}${render(it.items)}${it.close}`
    else s += it.text
  }
  return s
}

const trivia = (it: Item | undefined): boolean =>
  it?.kind === 'tok' && (it.tok.kind === 'space' || it.tok.kind === 'comment')

/** Index of the first non-trivia item at or after `i` (`items.length` when none). */
function sig(items: readonly Item[], i: number): number {
  while (i < items.length && trivia(items[i])) i++
  return i
}

function isWord(it: Item | undefined, ...names: string[]): boolean {
  if (it?.kind !== 'tok' || it.tok.kind !== 'word') return false
  return names.length === 0 || names.includes(it.tok.text.toUpperCase())
}

const isPunct = (it: Item | undefined, ch: string): boolean =>
  it?.kind === 'tok' && it.tok.kind === 'punct' && it.tok.text === ch

const isGroup = (it: Item | undefined, open: '(' | '['): it is GroupItem =>
  it?.kind === 'group' && it.open === open

/** Top-level comma-separated arguments of a group (each without surrounding trivia). */
function splitArgs(items: readonly Item[]): Item[][] {
  const args: Item[][] = [[]]
  for (const it of items) {
    if (isPunct(it, ',')) args.push([])
    else (args[args.length - 1] as Item[]).push(it)
  }
  const trimmed = args.map((a) => {
    let s = 0
    let e = a.length
    while (s < e && trivia(a[s])) s++
    while (e > s && trivia(a[e - 1])) e--
    return a.slice(s, e)
  })
  return trimmed.length === 1 && trimmed[0]?.length === 0 ? [] : trimmed
}

/** The value when an argument is exactly one string literal. */
function literal(arg: readonly Item[] | undefined): string | undefined {
  if (arg === undefined || arg.length !== 1) return undefined
  const it = arg[0]
  return it?.kind === 'tok' && it.tok.kind === 'string' ? it.value : undefined
}

const UNITS: ReadonlySet<string> = new Set([
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'DAY',
  'HOUR',
  'MINUTE',
  'SECOND',
  'MILLISECOND',
  'MICROSECOND',
  'DAYOFWEEK',
  'DOW',
  'DAYOFYEAR',
  'DOY',
  'ISODOW',
  'EPOCH',
])
const PLURAL_UNITS: Readonly<Record<string, string>> = {
  YEARS: 'YEAR',
  QUARTERS: 'QUARTER',
  MONTHS: 'MONTH',
  WEEKS: 'WEEK',
  DAYS: 'DAY',
  HOURS: 'HOUR',
  MINUTES: 'MINUTE',
  SECONDS: 'SECOND',
  MILLISECONDS: 'MILLISECOND',
  MICROSECONDS: 'MICROSECOND',
}

function normalUnit(text: string): string | undefined {
  let u = text.trim().toUpperCase()
  if (u.startsWith('SQL_TSI_')) u = u.slice(8)
  u = PLURAL_UNITS[u] ?? u
  return UNITS.has(u) ? u : undefined
}

/** The unit of a `'DAY'` literal or a bare `DAY` word argument, upper-case. */
function unitOf(arg: readonly Item[] | undefined): string | undefined {
  const lit = literal(arg)
  if (lit !== undefined) return normalUnit(lit)
  if (arg?.length === 1 && isWord(arg[0])) return normalUnit((arg[0] as TokItem).tok.text)
  return undefined
}

const DATE_ONLY = /^\s*[+-]?\d{4,}-\d{1,2}-\d{1,2}\s*$/

/** An argument as SQL; a string literal becomes `CAST(… AS DATE|TIMESTAMP)` (e6 reads it so). */
function temporal(arg: readonly Item[]): string {
  const lit = literal(arg)
  if (lit === undefined) return render(arg)
  return `CAST(${render(arg)} AS ${DATE_ONLY.test(lit) ? 'DATE' : 'TIMESTAMP'})`
}

const quoted = (unit: string) => `'${unit}'`

/** A literal or bare-word unit argument as a quoted unit, else the argument unchanged. */
function unitArg(arg: readonly Item[]): string {
  const u = unitOf(arg)
  return u === undefined ? render(arg) : quoted(u)
}

function arity(name: string, args: readonly Item[][], ...allowed: number[]): void {
  if (!allowed.includes(args.length)) {
    throw unsupported(
      `${name} with ${args.length} argument${args.length === 1 ? '' : 's'}`,
      `(e6 forms take ${allowed.join(' or ')})`,
    )
  }
}

/** A literal Java pattern as strftime/strptime, or UNSUPPORTED naming the element. */
function javaPattern(name: string, arg: readonly Item[], mode: 'format' | 'parse'): string {
  const lit = literal(arg)
  if (lit === undefined) {
    throw unsupported(`${name} with a non-literal pattern`, '(write the Java pattern as a literal)')
  }
  try {
    return duckdbStringLiteral(javaPatternToStrftime(lit, mode))
  } catch (error) {
    if (error instanceof PatternError) {
      throw unsupported(
        `${name} pattern element ${JSON.stringify(error.element)}`,
        `in ${JSON.stringify(lit)} (supported: y yy yyyy M MM MMM MMMM d dd D DDD H HH h hh m mm s ss SSS SSSSSS a E EEE EEEE u Z z, 'quoted text')`,
      )
    }
    throw error
  }
}

type CallRewrite = (name: string, args: Item[][], group?: GroupItem) => string | undefined

const formatWith =
  (mode: 'format') =>
  (name: string, args: Item[][]): string => {
    arity(name, args, 2)
    return `strftime(${temporal(args[0] as Item[])}, ${javaPattern(name, args[1] as Item[], mode)})`
  }

const toText = (name: string, args: Item[][]): string => {
  arity(name, args, 1, 2)
  if (args.length === 1) return `CAST(${render(args[0] as Item[])} AS VARCHAR)`
  return formatWith('format')(name, args)
}

const parseWith =
  (type: 'DATE' | 'TIMESTAMP') =>
  (name: string, args: Item[][]): string => {
    arity(name, args, 1, 2)
    if (args.length === 1) return `CAST(${render(args[0] as Item[])} AS ${type})`
    const parsed = `strptime(${render(args[0] as Item[])}, ${javaPattern(name, args[1] as Item[], 'parse')})`
    return type === 'DATE' ? `CAST(${parsed} AS DATE)` : parsed
  }

const mysqlParse =
  (type: 'DATE' | 'TIMESTAMP') =>
  (name: string, args: Item[][]): string => {
    arity(name, args, 2, 3)
    const lit = literal(args[0])
    if (lit === undefined) {
      throw unsupported(`${name} with a non-literal format`, '(write the %-format as a literal)')
    }
    let format: string
    try {
      format = mysqlPatternToStrptime(lit)
    } catch (error) {
      if (error instanceof PatternError) {
        throw unsupported(`${name} format element ${error.element}`, `in ${JSON.stringify(lit)}`)
      }
      throw error
    }
    let parsed = `strptime(${render(args[1] as Item[])}, ${duckdbStringLiteral(format)})`
    if (args.length === 3)
      parsed = `CAST(timezone(${render(args[2] as Item[])}, ${parsed}) AS TIMESTAMP)`
    return type === 'DATE' ? `CAST(${parsed} AS DATE)` : parsed
  }

/** Functions whose unit argument comes first: quote a bare unit, cast literal dates. */
const unitFirst =
  (target: string) =>
  (_name: string, args: Item[][]): string | undefined => {
    if (args.length < 2) return undefined
    const [unit, ...rest] = args as [Item[], ...Item[][]]
    const last = rest.length - 1
    const mapped = rest.map((a, i) =>
      i === last || target === 'date_trunc' ? temporal(a) : render(a),
    )
    if (target === 'date_diff') mapped[0] = temporal(rest[0] as Item[])
    return `${target}(${unitArg(unit)}, ${mapped.join(', ')})`
  }

/** DATE_DIFF / DATEDIFF: (unit, start, end), (end, start, unit) or (end, start). */
function dateDiff(name: string, args: Item[][]): string {
  arity(name, args, 2, 3)
  if (args.length === 2)
    return `date_diff(${temporal(args[0] as Item[])}, ${temporal(args[1] as Item[])})`
  const [a, b, c] = args as [Item[], Item[], Item[]]
  const first = unitOf(a)
  if (first !== undefined) return `date_diff(${quoted(first)}, ${temporal(b)}, ${temporal(c)})`
  const last = unitOf(c)
  if (last !== undefined) return `date_diff(${quoted(last)}, ${temporal(b)}, ${temporal(a)})`
  throw unsupported(`${name} with a non-literal unit`, "(write the unit as a literal, e.g. 'DAY')")
}

const castArgs =
  (target: string, ...temporalAt: number[]) =>
  (_name: string, args: Item[][]): string =>
    `${target}(${args.map((a, i) => (temporalAt.includes(i) ? temporal(a) : render(a))).join(', ')})`

/** The lambda-taking e6 array functions. */
const lambdaCall =
  (target: string) =>
  (name: string, args: Item[][]): string => {
    arity(name, args, 2)
    return `${target}(${render(args[0] as Item[])}, ${render(args[1] as Item[])})`
  }

function reduce(name: string, args: Item[][]): string {
  arity(name, args, 3, 4)
  const [a, init, merge, finish] = args as [Item[], Item[], Item[], Item[] | undefined]
  const reduced = `list_reduce(${render(a)}, ${render(merge)}, ${render(init)})`
  return finish === undefined ? reduced : `list_transform([${reduced}], ${render(finish)})[1]`
}

function arraySlice(name: string, args: Item[][]): string {
  arity(name, args, 3)
  const [a, b, c] = args.map((x) => `(${render(x)})`) as [string, string, string]
  // e6: elements from b (1-based, negative from the end) up to c exclusive, i.e. c - b of them
  return `(CASE WHEN ${b} > 0 THEN list_slice(${a}, ${b}, ${c} - 1) ELSE list_slice(${a}, len(${a}) + ${b} + 1, len(${a}) + ${c}) END)`
}

function decode(name: string, args: Item[][]): string {
  if (args.length < 3) arity(name, args, 3)
  const [subject, ...pairs] = args as [Item[], ...Item[][]]
  let sql = 'CASE'
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    sql += ` WHEN (${render(subject)}) IS NOT DISTINCT FROM (${render(pairs[i] as Item[])}) THEN ${render(pairs[i + 1] as Item[])}`
  }
  if (pairs.length % 2 === 1) sql += ` ELSE ${render(pairs[pairs.length - 1] as Item[])}`
  return `${sql} END`
}

function format(name: string, args: Item[][]): string {
  if (args.length === 0) arity(name, args, 1)
  const lit = literal(args[0])
  const specs =
    lit === undefined ? [] : [...lit.matchAll(/%(?:%|[-#+ 0,(<]*\d*(?:\.\d+)?([a-zA-Z]))/g)]
  let k = 0
  const rendered = args.map((a, i) => {
    if (i === 0) return render(a)
    while (k < specs.length && specs[k]?.[1] === undefined) k++
    const conversion = specs[k++]?.[1]
    // Java's %s prints any value; DuckDB's printf wants text for %s
    return conversion === 's' || conversion === 'S' ? `CAST(${render(a)} AS VARCHAR)` : render(a)
  })
  return `printf(${rendered.join(', ')})`
}

/** A call renamed to a DuckDB function, arguments (and aggregate modifiers) unchanged. */
const renamed =
  (target: string) =>
  (_name: string, _args: Item[][], group?: GroupItem): string =>
    `${target}(${render(group?.items ?? [])})`

/** LTRIM(chars, s) / RTRIM(chars, s): e6 puts the characters first. */
const trimSide =
  (target: string) =>
  (name: string, args: Item[][]): string => {
    arity(name, args, 1, 2)
    if (args.length === 1) return `${target}(${render(args[0] as Item[])})`
    return `${target}(${render(args[1] as Item[])}, ${render(args[0] as Item[])})`
  }

/** EXTRACT(unit FROM 'text'): the text is read as a date or timestamp. */
function extract(_name: string, _args: Item[][], group?: GroupItem): string | undefined {
  const items = group?.items ?? []
  const from = items.findIndex((x) => isWord(x, 'FROM'))
  if (from === -1) return undefined
  const value = splitArgs(items.slice(from + 1))[0]
  if (value === undefined || literal(value) === undefined) return undefined
  return `EXTRACT(${render(items.slice(0, from + 1))} ${temporal(value)})`
}

/** NAMED_STRUCT('k', v, …) / OBJECT_CONSTRUCT: a JSON object (the same under TO_JSON). */
function jsonObject(name: string, args: Item[][]): string {
  if (args.length % 2 !== 0) throw unsupported(name, 'needs key, value pairs')
  const parts = args.map((a, i) => (i % 2 === 0 ? `CAST(${render(a)} AS VARCHAR)` : render(a)))
  return `json_object(${parts.join(', ')})`
}

const CALLS: Readonly<Record<string, CallRewrite>> = {
  NAMED_STRUCT: jsonObject,
  OBJECT_CONSTRUCT: jsonObject,
  COLLECT_LIST: renamed('list'),
  APPROX_PERCENTILE: renamed('approx_quantile'),
  APPROX_QUANTILES: renamed('approx_quantile'),
  VARIANCE_SAMP: renamed('var_samp'),
  LTRIM: trimSide('ltrim'),
  RTRIM: trimSide('rtrim'),
  EXTRACT: extract,
  DATE_TRUNC: unitFirst('date_trunc'),
  TRUNC: (name, args) =>
    unitOf(args[0]) !== undefined && args.length === 2
      ? unitFirst('date_trunc')(name, args)
      : undefined,
  DATEPART: unitFirst('date_part'),
  DATE_PART: unitFirst('date_part'),
  DATE_ADD: (name, args) => {
    arity(name, args, 2, 3)
    if (args.length === 2) return castArgs('date_add', 0)(name, args)
    return unitFirst('date_add')(name, args)
  },
  DATEADD: (name, args) => {
    arity(name, args, 3)
    return unitFirst('dateadd')(name, args)
  },
  TIMESTAMP_ADD: (name, args) => {
    arity(name, args, 3)
    return unitFirst('timestamp_add')(name, args)
  },
  DATE_SUB: (name, args) => {
    arity(name, args, 2)
    return castArgs('date_sub', 0)(name, args)
  },
  DATE_DIFF: dateDiff,
  DATEDIFF: dateDiff,
  TIMESTAMP_DIFF: (name, args) => {
    arity(name, args, 3)
    const unit = unitOf(args[2])
    return `timestamp_diff(${temporal(args[0] as Item[])}, ${temporal(args[1] as Item[])}, ${unit === undefined ? render(args[2] as Item[]) : quoted(unit)})`
  },
  TIMEDIFF: (name, args) => {
    arity(name, args, 3)
    return unitFirst('timediff')(name, args)
  },
  ADD_MONTHS: castArgs('add_months', 0),
  LAST_DAY: (name, args) => {
    arity(name, args, 1)
    return castArgs('last_day', 0)(name, args)
  },
  LAST_DAY_OF_MONTH: castArgs('last_day_of_month', 0),
  YEAR: castArgs('year', 0),
  QUARTER: castArgs('quarter', 0),
  MONTH: castArgs('month', 0),
  DAY: castArgs('day', 0),
  DAYS: castArgs('days', 0),
  HOUR: castArgs('hour', 0),
  MINUTE: castArgs('minute', 0),
  SECOND: castArgs('second', 0),
  WEEK: castArgs('week', 0),
  WEEKOFYEAR: castArgs('weekofyear', 0),
  WEEKISO: castArgs('weekiso', 0),
  WEEKDAY: castArgs('weekday', 0),
  DAYOFWEEK: castArgs('dayofweek', 0),
  DAYOFWEEKISO: castArgs('dayofweekiso', 0),
  DAYOFYEAR: castArgs('dayofyear', 0),
  DAYNAME: castArgs('dayname', 0),
  TO_UNIX_TIMESTAMP: (name, args) => {
    arity(name, args, 1)
    return castArgs('to_unix_timestamp', 0)(name, args)
  },
  DATETIME: castArgs('datetime', 0),
  FROM_UTC_TIMESTAMP: castArgs('from_utc_timestamp', 0),
  CONVERT_TIMEZONE: (name, args) => {
    arity(name, args, 2, 3)
    return castArgs('convert_timezone', args.length - 1)(name, args)
  },
  FORMAT_DATE: (name, args) =>
    literal(args[1]) === undefined && args.length === 2
      ? undefined
      : formatWith('format')(name, args),
  FORMAT_TIMESTAMP: formatWith('format'),
  FORMAT_DATETIME: formatWith('format'),
  DATE_FORMAT: formatWith('format'),
  TO_CHAR: toText,
  TO_VARCHAR: toText,
  TO_DATE: (name, args) =>
    args.length === 2 && literal(args[1]) === undefined ? undefined : parseWith('DATE')(name, args),
  TO_TIMESTAMP: parseWith('TIMESTAMP'),
  TO_TIMESTAMP_NTZ: parseWith('TIMESTAMP'),
  PARSE_DATE: mysqlParse('DATE'),
  PARSE_DATETIME: mysqlParse('TIMESTAMP'),
  PARSE_TIMESTAMP: mysqlParse('TIMESTAMP'),
  TIMESTAMP: (name, args) => {
    arity(name, args, 1)
    return `CAST(${render(args[0] as Item[])} AS TIMESTAMP)`
  },
  CURRENT_TIMESTAMP: (name, args) => {
    arity(name, args, 0)
    return 'current_timestamp'
  },
  CURRENT_DATE: (name, args) => {
    arity(name, args, 0)
    return 'current_date'
  },
  ISNULL: (name, args) => {
    arity(name, args, 1)
    return `((${render(args[0] as Item[])}) IS NULL)`
  },
  ARRAY_SLICE: arraySlice,
  FILTER_ARRAY: lambdaCall('list_filter'),
  TRANSFORM: lambdaCall('list_transform'),
  REDUCE: reduce,
  DECODE: decode,
  FORMAT: format,
  REGEXP_REPLACE: (name, args) => {
    arity(name, args, 3)
    return `regexp_replace(${args.map(render).join(', ')}, 'g')`
  },
  REGEXP_COUNT: (name, args) => {
    arity(name, args, 2)
    return undefined
  },
}

/** `CAST(x AS t)` / `TRY_CAST`: the type names e6's parser accepts (SUPPORTED_CAST_TYPES). */
const CAST_TYPES: ReadonlySet<string> = new Set([
  'CHAR',
  'CHARACTER',
  'VARCHAR',
  'INT',
  'INTEGER',
  'INT4',
  'BIGINT',
  'INT8',
  'BOOLEAN',
  'BOOL',
  'DATE',
  'FLOAT',
  'FLOAT4',
  'REAL',
  'DOUBLE',
  'FLOAT8',
  'TIMESTAMP',
  'DECIMAL',
  'NUMERIC',
  'TIMESTAMPTZ',
  'TIMESTAMP_TZ',
  'JSON',
  'VARBINARY',
])

function checkCast(name: string, group: GroupItem): void {
  const items = group.items
  let depthAs = -1
  for (let i = 0; i < items.length; i++) if (isWord(items[i], 'AS')) depthAs = i
  if (depthAs === -1) return
  const t = sig(items, depthAs + 1)
  const type = items[t]
  if (!isWord(type)) return
  const typeName = (type as TokItem).tok.text.toUpperCase()
  if (!CAST_TYPES.has(typeName)) {
    throw unsupported(
      `${name} to ${typeName}`,
      '(e6 casts to CHAR, VARCHAR, INT, BIGINT, BOOLEAN, DATE, FLOAT, DOUBLE, TIMESTAMP, DECIMAL, TIMESTAMP_TZ, JSON, VARBINARY)',
    )
  }
  // e6 reads a text literal as the date/timestamp it holds; DuckDB too: nothing to rewrite
}

function rewriteLevel(items: Item[], state: { laterals: number }): Item[] {
  for (const it of items) {
    if (it.kind !== 'group') continue
    if (it.open === '{') {
      throw unsupported(
        '{…} literal',
        'at offset ' +
          it.start +
          " (DuckDB struct/map syntax; e6 builds them with NAMED_STRUCT('k', v, …) and MAP[k, v, …])",
      )
    }
    it.items = rewriteLevel(it.items, state)
  }
  const out: Item[] = []
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as Item
    const consumed =
      interval(items, i, out) ??
      lateralView(items, i, out, state) ??
      flatten(items, i, out, state) ??
      mapConstructor(items, i, out) ??
      call(items, i, out) ??
      variantPath(items, i, out)
    if (consumed === undefined) out.push(it)
    else i = consumed
  }
  return out
}

/** The previous significant item already emitted. */
function lastSig(out: readonly Item[]): Item | undefined {
  for (let k = out.length - 1; k >= 0; k--) if (!trivia(out[k])) return out[k]
  return undefined
}

/** A function call `name(args)`: rewrites it; returns the index of its last item. */
function call(items: Item[], i: number, out: Item[]): number | undefined {
  const it = items[i]
  if (!isWord(it)) return undefined
  const g = sig(items, i + 1)
  const group = items[g]
  if (!isGroup(group, '(')) return undefined
  if (isPunct(lastSig(out), '.')) return undefined // a qualified name, not an e6 function
  const name = (it as TokItem).tok.text.toUpperCase()
  if (name === 'CAST' || name === 'TRY_CAST') {
    checkCast(name, group)
    return undefined
  }
  if (name === 'LISTAGG' || name === 'STRING_AGG') {
    const consumed = withinGroup(items, g, out)
    if (consumed !== undefined) return consumed
  }
  if (name === 'SEQUENCE' && isWord(lastSig(out), 'FROM', 'JOIN')) {
    // e6's SEQUENCE in FROM is a table of the values (column generate_series)
    out.push({ kind: 'raw', text: `generate_series(${render(group.items)})` })
    return g
  }
  const rewrite = CALLS[name]
  if (rewrite === undefined) return undefined
  const sql = rewrite(name, splitArgs(group.items), group)
  if (sql === undefined) return undefined
  out.push({ kind: 'raw', text: sql })
  return g
}

/** `LISTAGG(x, sep) WITHIN GROUP (ORDER BY …)` → `string_agg(x, sep ORDER BY …)`. */
function withinGroup(items: Item[], g: number, out: Item[]): number | undefined {
  const w = sig(items, g + 1)
  if (!isWord(items[w], 'WITHIN')) return undefined
  const gr = sig(items, w + 1)
  const order = sig(items, gr + 1)
  const orderGroup = items[order]
  if (!isWord(items[gr], 'GROUP') || !isGroup(orderGroup, '(')) {
    throw unsupported('WITHIN GROUP', 'must be followed by (ORDER BY …)')
  }
  const args = render((items[g] as GroupItem).items).trim()
  out.push({ kind: 'raw', text: `string_agg(${args} ${render(orderGroup.items).trim()})` })
  return order
}

const SPAN_UNITS = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'] as const

/** `INTERVAL expr 'UNIT'`, `INTERVAL 'a-b' YEAR TO MONTH` (and other spans). */
function interval(items: Item[], i: number, out: Item[]): number | undefined {
  if (!isWord(items[i], 'INTERVAL')) return undefined
  const j = sig(items, i + 1)
  const value = items[j]
  if (value?.kind === 'tok' && value.tok.kind === 'string') {
    const k = sig(items, j + 1)
    const from = isWord(items[k]) ? normalUnit((items[k] as TokItem).tok.text) : undefined
    const to = sig(items, k + 1)
    if (from === undefined || !isWord(items[to], 'TO')) return undefined
    const u2 = sig(items, to + 1)
    const until = isWord(items[u2]) ? normalUnit((items[u2] as TokItem).tok.text) : undefined
    const a = SPAN_UNITS.indexOf(from as (typeof SPAN_UNITS)[number])
    const b = SPAN_UNITS.indexOf(until as (typeof SPAN_UNITS)[number])
    const text = (value.value ?? '').trim()
    const sign = text.startsWith('-') ? '-' : ''
    const parts = text.replace(/^[-+]/, '').split(/[-: ]+/)
    if (
      a === -1 ||
      b <= a ||
      parts.length !== b - a + 1 ||
      !parts.every((p) => /^\d+(\.\d+)?$/.test(p))
    ) {
      throw unsupported('INTERVAL span', `${value.text} ${from} TO ${until ?? '?'}`)
    }
    const terms = parts.map((p, n) => `INTERVAL '${sign}${p} ${SPAN_UNITS[a + n]}'`)
    out.push({ kind: 'raw', text: `(${terms.join(' + ')})` })
    return u2
  }
  // INTERVAL <expr> 'UNIT': the value is a column, a number, a call or a parenthesised expression
  let end = j
  const first = items[end]
  if (first === undefined) return undefined
  if (
    isWord(first) ||
    (first.kind === 'tok' && (first.tok.kind === 'identifier' || first.tok.kind === 'number'))
  ) {
    while (
      isPunct(items[end + 1], '.') &&
      (isWord(items[end + 2]) ||
        (items[end + 2] as TokItem | undefined)?.tok?.kind === 'identifier')
    )
      end += 2
    if (isGroup(items[end + 1], '(')) end++
  } else if (!isGroup(first, '(')) {
    return undefined
  }
  const u = sig(items, end + 1)
  const unitItem = items[u]
  if (!(unitItem?.kind === 'tok' && unitItem.tok.kind === 'string')) return undefined
  const unit = normalUnit(unitItem.value ?? '')
  if (unit === undefined) throw unsupported('INTERVAL unit', JSON.stringify(unitItem.value))
  out.push({ kind: 'raw', text: `INTERVAL (${render(items.slice(j, end + 1))}) ${unit}` })
  return u
}

const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'HAVING',
  'LATERAL',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'FULL',
  'CROSS',
  'ON',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'WINDOW',
  'QUALIFY',
  'AS',
])

/** `LATERAL VIEW [OUTER] EXPLODE|POSEXPLODE(e) [table] [AS c1[, c2]]` → a lateral join. */
function lateralView(
  items: Item[],
  i: number,
  out: Item[],
  state: { laterals: number },
): number | undefined {
  if (!isWord(items[i], 'LATERAL')) return undefined
  let k = sig(items, i + 1)
  if (!isWord(items[k], 'VIEW')) return undefined
  k = sig(items, k + 1)
  const outer = isWord(items[k], 'OUTER')
  if (outer) k = sig(items, k + 1)
  const fn = items[k]
  const args = items[sig(items, k + 1)]
  if (!isWord(fn) || !isGroup(args, '('))
    throw unsupported('LATERAL VIEW', 'needs a function call such as EXPLODE(…)')
  const fname = (fn as TokItem).tok.text.toUpperCase()
  if (fname !== 'EXPLODE' && fname !== 'POSEXPLODE' && fname !== 'EXPLODE_OUTER') {
    throw unsupported(`LATERAL VIEW ${fname}`, '(EXPLODE and POSEXPLODE are supported)')
  }
  let end = sig(items, k + 1)
  let table: string | undefined
  const columns: string[] = []
  let n = sig(items, end + 1)
  const name = (it: Item | undefined) =>
    isWord(it) && !CLAUSE_WORDS.has((it as TokItem).tok.text.toUpperCase())
      ? (it as TokItem).text
      : it?.kind === 'tok' && it.tok.kind === 'identifier'
        ? it.text
        : undefined
  const t = name(items[n])
  if (t !== undefined) {
    table = t
    end = n
    n = sig(items, n + 1)
  }
  if (isWord(items[n], 'AS')) {
    let c = sig(items, n + 1)
    for (;;) {
      const col = name(items[c])
      if (col === undefined) throw unsupported('LATERAL VIEW', 'AS must name the output columns')
      columns.push(col)
      end = c
      const comma = sig(items, c + 1)
      if (!isPunct(items[comma], ',')) break
      c = sig(items, comma + 1)
    }
  }
  const e = render(args.items).trim()
  let select: string
  if (fname === 'POSEXPLODE') {
    const [pos = 'pos', col = 'col'] = columns
    select = `generate_subscripts(${e}, 1) - 1 AS ${pos}, unnest(${e}) AS ${col}`
  } else if (columns.length === 2) {
    select = `unnest(map_keys(${e})) AS ${columns[0]}, unnest(map_values(${e})) AS ${columns[1]}`
  } else {
    select = `unnest(${e}) AS ${columns[0] ?? 'col'}`
  }
  const alias = table ?? `e6_lateral_${++state.laterals}`
  const join = outer || fname === 'EXPLODE_OUTER' ? 'LEFT JOIN LATERAL' : 'CROSS JOIN LATERAL'
  out.push({
    kind: 'raw',
    text: `${join} (SELECT ${select}) AS ${alias}${join.startsWith('LEFT') ? ' ON true' : ''}`,
  })
  return end
}

/** `TABLE(FLATTEN(input => e))` / `LATERAL FLATTEN(input => e)` over an array → a lateral subquery. */
function flatten(
  items: Item[],
  i: number,
  out: Item[],
  _state: { laterals: number },
): number | undefined {
  let call: GroupItem | undefined
  let end = i
  if (isWord(items[i], 'TABLE')) {
    const g = sig(items, i + 1)
    const group = items[g]
    if (!isGroup(group, '(')) return undefined
    const inner = group.items.filter((x) => !trivia(x))
    if (inner.length !== 2 || !isWord(inner[0], 'FLATTEN') || !isGroup(inner[1], '('))
      return undefined
    call = inner[1] as GroupItem
    end = g
  } else if (isWord(items[i], 'LATERAL')) {
    const f = sig(items, i + 1)
    const g = sig(items, f + 1)
    if (!isWord(items[f], 'FLATTEN') || !isGroup(items[g], '(')) return undefined
    call = items[g] as GroupItem
    end = g
  } else {
    return undefined
  }
  const args = splitArgs(call.items)
  let input: string | undefined
  for (const a of args) {
    const sigItems = a.filter((x) => !trivia(x))
    const named = isWord(sigItems[0]) && isPunct(sigItems[1], '=') && isPunct(sigItems[2], '>')
    const key = named ? (sigItems[0] as TokItem).tok.text.toUpperCase() : 'INPUT'
    const value = named ? render(a.slice(a.indexOf(sigItems[2] as Item) + 1)).trim() : render(a)
    if (key === 'INPUT') input = value
    else if (!(key === 'OUTER' && /^false$/i.test(value))) {
      throw unsupported(`FLATTEN ${key} =>`, '(only input => an array is supported)')
    }
  }
  if (input === undefined) throw unsupported('FLATTEN', 'needs input => …')
  const j = `to_json(${input})`
  const elems = `system.main.json_extract(${j}, '$[*]')`
  out.push({
    kind: 'raw',
    text:
      `LATERAL (SELECT 1 AS "SEQ", CAST(NULL AS VARCHAR) AS "KEY", '[' || (e6_i - 1) || ']' AS "PATH", ` +
      `e6_i - 1 AS "INDEX", e6_v AS "VALUE", ${j} AS "THIS" ` +
      `FROM (SELECT unnest(${elems}) AS e6_v, generate_subscripts(${elems}, 1) AS e6_i))`,
  })
  return end
}

/** `MAP[k1, v1, …]` → `MAP {k1: v1, …}`. */
function mapConstructor(items: Item[], i: number, out: Item[]): number | undefined {
  if (!isWord(items[i], 'MAP')) return undefined
  const g = sig(items, i + 1)
  const group = items[g]
  if (!isGroup(group, '[')) return undefined
  const args = splitArgs(group.items)
  if (args.length % 2 !== 0) throw unsupported('MAP[…]', 'needs key, value pairs')
  const pairs: string[] = []
  for (let k = 0; k < args.length; k += 2) {
    pairs.push(`${render(args[k] as Item[])}: ${render(args[k + 1] as Item[])}`)
  }
  out.push({ kind: 'raw', text: `MAP {${pairs.join(', ')}}` })
  return g
}

/**
 * `expr:key.sub[0]` (e6's variant path, COLON_IS_VARIANT_EXTRACT): `json_extract(expr, '$.key…')`,
 * or `json_extract_string` when a `::type` cast follows. A colon that is not `::` never reaches
 * DuckDB, which would read `a:b` as its own alias syntax.
 */
function variantPath(items: Item[], i: number, out: Item[]): number | undefined {
  if (!isPunct(items[i], ':')) return undefined
  if (isPunct(items[i + 1], ':')) {
    out.push(items[i] as Item, items[i + 1] as Item)
    return i + 1
  }
  // the root: the postfix chain just emitted (name.name, a call, a group, subscripts)
  let r = out.length
  while (r > 0 && trivia(out[r - 1])) r--
  const rootEnd = r
  const primary = (it: Item | undefined) =>
    isWord(it) ||
    it?.kind === 'raw' ||
    (it?.kind === 'tok' && (it.tok.kind === 'identifier' || it.tok.kind === 'string'))
  for (;;) {
    const prev = out[r - 1]
    if (isGroup(prev, '[') || isGroup(prev, '(')) {
      r--
      if (isGroup(prev, '(') && isWord(out[r - 1])) r--
    } else if (primary(prev)) {
      r--
    } else break
    if (isPunct(out[r - 1], '.')) r--
    else break
  }
  if (r === rootEnd)
    throw unsupported("':'", 'outside a variant path expr:key (DuckDB would read it as an alias)')
  const root = render(out.slice(r, rootEnd)).trim()
  let path = '$'
  let k = i
  let expectKey = true
  for (;;) {
    const it = items[k + 1]
    if (expectKey && (isWord(it) || (it?.kind === 'tok' && it.tok.kind === 'identifier'))) {
      const tok = it as TokItem
      const key =
        tok.tok.kind === 'identifier' ? tok.text.slice(1, -1).replaceAll('""', '"') : tok.tok.text
      path += /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `."${key.replaceAll('"', '\\"')}"`
      k++
      expectKey = false
      continue
    }
    if (isGroup(it, '[')) {
      const arg = splitArgs(it.items)
      const lit = literal(arg[0])
      const num =
        arg[0]?.length === 1 && arg[0][0]?.kind === 'tok' && arg[0][0].tok.kind === 'number'
          ? arg[0][0].text
          : undefined
      if (arg.length !== 1 || (lit === undefined && num === undefined)) {
        throw unsupported(
          'variant path subscript',
          `[${render(it.items)}] (use a number or a quoted key)`,
        )
      }
      path += lit !== undefined ? `."${lit.replaceAll('"', '\\"')}"` : `[${num}]`
      k++
      expectKey = false
      continue
    }
    if (!expectKey && isPunct(it, '.')) {
      k++
      expectKey = true
      continue
    }
    if (!expectKey && isPunct(it, ':') && !isPunct(items[k + 2], ':')) {
      k++
      expectKey = true
      continue
    }
    break
  }
  if (expectKey) throw unsupported('variant path', `${root}: needs a key after ':'`)
  const cast = isPunct(items[k + 1], ':') && isPunct(items[k + 2], ':')
  const typeItem = cast ? items[sig(items, k + 3)] : undefined
  const typeName = isWord(typeItem) ? (typeItem as TokItem).tok.text.toUpperCase() : ''
  const toJson = !cast || typeName === 'JSON' || typeName === 'VARIANT'
  const fn = toJson ? 'system.main.json_extract' : 'json_extract_string'
  out.length = r
  out.push({ kind: 'raw', text: `${fn}(${root}, ${duckdbStringLiteral(path)})` })
  if (typeName === 'VARIANT') {
    // ::VARIANT keeps the JSON value: drop the cast
    return sig(items, k + 3)
  }
  return k
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

/** First keywords (after any leading parentheses) of the statements the engine accepts. */
export const QUERY_KEYWORDS: ReadonlySet<string> = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE'])

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
