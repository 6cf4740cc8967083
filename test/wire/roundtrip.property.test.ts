import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ColumnInput,
  decodeChunk,
  decodeMetadata,
  encodeChunk,
  encodeMetadata,
  type RawValue,
  type VectorTypeName,
} from '../../src/wire/index.js'
import { formatIsoMicros } from '../../src/wire/temporal.js'
import { cols } from './thrift-builder.js'

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const ZONES = [
  'Z',
  '+05:30',
  '-08:00',
  '+14',
  'UTC',
  'GMT+2',
  'Europe/Paris',
  'Asia/Kolkata',
  'America/St_Johns',
]

const int64 = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n, 2n ** 53n, -(2n ** 53n), 2n ** 31n),
)
/** Text of full Unicode (astral, NUL) — lone surrogates excluded since UTF-8 cannot carry them. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '\u0000', 'a\u0000b', '😀👨‍👩‍👧', '\uffff', '\u{10ffff}'),
)
const decimalUnscaled = fc.oneof(
  fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }),
  fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n }),
  fc.constantFrom(0n, -1n, 1n, 10n ** 38n - 1n, -(10n ** 38n) + 1n),
)

const VALUE: Record<Exclude<VectorTypeName, 'INT96' | 'NULL'>, fc.Arbitrary<RawValue>> = {
  BOOLEAN: fc.boolean(),
  INTEGER: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  LONG: int64,
  FLOAT: fc.double(),
  DOUBLE: fc.oneof(
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
  ),
  STRING: text,
  ARRAY: text,
  MAP: text,
  STRUCT: text,
  BINARY: fc.uint8Array({ maxLength: 40 }),
  DATE: int64,
  DATETIME: int64,
  TIMESTAMP: int64,
  TIMESTAMP_TZ: fc.record({ micros: int64, zone: fc.constantFrom(...ZONES) }),
  DECIMAL128: decimalUnscaled,
}
const TYPES = [...(Object.keys(VALUE) as (keyof typeof VALUE)[]), 'NULL' as const]

/** A column of `n` rows: random values with NULLs, or one repeated value (constant candidate). */
function column(n: number): fc.Arbitrary<ColumnInput> {
  return fc.constantFrom(...TYPES).chain((vectorType): fc.Arbitrary<ColumnInput> => {
    if (vectorType === 'NULL') {
      return fc.constant<ColumnInput>({ vectorType, values: new Array<RawValue>(n).fill(null) })
    }
    const v = VALUE[vectorType]
    const values = fc.oneof(
      fc.array(fc.option(v, { nil: null, freq: 5 }), { minLength: n, maxLength: n }),
      fc.option(v, { nil: null, freq: 3 }).map((x) => new Array<RawValue>(n).fill(x)),
    )
    return fc.record({
      vectorType: fc.constant(vectorType),
      values,
      scale: fc.integer({ min: 0, max: 38 }),
    })
  })
}

const batchInput = fc
  .integer({ min: 0, max: 12 })
  .chain((n) =>
    fc.record({ n: fc.constant(n), columns: fc.array(column(n), { minLength: 1, maxLength: 6 }) }),
  )

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
