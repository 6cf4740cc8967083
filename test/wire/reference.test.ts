import { describe, expect, it } from 'vitest'
import { decimalBytesToBigInt, decimalToBytes, formatDecimal } from '../../src/wire/decimal.js'
import { decodeChunk, decodeMetadata, encodeChunk } from '../../src/wire/index.js'
import { formatDate, formatIsoMicros } from '../../src/wire/temporal.js'
import { formatZonedTimestamp } from '../../src/wire/zone.js'
import { cols, hex } from './thrift-builder.js'

const LONG_BATCH = `08 0001 00000002  0f 0002 0c 00000001
  08 0001 00000002  08 0002 00000006
  0f 0003 02 00000002 00 01
  0c 0004 0c 0003
  0f 0001 0a 00000002 0000000000000007 0000000000000000  00 00
  02 0005 00  00
  00`
const DECIMAL_BATCH = `08 0001 00000003 0f 0002 0c 00000001 08 0001 00000003
  08 0002 00000010 0f 0003 02 00000001 00 0c 0004 0c 0012 0b 0001 00000010
  00000000000000000000000000003039 08 0002 00000002 00 00 02 0005 01 00 00`

describe('protocol §8 metadata example', () => {
  it('decodes', () => {
    const meta = decodeMetadata(hex('0000000000000002 00000001 0002 6964 0004 4c4f4e47 0000 0000'))
    expect(meta).toEqual({
      rowCount: 2n,
      columns: [{ name: 'id', typeName: 'LONG', zone: '', format: '' }],
    })
  })
})

describe('protocol §9.9 worked batches', () => {
  it('LONG [7, NULL] decodes and re-encodes byte for byte', () => {
    const bytes = hex(LONG_BATCH)
    const batch = decodeChunk(bytes, cols('id'))!
    expect(batch.rowCount).toBe(2)
    expect(batch.toRows()).toEqual([{ id: 7n }, { id: null }])
    expect(encodeChunk([{ vectorType: 'LONG', values: [7n, null] }])).toEqual(bytes)
  })

  it('constant DECIMAL128 123.45 ×3 decodes and re-encodes byte for byte', () => {
    const bytes = hex(DECIMAL_BATCH)
    const batch = decodeChunk(bytes, cols('d'))!
    expect(batch.toArrays()).toEqual([['123.45'], ['123.45'], ['123.45']])
    const col = batch.column('d')
    expect(col.constant).toBe(true)
    expect(col.kind === 'decimal' && col.offsets.length).toBe(1)
    expect(
      encodeChunk([{ vectorType: 'DECIMAL128', scale: 2, values: [12345n, 12345n, 12345n] }], {
        constantVectors: true,
      }),
    ).toEqual(bytes)
  })
})

describe('protocol §9.6/§9.7 DECIMAL128', () => {
  const table: [string, string][] = [
    ['b4c4b357a5793b85f675ddc000000002', '-99999999999999999999999999999999999998'],
    ['b4c4b357a5793b85f675ddc000000001', '-99999999999999999999999999999999999999'],
    ['4b3b4ca85a86c47a098a223fffffffff', '99999999999999999999999999999999999999'],
    ['0949b0f6f0023313c4499050de38f34e', '12345678901234567890123456789012345678'],
    ['ff123b1a8199614ad2c571918360b479', '-1234567890123456789012345678901234567'],
    ['00000000000000000000000000256680', '2451072'],
    ['00000000000000000000000000000000', '0'],
  ]
  for (const [bytes, value] of table) {
    it(`${bytes} → ${value}`, () => {
      const b = hex(bytes)
      expect(decimalBytesToBigInt(b, 0, 16)).toBe(BigInt(value))
      expect(formatDecimal(BigInt(value), 0)).toBe(value)
      expect(decimalToBytes(BigInt(value))).toEqual(b)
      const chunk = encodeChunk([{ vectorType: 'DECIMAL128', values: [BigInt(value)] }])
      expect(decodeChunk(chunk, cols('d'))!.value('d', 0)).toBe(value)
    })
  }

  it('zero with scale 2 renders 0.00 through the decoder', () => {
    const chunk = encodeChunk([{ vectorType: 'DECIMAL128', scale: 2, values: [0n, 0n] }])
    expect(decodeChunk(chunk, cols('d'))!.toArrays()).toEqual([['0.00'], ['0.00']])
  })

  it.each([
    [12345n, 2, '123.45'],
    [5n, 3, '0.005'],
    [-5n, 3, '-0.005'],
    [12345n, 0, '12345'],
    [12n, -2, '1200'],
    [0n, -2, '0'],
    [-12340n, 3, '-12.340'],
    [-1n, 0, '-1'],
    [100n, 2, '1.00'],
  ])('formatDecimal(%s, %s) = %s', (unscaled, scale, text) => {
    expect(formatDecimal(unscaled, scale)).toBe(text)
  })

  it('sign-extends 1–15 byte values like Java BigInteger', () => {
    expect(decimalBytesToBigInt(hex('ff'), 0, 1)).toBe(-1n)
    expect(decimalBytesToBigInt(hex('7f'), 0, 1)).toBe(127n)
    expect(decimalBytesToBigInt(hex('ff85'), 0, 2)).toBe(-123n)
    expect(decimalBytesToBigInt(hex('0080'), 0, 2)).toBe(128n)
    expect(decimalBytesToBigInt(hex('80000000000000000000000000000000'), 0, 16)).toBe(-(2n ** 127n))
    expect(decimalBytesToBigInt(hex('800000000000000000000000000000'), 0, 15)).toBe(-(2n ** 119n))
  })

  it('refuses values beyond 128 bits when encoding', () => {
    expect(() => decimalToBytes(2n ** 127n)).toThrow(/128 bits/)
    expect(() => encodeChunk([{ vectorType: 'DECIMAL128', values: [-(2n ** 127n) - 1n] }])).toThrow(
      /128 bits/,
    )
  })
})

describe('protocol §9.7 dates and instants', () => {
  const table: [bigint, string, string][] = [
    [0n, '1970-01-01', '1970-01-01T00:00:00.000000Z'],
    [1770854400000000n, '2026-02-12', '2026-02-12T00:00:00.000000Z'],
    [-1n, '1969-12-31', '1969-12-31T23:59:59.999999Z'],
    [-86400000001n, '1969-12-30', '1969-12-30T23:59:59.999999Z'],
    [253402300799999999n, '9999-12-31', '9999-12-31T23:59:59.999999Z'],
    [253402300800000000n, '+010000-01-01', '+010000-01-01T00:00:00.000000Z'],
    [-62167219200000000n, '0000-01-01', '0000-01-01T00:00:00.000000Z'],
    [-62167219200000001n, '-000001-12-31', '-000001-12-31T23:59:59.999999Z'],
    [-(2n ** 63n), '-290308-12-21', '-290308-12-21T19:59:05.224192Z'],
    [2n ** 63n - 1n, '+294247-01-10', '+294247-01-10T04:00:54.775807Z'],
  ]
  for (const [micros, date, iso] of table) {
    it(`${micros} µs → ${date} / ${iso}`, () => {
      expect(formatDate(micros)).toBe(date)
      expect(formatIsoMicros(micros)).toBe(iso)
      const chunk = encodeChunk([
        { vectorType: 'DATE', values: [micros] },
        { vectorType: 'DATETIME', values: [micros] },
        { vectorType: 'TIMESTAMP', values: [micros] },
      ])
      const batch = decodeChunk(chunk, cols('d', 'dt', 'ts'))!
      expect(batch.toArrays({ timestampAs: 'iso' })).toEqual([[date, iso, iso]])
      expect(batch.toArrays({ timestampAs: 'micros' })).toEqual([[date, micros, micros]])
    })
  }

  it('zoned presentations', () => {
    expect(formatZonedTimestamp(1770854400123456n, '+05:30')).toBe(
      '2026-02-12T05:30:00.123456+05:30',
    )
    expect(formatZonedTimestamp(1000n, '-05:00')).toBe('1969-12-31T19:00:00.001000-05:00')
  })
})
