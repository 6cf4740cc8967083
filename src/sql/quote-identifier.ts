import { InvalidArgumentError } from '../errors.js'
import { hasLoneSurrogate } from './literal-renderer.js'

/** NUL is refused because it truncates SQL text in C parsers. */
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
 * Quotes one identifier for e6data SQL: `"` doubled inside, dots kept (quote each part of
 * `catalog.schema.table` separately). Throws {@link InvalidArgumentError} for an empty name, NUL or
 * a lone UTF-16 surrogate.
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
