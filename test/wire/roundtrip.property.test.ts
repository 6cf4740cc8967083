import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeChunk,
  decodeMetadata,
  encodeChunk,
  encodeMetadata,
  type RawValue,
} from '../../src/wire/index.js'
import { formatIsoMicros } from '../../src/wire/temporal.js'
import { batchInput, int64 } from './arbitraries.js'
import { cols } from './thrift-builder.js'

function sameRaw(actual: RawValue, expected: RawValue): boolean {
  if (typeof expected === 'number') return Object.is(actual, expected)
  if (expected instanceof Uint8Array) {
    return actual instanceof Uint8Array && Buffer.from(actual).equals(Buffer.from(expected))
  }
  if (expected !== null && typeof expected === 'object') {
    const a = actual as { micros: bigint; zone: string }
    return a !== null && a.micros === expected.micros && a.zone === expected.zone
  }
  return actual === expected
}

describe('encodeChunk → decodeChunk', () => {
  it('is the identity on raw values, with and without constant vectors', () => {
    fc.assert(
      fc.property(batchInput, fc.boolean(), ({ n, columns }, constantVectors) => {
        const bytes = encodeChunk(columns, { constantVectors })
        const names = columns.map((_, i) => `c${i}`)
        const batch = decodeChunk(bytes, cols(...names))
        if (n === 0) {
          expect(batch).toBeNull()
          return
        }
        expect(batch).not.toBeNull()
        expect(batch!.rowCount).toBe(n)
        columns.forEach((col, j) => {
          const decoded = batch!.column(j)
          expect(decoded.vectorType).toBe(col.vectorType)
          if (decoded.kind === 'decimal') expect(decoded.scale).toBe(col.scale ?? 0)
          for (let r = 0; r < n; r++) {
            const actual = batch!.raw(j, r)
            if (!sameRaw(actual, col.values[r]!)) {
              throw new Error(
                `column ${j} (${col.vectorType}) row ${r}: ${String(actual)} ≠ ${String(col.values[r])}`,
              )
            }
            expect(batch!.isNull(j, r)).toBe(col.values[r] === null)
          }
        })
        // the mapped forms agree with independent renderings
        const rows = batch!.toArrays({ int64As: 'string', timestampAs: 'micros' })
        columns.forEach((col, j) => {
          for (let r = 0; r < n; r++) {
            const v = col.values[r]!
            const m = rows[r]![j]
            if (v === null) {
              expect(m).toBeNull()
              continue
            }
            switch (col.vectorType) {
              case 'LONG':
                expect(m).toBe((v as bigint).toString())
                break
              case 'DECIMAL128': {
                const s = m as string
                const scale = col.scale ?? 0
                const [int, frac = ''] = s.split('.')
                expect(frac.length).toBe(scale)
                expect(BigInt(int! + frac)).toBe(v as bigint)
                expect(s.startsWith('-0') && /^-0\.?0*$/.test(s)).toBe(false)
                break
              }
              case 'DATE':
                expect(m).toBe(formatIsoMicros(v as bigint).slice(0, (m as string).length))
                break
              case 'TIMESTAMP_TZ':
                expect(m).toBe((v as { micros: bigint }).micros)
                break
            }
          }
        })
      }),
      { numRuns: 400 },
    )
  })

  it('ISO rendering agrees with Date for every instant Date can hold', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -8_640_000_000_000_000_000n, max: 8_640_000_000_000_000_999n }),
        (us) => {
          const iso = formatIsoMicros(us)
          const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n)
          const fromDate = new Date(Number(ms)).toISOString()
          const micro = String(((us % 1000n) + 1000n) % 1000n).padStart(3, '0')
          expect(iso).toBe(`${fromDate.slice(0, -1)}${micro}Z`)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('encodeMetadata → decodeMetadata', () => {
  const anyUtf16 = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 30,
  })
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), anyUtf16)
  it('is the identity for any UTF-16 strings (incl. NUL, astral, lone surrogates)', () => {
    fc.assert(
      fc.property(
        int64,
        fc.array(fc.record({ name: anyText, typeName: anyText, zone: anyText, format: anyText }), {
          maxLength: 8,
        }),
        (rowCount, columns) => {
          const meta = { rowCount, columns }
          expect(decodeMetadata(encodeMetadata(meta))).toEqual(meta)
        },
      ),
      { numRuns: 500 },
    )
  })
})
