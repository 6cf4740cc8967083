/**
 * A small lexer for e6data SQL that finds where string literals, quoted identifiers and comments
 * start and end (e6-sql.md §2). It does not parse SQL; it only partitions the text so that `?`
 * placeholders, semicolons and string literals can be found safely. The local engine reuses it to
 * rewrite literals.
 *
 * Lexical rules:
 * - `'…'` string literal. Backslash mode: `\` escapes the next character. Both modes: `''` inside
 *   the literal continues it (under e6's backslash rule `''` ends one literal and starts an
 *   adjacent one, which partitions the text identically).
 * - `"…"` quoted identifier, `""` inside continues it; no backslash escapes.
 * - `--` and `//` line comments up to (not including) the next LF or CR.
 * - `/* … *\/` block comments, not nested.
 *
 * @module
 */

import { type LiteralOptions, resolveStringEscape } from './literal-renderer.js'

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
 * first // { kind: 'string', start: 0, end: 9, terminated: false }
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
export type TokenizeOptions = LiteralOptions

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
  const backslash = resolveStringEscape(options.stringEscape) === 'backslash'
  const segments: SqlSegment[] = []
  const n = sql.length
  let codeStart = 0
  let i = 0
  const push = (kind: SqlSegmentKind, start: number, end: number, terminated: boolean) => {
    if (start > codeStart) {
      segments.push(Object.freeze({ kind: 'code', start: codeStart, end: start, terminated: true }))
    }
    segments.push(Object.freeze({ kind, start, end, terminated }))
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
      const close = sql.indexOf('*/', i + 2)
      const end = close === -1 ? n : close + 2
      push('comment', i, end, close !== -1)
      i = end
    } else {
      i++
    }
  }
  if (codeStart < n) {
    segments.push(Object.freeze({ kind: 'code', start: codeStart, end: n, terminated: true }))
  }
  return segments
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
