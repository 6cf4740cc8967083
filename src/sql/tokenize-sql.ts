// The one SQL lexer: it only partitions text into code, strings, quoted identifiers and comments,
// by the rules e6's lexer and DuckDB share (e6-sql.md §2). Under the backslash rule e6 reads `''`
// as two adjacent literals, which partitions the text the same way as one literal.

import type { StringEscapeMode } from './string-escape.js'

type SqlSegmentKind = 'code' | 'string' | 'identifier' | 'comment'

export interface SqlSegment {
  readonly kind: SqlSegmentKind
  readonly start: number
  readonly end: number
  readonly terminated: boolean
  /** e6 and DuckDB end this block comment at different places (`/*\/*`): refuse the text. */
  readonly ambiguous: boolean
}

export interface TokenizeOptions {
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

/** Negated when unterminated. */
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

/** DuckDB's (PostgreSQL's) nesting: markers never overlap. Negated when unterminated. */
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

/** e6's (sqlglot's): `*\/` is tested before each step and `/*` after it, so markers may overlap. */
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

/** When the two rules lex `sql` alike, it can be lexed before the engine's rule is known. */
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

export function findPlaceholders(sql: string, options: TokenizeOptions = {}): number[] {
  const positions: number[] = []
  let q = sql.indexOf('?')
  if (q === -1) return positions
  // one forward scan over the `?`s: O(n) even with many literals before a placeholder
  for (const segment of tokenizeSql(sql, options)) {
    while (q !== -1 && q < segment.end) {
      if (segment.kind === 'code') positions.push(q)
      q = sql.indexOf('?', q + 1)
    }
    if (q === -1) break
  }
  return positions
}
