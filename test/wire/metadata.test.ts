import { describe, expect, it } from 'vitest'
import type { DecodeError } from '../../src/errors.js'
import { decodeMetadata, encodeMetadata } from '../../src/wire/index.js'
import { expectDecodeError } from '../helpers/expect-decode-error.js'
import { hex } from './thrift-builder.js'

const HEAD = '0000000000000001 00000001'

const metaError = (bytes: Uint8Array): DecodeError => expectDecodeError(() => decodeMetadata(bytes))

/** One column whose name has the given raw bytes. */
const withName = (nameHex: string): Uint8Array => {
  const len = nameHex.replace(/\s+/g, '').length / 2
  return hex(`${HEAD} ${len.toString(16).padStart(4, '0')} ${nameHex} 0004 4c4f4e47 0000 0000`)
}

describe('decodeMetadata', () => {
  it('decodes modified UTF-8: C0 80, surrogate triples, and also 4-byte UTF-8', () => {
    expect(decodeMetadata(withName('61 c080 62')).columns[0]!.name).toBe('a\u0000b')
    expect(decodeMetadata(withName('eda0bd edb880')).columns[0]!.name).toBe('😀')
    expect(decodeMetadata(withName('f09f9880')).columns[0]!.name).toBe('😀')
    expect(decodeMetadata(withName('c3a9 e282ac')).columns[0]!.name).toBe('é€')
    expect(decodeMetadata(withName('eda080')).columns[0]!.name).toBe('\ud800')
  })

  it('keeps unknown type names raw and zone/format strings', () => {
    const bytes = encodeMetadata({
      rowCount: -1n,
      columns: [{ name: 'x', typeName: 'GEOGRAPHY', zone: 'Asia/Kolkata', format: 'yyyy-MM-dd' }],
    })
    expect(decodeMetadata(bytes)).toEqual({
      rowCount: -1n,
      columns: [{ name: 'x', typeName: 'GEOGRAPHY', zone: 'Asia/Kolkata', format: 'yyyy-MM-dd' }],
    })
  })

  it('decodes zero columns', () => {
    expect(decodeMetadata(hex('0000000000000000 00000000'))).toEqual({ rowCount: 0n, columns: [] })
  })

  it.each([
    ['raw NUL byte', '61 00'],
    ['lone continuation byte', '80'],
    ['bad continuation', 'c3 41'],
    ['overlong 2-byte form', 'c1 81'],
    ['overlong 3-byte form', 'e0 80 80'],
    ['truncated 3-byte form', '61 e2 82'],
    ['4-byte form above U+10FFFF', 'f4 90 80 80'],
    ['overlong 4-byte form', 'f0 80 80 80'],
    ['5-byte lead', 'f8 88 80 80 80'],
    ['0xff', 'ff'],
  ])('rejects invalid modified UTF-8: %s', (_, bytes) => {
    const e = metaError(withName(bytes))
    expect(e.message).toMatch(/invalid modified UTF-8|runs past/)
    expect(e.offset).toBeGreaterThanOrEqual(14)
  })

  it('rejects a negative column count', () => {
    const e = metaError(hex('0000000000000000 ffffffff'))
    expect(e.message).toMatch(/negative metadata column count -1/)
    expect(e.offset).toBe(8)
  })

  it('rejects truncated input at every length', () => {
    const full = encodeMetadata({
      rowCount: 3n,
      columns: [
        { name: 'a', typeName: 'LONG', zone: '', format: '' },
        { name: 'ü', typeName: 'STRING', zone: 'Z', format: 'f' },
      ],
    })
    for (let n = 0; n < full.length; n++) metaError(full.subarray(0, n))
  })

  it('rejects bytes left over', () => {
    const full = encodeMetadata({ rowCount: 0n, columns: [] })
    const e = metaError(Uint8Array.from([...full, 0]))
    expect(e.message).toMatch(/1 bytes left over/)
    expect(e.offset).toBe(12)
  })

  it('rejects column counts the input cannot hold', () => {
    expect(metaError(hex('0000000000000000 7fffffff')).message).toMatch(
      /exceeds the remaining bytes/,
    )
  })

  it('works on a view with a byte offset', () => {
    const full = encodeMetadata({
      rowCount: 5n,
      columns: [{ name: 'n', typeName: 'LONG', zone: '', format: '' }],
    })
    const padded = new Uint8Array(full.length + 7)
    padded.set(full, 7)
    expect(decodeMetadata(padded.subarray(7)).rowCount).toBe(5n)
  })
})
