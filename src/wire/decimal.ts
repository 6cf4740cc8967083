/**
 * DECIMAL128 helpers (protocol.md §9.6): unscaled big-endian two's-complement bytes ↔ `bigint`,
 * and exact plain-notation rendering.
 *
 * @module
 */

import { DecodeError, UnsupportedValueError } from '../errors.js'

const INT128_MIN = -(2n ** 127n)
const INT128_MAX = 2n ** 127n - 1n

/**
 * Reads a big-endian two's-complement integer of 1–16 bytes (sign-extended, like Java
 * `new BigInteger(bytes)`). Throws {@link DecodeError} for 0 or more than 16 bytes.
 */
export function decimalBytesToBigInt(bytes: Uint8Array, offset: number, length: number): bigint {
  if (length < 1 || length > 16) {
    throw new DecodeError(`DECIMAL128 value of ${length} bytes (expected 1–16)`, { offset })
  }
  if (length === 16) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 16)
    return (view.getBigInt64(0) << 64n) | view.getBigUint64(8)
  }
  let hex = ''
  for (let i = 0; i < length; i++) hex += (bytes[offset + i]! | 0x100).toString(16).slice(1)
  const v = BigInt(`0x${hex}`)
  return (bytes[offset]! & 0x80) !== 0 ? v - (1n << BigInt(8 * length)) : v
}

/**
 * Writes `unscaled` as 16 big-endian two's-complement bytes. Throws
 * {@link UnsupportedValueError} when it does not fit in 128 bits.
 */
export function decimalToBytes(unscaled: bigint): Uint8Array {
  if (unscaled < INT128_MIN || unscaled > INT128_MAX) {
    throw new UnsupportedValueError('unscaled DECIMAL128 value does not fit 128 bits')
  }
  const out = new Uint8Array(16)
  const view = new DataView(out.buffer)
  view.setBigInt64(0, unscaled >> 64n)
  view.setBigUint64(8, BigInt.asUintN(64, unscaled))
  return out
}

/**
 * Renders `unscaled × 10^(−scale)` exactly in plain notation: exactly `scale` fraction digits
 * (trailing zeros kept), a negative scale appends zeros, no exponent, never `-0`.
 */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (unscaled === 0n) return scale > 0 ? `0.${'0'.repeat(scale)}` : '0'
  const neg = unscaled < 0n
  return withScale((neg ? -unscaled : unscaled).toString(), neg, scale)
}

/** Like {@link formatDecimal} for an unscaled value that is a safe integer `number`. */
function formatDecimalNumber(unscaled: number, scale: number): string {
  if (unscaled === 0) return scale > 0 ? `0.${'0'.repeat(scale)}` : '0'
  const neg = unscaled < 0
  const abs = neg ? -unscaled : unscaled
  if (scale > 0 && scale <= 15) {
    // exact: abs < 2^53 and p ≤ 10^15, so every intermediate is an exact integer
    const p = POW10[scale]!
    let q = Math.floor(abs / p)
    let frac = abs - q * p
    if (frac < 0) {
      q -= 1
      frac += p
    } else if (frac >= p) {
      q += 1
      frac -= p
    }
    if (scale <= 3) {
      // two allocations (the integer part and the result) instead of four: the sign goes into
      // the integer part's conversion and '.' + fraction comes from a table
      const head = neg ? (q === 0 ? '-0' : String(-q)) : String(q)
      return head + DOT_FRACTION[scale]![frac]!
    }
    const s = `${q}.${String(frac + p).slice(1)}`
    return neg ? `-${s}` : s
  }
  return withScale(String(abs), neg, scale)
}

/**
 * The exact plain-notation text of the DECIMAL128 value stored as `length` big-endian bytes at
 * `offset` of `bytes` (see {@link formatDecimal}). Values of 16 bytes whose magnitude fits a safe
 * integer take a `number` fast path (no `bigint`). Throws {@link DecodeError} for 0 or more than
 * 16 bytes.
 */
export function decimalText(
  bytes: Uint8Array,
  offset: number,
  length: number,
  scale: number,
): string {
  if (length === 16) {
    const s = offset
    // the value is a safe integer when the top 10 bytes are sign extension of the low 54 bits
    const w0 = (bytes[s]! << 24) | (bytes[s + 1]! << 16) | (bytes[s + 2]! << 8) | bytes[s + 3]!
    const w1 = (bytes[s + 4]! << 24) | (bytes[s + 5]! << 16) | (bytes[s + 6]! << 8) | bytes[s + 7]!
    const w2 =
      (bytes[s + 8]! << 24) | (bytes[s + 9]! << 16) | (bytes[s + 10]! << 8) | bytes[s + 11]!
    if (w0 === w1 && (w0 === 0 || w0 === -1) && w2 >> 31 === w0 && w2 >= -SAFE_HI && w2 < SAFE_HI) {
      const w3 =
        ((bytes[s + 12]! << 24) |
          (bytes[s + 13]! << 16) |
          (bytes[s + 14]! << 8) |
          bytes[s + 15]!) >>>
        0
      return formatDecimalNumber(w2 * TWO_32 + w3, scale)
    }
  }
  return formatDecimal(decimalBytesToBigInt(bytes, offset, length), scale)
}

const TWO_32 = 4294967296
/** |hi word| bound under which hi·2^32 + lo is a safe integer. */
const SAFE_HI = 2097152

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i)
/** `'.'` + zero-padded fraction texts for scales 1–3 (avoids string allocations per value). */
const DOT_FRACTION: readonly (readonly string[])[] = [0, 1, 2, 3].map((scale) =>
  Array.from({ length: 10 ** scale }, (_, i) => `.${String(i).padStart(scale, '0')}`),
)

function withScale(digits: string, neg: boolean, scale: number): string {
  let s: string
  if (scale <= 0) {
    s = scale === 0 ? digits : digits + '0'.repeat(-scale)
  } else {
    const padded = digits.length <= scale ? '0'.repeat(scale - digits.length + 1) + digits : digits
    const cut = padded.length - scale
    s = `${padded.slice(0, cut)}.${padded.slice(cut)}`
  }
  return neg ? `-${s}` : s
}
