/**
 * Java "modified UTF-8" (`DataOutputStream.writeUTF` / `DataInputStream.readUTF`), used by the
 * result metadata strings (protocol.md §8).
 *
 * @module
 */

import { DecodeError } from '../errors.js'

/**
 * Byte length of `text` in modified UTF-8: U+0000 and U+0080–U+07FF take 2 bytes, other BMP
 * units (including each half of a surrogate pair) 3 bytes, U+0001–U+007F one byte.
 */
export function modifiedUtf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x01 && c <= 0x7f) n += 1
    else if (c <= 0x7ff) n += 2
    else n += 3
  }
  return n
}

/**
 * Writes `text` as modified UTF-8 into `out` at `offset` (no length prefix) and returns the
 * offset after the last byte written. The caller sizes `out` with {@link modifiedUtf8Length}.
 */
export function writeModifiedUtf8(text: string, out: Uint8Array, offset: number): number {
  let p = offset
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x01 && c <= 0x7f) {
      out[p++] = c
    } else if (c <= 0x7ff) {
      out[p++] = 0xc0 | (c >> 6)
      out[p++] = 0x80 | (c & 0x3f)
    } else {
      out[p++] = 0xe0 | (c >> 12)
      out[p++] = 0x80 | ((c >> 6) & 0x3f)
      out[p++] = 0x80 | (c & 0x3f)
    }
  }
  return p
}

const MAX_CHUNK = 0x2000

/**
 * Decodes `length` bytes of modified UTF-8 starting at `offset`. Accepts the Java forms
 * (`C0 80` for U+0000, surrogates as 3-byte sequences) and standard 4-byte UTF-8 sequences;
 * anything else (bad lead or continuation byte, overlong form other than `C0 80`, truncated
 * sequence, raw NUL byte) throws a {@link DecodeError} naming the offending byte offset.
 */
export function decodeModifiedUtf8(bytes: Uint8Array, offset: number, length: number): string {
  const end = offset + length
  if (length < 0 || end > bytes.length) {
    throw new DecodeError('modified UTF-8 string runs past the end of the input', { offset })
  }
  let ascii = true
  for (let i = offset; i < end; i++) {
    const b = bytes[i]!
    if (b === 0 || b > 0x7f) {
      ascii = false
      break
    }
  }
  if (ascii && length <= MAX_CHUNK) {
    return String.fromCharCode.apply(null, bytes.subarray(offset, end) as unknown as number[])
  }
  const units: number[] = []
  let result = ''
  let i = offset
  const bad = (at: number): never => {
    throw new DecodeError('invalid modified UTF-8', { offset: at })
  }
  while (i < end) {
    const b = bytes[i]!
    if (b >= 0x01 && b <= 0x7f) {
      units.push(b)
      i += 1
    } else if ((b & 0xe0) === 0xc0) {
      if (i + 1 >= end) bad(i)
      const b1 = bytes[i + 1]!
      if ((b1 & 0xc0) !== 0x80) bad(i + 1)
      const c = ((b & 0x1f) << 6) | (b1 & 0x3f)
      if (c < 0x80 && c !== 0) bad(i)
      units.push(c)
      i += 2
    } else if ((b & 0xf0) === 0xe0) {
      if (i + 2 >= end) bad(i)
      const b1 = bytes[i + 1]!
      const b2 = bytes[i + 2]!
      if ((b1 & 0xc0) !== 0x80) bad(i + 1)
      if ((b2 & 0xc0) !== 0x80) bad(i + 2)
      const c = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)
      if (c < 0x800) bad(i)
      units.push(c)
      i += 3
    } else if ((b & 0xf8) === 0xf0) {
      if (i + 3 >= end) bad(i)
      const b1 = bytes[i + 1]!
      const b2 = bytes[i + 2]!
      const b3 = bytes[i + 3]!
      if ((b1 & 0xc0) !== 0x80) bad(i + 1)
      if ((b2 & 0xc0) !== 0x80) bad(i + 2)
      if ((b3 & 0xc0) !== 0x80) bad(i + 3)
      const cp = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)
      if (cp < 0x10000 || cp > 0x10ffff) bad(i)
      const v = cp - 0x10000
      units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff))
      i += 4
    } else {
      bad(i)
    }
    if (units.length >= MAX_CHUNK) {
      result += String.fromCharCode.apply(null, units)
      units.length = 0
    }
  }
  return result + String.fromCharCode.apply(null, units)
}
