/**
 * Client-side parameter interpolation: replaces each `?` placeholder of compiled SQL with the
 * literal rendered by {@link renderLiteral} (protocol.md §11.3). Placeholders inside string
 * literals, quoted identifiers and comments are not placeholders.
 *
 * @module
 */

import { E6dataError, InvalidArgumentError, UnsupportedValueError } from '../errors.js'
import { type LiteralOptions, renderLiteral, resolveStringEscape } from './literal-renderer.js'
import { needsSeparator } from './needs-separator.js'
import { findPlaceholders } from './tokenize-sql.js'

/**
 * Options of {@link interpolateParameters}: the string escape rule (default `'backslash'`).
 *
 * @example
 * ```ts
 * const options: InterpolateOptions = { stringEscape: 'standard' }
 * interpolateParameters('select ?', ["it's"], options) // "select 'it''s'"
 * ```
 */
export type InterpolateOptions = LiteralOptions

/**
 * Returns `sql` with every `?` placeholder replaced by its parameter rendered as a literal. A
 * space is inserted where the literal would otherwise merge with its neighbour (`-?` with `-1`
 * becomes `- -1`, not the comment `--1`). Throws {@link InvalidArgumentError} when the number of
 * placeholders differs from the number of parameters, and {@link UnsupportedValueError} (naming
 * the parameter) for a value that cannot be rendered.
 *
 * @example
 * ```ts
 * interpolateParameters('select * from "t" where "name" = ? and "id" in ?', ["O'Hara", [1, 2]])
 * // select * from "t" where "name" = 'O\'Hara' and "id" in (1, 2)
 * ```
 */
export function interpolateParameters(
  sql: string,
  parameters: readonly unknown[],
  options: InterpolateOptions = {},
): string {
  const stringEscape = resolveStringEscape(options.stringEscape)
  const positions = findPlaceholders(sql, { stringEscape })
  if (positions.length !== parameters.length) {
    throw new InvalidArgumentError(
      `the SQL has ${positions.length} ? placeholder(s) but ${parameters.length} parameter(s) were given`,
    )
  }
  if (positions.length === 0) return sql
  let out = ''
  let from = 0
  positions.forEach((at, index) => {
    const literal = render(parameters[index], index, stringEscape)
    out += sql.slice(from, at)
    if (needsSeparator(out.slice(-1), literal[0] ?? '')) out += ' '
    out += literal
    if (needsSeparator(literal.slice(-1), sql[at + 1] ?? '')) out += ' '
    from = at + 1
  })
  return out + sql.slice(from)
}

function render(value: unknown, index: number, stringEscape: LiteralOptions['stringEscape']) {
  try {
    return renderLiteral(value, { stringEscape })
  } catch (error) {
    if (error instanceof E6dataError) {
      throw new UnsupportedValueError(`parameter ${index + 1}: ${error.message}`, { cause: error })
    }
    throw error
  }
}
