/**
 * Exact decimal values for SQL parameters. A JavaScript `number` is a binary double, so a value
 * such as `0.1` or `12345678901234567.89` cannot travel exactly as a number; wrap its decimal text
 * with {@link decimal} and the literal renderer writes the digits unquoted (an exact DECIMAL
 * literal) instead.
 *
 * @module
 */

import { UnsupportedValueError } from '../errors.js'

/**
 * Brand of {@link DecimalValue} objects. `Symbol.for` so two copies of the package still
 * recognise each other's values.
 *
 * @example
 * ```ts
 * decimal('12.50')[DECIMAL_BRAND] // '12.50'
 * ```
 */
export const DECIMAL_BRAND: unique symbol = Symbol.for('kysely-e6data.decimal') as never

/** The accepted decimal text: optional `-`, digits, optional `.` and digits. */
const DECIMAL_PATTERN = /^-?(\d+)(?:\.(\d+))?$/
/** DECIMAL128's precision: e6data and DuckDB hold at most 38 significant digits. */
const MAX_PRECISION = 38
const { getOwnPropertyDescriptor } = Object

/**
 * An exact decimal number, created with {@link decimal}. Rendered unquoted (`123.45`).
 *
 * @example
 * ```ts
 * const price: DecimalValue = decimal('19.99')
 * String(price) // '19.99'
 * ```
 */
export interface DecimalValue {
  /** The validated decimal text, e.g. `'-123.45'`. */
  readonly [DECIMAL_BRAND]: string
  /** Returns the decimal text. */
  toString(): string
  /** Returns the decimal text (so `JSON.stringify` keeps the digits). */
  toJSON(): string
}

/**
 * Wraps the text of an exact decimal number (`^-?\d+(\.\d+)?$`: optional minus, digits, optional
 * fraction; no exponent, no `+`, no spaces; at most 38 significant digits, DECIMAL128's precision)
 * so it is rendered as an unquoted exact numeric literal. Throws {@link UnsupportedValueError} for
 * anything else.
 *
 * @example
 * ```ts
 * await db.selectFrom('orders').selectAll().where('total', '>', decimal('1000.05')).execute()
 * // … where "total" > ?   → interpolated as: where "total" > 1000.05
 * ```
 */
export function decimal(value: string): DecimalValue {
  if (typeof value !== 'string') {
    throw new UnsupportedValueError(
      `invalid decimal (a ${typeof value}): expected a string such as '-123.45'`,
    )
  }
  checkDecimalText(value)
  return Object.freeze(
    Object.create(DECIMAL_PROTOTYPE, {
      [DECIMAL_BRAND]: { value, enumerable: true },
    }) as DecimalValue,
  )
}

function checkDecimalText(text: string): void {
  const m = DECIMAL_PATTERN.exec(text)
  if (m === null) {
    throw new UnsupportedValueError(
      `invalid decimal ${describeDecimalInput(text)}: expected digits with an optional leading '-' and an optional fraction, e.g. '-123.45'`,
    )
  }
  const integer = (m[1] as string).replace(/^0+/, '')
  const precision = integer.length + (m[2]?.length ?? 0)
  if (precision > MAX_PRECISION) {
    throw new UnsupportedValueError(
      `invalid decimal ${describeDecimalInput(text)}: ${precision} significant digits, but DECIMAL holds at most ${MAX_PRECISION}`,
    )
  }
}

/** Shared methods, so equal decimals are deep-equal (`toEqual`) and cheap to create. */
const DECIMAL_PROTOTYPE: object = Object.freeze({
  toString(this: DecimalValue): string {
    return this[DECIMAL_BRAND]
  },
  toJSON(this: DecimalValue): string {
    return this[DECIMAL_BRAND]
  },
})

/**
 * Whether `value` is a valid {@link DecimalValue}: its own brand property is a plain data
 * property holding valid decimal text (the brand alone is not trusted: `Symbol.for` brands can be
 * forged).
 *
 * @example
 * ```ts
 * isDecimal(decimal('1.5')) // true
 * isDecimal('1.5') // false
 * ```
 */
export function isDecimal(value: unknown): value is DecimalValue {
  try {
    return typeof value === 'object' && value !== null && decimalText(value) !== undefined
  } catch {
    return false
  }
}

/**
 * The decimal text of `value`, read exactly once without running user code: `undefined` when
 * `value` carries no decimal brand; {@link UnsupportedValueError} when the brand is a getter,
 * inherited, not a string or not valid decimal text (over 38 digits included). Callers must not
 * read the brand again: render the returned string.
 */
export function decimalText(value: object): string | undefined {
  const descriptor = getOwnPropertyDescriptor(value, DECIMAL_BRAND)
  if (descriptor === undefined) {
    if (DECIMAL_BRAND in value) throw forged('its brand is inherited')
    return undefined
  }
  if (!('value' in descriptor)) throw forged('its brand is a getter')
  const text: unknown = descriptor.value
  if (typeof text !== 'string') throw forged('its brand is not a string')
  try {
    checkDecimalText(text)
  } catch (error) {
    throw new UnsupportedValueError(
      `cannot render a forged decimal value: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  return text
}

function forged(why: string): UnsupportedValueError {
  return new UnsupportedValueError(`cannot render a forged decimal value: ${why}`)
}

function describeDecimalInput(value: unknown): string {
  if (typeof value !== 'string') return `(a ${typeof value})`
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value)
}
