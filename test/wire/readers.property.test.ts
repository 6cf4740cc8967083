import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../../src/errors.js'
import { formatDecimal } from '../../src/wire/decimal.js'
import {
  type ColumnInput,
  decodeChunk,
  encodeChunk,
  type RawValue,
  type ValueMappingOptions,
} from '../../src/wire/index.js'
import { formatDate, formatIsoMicros, MAX_DATE_MS } from '../../src/wire/temporal.js'
import { batchInput } from './arbitraries.js'
import { cols } from './thrift-builder.js'

const custom = (unscaled: bigint, scale: number) => ({ unscaled, scale })
const MAPPINGS: ValueMappingOptions[] = [
  {},
  { int64As: 'number' },
  { int64As: 'string', timestampAs: 'iso' },
  { timestampAs: 'micros', decimalAs: custom },
]

const THROWS = Symbol('throws')

/** The mapped value of a raw value, computed independently of the readers (protocol.md §10). */
function expected(col: ColumnInput, raw: RawValue, m: ValueMappingOptions): unknown {
  if (raw === null) return null
  switch (col.vectorType) {
    case 'LONG': {
      const v = raw as bigint
      if (m.int64As === 'string') return v.toString()
      if (m.int64As === 'number')
        return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : THROWS
      return v
    }
    case 'DATE':
      return formatDate(raw as bigint)
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIMESTAMP_TZ': {
      const us = typeof raw === 'bigint' ? raw : (raw as { micros: bigint }).micros
      if (m.timestampAs === 'iso') return formatIsoMicros(us)
      if (m.timestampAs === 'micros') return us
      const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n)
      return ms >= -BigInt(MAX_DATE_MS) && ms <= BigInt(MAX_DATE_MS) ? new Date(Number(ms)) : THROWS
    }
    case 'DECIMAL128':
      return typeof m.decimalAs === 'function'
        ? m.decimalAs(raw as bigint, col.scale ?? 0)
        : formatDecimal(raw as bigint, col.scale ?? 0)
    default:
      return raw
  }
}

describe('value mapping: one reader per column', () => {
  it('toRows, toArrays, value and readers agree with each other and with the raw values', () => {
    fc.assert(
      fc.property(
        batchInput.filter(({ n }) => n > 0),
        fc.boolean(),
        fc.constantFrom(...MAPPINGS),
        ({ n, columns }, constantVectors, mapping) => {
          const names = columns.map((_, i) => `c${i}`)
          const batch = decodeChunk(encodeChunk(columns, { constantVectors }), cols(...names))!
          const want = columns.map((col, j) =>
            Array.from({ length: n }, (_, r) => expected(col, batch.raw(j, r), mapping)),
          )
          const fails = want.some((c) => c.includes(THROWS))
          if (fails) {
            expect(() => batch.toRows(mapping)).toThrow(DecodeError)
            expect(() => batch.toArrays(mapping)).toThrow(DecodeError)
          }
          const rows = fails ? null : batch.toRows(mapping)
          const arrays = fails ? null : batch.toArrays(mapping)
          const readers = batch.readers(mapping)
          columns.forEach((_, j) => {
            for (let r = 0; r < n; r++) {
              const w = want[j]![r]
              if (w === THROWS) {
                expect(() => batch.value(j, r, mapping)).toThrow(DecodeError)
                expect(() => readers[j]!(r)).toThrow(DecodeError)
                continue
              }
              expect(batch.value(j, r, mapping)).toEqual(w)
              expect(readers[j]!(r)).toEqual(w)
              if (rows) expect(rows[r]![`c${j}`]).toEqual(w)
              if (arrays) expect(arrays[r]![j]).toEqual(w)
            }
          })
        },
      ),
      { numRuns: 400 },
    )
  })

  it('mutable values (Date, bytes, custom decimals) are never shared between rows', () => {
    const batch = decodeChunk(
      encodeChunk(
        [
          { vectorType: 'DATETIME', values: [1n, 1n] },
          { vectorType: 'BINARY', values: [Uint8Array.of(1), Uint8Array.of(1)] },
          { vectorType: 'DECIMAL128', scale: 1, values: [5n, 5n] },
        ],
        { constantVectors: true },
      ),
      cols('t', 'b', 'd'),
    )!
    expect(batch.column('t').constant).toBe(true)
    const rows = batch.toRows({ decimalAs: custom })
    for (const k of ['t', 'b', 'd']) expect(rows[0]![k]).not.toBe(rows[1]![k])
    const arrays = batch.toArrays({ decimalAs: custom })
    for (const j of [0, 1, 2]) expect(arrays[0]![j]).not.toBe(arrays[1]![j])
  })
})
