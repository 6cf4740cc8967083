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
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/

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
 * fraction; no exponent, no `+`, no spaces) so it is rendered as an unquoted exact numeric
 * literal. Throws {@link UnsupportedValueError} for anything else.
 *
 * @example
 * ```ts
 * await db.selectFrom('orders').selectAll().where('total', '>', decimal('1000.05')).execute()
 * // … where "total" > ?   → interpolated as: where "total" > 1000.05
 * ```
 */
export function decimal(value: string): DecimalValue {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
    throw new UnsupportedValueError(
      `invalid decimal ${describeDecimalInput(value)}: expected digits with an optional leading '-' and an optional fraction, e.g. '-123.45'`,
    )
  }
  return Object.freeze(
    Object.create(DECIMAL_PROTOTYPE, {
      [DECIMAL_BRAND]: { value, enumerable: true },
    }) as DecimalValue,
  )
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
 * Whether `value` is a valid {@link DecimalValue} (branded, with text matching the pattern; the
 * brand alone is not trusted because `Symbol.for` brands can be forged).
 *
 * @example
 * ```ts
 * isDecimal(decimal('1.5')) // true
 * isDecimal('1.5') // false
 * ```
 */
export function isDecimal(value: unknown): value is DecimalValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    DECIMAL_BRAND in value &&
    typeof (value as DecimalValue)[DECIMAL_BRAND] === 'string' &&
    DECIMAL_PATTERN.test((value as DecimalValue)[DECIMAL_BRAND])
  )
}

function describeDecimalInput(value: unknown): string {
  if (typeof value !== 'string') return `(a ${typeof value})`
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value)
}
