/**
 * Token-gluing guard for text spliced into SQL. Placing a rendered literal right after `-` (unary
 * minus: `-?` with `-5` would become `--5`, a comment), after a quote or after a word character
 * could merge it with its neighbour into a different token; a single space prevents that.
 *
 * @module
 */

const WORD = /[\p{L}\p{N}_$]/u
const DIGIT = /[0-9]/

/**
 * Whether a space must separate the character `left` from the character `right` so that they
 * stay in separate tokens. Either may be `''` (start or end of text), which never needs one.
 *
 * @example
 * ```ts
 * needsSeparator('-', '-') // true: '--' would start a comment
 * needsSeparator('(', '-') // false
 * ```
 */
export function needsSeparator(left: string, right: string): boolean {
  if (left === '' || right === '') return false
  if (left === '-') return right === '-'
  if (left === '/') return right === '*' || right === '/'
  if (left === "'" || left === '"') return right === left
  if (WORD.test(left)) return WORD.test(right) || right === "'" || right === '"'
  if (left === '.') return DIGIT.test(right)
  return false
}
