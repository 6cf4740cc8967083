import { beforeAll, describe, expect, it } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'
import { type QueryResult, runQuery } from './helpers.js'

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -9223372036854775808n
const DAY_US = 86_400_000_000n

function us(iso: string): bigint {
  const [whole, frac = ''] = iso.replace('Z', '').split('.')
  return BigInt(Date.parse(`${whole}Z`)) * 1000n + BigInt(frac.padEnd(6, '0').slice(0, 6))
}

describe('local engine: every sample type over the wire', () => {
  const env = useEngine({ bigTableRows: 1_000, login: true })
  let result: QueryResult
  const col = (name: string) => result.metadata.columns.findIndex((c) => c.name === name)
  const raw = (row: number, name: string) => result.raw[row]?.[col(name)]
  const value = (row: number, name: string) => result.rows[row]?.[name]

  beforeAll(async () => {
    result = await runQuery(env, 'SELECT * FROM type_showcase ORDER BY id')
  })

  it('describes every column with its vector type name, zone and format', () => {
    const types = Object.fromEntries(result.metadata.columns.map((c) => [c.name, c.typeName]))
    expect(types).toEqual({
      id: 'INTEGER',
      label: 'STRING',
      tiny_col: 'INTEGER',
      small_col: 'INTEGER',
      int_col: 'INTEGER',
      big_col: 'LONG',
      huge_col: 'LONG',
      ubig_col: 'LONG',
      uint_col: 'LONG',
      float_col: 'FLOAT',
      double_col: 'DOUBLE',
      dec_38_0: 'DECIMAL128',
      dec_38_10: 'DECIMAL128',
      dec_10_2: 'DECIMAL128',
      dec_18_6: 'DECIMAL128',
      bool_col: 'BOOLEAN',
      str_col: 'STRING',
      blob_col: 'BINARY',
      date_col: 'DATE',
      ts_col: 'DATETIME',
      tstz_col: 'TIMESTAMP_TZ',
      time_col: 'STRING',
      interval_col: 'STRING',
      uuid_col: 'STRING',
      json_col: 'STRING',
      list_col: 'ARRAY',
      map_col: 'MAP',
      struct_col: 'STRUCT',
    })
    const date = result.metadata.columns[col('date_col')]
    expect([date?.zone, date?.format]).toEqual(['UTC', 'yyyy-MM-dd'])
    const ts = result.metadata.columns[col('ts_col')]
    expect([ts?.zone, ts?.format]).toEqual(['UTC', 'yyyy-MM-dd HH:mm:ss'])
    expect(result.metadata.columns[col('big_col')]?.zone).toBe('')
    expect(result.metadata.rowCount).toBe(8n)
    expect(result.rows).toHaveLength(8)
  })

  it('keeps integer extremes exact', () => {
    expect([raw(0, 'tiny_col'), raw(0, 'small_col'), raw(0, 'int_col')]).toEqual([
      127, 32767, 2147483647,
    ])
    expect([raw(1, 'tiny_col'), raw(1, 'small_col'), raw(1, 'int_col')]).toEqual([
      -128, -32768, -2147483648,
    ])
    expect(raw(0, 'big_col')).toBe(INT64_MAX)
    expect(raw(1, 'big_col')).toBe(INT64_MIN)
    expect(raw(0, 'uint_col')).toBe(4294967295n)
    // HUGEINT/UBIGINT travel as e6data's LONG (int64), see the type table
    expect(raw(0, 'huge_col')).toBe(INT64_MAX)
    expect(raw(1, 'huge_col')).toBe(INT64_MIN)
    expect(raw(0, 'ubig_col')).toBe(INT64_MAX)
  })

  it('keeps doubles, floats, NaN and infinities', () => {
    expect(raw(0, 'double_col')).toBe(1.7976931348623157e308)
    expect(raw(1, 'double_col')).toBe(-1.7976931348623157e308)
    expect(raw(2, 'double_col')).toBeNaN()
    expect(raw(2, 'float_col')).toBeNaN()
    expect(raw(3, 'double_col')).toBe(Number.POSITIVE_INFINITY)
    expect(raw(4, 'float_col')).toBe(Number.NEGATIVE_INFINITY)
    expect(raw(0, 'float_col')).toBe(Math.fround(3.4028235e38))
    expect(raw(6, 'double_col')).toBe(Math.PI)
  })

  it('renders decimals exactly at every scale', () => {
    expect(value(0, 'dec_38_0')).toBe('99999999999999999999999999999999999999')
    expect(value(1, 'dec_38_0')).toBe('-99999999999999999999999999999999999999')
    expect(value(0, 'dec_38_10')).toBe('9999999999999999999999999999.9999999999')
    expect(value(2, 'dec_38_10')).toBe('0.0000000001')
    expect(value(0, 'dec_10_2')).toBe('99999999.99')
    expect(value(4, 'dec_10_2')).toBe('-0.01')
    expect(value(0, 'dec_18_6')).toBe('999999999999.999999')
    expect(value(5, 'dec_38_0')).toBe('2451072')
    expect(value(5, 'dec_10_2')).toBe('0.00')
  })

  it('keeps booleans, unicode strings (incl. NUL) and blobs', () => {
    expect([raw(0, 'bool_col'), raw(1, 'bool_col')]).toEqual([true, false])
    expect(value(2, 'str_col')).toBe('😀 漢字 é Ω')
    expect(value(3, 'str_col')).toBe('nul\0byte')
    expect(value(4, 'str_col')).toBe('ｆｕｌｌ｜ｗｉｄｔｈ ñ 𝄞')
    expect(value(1, 'str_col')).toBe('')
    expect(Array.from(raw(0, 'blob_col') as Uint8Array)).toEqual([0, 1, 255])
    expect(Array.from(raw(2, 'blob_col') as Uint8Array)).toEqual([0xde, 0xad, 0xbe, 0xef])
  })

  it('sends dates as µs at UTC midnight, before 1970 and after 2038', () => {
    expect(raw(0, 'date_col')).toBe(us('9999-12-31T00:00:00Z'))
    expect(raw(1, 'date_col')).toBe(us('0001-01-01T00:00:00Z'))
    expect(raw(2, 'date_col')).toBe(-DAY_US)
    expect(raw(3, 'date_col')).toBe(us('2040-02-29T00:00:00Z'))
    expect(value(5, 'date_col')).toBe('1970-01-01')
    expect(value(2, 'date_col')).toBe('1969-12-31')
  })

  it('sends timestamps with microseconds, and timestamptz with a zone', () => {
    expect(raw(0, 'ts_col')).toBe(us('2038-01-19T03:14:08.000001Z'))
    expect(raw(2, 'ts_col')).toBe(-1n)
    expect(raw(4, 'ts_col')).toBe(-86_400_000_001n)
    expect(value(6, 'ts_col')).toBe('2026-02-12T00:00:00.123456Z')
    expect(raw(2, 'tstz_col')).toEqual({ micros: us('2026-02-12T00:00:00.123456Z'), zone: 'UTC' })
    expect(raw(4, 'tstz_col')).toEqual({ micros: 1000n, zone: 'UTC' })
  })

  it('sends TIME/INTERVAL/UUID/JSON and nested types as text', () => {
    expect(value(0, 'time_col')).toBe('23:59:59.999999')
    expect(value(0, 'interval_col')).toBe('1 year 2 months 3 days 04:05:06')
    expect(value(0, 'uuid_col')).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff')
    expect(value(0, 'json_col')).toBe('{"a": 1, "b": [true, null]}')
    expect(value(0, 'list_col')).toBe('[1, 2, 3]')
    expect(value(0, 'map_col')).toBe("{'a': 1, 'b': 2}")
    expect(value(0, 'struct_col')).toBe("{'a': 1, 'b': 'x'}")
    expect(value(2, 'list_col')).toBe('[NULL, 4]')
  })

  it('has a row that is NULL in every column but id and label', () => {
    const row = result.rows[7] as Record<string, unknown>
    for (const [name, v] of Object.entries(row)) {
      if (name === 'id') expect(v).toBe(8)
      else if (name === 'label') expect(v).toBe('nulls')
      else expect(v, name).toBeNull()
    }
  })
})
