/**
 * Result metadata decoder (protocol.md §8).
 *
 * @module
 */

import { DecodeError } from '../errors.js'
import { decodeModifiedUtf8 } from './modified-utf8.js'
import type { ColumnDescriptor, ResultMetadata } from './types.js'

/**
 * Decodes `GetResultMetadataResponse.resultMetaData`: big-endian int64 row count, int32 column
 * count, then per column four Java `writeUTF` strings (name, type name, zone, format).
 *
 * Strict: a negative column count, truncated input, bytes left over or invalid modified UTF-8
 * throw a {@link DecodeError} carrying the byte `offset`. Unknown type names are kept raw.
 */
export function decodeMetadata(bytes: Uint8Array): ResultMetadata {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const len = bytes.length
  if (len < 12) {
    throw new DecodeError(`metadata truncated: ${len} bytes, need at least 12`, { offset: len })
  }
  const rowCount = view.getBigInt64(0)
  const n = view.getInt32(8)
  if (n < 0) throw new DecodeError(`negative metadata column count ${n}`, { offset: 8 })
  // every column needs at least 4 × 2 length bytes
  if (n * 8 > len - 12) {
    throw new DecodeError(`metadata column count ${n} exceeds the remaining bytes`, { offset: 8 })
  }
  let pos = 12
  const readUtf = (): string => {
    if (pos + 2 > len)
      throw new DecodeError('metadata truncated in a string length', { offset: pos })
    const strLen = view.getUint16(pos)
    const start = pos + 2
    if (start + strLen > len) {
      throw new DecodeError(`metadata string of ${strLen} bytes runs past the end`, { offset: pos })
    }
    pos = start + strLen
    return decodeModifiedUtf8(bytes, start, strLen)
  }
  const columns: ColumnDescriptor[] = []
  for (let i = 0; i < n; i++) {
    const name = readUtf()
    const typeName = readUtf()
    const zone = readUtf()
    const format = readUtf()
    columns.push({ name, typeName, zone, format })
  }
  if (pos !== len) {
    throw new DecodeError(`${len - pos} bytes left over after the metadata`, { offset: pos })
  }
  return { rowCount, columns }
}
