/**
 * Baseline for bench/decode.ts: the generic `thrift` npm package reading a `Chunk` into plain
 * objects, written the way Thrift's generated JS code does it (`readStructBegin`,
 * `readFieldBegin`, `skip`, …).
 *
 * @example
 * ```ts
 * const chunk = readChunkWithThrift(bytes) // { size, vectors: [{ size, vectorType, nullSet, data }] }
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer'
import thrift from 'thrift'

type Protocol = InstanceType<typeof thrift.TBinaryProtocol>
const { Type } = thrift.Thrift

/**
 * A Vector as the generic reader produces it.
 *
 * @example
 * ```ts
 * readChunkWithThrift(bytes).vectors?.[0]?.vectorType // 6
 * ```
 */
export interface PlainVector {
  size?: number
  vectorType?: number
  nullSet?: boolean[]
  data?: Record<string, unknown>
  isConstantVector?: boolean
}

/**
 * A Chunk as the generic reader produces it.
 *
 * @example
 * ```ts
 * const { size, vectors } = readChunkWithThrift(bytes)
 * ```
 */
export interface PlainChunk {
  size?: number
  vectors?: PlainVector[]
}

function readList<T>(input: Protocol, read: () => T): T[] {
  const { size } = input.readListBegin()
  const out: T[] = []
  for (let i = 0; i < size; i++) out.push(read())
  input.readListEnd()
  return out
}

/** Member struct field readers: [field 1 reader, field 2 reader?], by member id. */
const MEMBER_READERS: Record<number, [(p: Protocol) => unknown, ((p: Protocol) => unknown)?]> = {
  1: [(p) => readList(p, () => p.readBool())],
  2: [(p) => readList(p, () => p.readI32())],
  3: [(p) => readList(p, () => p.readI64())],
  4: [(p) => readList(p, () => p.readI64())],
  5: [(p) => readList(p, () => p.readDouble())],
  6: [(p) => readList(p, () => p.readDouble())],
  7: [(p) => readList(p, () => p.readString())],
  8: [(p) => p.readBool()],
  9: [(p) => p.readI64()],
  10: [(p) => p.readByte()],
  11: [(p) => p.readI64()],
  12: [(p) => p.readDouble()],
  13: [(p) => p.readByte()],
  14: [(p) => p.readI64(), (p) => p.readString()],
  15: [(p) => p.readString()],
  16: [(p) => readList(p, () => p.readI64()), (p) => readList(p, () => p.readString())],
  17: [(p) => readList(p, () => p.readBinary()), (p) => p.readI32()],
  18: [(p) => p.readBinary(), (p) => p.readI32()],
}

function readMember(input: Protocol, id: number): Record<string, unknown> {
  const readers = MEMBER_READERS[id]!
  const out: Record<string, unknown> = {}
  input.readStructBegin()
  for (;;) {
    const { ftype, fid } = input.readFieldBegin()
    if (ftype === Type.STOP) break
    if (fid === 1) out.data = readers[0](input)
    else if (fid === 2 && readers[1] !== undefined) out.extra = readers[1](input)
    else input.skip(ftype)
    input.readFieldEnd()
  }
  input.readStructEnd()
  return out
}

function readData(input: Protocol): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  input.readStructBegin()
  for (;;) {
    const { ftype, fid } = input.readFieldBegin()
    if (ftype === Type.STOP) break
    if (ftype === Type.STRUCT && MEMBER_READERS[fid] !== undefined)
      out[`m${fid}`] = readMember(input, fid)
    else input.skip(ftype)
    input.readFieldEnd()
  }
  input.readStructEnd()
  return out
}

function readVector(input: Protocol): PlainVector {
  const v: PlainVector = {}
  input.readStructBegin()
  for (;;) {
    const { ftype, fid } = input.readFieldBegin()
    if (ftype === Type.STOP) break
    switch (fid) {
      case 1:
        v.size = input.readI32()
        break
      case 2:
        v.vectorType = input.readI32()
        break
      case 3:
        v.nullSet = readList(input, () => input.readBool())
        break
      case 4:
        v.data = readData(input)
        break
      case 5:
        v.isConstantVector = input.readBool()
        break
      default:
        input.skip(ftype)
    }
    input.readFieldEnd()
  }
  input.readStructEnd()
  return v
}

/**
 * Reads one Chunk with `thrift`'s TBinaryProtocol over a TFramedTransport holding the bytes.
 *
 * @example
 * ```ts
 * readChunkWithThrift(encodeChunk([{ vectorType: 'LONG', values: [1n] }])).size // 1
 * ```
 */
export function readChunkWithThrift(bytes: Uint8Array): PlainChunk {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const input = new thrift.TBinaryProtocol(new thrift.TFramedTransport(buf))
  const chunk: PlainChunk = {}
  input.readStructBegin()
  for (;;) {
    const { ftype, fid } = input.readFieldBegin()
    if (ftype === Type.STOP) break
    if (fid === 1) chunk.size = input.readI32()
    else if (fid === 2) chunk.vectors = readList(input, () => readVector(input))
    else input.skip(ftype)
    input.readFieldEnd()
  }
  input.readStructEnd()
  return chunk
}
