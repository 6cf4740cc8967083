/** fast-check arbitraries of result columns, shared by the wire property tests. */
import fc from 'fast-check'
import type { ColumnInput, RawValue, VectorTypeName } from '../../src/wire/index.js'

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

export const int64 = fc.oneof(
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
export function column(n: number): fc.Arbitrary<ColumnInput> {
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

export const batchInput = fc
  .integer({ min: 0, max: 12 })
  .chain((n) =>
    fc.record({ n: fc.constant(n), columns: fc.array(column(n), { minLength: 1, maxLength: 6 }) }),
  )
