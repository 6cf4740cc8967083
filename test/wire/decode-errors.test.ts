import { describe, expect, it } from 'vitest'
import { type DecodeError, UnsupportedTypeError } from '../../src/errors.js'
import { decodeChunk, encodeChunk, VectorType } from '../../src/wire/index.js'
import { expectDecodeError } from '../helpers/expect-decode-error.js'
import {
  bin,
  chunk,
  cols,
  field,
  i32,
  i64,
  list,
  struct,
  T,
  u8,
  vConst,
  vData,
  vector,
  vNulls,
  vSize,
  vType,
} from './thrift-builder.js'

const longVector = (...extra: number[][]) =>
  vector(
    vSize(2),
    vType(VectorType.LONG),
    vNulls(false, true),
    vData(3, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(0)))),
    vConst(false),
    ...extra,
  )

const decodeError = (bytes: number[] | Uint8Array, names = ['a']): DecodeError =>
  expectDecodeError(() =>
    decodeChunk(bytes instanceof Uint8Array ? bytes : u8(bytes), cols(...names)),
  )

describe('decodeChunk: end of results', () => {
  it('zero bytes → null', () => {
    expect(decodeChunk(new Uint8Array(0), cols('a'))).toBeNull()
  })
  it('size 0 or negative → null, whatever the vectors', () => {
    expect(decodeChunk(u8(chunk(0)), cols('a'))).toBeNull()
    expect(decodeChunk(u8(chunk(-5, longVector())), cols('a', 'b'))).toBeNull()
    expect(decodeChunk(encodeChunk([{ vectorType: 'LONG', values: [] }]), cols('a'))).toBeNull()
  })
})

describe('decodeChunk: structure', () => {
  it('decodes the hand-built reference vector', () => {
    expect(decodeChunk(u8(chunk(2, longVector())), cols('a'))!.toArrays()).toEqual([[7n], [null]])
  })

  it('accepts fields in any order', () => {
    const v = vector(
      vConst(false),
      vData(3, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(0)))),
      vNulls(false, true),
      vType(VectorType.LONG),
      vSize(2),
    )
    const c = struct(field(T.LIST, 2, list(T.STRUCT, 1, v)), field(T.I32, 1, i32(2)))
    expect(decodeChunk(u8(c), cols('a'))!.toArrays()).toEqual([[7n], [null]])
  })

  it('skips unknown fields of every type, at every level', () => {
    const unknown = [
      field(T.BOOL, 90, [1]),
      field(T.BYTE, 91, [0xff]),
      field(T.DOUBLE, 92, i64(1)),
      field(T.I16, 93, [0, 1]),
      field(T.I32, 94, i32(-1)),
      field(T.I64, 95, i64(-1)),
      field(T.STRING, 96, bin('skip me')),
      field(
        T.STRUCT,
        97,
        struct(field(T.LIST, 1, list(T.STRUCT, 1, struct(field(T.I32, 1, i32(1)))))),
      ),
      field(T.MAP, 98, [T.STRING, T.LIST], i32(1), bin('k'), list(T.I64, 1, i64(1))),
      field(T.SET, 99, list(T.STRING, 2, bin('a'), bin('b'))),
      field(T.LIST, 100, list(T.MAP, 1, [T.I32, T.BOOL], i32(1), i32(5), [1])),
    ].flat()
    const v = vector(
      unknown,
      field(T.STRING, 6, bin('+01:00')), // Vector.zoneOffset (unused)
      field(T.STRING, 7, bin('yyyy')), // Vector.format (unused)
      vSize(2),
      vType(VectorType.LONG),
      vNulls(false, true),
      field(
        T.STRUCT,
        4,
        struct(
          unknown,
          field(T.STRUCT, 3, struct(unknown, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(0))))),
        ),
      ),
    )
    const c = struct(unknown, field(T.I32, 1, i32(2)), field(T.LIST, 2, list(T.STRUCT, 1, v)))
    expect(decodeChunk(u8(c), cols('a'))!.toArrays()).toEqual([[7n], [null]])
  })

  it('limits the nesting depth of skipped values', () => {
    let nested: number[] = struct()
    for (let i = 0; i < 100; i++) nested = struct(field(T.STRUCT, 1, nested))
    const c = struct(field(T.STRUCT, 50, nested), field(T.I32, 1, i32(0)))
    expect(decodeError(c).message).toMatch(/nested too deeply/)
  })

  it('rejects invalid Thrift type ids', () => {
    expect(decodeError(struct(field(7, 50, [0]), field(T.I32, 1, i32(0)))).message).toMatch(
      /invalid Thrift type 7/,
    )
  })

  it('rejects a missing Chunk.size', () => {
    const e = decodeError(struct(field(T.LIST, 2, list(T.STRUCT, 0))))
    expect(e.message).toMatch(/Chunk.size is missing/)
  })

  it('rejects a known field with the wrong type', () => {
    const e = decodeError(struct(field(T.I64, 1, i64(2))))
    expect(e.message).toMatch(/Chunk.size has Thrift type i64, expected i32/)
    expect(e.offset).toBe(0)
    const v = vector(vSize(2), field(T.I64, 2, i64(6)))
    const e2 = decodeError(chunk(2, v))
    expect(e2.message).toMatch(/Vector.vectorType/)
    expect(e2.column).toBe('a')
    expect(e2.columnIndex).toBe(0)
  })

  it('rejects a list of the wrong element type', () => {
    const v = longVector().slice(0, -1)
    const bad = vector(
      vSize(2),
      vType(VectorType.LONG),
      field(T.LIST, 3, list(T.I32, 2, i32(0), i32(1))),
    )
    expect(v.length).toBeGreaterThan(0)
    expect(decodeError(chunk(2, bad)).message).toMatch(/nullSet has elements of type i32/)
    const bad2 = vector(
      vSize(2),
      vType(VectorType.LONG),
      vNulls(false, false),
      vData(3, field(T.LIST, 1, list(T.I32, 2, i32(7), i32(0)))),
    )
    expect(decodeError(chunk(2, bad2)).message).toMatch(/int64Data.data has elements of type i32/)
  })

  it('rejects negative lengths and counts', () => {
    expect(
      decodeError(struct(field(T.I32, 1, i32(1)), field(T.LIST, 2, list(T.STRUCT, -1)))).message,
    ).toMatch(/negative count -1/)
    expect(decodeError(struct(field(T.STRING, 50, i32(-2)))).message).toMatch(
      /negative string length/,
    )
    const v = vector(
      vSize(1),
      vType(VectorType.STRING),
      vNulls(false),
      vData(7, field(T.LIST, 1, list(T.STRING, 1, i32(-3)))),
    )
    expect(decodeError(chunk(1, v)).message).toMatch(/invalid length -3/)
  })

  it('rejects counts the remaining bytes cannot hold (without allocating)', () => {
    const e = decodeError(
      struct(field(T.I32, 1, i32(1)), field(T.LIST, 2, list(T.STRUCT, 0x7fffffff))),
    )
    expect(e.message).toMatch(/exceeds the remaining bytes/)
    const v = vector(
      vSize(2),
      vType(VectorType.LONG),
      vNulls(false, false),
      vData(3, field(T.LIST, 1, list(T.I64, 1000))),
    )
    expect(decodeError(chunk(2, v)).message).toMatch(/count 1000 .* exceeds the remaining bytes/)
  })

  it('rejects truncated input at every length', () => {
    const full = encodeChunk([
      { vectorType: 'STRING', values: ['a', null, 'ccc'] },
      { vectorType: 'DECIMAL128', values: [1n, 2n, null], scale: 2 },
      {
        vectorType: 'TIMESTAMP_TZ',
        values: [{ micros: 1n, zone: 'UTC' }, null, { micros: 3n, zone: '+01:00' }],
      },
    ])
    for (let n = 1; n < full.length; n++) {
      const e = decodeError(full.subarray(0, n), ['s', 'd', 't'])
      expect(e.offset).toBeLessThanOrEqual(n)
    }
  })

  it('rejects bytes left over after the Chunk', () => {
    const c = [...chunk(2, longVector()), 0]
    expect(decodeError(c).message).toMatch(/left over/)
  })

  it('rejects vectors.length ≠ columns.length', () => {
    expect(decodeError(chunk(2, longVector()), ['a', 'b']).message).toMatch(
      /1 vectors but the metadata has 2/,
    )
  })

  it('rejects a missing size, vectorType, nullSet or data', () => {
    const data = vData(3, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(0))))
    expect(decodeError(chunk(2, vector(vType(6), vNulls(false, false), data))).message).toMatch(
      /Vector.size is missing/,
    )
    expect(decodeError(chunk(2, vector(vSize(2), vNulls(false, false), data))).message).toMatch(
      /vectorType is missing/,
    )
    expect(decodeError(chunk(2, vector(vSize(2), vType(6), data))).message).toMatch(
      /nullSet is missing/,
    )
    const e = decodeError(chunk(2, vector(vSize(2), vType(6), vNulls(false, false))))
    expect(e.message).toMatch(/Vector.data is missing/)
    expect(e.column).toBe('a')
    expect(
      decodeError(
        chunk(2, vector(vSize(2), vType(6), vNulls(false, false), field(T.STRUCT, 4, struct()))),
      ).message,
    ).toMatch(/Vector.data is missing/)
    expect(
      decodeError(chunk(2, vector(vSize(2), vType(6), vNulls(false, false), vData(3)))).message,
    ).toMatch(/int64Data.data is missing/)
  })

  it('accepts a NULL vector without nullSet or data', () => {
    const batch = decodeChunk(u8(chunk(2, vector(vSize(2), vType(VectorType.NULL)))), cols('n'))!
    expect(batch.toArrays()).toEqual([[null], [null]])
    expect(batch.raw('n', 1)).toBeNull()
  })

  it('rejects Vector.size ≠ Chunk.size', () => {
    expect(decodeError(chunk(3, longVector())).message).toMatch(
      /Vector.size 2 differs from Chunk.size 3/,
    )
  })

  it('rejects too short data lists and nullSets', () => {
    const shortData = vector(
      vSize(2),
      vType(6),
      vNulls(false, false),
      vData(3, field(T.LIST, 1, list(T.I64, 1, i64(7)))),
    )
    expect(decodeError(chunk(2, shortData)).message).toMatch(/data list has 1 entries, need 2/)
    const shortNulls = vector(
      vSize(2),
      vType(6),
      vNulls(false),
      vData(3, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(8)))),
    )
    expect(decodeError(chunk(2, shortNulls)).message).toMatch(/nullSet has 1 entries, need 2/)
    const constNoNulls = vector(
      vSize(2),
      vType(6),
      vNulls(),
      vData(11, field(T.I64, 1, i64(1))),
      vConst(true),
    )
    expect(decodeError(chunk(2, constNoNulls)).message).toMatch(
      /nullSet has 0 entries, need at least 1/,
    )
    const tz = vector(
      vSize(2),
      vType(VectorType.TIMESTAMP_TZ),
      vNulls(false, false),
      vData(
        16,
        field(T.LIST, 1, list(T.I64, 2, i64(1), i64(2))),
        field(T.LIST, 2, list(T.STRING, 1, bin('Z'))),
      ),
    )
    expect(decodeError(chunk(2, tz)).message).toMatch(/zoneData has 1 entries, need 2/)
  })

  it('rejects too long data lists, nullSets and zoneData (protocol.md §9.4)', () => {
    const longData = vector(
      vSize(2),
      vType(6),
      vNulls(false, false),
      vData(3, field(T.LIST, 1, list(T.I64, 3, i64(7), i64(8), i64(9)))),
    )
    expect(decodeError(chunk(2, longData)).message).toMatch(/data list has 3 entries, need 2/)
    const longNulls = vector(
      vSize(2),
      vType(6),
      vNulls(false, false, true),
      vData(3, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(8)))),
    )
    expect(decodeError(chunk(2, longNulls)).message).toMatch(/nullSet has 3 entries, need 2/)
    const longStrings = vector(
      vSize(1),
      vType(VectorType.STRING),
      vNulls(false),
      vData(7, field(T.LIST, 1, list(T.STRING, 2, bin('a'), bin('b')))),
    )
    expect(decodeError(chunk(1, longStrings)).message).toMatch(/data list has 2 entries, need 1/)
    const tz = vector(
      vSize(1),
      vType(VectorType.TIMESTAMP_TZ),
      vNulls(false),
      vData(
        16,
        field(T.LIST, 1, list(T.I64, 1, i64(1))),
        field(T.LIST, 2, list(T.STRING, 2, bin('Z'), bin('UTC'))),
      ),
    )
    expect(decodeError(chunk(1, tz)).message).toMatch(/zoneData has 2 entries, need 1/)
  })

  it('accepts a constant vector whose nullSet has one entry or one per row', () => {
    for (const nulls of [[false], [false, false, false]]) {
      const c = vector(
        vSize(3),
        vType(6),
        vNulls(...nulls),
        vData(11, field(T.I64, 1, i64(5))),
        vConst(true),
      )
      expect(decodeChunk(u8(chunk(3, c)), cols('a'))!.toArrays()).toEqual([[5n], [5n], [5n]])
    }
  })

  it('rejects union members not allowed for the vector type', () => {
    const wrong = vector(
      vSize(2),
      vType(6),
      vNulls(false, false),
      vData(2, field(T.LIST, 1, list(T.I32, 2, i32(7), i32(0)))),
    )
    const e = decodeError(chunk(2, wrong))
    expect(e.message).toMatch(
      /Data.int32Data is not allowed for a LONG vector \(expected int64Data\)/,
    )
    expect(e.column).toBe('a')
    const constMismatch = vector(
      vSize(2),
      vType(6),
      vNulls(false),
      vData(3, field(T.LIST, 1, list(T.I64, 2, i64(7), i64(0)))),
      vConst(true),
    )
    expect(decodeError(chunk(2, constMismatch)).message).toMatch(
      /not allowed for a constant LONG vector/,
    )
    const nonConstWithConstMember = vector(
      vSize(2),
      vType(6),
      vNulls(false, false),
      vData(11, field(T.I64, 1, i64(1))),
    )
    expect(decodeError(chunk(2, nonConstWithConstMember)).message).toMatch(
      /numericConstantData is not allowed/,
    )
  })

  it('rejects two union members', () => {
    const two = vector(
      vSize(1),
      vType(6),
      vNulls(false),
      field(
        T.STRUCT,
        4,
        struct(
          field(T.STRUCT, 3, struct(field(T.LIST, 1, list(T.I64, 1, i64(1))))),
          field(T.STRUCT, 2, struct(field(T.LIST, 1, list(T.I32, 1, i32(1))))),
        ),
      ),
    )
    expect(decodeError(chunk(1, two)).message).toMatch(/more than one member/)
  })

  it('rejects empty and over-long DECIMAL128 values, but ignores NULL slots', () => {
    const dec = (nulls: boolean[], ...values: number[][]) =>
      chunk(
        values.length,
        vector(
          vSize(values.length),
          vType(VectorType.DECIMAL128),
          vNulls(...nulls),
          vData(
            17,
            field(T.LIST, 1, list(T.STRING, values.length, ...values.map((v) => bin(v)))),
            field(T.I32, 2, i32(1)),
          ),
        ),
      )
    const e = decodeError(dec([false, false], [1], []))
    expect(e.message).toMatch(/DECIMAL128 value of 0 bytes/)
    expect(e.rowIndex).toBe(1)
    expect(decodeError(dec([false], new Array(17).fill(0))).message).toMatch(/17 bytes/)
    expect(decodeChunk(u8(dec([false, true], [0xff], [])), cols('a'))!.toArrays()).toEqual([
      ['-0.1'],
      [null],
    ])
    const constEmpty = chunk(
      2,
      vector(
        vSize(2),
        vType(16),
        vNulls(false),
        vData(18, field(T.STRING, 1, bin([]))),
        vConst(true),
      ),
    )
    expect(decodeError(constEmpty).message).toMatch(/0 bytes/)
  })

  it('rejects INTEGER constants outside int32', () => {
    const c = chunk(
      2,
      vector(
        vSize(2),
        vType(VectorType.INTEGER),
        vNulls(false),
        vData(11, field(T.I64, 1, i64(2n ** 31n))),
        vConst(true),
      ),
    )
    expect(decodeError(c).message).toMatch(/does not fit an int32/)
  })

  it('reports unknown vector types and INT96 as UnsupportedTypeError naming the column', () => {
    for (const t of [VectorType.INT96, 17, 99, -1]) {
      const e = decodeError(chunk(1, vector(vSize(1), vType(t), vNulls(false))), ['weird'])
      expect(e).toBeInstanceOf(UnsupportedTypeError)
      expect(e.code).toBe('UNSUPPORTED_TYPE')
      expect(e.column).toBe('weird')
      expect(e.message).toMatch(/weird/)
    }
  })

  it('bounds the row count with maxRows', () => {
    const c = chunk(
      1_000_000,
      vector(
        vSize(1_000_000),
        vType(6),
        vNulls(false),
        vData(11, field(T.I64, 1, i64(1))),
        vConst(true),
      ),
    )
    expect(() => decodeChunk(u8(c), cols('a'), { maxRows: 1000 })).toThrow(/exceeds maxRows/)
    expect(decodeChunk(u8(c), cols('a'))!.rowCount).toBe(1_000_000)
  })
})
