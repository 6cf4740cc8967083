/**
 * Result metadata encoder (protocol.md §8), used by the local test engine.
 *
 * @module
 */

import { InvalidArgumentError } from '../errors.js'
import { modifiedUtf8Length, writeModifiedUtf8 } from './modified-utf8.js'
import type { ResultMetadata } from './types.js'

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/**
 * Serialises result metadata exactly like Java's `DataOutputStream`: big-endian int64 row count,
 * int32 column count, then per column `writeUTF(name)`, `writeUTF(typeName)`, `writeUTF(zone)`,
 * `writeUTF(format)` (uint16 length + modified UTF-8).
 *
 * Throws {@link InvalidArgumentError} when a string exceeds 65 535 encoded bytes or the row
 * count does not fit an int64.
 */
export function encodeMetadata(meta: ResultMetadata): Uint8Array {
  const rowCount = BigInt(meta.rowCount)
  if (rowCount < INT64_MIN || rowCount > INT64_MAX) {
    throw new InvalidArgumentError(`row count ${rowCount} does not fit an int64`)
  }
  const cols = meta.columns
  const lengths: number[] = []
  let total = 12
  for (const col of cols) {
    for (const s of [col.name, col.typeName, col.zone, col.format]) {
      const len = modifiedUtf8Length(s)
      if (len > 0xffff) {
        throw new InvalidArgumentError(`metadata string too long for writeUTF: ${len} bytes`)
      }
      lengths.push(len)
      total += 2 + len
    }
  }
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setBigInt64(0, rowCount)
  view.setInt32(8, cols.length)
  let pos = 12
  let k = 0
  for (const col of cols) {
    for (const s of [col.name, col.typeName, col.zone, col.format]) {
      view.setUint16(pos, lengths[k++]!)
      pos = writeModifiedUtf8(s, out, pos + 2)
    }
  }
  return out
}
