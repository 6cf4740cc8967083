import { types } from 'node:util'
import { UnsupportedValueError } from '../errors.js'
import { decimalText } from './decimal.js'
import { formatTimestampText, hasLoneSurrogate } from './literal-renderer.js'

/** One `ExecuteStatementV2Request.params` entry; `index` is 1-based. */
export interface BoundParameter {
  readonly index: number
  readonly type: string
  readonly value: string
}

/**
 * Values for `parameterMode: 'bind'`, typed as the literal renderer would write them. e6data
 * documents no binding semantics: this follows the local engine's (README "Server-side binding").
 */
export function bindParameterValues(values: readonly unknown[]): BoundParameter[] {
  return values.map((value, i) => ({ index: i + 1, ...encode(value, i + 1) }))
}

const { apply } = Reflect
const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Uint8Array.prototype) as object
/** %TypedArray%.prototype getters, captured so that a subclass's overrides are never called. */
const TYPED_ARRAY_GETTERS = {
  buffer: Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, 'buffer')
    ?.get as () => ArrayBuffer,
  byteOffset: Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, 'byteOffset')
    ?.get as () => number,
  byteLength: Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, 'byteLength')
    ?.get as () => number,
} as const
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

function encode(value: unknown, index: number): { type: string; value: string } {
  switch (typeof value) {
    case 'undefined':
      return { type: 'NULL', value: '' }
    case 'string':
      if (value.includes('\0') || hasLoneSurrogate(value)) {
        throw new UnsupportedValueError(
          `parameter ${index}: strings with NUL or lone UTF-16 surrogates cannot be sent`,
        )
      }
      return { type: 'VARCHAR', value }
    case 'boolean':
      return { type: 'BOOLEAN', value: String(value) }
    case 'bigint':
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new UnsupportedValueError(
          `parameter ${index}: the bigint ${value} is outside the 64-bit integer range (use decimal('…'))`,
        )
      }
      return { type: 'BIGINT', value: value.toString() }
    case 'number':
      if (!Number.isFinite(value)) {
        throw new UnsupportedValueError(
          `parameter ${index}: only finite numbers can be bound, got ${value}`,
        )
      }
      // the type a literal of that value would have, so e.g. lpad(s, ?, '0') resolves
      if (!Number.isInteger(value)) return { type: 'DOUBLE', value: String(value) }
      if (value >= -2147483648 && value <= 2147483647) {
        return { type: 'INTEGER', value: String(value) }
      }
      return Number.isSafeInteger(value)
        ? { type: 'BIGINT', value: String(value) }
        : { type: 'DOUBLE', value: String(value) }
    case 'object': {
      if (value === null) return { type: 'NULL', value: '' }
      if (types.isProxy(value)) {
        throw new UnsupportedValueError(
          `parameter ${index}: cannot bind a Proxy; pass the plain value`,
        )
      }
      if (types.isDate(value)) return { type: 'TIMESTAMP', value: formatTimestampText(value) }
      if (types.isUint8Array(value)) {
        return {
          type: 'VARBINARY',
          value: Buffer.from(
            apply(TYPED_ARRAY_GETTERS.buffer, value, []),
            apply(TYPED_ARRAY_GETTERS.byteOffset, value, []),
            apply(TYPED_ARRAY_GETTERS.byteLength, value, []),
          ).toString('base64'),
        }
      }
      const digits = decimalText(value)
      if (digits !== undefined) return { type: 'DECIMAL', value: digits }
      if (Array.isArray(value)) {
        throw new UnsupportedValueError(
          `parameter ${index}: arrays (IN lists) cannot be bound; use parameterMode 'interpolate'`,
        )
      }
      throw new UnsupportedValueError(`parameter ${index}: cannot bind a value of this type`)
    }
    default:
      throw new UnsupportedValueError(`parameter ${index}: cannot bind a ${typeof value}`)
  }
}
