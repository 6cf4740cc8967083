import { InvalidArgumentError } from '../errors.js'
import { type TokenizeOptions, tokenizeSql } from './tokenize-sql.js'

const WHITESPACE = /^\s*$/

/** e6data takes one statement per request (e6-sql.md §5), so everything else is refused here. */
export function normalizeStatement(sql: string, options: TokenizeOptions = {}): string {
  const segments = tokenizeSql(sql, options)
  const semicolons: number[] = []
  let lastSignificant = -1 // offset of the last character outside whitespace and comments
  let hasContent = false
  for (const segment of segments) {
    if (!segment.terminated) {
      throw new InvalidArgumentError(
        `unterminated ${describe(segment.kind)} starting at offset ${segment.start}` +
          (segment.kind === 'string' && options.stringEscape !== 'standard'
            ? " (string literals use the backslash rule: a '\\' escapes the next character)"
            : ''),
      )
    }
    if (segment.ambiguous) {
      throw new InvalidArgumentError(
        `the block comment at offset ${segment.start} nests ambiguously: overlapping /* and */ markers end it at different places in e6data's lexer and DuckDB's; separate the markers with a space`,
      )
    }
    if (segment.kind === 'comment') continue
    if (segment.kind !== 'code') {
      hasContent = true
      lastSignificant = segment.end - 1
      continue
    }
    const text = sql.slice(segment.start, segment.end)
    if (WHITESPACE.test(text)) continue
    for (let i = 0; i < text.length; i++) {
      const c = text[i] ?? ''
      if (c === ';') semicolons.push(segment.start + i)
      else if (!/\s/.test(c)) hasContent = true
      if (!/\s/.test(c)) lastSignificant = segment.start + i
    }
  }
  if (!hasContent) throw new InvalidArgumentError('the SQL statement is empty')
  const trailing = semicolons.at(-1) === lastSignificant ? lastSignificant : -1
  const inner = semicolons.filter((at) => at !== trailing)
  if (inner.length > 0) {
    throw new InvalidArgumentError(
      `only one SQL statement per request is supported, but a ';' separates statements at offset ${inner[0]}`,
    )
  }
  const text = trailing === -1 ? sql : sql.slice(0, trailing) + sql.slice(trailing + 1)
  return text.trim()
}

function describe(kind: string): string {
  return kind === 'string'
    ? 'string literal'
    : kind === 'identifier'
      ? 'quoted identifier'
      : 'block comment'
}
