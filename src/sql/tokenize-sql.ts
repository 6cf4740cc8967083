/**
 * The one SQL lexer of kysely-e6data (e6-sql.md §2). It does not parse SQL; it partitions the text
 * into code, string literals, quoted identifiers and comments. The driver finds `?` placeholders
 * and statement terminators with it, and the local engine's translator rewrites its segments.
 *
 * Lexical rules (e6's lexer and DuckDB agree on all of them):
 * - `'…'` string literal. Backslash rule: `\` escapes the next character. Both rules: `''` inside
 *   the literal continues it (under e6's backslash rule `''` ends one literal and starts an
 *   adjacent one, which partitions the text identically).
 * - `"…"` quoted identifier, `""` inside continues it; no backslash escapes.
 * - `--` and `//` line comments up to (not including) the next LF or CR.
 * - `/* … *\/` block comments, nested: each `/*` inside opens a level that needs its own `*\/`.
 *
 * @module
 */

import type { StringEscapeMode } from './string-escape.js'

/**
 * What a {@link SqlSegment} holds.
 *
 * @example
 * ```ts
 * const comments = tokenizeSql(sql).filter((s) => s.kind === ('comment' satisfies SqlSegmentKind))
 * ```
 */
export type SqlSegmentKind = 'code' | 'string' | 'identifier' | 'comment'

/**
 * A contiguous part of the SQL text: `sql.slice(start, end)`.
 *
 * @example
 * ```ts
 * const [first]: SqlSegment[] = tokenizeSql("'unclosed")
 * first // { kind: 'string', start: 0, end: 9, terminated: false, ambiguous: false }
 * ```
 */
export interface SqlSegment {
  readonly kind: SqlSegmentKind
  /** Offset of the first UTF-16 code unit. */
  readonly start: number
  /** Offset just past the last code unit. */
  readonly end: number
  /** `false` when a string, identifier or block comment runs to the end of the text unclosed. */
  readonly terminated: boolean
  /**
   * `true` for a block comment whose end e6's lexer and DuckDB's find at different places
   * (overlapping markers such as `/*\/*` or `*\/*` inside a nested comment). Such text must be
   * refused: the two engines would disagree on what is code.
   */
  readonly ambiguous: boolean
}

/**
 * Options of {@link tokenizeSql}: the string escape rule (default `'backslash'`).
 *
 * @example
 * ```ts
 * tokenizeSql("'it\\'s'").length // 1: one string under the backslash rule
 * tokenizeSql("'it\\'s'", { stringEscape: 'standard' } satisfies TokenizeOptions).length // 3
 * ```
 */
export interface TokenizeOptions {
  /** String escape rule; default `'backslash'`. */
  readonly stringEscape?: StringEscapeMode | undefined
}

const QUOTE = 0x27 // '
const DOUBLE_QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \
const DASH = 0x2d // -
const SLASH = 0x2f // /
const STAR = 0x2a // *
const LF = 0x0a
const CR = 0x0d
const SPECIAL_START = /['"\-/]/g

/**
 * Splits SQL text into contiguous segments covering it completely, in order. Adjacent code is
 * merged into one segment.
 *
 * @example
 * ```ts
 * tokenizeSql("select '?' -- ?\n, ?").map((s) => s.kind)
 * // ['code', 'string', 'code', 'comment', 'code']
 * ```
 */
export function tokenizeSql(sql: string, options: TokenizeOptions = {}): SqlSegment[] {
  const backslash = options.stringEscape !== 'standard'
  const segments: SqlSegment[] = []
  const n = sql.length
  let codeStart = 0
  let i = 0
  const push = (
    kind: SqlSegmentKind,
    start: number,
    end: number,
    terminated: boolean,
    ambiguous = false,
  ) => {
    if (start > codeStart) segments.push(segment('code', codeStart, start, true, false))
    segments.push(segment(kind, start, end, terminated, ambiguous))
    codeStart = end
  }
  while (i < n) {
    SPECIAL_START.lastIndex = i
    const match = SPECIAL_START.exec(sql)
    if (match === null) break
    i = match.index
    const c = sql.charCodeAt(i)
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1
    if (c === QUOTE) {
      const end = scanQuoted(sql, i, QUOTE, backslash)
      push('string', i, Math.abs(end), end > 0)
      i = Math.abs(end)
    } else if (c === DOUBLE_QUOTE) {
      const end = scanQuoted(sql, i, DOUBLE_QUOTE, false)
      push('identifier', i, Math.abs(end), end > 0)
      i = Math.abs(end)
    } else if ((c === DASH && next === DASH) || (c === SLASH && next === SLASH)) {
      let j = i + 2
      while (j < n && sql.charCodeAt(j) !== LF && sql.charCodeAt(j) !== CR) j++
      push('comment', i, j, true)
      i = j
    } else if (c === SLASH && next === STAR) {
      const end = scanBlockComment(sql, i)
      push('comment', i, Math.abs(end), end > 0, end !== scanBlockCommentE6(sql, i))
      i = Math.abs(end)
    } else {
      i++
    }
  }
  if (codeStart < n) segments.push(segment('code', codeStart, n, true, false))
  return segments
}

function segment(
  kind: SqlSegmentKind,
  start: number,
  end: number,
  terminated: boolean,
  ambiguous: boolean,
): SqlSegment {
  return Object.freeze({ kind, start, end, terminated, ambiguous })
}

/** Returns the end offset of the quoted token starting at `start`, negated when unterminated. */
function scanQuoted(sql: string, start: number, quote: number, backslash: boolean): number {
  const n = sql.length
  let j = start + 1
  while (j < n) {
    const c = sql.charCodeAt(j)
    if (backslash && c === BACKSLASH) {
      j += 2
    } else if (c === quote) {
      if (j + 1 < n && sql.charCodeAt(j + 1) === quote) j += 2
      else return j + 1
    } else {
      j++
    }
  }
  return -n
}

/**
 * End of the nested block comment at `start` as DuckDB's (PostgreSQL's) scanner finds it: `/*`
 * opens a level and `*\/` closes one, scanning left to right without overlap. Negated when
 * unterminated.
 */
function scanBlockComment(sql: string, start: number): number {
  const n = sql.length
  let depth = 1
  let j = start + 2
  while (j < n) {
    const c = sql.charCodeAt(j)
    const d = j + 1 < n ? sql.charCodeAt(j + 1) : -1
    if (c === STAR && d === SLASH) {
      j += 2
      if (--depth === 0) return j
    } else if (c === SLASH && d === STAR) {
      j += 2
      depth++
    } else {
      j++
    }
  }
  return -n
}

/**
 * The same end as e6's lexer (sqlglot's tokenizer with nested comments) finds it: it tests for
 * `*\/` before each step and for `/*` after it, so the character right after an opening marker is
 * never read as the start of `/*`, and the `/` of a closing `*\/` may open a new level.
 */
function scanBlockCommentE6(sql: string, start: number): number {
  const n = sql.length
  let depth = 1
  let p = start + 2
  while (p < n - 1) {
    if (sql.charCodeAt(p) === STAR && sql.charCodeAt(p + 1) === SLASH && --depth === 0) {
      return p + 2
    }
    p++
    if (p < n - 1 && sql.charCodeAt(p) === SLASH && sql.charCodeAt(p + 1) === STAR) {
      p += 2
      depth++
    }
  }
  return -n
}

/**
 * Whether the two escape rules partition `sql` differently (only possible when a string literal
 * holds a backslash). When they do not, the text can be lexed before the engine's rule is known.
 *
 * @example
 * ```ts
 * lexingDependsOnRule("select 'a\\b'") // false: one literal either way
 * lexingDependsOnRule("select 'a\\', ?") // true
 * ```
 */
export function lexingDependsOnRule(sql: string): boolean {
  if (!sql.includes('\\')) return false
  const a = tokenizeSql(sql, { stringEscape: 'backslash' })
  const b = tokenizeSql(sql, { stringEscape: 'standard' })
  if (a.length !== b.length) return true
  return a.some((s, i) => {
    const t = b[i] as SqlSegment
    return s.kind !== t.kind || s.end !== t.end || s.terminated !== t.terminated
  })
}

/**
 * Offsets of the `?` placeholders of `sql`: every `?` in code, none inside strings, quoted
 * identifiers or comments.
 *
 * @example
 * ```ts
 * findPlaceholders("select ?, '?', \"?\" /* ? *\/") // [7]
 * ```
 */
export function findPlaceholders(sql: string, options: TokenizeOptions = {}): number[] {
  const positions: number[] = []
  let q = sql.indexOf('?')
  if (q === -1) return positions
  // Segments are in order and cover the text, so one forward scan over the `?`s suffices: O(n)
  // even with many literals before a placeholder.
  for (const segment of tokenizeSql(sql, options)) {
    while (q !== -1 && q < segment.end) {
      if (segment.kind === 'code') positions.push(q)
      q = sql.indexOf('?', q + 1)
    }
    if (q === -1) break
  }
  return positions
}
