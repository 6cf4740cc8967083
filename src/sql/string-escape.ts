/**
 * The string-escape rule of e6data SQL literals: the one type, the one option parser and the probe
 * that measures which rule an engine follows (e6-sql.md §2).
 *
 * @module
 */

import { InvalidArgumentError } from '../errors.js'

/**
 * How string literals escape their content. `'backslash'` follows e6data's own tooling: `\`
 * escapes the next character and `''` is not an escape. `'standard'` is SQL-standard `''`
 * doubling with no backslash processing.
 *
 * @example
 * ```ts
 * const mode: StringEscapeMode = 'standard'
 * renderLiteral('a\\b', { stringEscape: mode }) // "'a\\b'" (the backslash rule gives "'a\\\\b'")
 * ```
 */
export type StringEscapeMode = 'backslash' | 'standard'

/**
 * The client's `stringEscape` option: a rule, or `'auto'` (measure the engine's rule once per
 * endpoint, only when a statement needs it).
 *
 * @example
 * ```ts
 * createClient({ ...options, stringEscape: 'auto' satisfies StringEscapeOption })
 * ```
 */
export type StringEscapeOption = StringEscapeMode | 'auto'

/**
 * Validates a `stringEscape` option value. `undefined` gives `fallback`; `'auto'` is accepted only
 * where `fallback` may be `'auto'` (a client), not where a concrete rule is needed (an engine).
 *
 * @example
 * ```ts
 * parseStringEscape(undefined, 'auto') // 'auto'
 * parseStringEscape('auto', 'backslash') // throws InvalidArgumentError
 * ```
 */
export function parseStringEscape<F extends StringEscapeOption>(
  value: unknown,
  fallback: F,
): F extends 'auto' ? StringEscapeOption : StringEscapeMode
export function parseStringEscape(
  value: unknown,
  fallback: StringEscapeOption,
): StringEscapeOption {
  if (value === undefined) return fallback
  if (value === 'backslash' || value === 'standard') return value
  if (value === 'auto' && fallback === 'auto') return value
  const allowed =
    fallback === 'auto' ? "'auto', 'backslash' or 'standard'" : "'backslash' or 'standard'"
  throw new InvalidArgumentError(
    `invalid stringEscape ${typeof value === 'string' ? JSON.stringify(value) : `(a ${typeof value})`}: expected ${allowed}`,
  )
}

/**
 * The probe statement. `'\\'` lexes as one string literal under both rules, holding one
 * backslash under the backslash rule and two under the standard rule; `length` is in e6data's
 * supported-function list (e6-sql.md §6) and in DuckDB.
 *
 * @example
 * ```ts
 * await client.query(STRING_ESCAPE_PROBE_SQL) // { n: 1n } on a backslash-rule engine
 * ```
 */
export const STRING_ESCAPE_PROBE_SQL = "select length('\\\\') as n"

/**
 * The rule a probe result means: length 1 → `'backslash'`, 2 → `'standard'`, anything else →
 * `undefined` (the engine follows neither rule).
 *
 * @example
 * ```ts
 * ruleFromProbeLength(2n) // 'standard'
 * ```
 */
export function ruleFromProbeLength(length: unknown): StringEscapeMode | undefined {
  const n = typeof length === 'bigint' || typeof length === 'number' ? Number(length) : Number.NaN
  return n === 1 ? 'backslash' : n === 2 ? 'standard' : undefined
}
