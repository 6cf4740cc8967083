/**
 * The rule for duplicate column names in object rows (see {@link DuplicateColumnError}).
 *
 * @module
 */

import { DuplicateColumnError, type E6dataErrorOptions } from '../errors.js'

/**
 * Throws {@link DuplicateColumnError} when two of `names` are equal: object rows keyed by name
 * would silently keep one value of each repeated name.
 */
export function checkUniqueColumnNames(
  names: readonly string[],
  options: E6dataErrorOptions = {},
): void {
  if (new Set(names).size === names.length) return
  const positions = new Map<string, number[]>()
  names.forEach((name, i) => {
    const list = positions.get(name)
    if (list) list.push(i + 1)
    else positions.set(name, [i + 1])
  })
  const duplicates = [...positions]
    .filter(([, p]) => p.length > 1)
    .map(([name, p]) => Object.freeze({ name, positions: Object.freeze(p) }))
  throw new DuplicateColumnError(Object.freeze(duplicates), options)
}
