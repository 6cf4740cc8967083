import { types } from 'node:util'
import { UnsupportedValueError } from '../errors.js'
import { decimalText } from './decimal.js'
import { LiteralParameter } from './literal-parameter.js'
import { parseStringEscape, type StringEscapeMode } from './string-escape.js'

/** Options of {@link renderLiteral}. */
export interface LiteralOptions {
  /** String escape rule; default `'backslash'`. */
  readonly stringEscape?: StringEscapeMode | undefined
}

// Captured at load time so that later changes to the built-ins cannot reach the renderer.
const { apply } = Reflect
const { getOwnPropertyDescriptor, getPrototypeOf } = Object
const { isArray } = Array
const { isProxy, isDate, isAnyArrayBuffer, isArrayBufferView, isBoxedPrimitive } = types
const NativeDate = Date
const dateGetTime = Date.prototype.getTime
const UTC_GETTERS = [
  Date.prototype.getUTCFullYear,
  Date.prototype.getUTCMonth,
  Date.prototype.getUTCDate,
  Date.prototype.getUTCHours,
  Date.prototype.getUTCMinutes,
  Date.prototype.getUTCSeconds,
  Date.prototype.getUTCMilliseconds,
] as const

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
/** With the `u` flag a valid surrogate pair is one code point, so only lone halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u
const RULE_DEPENDENT = /['\\]/
const BACKSLASH_SPECIALS = /[\\'\n\r\t]/g
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
})

function resolveStringEscape(mode: StringEscapeMode | undefined): StringEscapeMode {
  return parseStringEscape(mode, 'backslash')
}

/** A lone UTF-16 surrogate is not Unicode, so no UTF-8 request can carry it. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

function checkSendableText(value: string): void {
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
}

export function escapeStringContent(value: string, mode: StringEscapeMode = 'backslash'): string {
  checkSendableText(value)
  return resolveStringEscape(mode) === 'standard'
    ? value.replaceAll("'", "''")
    : value.replace(BACKSLASH_SPECIALS, (c) => BACKSLASH_ESCAPES[c] ?? c)
}

/**
 * Renders one value as an e6data SQL literal, the way the driver fills `?` placeholders and the
 * compiler writes `sql.lit` values (accepted values: README "SQL safety"). Values are read once,
 * through the language's intrinsics, never through the value's own methods or getters; anything
 * else throws {@link UnsupportedValueError}. When you send the text yourself, pass the engine's
 * rule: `await client.detectStringEscape()`.
 *
 * @example
 * ```ts
 * renderLiteral("O'Brien") // "'O\\'Brien'"
 * renderLiteral("O'Brien", { stringEscape: 'standard' }) // "'O''Brien'"
 * renderLiteral([1, 2n, null]) // '(1, CAST(2 AS BIGINT), NULL)'
 * renderLiteral(new Date(0)) // "CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP)"
 * renderLiteral(decimal('12.50')) // '12.50'
 * ```
 */
export function renderLiteral(value: unknown, options: LiteralOptions = {}): string {
  const rule = resolveStringEscape(options.stringEscape)
  return finishLiteral(snapshotLiteral(value, rule), rule)
}

interface PendingString {
  readonly pending: string
}

/** A value read once and rendered as far as the escape rule (`undefined`: not known yet) allows. */
export type LiteralSnapshot = readonly (string | PendingString)[]

export function snapshotLiteral(
  value: unknown,
  rule: StringEscapeMode | undefined,
): LiteralSnapshot {
  if (typeof value !== 'object' || value === null || !isArray(value)) {
    return [renderScalar(value, rule, false)]
  }
  if (isProxy(value)) throw proxy()
  const length = value.length
  if (length === 0) {
    throw new UnsupportedValueError(
      'cannot render an empty array: an empty IN list is not valid SQL (handle the empty case before building the query)',
    )
  }
  const parts: (string | PendingString)[] = ['(']
  for (let i = 0; i < length; i++) {
    const descriptor = getOwnPropertyDescriptor(value, i)
    if (descriptor === undefined) {
      throw new UnsupportedValueError(`cannot render a sparse array: element ${i} is a hole`)
    }
    if (!('value' in descriptor)) {
      throw new UnsupportedValueError(`cannot render an array whose element ${i} is a getter`)
    }
    if (i > 0) parts.push(', ')
    parts.push(renderScalar(descriptor.value, rule, true))
  }
  parts.push(')')
  return parts
}

export function needsEscapeRule(snapshot: LiteralSnapshot): boolean {
  return snapshot.some((part) => typeof part !== 'string')
}

export function finishLiteral(snapshot: LiteralSnapshot, rule: StringEscapeMode): string {
  let text = ''
  for (const part of snapshot) {
    text += typeof part === 'string' ? part : `'${escapeStringContent(part.pending, rule)}'`
  }
  return text
}

function renderScalar(
  value: unknown,
  rule: StringEscapeMode | undefined,
  inArray: boolean,
): string | PendingString {
  switch (typeof value) {
    case 'string':
      return renderString(value, rule)
    case 'number':
      return renderNumber(value)
    case 'bigint':
      return renderBigInt(value)
    case 'boolean':
      return value ? 'TRUE' : 'FALSE'
    case 'undefined':
      return 'NULL'
    case 'object':
      return renderObject(value, rule, inArray)
    default:
      throw new UnsupportedValueError(`cannot render a ${typeof value} as an e6data SQL literal`)
  }
}

function renderString(value: string, rule: StringEscapeMode | undefined): string | PendingString {
  if (rule !== undefined) return `'${escapeStringContent(value, rule)}'`
  checkSendableText(value)
  return RULE_DEPENDENT.test(value) ? Object.freeze({ pending: value }) : `'${value}'`
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

function renderBigInt(value: bigint): string {
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new UnsupportedValueError(
      `cannot render the bigint ${value}: it is outside the 64-bit integer range (use decimal('…') for larger exact numbers)`,
    )
  }
  return `CAST(${value} AS BIGINT)`
}

function renderObject(
  value: object | null,
  rule: StringEscapeMode | undefined,
  inArray: boolean,
): string | PendingString {
  if (value === null) return 'NULL'
  if (isProxy(value)) throw proxy()
  if (isArray(value)) {
    throw new UnsupportedValueError(
      'cannot render a nested array: arrays render as flat IN lists only',
    )
  }
  if (isDate(value)) return `CAST('${formatTimestampText(value)}' AS TIMESTAMP)`
  const text = LiteralParameter.textOf(value)
  if (text !== undefined) return renderString(text, rule)
  const digits = decimalText(value)
  if (digits !== undefined) return digits
  const hint =
    isAnyArrayBuffer(value) || isArrayBufferView(value)
      ? ' (binary parameters are not supported; use a hex or base64 string and decode it in SQL)'
      : isBoxedPrimitive(value)
        ? ' (pass the primitive value, not a wrapper object)'
        : ''
  throw new UnsupportedValueError(
    `cannot render ${inArray ? 'an array element of type ' : 'a '}${describeObject(value)} as an e6data SQL literal${hint}`,
  )
}

export function formatTimestampText(date: Date): string {
  if (!isDate(date) || isProxy(date))
    throw new UnsupportedValueError('cannot render a non-Date as a timestamp')
  const time: number = apply(dateGetTime, date, [])
  if (Number.isNaN(time)) throw new UnsupportedValueError('cannot render an invalid Date')
  const fresh = new NativeDate(time)
  const [year, month, day, hours, minutes, seconds, millis] = UTC_GETTERS.map(
    (getter) => apply(getter, fresh, []) as number,
  ) as [number, number, number, number, number, number, number]
  if (year < 0 || year > 9999) {
    throw new UnsupportedValueError(
      `cannot render a Date in year ${year}: only years 0000-9999 are supported`,
    )
  }
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return (
    `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)} ` +
    `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}000`
  )
}

function proxy(): UnsupportedValueError {
  return new UnsupportedValueError(
    'cannot render a Proxy as an e6data SQL literal: pass the plain value it stands for',
  )
}

/** Read from descriptors, so that describing a value for an error runs none of its getters. */
function describeObject(value: object): string {
  const proto: unknown = getPrototypeOf(value)
  if (proto === null || proto === Object.prototype) return 'plain object'
  const ctor: unknown = getOwnPropertyDescriptor(proto, 'constructor')?.value
  const name: unknown =
    typeof ctor === 'function' ? getOwnPropertyDescriptor(ctor, 'name')?.value : undefined
  return typeof name === 'string' && name !== '' ? name : 'object'
}
