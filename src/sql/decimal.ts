import { UnsupportedValueError } from '../errors.js'

/** `Symbol.for`, so that two copies of the package recognise each other's decimals. */
export const DECIMAL_BRAND: unique symbol = Symbol.for('kysely-e6data.decimal') as never

const DECIMAL_PATTERN = /^-?(\d+)(?:\.(\d+))?$/
const MAX_PRECISION = 38
const { getOwnPropertyDescriptor } = Object

/** An exact decimal number, created with {@link decimal}; `String(d)` gives its digits. */
export interface DecimalValue {
  /** The validated decimal text, e.g. `'-123.45'`. */
  readonly [DECIMAL_BRAND]: string
  toString(): string
  /** Returns the decimal text (so `JSON.stringify` keeps the digits). */
  toJSON(): string
}

/**
 * An exact decimal parameter. A `number` is a binary double (`0.1` is not exact), so pass the
 * digits as text: `^-?\d+(\.\d+)?$` with at most 38 significant digits (DECIMAL128), rendered as
 * an unquoted exact literal. Anything else throws {@link UnsupportedValueError}.
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

// shared methods, so that equal decimals are deep-equal (`toEqual`)
const DECIMAL_PROTOTYPE: object = Object.freeze({
  toString(this: DecimalValue): string {
    return this[DECIMAL_BRAND]
  },
  toJSON(this: DecimalValue): string {
    return this[DECIMAL_BRAND]
  },
})

/** Read once through the descriptor (no user code runs): a `Symbol.for` brand can be forged. */
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
