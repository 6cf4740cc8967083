import { describe, expect, it } from 'vitest'
import { encodeChunk, encodeMetadata } from '../../src/wire/index.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const clean = (s: string): string => s.replace(/\s+/g, '').toLowerCase()

describe('encodeMetadata', () => {
  it('matches the protocol §8 example', () => {
    const bytes = encodeMetadata({
      rowCount: 2n,
      columns: [{ name: 'id', typeName: 'LONG', zone: '', format: '' }],
    })
    expect(hex(bytes)).toBe(clean('0000000000000002 00000001 0002 6964 0004 4c4f4e47 0000 0000'))
  })

  it('writes modified UTF-8 (NUL as C0 80, astral as surrogate triples)', () => {
    const bytes = encodeMetadata({
      rowCount: 0n,
      columns: [{ name: 'a\u0000😀', typeName: 'é', zone: '', format: '' }],
    })
    expect(hex(bytes)).toBe(
      clean('0000000000000000 00000001 0009 61 c080 eda0bd edb880 0002 c3a9 0000 0000'),
    )
  })
})

describe('encodeChunk', () => {
  it('matches the §9.9 LONG worked batch', () => {
    const bytes = encodeChunk([{ vectorType: 'LONG', values: [7n, null] }])
    expect(hex(bytes)).toBe(
      clean(`08 0001 00000002  0f 0002 0c 00000001
        08 0001 00000002  08 0002 00000006
        0f 0003 02 00000002 00 01
        0c 0004 0c 0003
        0f 0001 0a 00000002 0000000000000007 0000000000000000  00 00
        02 0005 00  00
        00`),
    )
  })

  it('matches the §9.9 constant DECIMAL128 worked batch', () => {
    const bytes = encodeChunk(
      [{ vectorType: 'DECIMAL128', scale: 2, values: [12345n, 12345n, 12345n] }],
      { constantVectors: true },
    )
    expect(hex(bytes)).toBe(
      clean(`08 0001 00000003 0f 0002 0c 00000001 08 0001 00000003
        08 0002 00000010 0f 0003 02 00000001 00 0c 0004 0c 0012 0b 0001 00000010
        00000000000000000000000000003039 08 0002 00000002 00 00 02 0005 01 00 00`),
    )
  })
})
