import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors.js'
import {
  decimalBytesToBigInt,
  decimalText,
  decimalToBytes,
  formatDecimal,
} from '../../src/wire/decimal.js'
import { type ColumnInput, decodeChunk, encodeChunk } from '../../src/wire/index.js'
import { cols } from './thrift-builder.js'

const batchOf = (columns: ColumnInput[]) =>
  decodeChunk(encodeChunk(columns), cols(...columns.map((_, i) => `c${i}`)))!

const TWO_53 = 2n ** 53n
/** Values on both sides of the safe-integer boundary ±2^53 (and of the 2^32 word boundary). */
const nearSafe = fc.oneof(
  fc.bigInt({ min: TWO_53 - 5000n, max: TWO_53 + 5000n }),
  fc.bigInt({ min: -TWO_53 - 5000n, max: -TWO_53 + 5000n }),
  fc.bigInt({ min: -(2n ** 33n), max: 2n ** 33n }),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.constantFrom(TWO_53 - 1n, TWO_53, -TWO_53 + 1n, -TWO_53, 0n, -1n, 1n, 2n ** 32n, -(2n ** 32n)),
)

describe('DECIMAL128 number fast path', () => {
  it('renders exactly like formatDecimal around ±2^53', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(nearSafe, { nil: null, freq: 8 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -4, max: 20 }),
        (values, scale) => {
          const rows = batchOf([{ vectorType: 'DECIMAL128', scale, values }]).toRows()
          values.forEach((v, i) => {
            expect(rows[i]!.c0).toBe(v === null ? null : formatDecimal(v, scale))
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('decimalText agrees with formatDecimal for 1–16 byte encodings', () => {
    fc.assert(
      fc.property(
        nearSafe,
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: -3, max: 18 }),
        (v, length, scale) => {
          const bytes = decimalToBytes(v).subarray(16 - length)
          const unscaled = decimalBytesToBigInt(bytes, 0, length)
          expect(decimalText(bytes, 0, length, scale)).toBe(formatDecimal(unscaled, scale))
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('DATETIME → Date fast path', () => {
  const MAX_MS = 8_640_000_000_000_000n
  const floorMs = (us: bigint): bigint => {
    const r = ((us % 1000n) + 1000n) % 1000n
    return (us - r) / 1000n
  }

  /** µs values inside the Date range (|ms| ≤ 8.64e15). */
  const inRange = fc.oneof(
    nearSafe.filter((v) => v >= -MAX_MS * 1000n && v <= MAX_MS * 1000n),
    fc.bigInt({ min: -MAX_MS * 1000n, max: MAX_MS * 1000n }),
    // just below a whole millisecond, beyond 2^53 µs: a rounded double would land on the next ms
    fc
      .tuple(fc.bigInt({ min: TWO_53 / 1000n - 100n, max: TWO_53 / 500n }), fc.boolean())
      .map(([k, neg]) => (neg ? -k * 1000n - 1n : k * 1000n - 1n)),
  )

  it('matches ⌊µs / 1000⌋ around ±2^53 µs, in toRows and value()', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(inRange, { nil: null, freq: 8 }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const b = batchOf([
            { vectorType: 'DATETIME', values },
            { vectorType: 'TIMESTAMP', values },
          ])
          const rows = b.toRows()
          const arrays = b.toArrays()
          values.forEach((v, i) => {
            for (const c of ['c0', 'c1'] as const) {
              const got = rows[i]![c]
              if (v === null) {
                expect(got).toBeNull()
                continue
              }
              expect(got).toBeInstanceOf(Date)
              expect(BigInt((got as Date).getTime())).toBe(floorMs(v))
              expect((b.value(c, i) as Date).getTime()).toBe((got as Date).getTime())
            }
            expect(arrays[i]![0]).toEqual(rows[i]!.c0)
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('still throws outside the Date range', () => {
    const us = (MAX_MS + 1n) * 1000n
    expect(() => batchOf([{ vectorType: 'DATETIME', values: [0n, us] }]).toRows()).toThrow(
      DecodeError,
    )
    expect(() => batchOf([{ vectorType: 'DATETIME', values: [-us - 1000n] }]).toRows()).toThrow(
      DecodeError,
    )
    const edge = batchOf([{ vectorType: 'DATETIME', values: [MAX_MS * 1000n, -MAX_MS * 1000n] }])
    expect(edge.toRows().map((r) => (r.c0 as Date).getTime())).toEqual([8.64e15, -8.64e15])
  })
})
