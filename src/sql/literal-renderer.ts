/**
 * The one audited SQL literal renderer of kysely-e6data (protocol.md §11.3, e6-sql.md §2/§9). The
 * plain driver uses it to interpolate `?` parameters and the Kysely compiler uses it for immediate
 * values (`sql.lit`), so every value reaches e6data through the same rules.
 *
 * Rules, in short:
 * - `null` / `undefined` → `NULL`; booleans → `TRUE` / `FALSE`.
 * - numbers: finite only. Safe integers → digits (`-0` → `0`); every other number → the shortest
 *   round-trip text in exponent form (`0.1` → `1e-1`, `1e21`, `2 ** 60` → `1.152921504606847e18`),
 *   which SQL reads as an approximate (DOUBLE) literal holding exactly the same double.
 * - `bigint` → digits; {@link decimal} values → their digits, unquoted (exact DECIMAL).
 * - strings → `'…'`. Backslash rule (default): `\` → `\\`, `'` → `\'`, LF/CR/TAB → `\n` `\r` `\t`;
 *   standard rule: `'` → `''`. Other control characters stay as they are. NUL and lone surrogates
 *   are rejected.
 * - `Date` → `CAST('YYYY-MM-DD HH:MM:SS.ffffff' AS TIMESTAMP)` in UTC, years 0000–9999.
 * - arrays → `(a, b, c)` for IN lists (not empty, not nested).
 * - anything else (binary data, plain objects, symbols, functions, …) → {@link UnsupportedValueError}.
 *
 * @module
 */

import { InvalidArgumentError, UnsupportedValueError } from '../errors.js'
import { DECIMAL_BRAND, isDecimal } from './decimal.js'
import type { StringEscapeMode } from './string-escape.js'

/**
 * Options of {@link renderLiteral}.
 *
 * @example
 * ```ts
 * renderLiteral("it's", { stringEscape: 'standard' } satisfies LiteralOptions) // "'it''s'"
 * ```
 */
export interface LiteralOptions {
  /** String escape rule; default `'backslash'`. */
  readonly stringEscape?: StringEscapeMode
}

/** With the `u` flag a valid surrogate pair is one code point, so only lone halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u
const BACKSLASH_SPECIALS = /[\\'\n\r\t]/g
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
})

/**
 * Validates a string-escape option, returning the effective mode (default `'backslash'`).
 *
 * @example
 * ```ts
 * resolveStringEscape(undefined) // 'backslash'
 * resolveStringEscape('standard') // 'standard'
 * ```
 */
export function resolveStringEscape(mode: StringEscapeMode | undefined): StringEscapeMode {
  if (mode === undefined || mode === 'backslash') return 'backslash'
  if (mode === 'standard') return 'standard'
  throw new InvalidArgumentError(
    `invalid stringEscape ${JSON.stringify(mode)}: expected 'backslash' or 'standard'`,
  )
}

/**
 * Whether `text` holds a UTF-16 surrogate that is not part of a pair (not valid Unicode, so it
 * cannot be sent as UTF-8). Shared by the literal renderer, identifier quoting and binding.
 *
 * @example
 * ```ts
 * hasLoneSurrogate('\uD83D') // true
 * hasLoneSurrogate('😀') // false
 * ```
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

/**
 * Escapes the content of a string literal (without the surrounding quotes). Throws
 * {@link UnsupportedValueError} for NUL characters and lone UTF-16 surrogates.
 *
 * @example
 * ```ts
 * escapeStringContent("it's a\\b") // "it\\'s a\\\\b"
 * escapeStringContent("it's", 'standard') // "it''s"
 * ```
 */
export function escapeStringContent(value: string, mode: StringEscapeMode = 'backslash'): string {
  if (value.includes('\0')) {
    throw new UnsupportedValueError(
      'cannot render a string containing a NUL character (U+0000): neither e6data nor the local engine can represent it in a SQL literal',
    )
  }
  if (hasLoneSurrogate(value)) {
    throw new UnsupportedValueError(
      'cannot render a string containing a lone UTF-16 surrogate: it is not valid Unicode and cannot be sent as UTF-8',
    )
  }
  return resolveStringEscape(mode) === 'standard'
    ? value.replaceAll("'", "''")
    : value.replace(BACKSLASH_SPECIALS, (c) => BACKSLASH_ESCAPES[c] ?? c)
}

/**
 * Renders one value as an e6data SQL literal (see the module documentation for the rules).
 *
 * @example
 * ```ts
 * renderLiteral("O'Brien") // "'O\\'Brien'"
 * renderLiteral("O'Brien", { stringEscape: 'standard' }) // "'O''Brien'"
 * renderLiteral([1, 2n, null]) // '(1, 2, NULL)'
 * renderLiteral(new Date(0)) // "CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP)"
 * renderLiteral(decimal('12.50')) // '12.50'
 * ```
 */
export function renderLiteral(value: unknown, options: LiteralOptions = {}): string {
  const mode = resolveStringEscape(options.stringEscape)
  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new UnsupportedValueError(
        'cannot render an empty array: an empty IN list is not valid SQL (handle the empty case before building the query)',
      )
    }
    return `(${value.map((item: unknown) => renderScalar(item, mode, true)).join(', ')})`
  }
  return renderScalar(value, mode, false)
}

function renderScalar(value: unknown, mode: StringEscapeMode, inArray: boolean): string {
  switch (typeof value) {
    case 'string':
      return `'${escapeStringContent(value, mode)}'`
    case 'number':
      return renderNumber(value)
    case 'bigint':
      return value.toString()
    case 'boolean':
      return value ? 'TRUE' : 'FALSE'
    case 'undefined':
      return 'NULL'
    case 'object':
      return renderObject(value, inArray)
    default:
      throw new UnsupportedValueError(`cannot render a ${typeof value} as an e6data SQL literal`)
  }
}

function renderNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new UnsupportedValueError(
      `cannot render ${value} as an e6data SQL literal: only finite numbers are allowed`,
    )
  }
  if (value === 0) return '0' // also -0: SQL compares -0 = 0, and integer literals have no sign bit
  if (Number.isSafeInteger(value)) return String(value)
  // Any other number is a double: write the shortest text that parses back to the same double,
  // in exponent form so SQL reads it as an approximate (DOUBLE) literal, not an exact one.
  const mantissa = value.toExponential() // e.g. '1.5e-7', '1e+21', '1.152921504606847e+18'
  return mantissa.replace('e+', 'e')
}

function renderObject(value: object | null, inArray: boolean): string {
  if (value === null) return 'NULL'
  if (Array.isArray(value)) {
    throw new UnsupportedValueError(
      'cannot render a nested array: arrays render as flat IN lists only',
    )
  }
  if (value instanceof Date) return renderTimestamp(value)
  if (DECIMAL_BRAND in value) {
    if (!isDecimal(value)) throw new UnsupportedValueError('cannot render a forged decimal value')
    return value[DECIMAL_BRAND]
  }
  const what = describeObject(value)
  const hint =
    ArrayBuffer.isView(value) || value instanceof ArrayBuffer
      ? ' (binary parameters are not supported; use a hex or base64 string and decode it in SQL)'
      : ''
  throw new UnsupportedValueError(
    `cannot render ${inArray ? 'an array element of type ' : 'a '}${what} as an e6data SQL literal${hint}`,
  )
}

function renderTimestamp(date: Date): string {
  return `CAST('${formatTimestampText(date)}' AS TIMESTAMP)`
}

/**
 * A `Date` as the exact UTC timestamp text `YYYY-MM-DD HH:MM:SS.ffffff` (years 0000-9999), the
 * form used inside timestamp literals and bound TIMESTAMP parameters.
 *
 * @example
 * ```ts
 * formatTimestampText(new Date(0)) // '1970-01-01 00:00:00.000000'
 * ```
 */
export function formatTimestampText(date: Date): string {
  const time = date.getTime()
  if (Number.isNaN(time)) throw new UnsupportedValueError('cannot render an invalid Date')
  const year = date.getUTCFullYear()
  if (year < 0 || year > 9999) {
    throw new UnsupportedValueError(
      `cannot render a Date in year ${year}: only years 0000-9999 are supported`,
    )
  }
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}000`
  )
}

function describeObject(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto === null || proto === Object.prototype) return 'plain object'
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name
  return typeof name === 'string' && name !== '' ? name : 'object'
}
