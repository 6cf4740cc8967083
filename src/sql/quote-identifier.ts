/**
 * Identifier quoting for e6data SQL: every identifier is double-quoted with `"` doubled inside
 * (e6-sql.md §1). A name is never split on `.`: quote each part of `catalog.schema.table`
 * separately.
 *
 * @module
 */

import { InvalidArgumentError } from '../errors.js'
import { hasLoneSurrogate } from './literal-renderer.js'

/**
 * Returns the text that goes between the two `"` of a quoted identifier: `"` doubled. Throws
 * {@link InvalidArgumentError} for an empty name, a NUL character (it truncates SQL text in C
 * parsers) or a lone UTF-16 surrogate (not encodable as UTF-8).
 *
 * @example
 * ```ts
 * escapeIdentifier('say "hi"') // 'say ""hi""'
 * ```
 */
export function escapeIdentifier(name: string): string {
  if (typeof name !== 'string') {
    throw new InvalidArgumentError(`an identifier must be a string, got ${typeof name}`)
  }
  if (name.length === 0) throw new InvalidArgumentError('an identifier must not be empty')
  if (name.includes('\0')) {
    throw new InvalidArgumentError('an identifier must not contain a NUL character')
  }
  if (hasLoneSurrogate(name)) {
    throw new InvalidArgumentError('an identifier must not contain a lone UTF-16 surrogate')
  }
  return name.replaceAll('"', '""')
}

/**
 * Quotes one identifier: `"` + name with `"` doubled + `"`. Dots are kept inside the name.
 *
 * @example
 * ```ts
 * quoteIdentifier('my.schema') // '"my.schema"'
 * const qualified = ['cat', 'sch', 'tbl'].map(quoteIdentifier).join('.') // '"cat"."sch"."tbl"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${escapeIdentifier(name)}"`
}
