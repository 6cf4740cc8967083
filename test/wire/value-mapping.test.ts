import { describe, expect, it } from 'vitest'
import { DecodeError, DuplicateColumnError, InvalidArgumentError } from '../../src/errors.js'
import { type ColumnInput, decodeChunk, encodeChunk, zonedTimestamp } from '../../src/wire/index.js'
import { formatZonedTimestamp, parseZone, zoneOffsetSeconds } from '../../src/wire/zone.js'
import { expectDecodeError } from '../helpers/expect-decode-error.js'
import {
  bin,
  chunk,
  cols,
  field,
  i64,
  list,
  T,
  u8,
  vData,
  vector,
  vNulls,
  vSize,
  vType,
} from './thrift-builder.js'

const batchOf = (columns: ColumnInput[], constantVectors = false) =>
  decodeChunk(encodeChunk(columns, { constantVectors }), cols(...columns.map((_, i) => `c${i}`)))!

describe('LONG mapping', () => {
  const max = 2n ** 63n - 1n
  const min = -(2n ** 63n)
  const safe = BigInt(Number.MAX_SAFE_INTEGER)
  const b = batchOf([
    { vectorType: 'LONG', values: [safe, -safe, max, min, null, 0n, -1n, 2n ** 32n] },
  ])

  it('defaults to bigint', () => {
    expect(b.toArrays().map((r) => r[0])).toEqual([safe, -safe, max, min, null, 0n, -1n, 2n ** 32n])
  })

  it("'string' is exact", () => {
    expect(b.toArrays({ int64As: 'string' }).map((r) => r[0])).toEqual([
      '9007199254740991',
      '-9007199254740991',
      '9223372036854775807',
      '-9223372036854775808',
      null,
      '0',
      '-1',
      '4294967296',
    ])
  })

  it("'number' works inside ±(2^53−1) and throws outside, never rounding", () => {
    expect(b.value(0, 0, { int64As: 'number' })).toBe(Number.MAX_SAFE_INTEGER)
    expect(b.value(0, 1, { int64As: 'number' })).toBe(-Number.MAX_SAFE_INTEGER)
    expect(b.value(0, 7, { int64As: 'number' })).toBe(4294967296)
    const e = expectDecodeError(() => b.toRows({ int64As: 'number' }))
    expect(e.column).toBe('c0')
    expect(e.rowIndex).toBe(2)
    expect(e.vectorType).toBe('LONG')
    const edge = batchOf([{ vectorType: 'LONG', values: [safe + 1n, -safe - 1n] }])
    expect(expectDecodeError(() => edge.value(0, 0, { int64As: 'number' })).rowIndex).toBe(0)
    expect(expectDecodeError(() => edge.value(0, 1, { int64As: 'number' })).rowIndex).toBe(1)
  })

  it('rejects unknown options', () => {
    expect(() => b.toRows({ int64As: 'float' as 'number' })).toThrow(InvalidArgumentError)
  })
})

describe('scalar mapping', () => {
  it('INTEGER, DOUBLE, FLOAT, BOOLEAN, NULL', () => {
    const b = batchOf([
      { vectorType: 'INTEGER', values: [-(2 ** 31), 2 ** 31 - 1, null] },
      { vectorType: 'DOUBLE', values: [Number.NaN, -0, Number.NEGATIVE_INFINITY] },
      { vectorType: 'FLOAT', values: [0.1, null, 1e308] },
      { vectorType: 'BOOLEAN', values: [true, false, null] },
      { vectorType: 'NULL', values: [null, null, null] },
    ])
    expect(b.toArrays()).toEqual([
      [-(2 ** 31), Number.NaN, 0.1, true, null],
      [2 ** 31 - 1, -0, null, false, null],
      [null, Number.NEGATIVE_INFINITY, 1e308, null, null],
    ])
    expect(Object.is(b.value(1, 1), -0)).toBe(true)
  })

  it('STRING: invalid UTF-8 becomes U+FFFD, NUL is kept', () => {
    const c = chunk(
      2,
      vector(
        vSize(2),
        vType(7),
        vNulls(false, false),
        vData(
          7,
          field(
            T.LIST,
            1,
            list(T.STRING, 2, bin([0x61, 0xff, 0x62, 0xc3]), bin([0x00, 0xf0, 0x9f, 0x98, 0x80])),
          ),
        ),
      ),
    )
    const b = decodeChunk(u8(c), cols('s'))!
    expect(b.toArrays()).toEqual([['a\ufffdb\ufffd'], ['\u0000😀']])
    expect(b.raw('s', 0)).toBe('a\ufffdb\ufffd')
  })

  it('BINARY values are copies, not views of the network buffer', () => {
    const bytes = encodeChunk([
      { vectorType: 'BINARY', values: [Uint8Array.of(1, 2, 3), new Uint8Array(0), null] },
    ])
    const b = decodeChunk(bytes, cols('b'))!
    const v = b.value('b', 0) as Uint8Array
    expect(v).toEqual(Uint8Array.of(1, 2, 3))
    expect(v.buffer).not.toBe(bytes.buffer)
    const raw = b.raw('b', 0) as Uint8Array
    expect(raw.buffer).not.toBe(bytes.buffer)
    expect(b.value('b', 1)).toEqual(new Uint8Array(0))
    expect(b.value('b', 2)).toBeNull()
    bytes.fill(0)
    expect(v).toEqual(Uint8Array.of(1, 2, 3))
  })

  it('ARRAY, MAP, STRUCT stay engine text', () => {
    const b = batchOf([
      { vectorType: 'ARRAY', values: ['[1,2]'] },
      { vectorType: 'MAP', values: ['{a=1}'] },
      { vectorType: 'STRUCT', values: ['{"x":1}'] },
    ])
    expect(b.toRows()).toEqual([{ c0: '[1,2]', c1: '{a=1}', c2: '{"x":1}' }])
  })
})

describe('DECIMAL128 mapping', () => {
  it('exact strings on fast and slow paths, custom constructor', () => {
    const big = 10n ** 38n - 1n
    const b = batchOf([
      {
        vectorType: 'DECIMAL128',
        scale: 2,
        values: [123456n, -1n, 0n, big, -big, null, 2n ** 53n, -(2n ** 53n) - 1n],
      },
    ])
    expect(b.toArrays().map((r) => r[0])).toEqual([
      '1234.56',
      '-0.01',
      '0.00',
      '999999999999999999999999999999999999.99',
      '-999999999999999999999999999999999999.99',
      null,
      '90071992547409.92',
      '-90071992547409.93',
    ])
    expect(b.value(0, 0, { decimalAs: (u, s) => `${u}e-${s}` })).toBe('123456e-2')
    expect(b.raw(0, 3)).toBe(big)
  })

  it('scales 0 and 38, negative scales', () => {
    expect(batchOf([{ vectorType: 'DECIMAL128', scale: 38, values: [1n] }]).value(0, 0)).toBe(
      `0.${'0'.repeat(37)}1`,
    )
    expect(batchOf([{ vectorType: 'DECIMAL128', scale: -3, values: [-7n] }]).value(0, 0)).toBe(
      '-7000',
    )
  })
})

describe('temporal mapping', () => {
  const us = [0n, -1n, 1770854400123456n, -62167219200000001n, null]
  const b = batchOf([
    { vectorType: 'DATETIME', values: us },
    { vectorType: 'DATE', values: us },
  ])

  it("'date' (default) floors to ms, never local time", () => {
    const rows = b.toArrays()
    expect((rows[0]![0] as Date).toISOString()).toBe('1970-01-01T00:00:00.000Z')
    expect((rows[1]![0] as Date).getTime()).toBe(-1)
    expect((rows[2]![0] as Date).toISOString()).toBe('2026-02-12T00:00:00.123Z')
    expect((rows[3]![0] as Date).toISOString()).toBe('-000001-12-31T23:59:59.999Z')
    expect(rows.map((r) => r[1])).toEqual([
      '1970-01-01',
      '1969-12-31',
      '2026-02-12',
      '-000001-12-31',
      null,
    ])
  })

  it("'iso' and 'micros'", () => {
    expect(b.toArrays({ timestampAs: 'iso' }).map((r) => r[0])).toEqual([
      '1970-01-01T00:00:00.000000Z',
      '1969-12-31T23:59:59.999999Z',
      '2026-02-12T00:00:00.123456Z',
      '-000001-12-31T23:59:59.999999Z',
      null,
    ])
    expect(b.toArrays({ timestampAs: 'micros' }).map((r) => r[0])).toEqual(us)
  })

  it("'date' throws outside ±8.64e15 ms, at the exact boundary", () => {
    const edge = batchOf([
      {
        vectorType: 'TIMESTAMP',
        values: [
          8_640_000_000_000_000_999n,
          8_640_000_000_000_001_000n,
          -8_640_000_000_000_000_000n,
          -8_640_000_000_000_000_001n,
        ],
      },
    ])
    expect((edge.value(0, 0) as Date).getTime()).toBe(8.64e15)
    expect(expectDecodeError(() => edge.value(0, 1)).rowIndex).toBe(1)
    expect((edge.value(0, 2) as Date).getTime()).toBe(-8.64e15)
    const e = expectDecodeError(() => edge.toRows())
    expect(e.rowIndex).toBe(1)
    expect(e.column).toBe('c0')
    expect(edge.value(0, 1, { timestampAs: 'iso' })).toBe('+275760-09-13T00:00:00.001000Z')
  })

  it('constant temporal vectors create a fresh Date per row', () => {
    const c = batchOf([{ vectorType: 'DATETIME', values: [5000n, 5000n, 5000n] }], true)
    expect(c.column(0).constant).toBe(true)
    const rows = c.toArrays()
    expect(rows[0]![0]).toEqual(new Date(5))
    expect(rows[0]![0]).not.toBe(rows[1]![0])
  })
})

describe('TIMESTAMP_TZ', () => {
  const zones = [
    'Z',
    '+5',
    '+05',
    '+05:30',
    '+0530',
    '-05:00:30',
    '-053000',
    'UTC',
    'GMT',
    'UT',
    'UTC+01:00',
    'GMT-5',
    'UT+0130',
    'Asia/Kolkata',
    'America/New_York',
    'Etc/GMT+5',
  ]
  it('accepts every Java ZoneId form', () => {
    const b = batchOf([
      { vectorType: 'TIMESTAMP_TZ', values: zones.map((zone) => ({ micros: 0n, zone })) },
    ])
    expect(
      b.toArrays({ timestampAs: 'iso' }).every((r) => r[0] === '1970-01-01T00:00:00.000000Z'),
    ).toBe(true)
    expect(zones.map((z) => zoneOffsetSeconds(z, 0n))).toEqual([
      0, 18000, 18000, 19800, 19800, -18030, -19800, 0, 0, 0, 3600, -18000, 5400, 19800, -18000,
      -18000,
    ])
  })

  it.each([
    '',
    'X',
    '+19:00',
    '+05:60',
    '+5:30',
    '+05:3',
    '+05:30:00:00',
    'UTC+',
    'GMT+25',
    'Mars/Olympus',
    '1',
    'Europe/',
    '+05:30x',
  ])('rejects the zone %j when the row is read', (zone) => {
    const b = batchOf([
      {
        vectorType: 'TIMESTAMP_TZ',
        values: [
          { micros: 1n, zone: 'UTC' },
          { micros: 1n, zone },
        ],
      },
    ])
    expect(b.value(0, 0, { timestampAs: 'micros' })).toBe(1n)
    const e = expectDecodeError(() => b.toRows())
    expect(e.rowIndex).toBe(1)
    expect(e.column).toBe('c0')
    expect(expectDecodeError(() => b.raw(0, 1)).rowIndex).toBe(1)
    expect(expectDecodeError(() => zonedTimestamp(b, 0, 1)).rowIndex).toBe(1)
    expect(() => parseZone(zone)).toThrow(DecodeError)
  })

  it('exposes zones through raw() and zonedTimestamp()', () => {
    const b = batchOf([
      {
        vectorType: 'TIMESTAMP_TZ',
        values: [
          { micros: 1770854400123456n, zone: '+05:30' },
          { micros: 1000n, zone: '-05:00' },
          null,
          { micros: 1770854400000000n, zone: 'America/New_York' },
          { micros: 1783814400000000n, zone: 'America/New_York' },
          { micros: -2208988800000000n, zone: 'Asia/Kolkata' },
          { micros: 0n, zone: 'UTC' },
        ],
      },
    ])
    expect(b.raw(0, 0)).toEqual({ micros: 1770854400123456n, zone: '+05:30' })
    expect(b.raw(0, 2)).toBeNull()
    expect(zonedTimestamp(b, 0, 2)).toBeNull()
    const texts = [0, 1, 3, 4, 5, 6].map((r) => zonedTimestamp(b, 0, r)!.text)
    expect(texts).toEqual([
      '2026-02-12T05:30:00.123456+05:30',
      '1969-12-31T19:00:00.001000-05:00',
      '2026-02-11T19:00:00.000000-05:00',
      '2026-07-11T20:00:00.000000-04:00',
      '1900-01-01T05:21:10.000000+05:21:10',
      '1970-01-01T00:00:00.000000Z',
    ])
    expect(zonedTimestamp(b, 0, 0)).toEqual({
      micros: 1770854400123456n,
      zone: '+05:30',
      offsetSeconds: 19800,
      text: '2026-02-12T05:30:00.123456+05:30',
    })
    expect(() => zonedTimestamp(batchOf([{ vectorType: 'LONG', values: [1n] }]), 0, 0)).toThrow(
      InvalidArgumentError,
    )
  })

  it('missing zoneData means UTC; constant zones', () => {
    const c = chunk(
      1,
      vector(
        vSize(1),
        vType(15),
        vNulls(false),
        vData(16, field(T.LIST, 1, list(T.I64, 1, i64(5)))),
      ),
    )
    const b = decodeChunk(u8(c), cols('t'))!
    expect(b.raw('t', 0)).toEqual({ micros: 5n, zone: 'UTC' })
    const k = batchOf(
      [
        {
          vectorType: 'TIMESTAMP_TZ',
          values: [
            { micros: 7n, zone: 'Europe/Paris' },
            { micros: 7n, zone: 'Europe/Paris' },
          ],
        },
      ],
      true,
    )
    expect(k.column(0).constant).toBe(true)
    expect(k.raw(0, 1)).toEqual({ micros: 7n, zone: 'Europe/Paris' })
    expect(formatZonedTimestamp(7n, 'Europe/Paris')).toBe('1970-01-01T01:00:00.000007+01:00')
  })

  it('region zones outside the Date range are a DecodeError', () => {
    expect(() => formatZonedTimestamp(2n ** 63n - 1n, 'Europe/Paris')).toThrow(DecodeError)
    expect(formatZonedTimestamp(2n ** 63n - 1n, '+01:00')).toBe(
      '+294247-01-10T05:00:54.775807+01:00',
    )
  })
})

describe('ColumnarBatch accessors', () => {
  const b = batchOf(
    [
      { vectorType: 'LONG', values: [1n, null, 3n] },
      { vectorType: 'STRING', values: ['x', 'x', 'x'] },
      { vectorType: 'DOUBLE', values: [1.5, 2.5, null] },
    ],
    true,
  )

  it('column() exposes typed arrays, null masks and constants stored once', () => {
    const id = b.column('c0')
    expect(id.kind).toBe('int64')
    if (id.kind === 'int64') expect(id.values).toEqual(BigInt64Array.of(1n, 0n, 3n))
    expect([...id.nulls]).toEqual([0, 1, 0])
    const s = b.column(1)
    expect(s.constant).toBe(true)
    expect(s.nulls.length).toBe(1)
    if (s.kind === 'bytes') expect(s.offsets.length).toBe(1)
    const d = b.column('c2')
    if (d.kind === 'float64') expect(d.values).toEqual(Float64Array.of(1.5, 2.5, 0))
  })

  it('rows, arrays, values, readers', () => {
    expect(b.toRows()).toEqual([
      { c0: 1n, c1: 'x', c2: 1.5 },
      { c0: null, c1: 'x', c2: 2.5 },
      { c0: 3n, c1: 'x', c2: null },
    ])
    expect(b.toArrays({ int64As: 'string' })[0]).toEqual(['1', 'x', 1.5])
    expect(b.value('c1', 2)).toBe('x')
    expect(b.isNull('c0', 1)).toBe(true)
    expect(b.isNull(1, 1)).toBe(false)
    expect(b.readers().map((r) => r(2))).toEqual([3n, 'x', null])
  })

  it('rejects unknown columns and rows', () => {
    expect(() => b.column('nope')).toThrow(InvalidArgumentError)
    expect(() => b.column(3)).toThrow(InvalidArgumentError)
    expect(() => b.raw(0, 3)).toThrow(InvalidArgumentError)
    expect(() => b.value(0, -1)).toThrow(InvalidArgumentError)
  })

  it('row objects handle awkward column names', () => {
    const names = ['__proto__', 'constructor', 'a"b', '', 'x\ny', 'dup', 'dup2', '😀']
    const bytes = encodeChunk(
      names.map((_, i) => ({ vectorType: 'INTEGER' as const, values: [i] })),
    )
    const rows = decodeChunk(bytes, cols(...names))!.toRows()
    const row = rows[0]!
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(0)
    expect(row.constructor).toBe(1)
    expect(row['a"b']).toBe(2)
    expect(row['']).toBe(3)
    expect(row['x\ny']).toBe(4)
    expect(row.dup).toBe(5)
    expect(row.dup2).toBe(6)
    expect(row['😀']).toBe(7)
  })

  it('object rows refuse duplicate names instead of dropping a value; arrays keep both', () => {
    const names = ['id', 'v', 'id']
    const bytes = encodeChunk(
      names.map((_, i) => ({ vectorType: 'INTEGER' as const, values: [i] })),
    )
    const batch = decodeChunk(bytes, cols(...names))!
    expect(() => batch.toRows()).toThrow(DuplicateColumnError)
    expect(() => batch.toRows()).toThrow(/columns 1 and 3 are both named "id"/)
    expect(batch.toArrays()).toEqual([[0, 1, 2]])
  })

  it('rows with more than 1000 columns', () => {
    const n = 1200
    const bytes = encodeChunk(
      Array.from({ length: n }, (_, i) => ({ vectorType: 'INTEGER' as const, values: [i, -i] })),
    )
    const rows = decodeChunk(bytes, cols(...Array.from({ length: n }, (_, i) => `k${i}`)))!.toRows()
    expect(rows[1]!.k1199).toBe(-1199)
    expect(Object.keys(rows[0]!).length).toBe(n)
  })
})
