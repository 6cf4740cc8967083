/**
 * UTF-8 helpers shared by the chunk encoder and the lazy string decoding of batches. Short
 * strings go through plain JS loops (cheaper than crossing into native code per value), long
 * ones through Node's native `Buffer` routines.
 *
 * @module
 */

import { Buffer } from 'node:buffer'

/** Strings at least this long are measured/encoded natively. */
const NATIVE_THRESHOLD = 48

/** A `Buffer` with Node's long-standing (undocumented) direct UTF-8 slicer, the fastest decoder. */
export type SlicingBuffer = Buffer & { utf8Slice?: (start: number, end: number) => string }

/** Whether this runtime's `Buffer` has `utf8Slice` (else `toString('utf8', …)` is used). */
export const HAS_UTF8_SLICE = typeof (Buffer.prototype as SlicingBuffer).utf8Slice === 'function'

/** A `Buffer` view over `bytes` (no copy). */
export function bufferOf(bytes: Uint8Array): Buffer {
  return bytes instanceof Buffer
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * UTF-8 byte length of `text` as `Buffer.from(text, 'utf8')` would produce it (a lone surrogate
 * becomes U+FFFD, 3 bytes).
 */
export function utf8Length(text: string): number {
  const n = text.length
  if (n >= NATIVE_THRESHOLD) return Buffer.byteLength(text, 'utf8')
  let len = n
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) {
      len += 1
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        len += 2 // 4 bytes for 2 units
        i++
      } else {
        len += 2
      }
    } else {
      len += 2
    }
  }
  return len
}

/**
 * Writes `text` as UTF-8 (lone surrogates → U+FFFD) into `out` at `offset`; `byteLength` must be
 * `utf8Length(text)`. Returns the offset after the last byte.
 */
export function writeUtf8(text: string, byteLength: number, out: Buffer, offset: number): number {
  const n = text.length
  if (n >= NATIVE_THRESHOLD) {
    out.write(text, offset, byteLength, 'utf8')
    return offset + byteLength
  }
  let p = offset
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) {
      out[p++] = c
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6)
      out[p++] = 0x80 | (c & 0x3f)
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0
        if (d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
          out[p++] = 0xf0 | (cp >> 18)
          out[p++] = 0x80 | ((cp >> 12) & 0x3f)
          out[p++] = 0x80 | ((cp >> 6) & 0x3f)
          out[p++] = 0x80 | (cp & 0x3f)
          i++
          continue
        }
        c = 0xfffd
      }
      out[p++] = 0xe0 | (c >> 12)
      out[p++] = 0x80 | ((c >> 6) & 0x3f)
      out[p++] = 0x80 | (c & 0x3f)
    }
  }
  return p
}
