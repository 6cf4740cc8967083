import { InvalidArgumentError } from '../errors.js'

/**
 * How string literals escape their content: `'backslash'` as e6data's own tooling writes them (`\`
 * escapes the next character), or `'standard'` SQL (`''` doubling, no backslash processing).
 */
export type StringEscapeMode = 'backslash' | 'standard'

/**
 * The client's `stringEscape` option: a rule, or `'auto'` (measure the engine's rule once per
 * endpoint, only when a statement needs it).
 */
export type StringEscapeOption = StringEscapeMode | 'auto'

/** The one parser of the option: `'auto'` only where `fallback` is (a client, not an engine). */
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

/** `'\\'` is one literal under both rules: one backslash (backslash rule) or two (standard). */
export const STRING_ESCAPE_PROBE_SQL = "select length('\\\\') as n"

export function ruleFromProbeLength(length: unknown): StringEscapeMode | undefined {
  const n = typeof length === 'bigint' || typeof length === 'number' ? Number(length) : Number.NaN
  return n === 1 ? 'backslash' : n === 2 ? 'standard' : undefined
}
