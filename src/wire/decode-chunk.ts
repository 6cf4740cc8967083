/**
 * Thrift `Chunk` decoder (protocol.md §9).
 *
 * This is a hand-written TBinaryProtocol reader specialised for the e6data vector schema — the
 * benchmarked hot path (bench/decode.ts; the generic `thrift` npm package is the baseline). It
 * walks the struct once, validates it, and builds typed columns: fixed-width lists are copied
 * and byte-swapped natively, `list<bool>` is used in place, and strings / decimals are kept as
 * byte ranges into the input and decoded lazily by the {@link ColumnarBatch}.
 *
 * @module
 */

import { Buffer } from 'node:buffer'
import { DecodeError, UnsupportedTypeError } from '../errors.js'
import type { BatchColumn, ByteRanges } from './batch-column.js'
import { ColumnarBatch } from './columnar-batch.js'
import { DATA_MEMBER_NAMES, DataMember, TType, VECTOR_TYPE_NAMES } from './thrift-types.js'
import type { ColumnDescriptor, VectorTypeName } from './types.js'

/** Options of {@link decodeChunk}. */
export interface DecodeChunkOptions {
  /**
   * Largest accepted `Chunk.size` (default 16 777 216). Constant vectors let a few bytes claim
   * any row count, so this bounds the work a hostile or corrupt batch can cause.
   */
  readonly maxRows?: number
}

/** Default {@link DecodeChunkOptions.maxRows}. */
const DEFAULT_MAX_ROWS = 16_777_216
/** Largest |scale| accepted for DECIMAL128 (e6data uses 0–38). */
const MAX_DECIMAL_SCALE = 1000
const MAX_SKIP_DEPTH = 32
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

/** A scalar, string or list value located in the input. */
interface Slot {
  /** Offset of the field header (for error messages). */
  readonly offset: number
  /** First byte of the value (scalars, strings) or of the first list element. */
  readonly pos: number
  /** String byte length, list element count, or 1 for scalars. */
  readonly count: number
  /** Element ranges of a `list<string>`. */
  readonly ranges: { readonly offsets: Int32Array; readonly lengths: Int32Array } | undefined
}

/** A decoded `Data` union member. */
interface Member {
  readonly id: number
  readonly offset: number
  readonly data: Slot | undefined
  readonly extra: Slot | undefined
}

/** A Vector struct as located in the input. */
interface RawVector {
  readonly offset: number
  readonly size: number | undefined
  readonly vectorType: number | undefined
  readonly nullSet: Slot | undefined
  readonly member: Member | undefined
  readonly constant: boolean
}

/** Expected wire shape of a member field. */
interface FieldSpec {
  readonly type: number
  readonly elem?: number
}

const LIST_BOOL: FieldSpec = { type: TType.LIST, elem: TType.BOOL }
const LIST_I32: FieldSpec = { type: TType.LIST, elem: TType.I32 }
const LIST_I64: FieldSpec = { type: TType.LIST, elem: TType.I64 }
const LIST_DOUBLE: FieldSpec = { type: TType.LIST, elem: TType.DOUBLE }
const LIST_STRING: FieldSpec = { type: TType.LIST, elem: TType.STRING }
const BOOL: FieldSpec = { type: TType.BOOL }
const BYTE: FieldSpec = { type: TType.BYTE }
const I32: FieldSpec = { type: TType.I32 }
const I64: FieldSpec = { type: TType.I64 }
const DOUBLE: FieldSpec = { type: TType.DOUBLE }
const STRING: FieldSpec = { type: TType.STRING }

/** [field 1, field 2] of each `Data` member struct, indexed by member id. */
const MEMBER_FIELDS: readonly (readonly [FieldSpec, FieldSpec | undefined] | undefined)[] = [
  undefined,
  [LIST_BOOL, undefined], // boolData
  [LIST_I32, undefined], // int32Data
  [LIST_I64, undefined], // int64Data
  [LIST_I64, undefined], // dateData
  [LIST_DOUBLE, undefined], // float32Data
  [LIST_DOUBLE, undefined], // float64Data
  [LIST_STRING, undefined], // varcharData
  [BOOL, undefined], // boolConstantData
  [I64, undefined], // dateConstantData
  [BYTE, undefined], // nullConstantData
  [I64, undefined], // numericConstantData
  [DOUBLE, undefined], // numericDecimalConstantData
  [BYTE, undefined], // temporalIntervalConstantData
  [I64, STRING], // timeConstantData
  [STRING, undefined], // varcharConstantData
  [LIST_I64, LIST_STRING], // timeData
  [LIST_STRING, I32], // decimal128Data
  [STRING, I32], // numericDecimal128ConstantData
]

/** [non-constant member, constant member] per vector type (protocol.md §9.3). */
const ALLOWED: Readonly<Record<VectorTypeName, readonly [number, number] | undefined>> = {
  BINARY: [DataMember.varcharData, DataMember.varcharConstantData],
  BOOLEAN: [DataMember.boolData, DataMember.boolConstantData],
  DOUBLE: [DataMember.float64Data, DataMember.numericDecimalConstantData],
  FLOAT: [DataMember.float32Data, DataMember.numericDecimalConstantData],
  INT96: undefined,
  INTEGER: [DataMember.int32Data, DataMember.numericConstantData],
  LONG: [DataMember.int64Data, DataMember.numericConstantData],
  STRING: [DataMember.varcharData, DataMember.varcharConstantData],
  DATE: [DataMember.dateData, DataMember.dateConstantData],
  DATETIME: [DataMember.timeData, DataMember.timeConstantData],
  TIMESTAMP: [DataMember.timeData, DataMember.timeConstantData],
  STRUCT: [DataMember.varcharData, DataMember.varcharConstantData],
  MAP: [DataMember.varcharData, DataMember.varcharConstantData],
  ARRAY: [DataMember.varcharData, DataMember.varcharConstantData],
  NULL: undefined,
  TIMESTAMP_TZ: [DataMember.timeData, DataMember.timeConstantData],
  DECIMAL128: [DataMember.decimal128Data, DataMember.numericDecimal128ConstantData],
}

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [TType.BOOL]: 'bool',
  [TType.BYTE]: 'byte',
  [TType.DOUBLE]: 'double',
  [TType.I16]: 'i16',
  [TType.I32]: 'i32',
  [TType.I64]: 'i64',
  [TType.STRING]: 'string',
  [TType.STRUCT]: 'struct',
  [TType.MAP]: 'map',
  [TType.SET]: 'set',
  [TType.LIST]: 'list',
}

/** Smallest encoded size of a value of each Thrift type (0 = not a valid type). */
const MIN_SIZE = new Uint8Array(16)
MIN_SIZE[TType.BOOL] = 1
MIN_SIZE[TType.BYTE] = 1
MIN_SIZE[TType.DOUBLE] = 8
MIN_SIZE[TType.I16] = 2
MIN_SIZE[TType.I32] = 4
MIN_SIZE[TType.I64] = 8
MIN_SIZE[TType.STRING] = 4
MIN_SIZE[TType.STRUCT] = 1
MIN_SIZE[TType.MAP] = 6
MIN_SIZE[TType.SET] = 5
MIN_SIZE[TType.LIST] = 5

const typeName = (t: number): string => TYPE_NAMES[t] ?? `type ${t}`

/** Walks one Chunk struct; every read is bounds-checked. */
class ChunkParser {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  readonly #end: number
  readonly #columns: readonly ColumnDescriptor[]
  #pos = 0
  /** Index of the vector being parsed, for error context (-1 outside vectors). */
  #vector = -1

  constructor(bytes: Uint8Array, columns: readonly ColumnDescriptor[]) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.#end = bytes.length
    this.#columns = columns
  }

  fail(message: string, offset: number = this.#pos, vector: number = this.#vector): never {
    const desc = vector >= 0 ? this.#columns[vector] : undefined
    throw new DecodeError(message, {
      offset,
      ...(vector >= 0 ? { columnIndex: vector } : {}),
      ...(desc !== undefined ? { column: desc.name } : {}),
    })
  }

  #need(n: number): void {
    if (this.#end - this.#pos < n) this.fail(`truncated Chunk: need ${n} more bytes`)
  }

  #u8(): number {
    this.#need(1)
    return this.#bytes[this.#pos++]!
  }

  #i32(): number {
    this.#need(4)
    const v = this.#view.getInt32(this.#pos)
    this.#pos += 4
    return v
  }

  /** Reads a field header; returns the type (0 = STOP) and stores the id in `#fieldId`. */
  #fieldId = 0
  #field(): number {
    const type = this.#u8()
    if (type === TType.STOP) return type
    this.#need(2)
    this.#fieldId = this.#view.getInt16(this.#pos)
    this.#pos += 2
    return type
  }

  #expect(actual: number, expected: number, what: string, offset: number): void {
    if (actual !== expected) {
      this.fail(
        `${what} has Thrift type ${typeName(actual)}, expected ${typeName(expected)}`,
        offset,
      )
    }
  }

  /** Reads a list/set header and validates its element type and count. */
  #listHeader(expectedElem: number | undefined, what: string): [number, number] {
    const at = this.#pos
    const elem = this.#u8()
    const count = this.#i32()
    if (expectedElem !== undefined && elem !== expectedElem) {
      this.fail(
        `${what} has elements of type ${typeName(elem)}, expected ${typeName(expectedElem)}`,
        at,
      )
    }
    const min = MIN_SIZE[elem] ?? 0
    if (min === 0) this.fail(`invalid Thrift element type ${elem}`, at)
    if (count < 0) this.fail(`negative count ${count} in ${what}`, at + 1)
    if (count * min > this.#end - this.#pos) {
      this.fail(`count ${count} in ${what} exceeds the remaining bytes`, at + 1)
    }
    return [elem, count]
  }

  /** Skips a value of any Thrift type (unknown fields), depth-limited. */
  #skip(type: number, depth: number): void {
    if (depth > MAX_SKIP_DEPTH) this.fail('Thrift value nested too deeply')
    switch (type) {
      case TType.BOOL:
      case TType.BYTE:
        this.#need(1)
        this.#pos += 1
        return
      case TType.I16:
        this.#need(2)
        this.#pos += 2
        return
      case TType.I32:
        this.#need(4)
        this.#pos += 4
        return
      case TType.I64:
      case TType.DOUBLE:
        this.#need(8)
        this.#pos += 8
        return
      case TType.STRING: {
        const at = this.#pos
        const len = this.#i32()
        if (len < 0) this.fail(`negative string length ${len}`, at)
        if (len > this.#end - this.#pos)
          this.fail(`string length ${len} exceeds the remaining bytes`, at)
        this.#pos += len
        return
      }
      case TType.STRUCT:
        for (;;) {
          const t = this.#field()
          if (t === TType.STOP) return
          this.#skip(t, depth + 1)
        }
      case TType.MAP: {
        const at = this.#pos
        const k = this.#u8()
        const v = this.#u8()
        const count = this.#i32()
        const mk = MIN_SIZE[k] ?? 0
        const mv = MIN_SIZE[v] ?? 0
        if (mk === 0 || mv === 0) this.fail('invalid Thrift map key/value type', at)
        if (count < 0) this.fail(`negative map count ${count}`, at + 2)
        if (count * (mk + mv) > this.#end - this.#pos) {
          this.fail(`map count ${count} exceeds the remaining bytes`, at + 2)
        }
        for (let i = 0; i < count; i++) {
          this.#skip(k, depth + 1)
          this.#skip(v, depth + 1)
        }
        return
      }
      case TType.SET:
      case TType.LIST: {
        const [elem, count] = this.#listHeader(undefined, 'list')
        const min = MIN_SIZE[elem]!
        if (elem !== TType.STRING && elem < TType.STRUCT) {
          this.#pos += count * min
          return
        }
        for (let i = 0; i < count; i++) this.#skip(elem, depth + 1)
        return
      }
      default:
        this.fail(`invalid Thrift type ${type}`, this.#pos - 3)
    }
  }

  parseChunk(): { size: number | undefined; vectors: RawVector[] | undefined } {
    let size: number | undefined
    let vectors: RawVector[] | undefined
    for (;;) {
      const at = this.#pos
      const type = this.#field()
      if (type === TType.STOP) break
      switch (this.#fieldId) {
        case 1:
          this.#expect(type, TType.I32, 'Chunk.size', at)
          size = this.#i32()
          break
        case 2: {
          this.#expect(type, TType.LIST, 'Chunk.vectors', at)
          const [, count] = this.#listHeader(TType.STRUCT, 'Chunk.vectors')
          vectors = []
          for (let i = 0; i < count; i++) {
            this.#vector = i
            vectors.push(this.#parseVector())
          }
          this.#vector = -1
          break
        }
        default:
          this.#skip(type, 1)
      }
    }
    if (this.#pos !== this.#end) {
      this.fail(`${this.#end - this.#pos} bytes left over after the Chunk`)
    }
    return { size, vectors }
  }

  #parseVector(): RawVector {
    const offset = this.#pos
    let size: number | undefined
    let vectorType: number | undefined
    let nullSet: Slot | undefined
    let member: Member | undefined
    let constant = false
    for (;;) {
      const at = this.#pos
      const type = this.#field()
      if (type === TType.STOP) break
      switch (this.#fieldId) {
        case 1:
          this.#expect(type, TType.I32, 'Vector.size', at)
          size = this.#i32()
          break
        case 2:
          this.#expect(type, TType.I32, 'Vector.vectorType', at)
          vectorType = this.#i32()
          break
        case 3:
          this.#expect(type, TType.LIST, 'Vector.nullSet', at)
          nullSet = this.#slot(LIST_BOOL, at, 'Vector.nullSet')
          break
        case 4:
          this.#expect(type, TType.STRUCT, 'Vector.data', at)
          member = this.#parseData()
          break
        case 5:
          this.#expect(type, TType.BOOL, 'Vector.isConstantVector', at)
          constant = this.#u8() !== 0
          break
        case 6:
        case 7:
          this.#expect(
            type,
            TType.STRING,
            this.#fieldId === 6 ? 'Vector.zoneOffset' : 'Vector.format',
            at,
          )
          this.#skip(type, 1)
          break
        default:
          this.#skip(type, 1)
      }
    }
    return { offset, size, vectorType, nullSet, member, constant }
  }

  #parseData(): Member | undefined {
    let member: Member | undefined
    for (;;) {
      const at = this.#pos
      const type = this.#field()
      if (type === TType.STOP) break
      const id = this.#fieldId
      const fields = id > 0 ? MEMBER_FIELDS[id] : undefined
      if (fields === undefined) {
        this.#skip(type, 2)
        continue
      }
      const name = `Data.${DATA_MEMBER_NAMES[id]}`
      this.#expect(type, TType.STRUCT, name, at)
      if (member !== undefined) this.fail('Data union has more than one member', at)
      let data: Slot | undefined
      let extra: Slot | undefined
      for (;;) {
        const fat = this.#pos
        const ftype = this.#field()
        if (ftype === TType.STOP) break
        const fid = this.#fieldId
        const spec = fid === 1 ? fields[0] : fid === 2 ? fields[1] : undefined
        if (spec === undefined) {
          this.#skip(ftype, 3)
          continue
        }
        const what = `${name}.${fid === 1 ? 'data' : id === DataMember.timeData || id === DataMember.timeConstantData ? 'zoneData' : 'scale'}`
        this.#expect(ftype, spec.type, what, fat)
        const slot = this.#slot(spec, fat, what)
        if (fid === 1) data = slot
        else extra = slot
      }
      member = { id, offset: at, data, extra }
    }
    return member
  }

  /** Reads a field value of the given (already checked) shape. */
  #slot(spec: FieldSpec, offset: number, what: string): Slot {
    switch (spec.type) {
      case TType.BOOL:
      case TType.BYTE:
        this.#need(1)
        return { offset, pos: this.#pos++, count: 1, ranges: undefined }
      case TType.I32: {
        this.#need(4)
        const pos = this.#pos
        this.#pos += 4
        return { offset, pos, count: 1, ranges: undefined }
      }
      case TType.I64:
      case TType.DOUBLE: {
        this.#need(8)
        const pos = this.#pos
        this.#pos += 8
        return { offset, pos, count: 1, ranges: undefined }
      }
      case TType.STRING: {
        const len = this.#i32()
        if (len < 0) this.fail(`negative length ${len} in ${what}`, this.#pos - 4)
        if (len > this.#end - this.#pos) {
          this.fail(`length ${len} in ${what} exceeds the remaining bytes`, this.#pos - 4)
        }
        const pos = this.#pos
        this.#pos += len
        return { offset, pos, count: len, ranges: undefined }
      }
      default: {
        const [elem, count] = this.#listHeader(spec.elem, what)
        const pos = this.#pos
        if (elem !== TType.STRING) {
          this.#pos += count * MIN_SIZE[elem]!
          return { offset, pos, count, ranges: undefined }
        }
        return { offset, pos, count, ranges: this.#stringList(count, what) }
      }
    }
  }

  /** Walks `count` binary elements, recording their byte ranges. */
  #stringList(count: number, what: string): { offsets: Int32Array; lengths: Int32Array } {
    const bytes = this.#bytes
    const end = this.#end
    const offsets = new Int32Array(count)
    const lengths = new Int32Array(count)
    let pos = this.#pos
    for (let i = 0; i < count; i++) {
      if (end - pos < 4) {
        this.#pos = pos
        this.fail(`truncated ${what}`)
      }
      const len =
        (bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!
      pos += 4
      if (len < 0 || len > end - pos) {
        this.fail(`invalid length ${len} of element ${i} in ${what}`, pos - 4)
      }
      offsets[i] = pos
      lengths[i] = len
      pos += len
    }
    this.#pos = pos
    return { offsets, lengths }
  }
}

function copySwapped(bytes: Uint8Array, pos: number, n: number, width: 4 | 8): ArrayBuffer {
  const ab = new ArrayBuffer(n * width)
  const u8 = new Uint8Array(ab)
  u8.set(bytes.subarray(pos, pos + n * width))
  if (LITTLE_ENDIAN) {
    const b = Buffer.from(ab)
    if (width === 8) b.swap64()
    else b.swap32()
  }
  return ab
}

/**
 * Decodes one `GetNextResultBatchResponse.resultBatch` (a Thrift TBinaryProtocol `Chunk`) into a
 * {@link ColumnarBatch}, using the result metadata's column descriptors.
 *
 * Returns `null` at the end of results: zero-length input, or a Chunk with `size ≤ 0`.
 * Malformed input throws {@link DecodeError} (with byte `offset` and, where known, the column);
 * an unknown vector type or INT96 throws {@link UnsupportedTypeError}. Fields may come in any
 * order and unknown fields are skipped. The batch keeps a reference to `bytes` for lazy string
 * and decimal decoding, so the buffer must not be modified afterwards.
 */
export function decodeChunk(
  bytes: Uint8Array,
  columns: readonly ColumnDescriptor[],
  options: DecodeChunkOptions = {},
): ColumnarBatch | null {
  if (bytes.length === 0) return null
  const parser: ChunkParser = new ChunkParser(bytes, columns)
  const { size, vectors } = parser.parseChunk()
  if (size === undefined) parser.fail('Chunk.size is missing', 0, -1)
  if (size <= 0) return null
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS
  if (size > maxRows) parser.fail(`Chunk.size ${size} exceeds maxRows ${maxRows}`, 0, -1)
  const raw = vectors ?? []
  if (raw.length !== columns.length) {
    parser.fail(
      `Chunk has ${raw.length} vectors but the metadata has ${columns.length} columns`,
      0,
      -1,
    )
  }
  const built: BatchColumn[] = []
  for (let i = 0; i < raw.length; i++) {
    built.push(buildColumn(parser, bytes, i, columns[i]!, raw[i]!, size))
  }
  return new ColumnarBatch(size, columns, built)
}

const ONE = Uint8Array.of(1)

function buildColumn(
  parser: ChunkParser,
  bytes: Uint8Array,
  index: number,
  descriptor: ColumnDescriptor,
  v: RawVector,
  rowCount: number,
): BatchColumn {
  const fail = (message: string, offset: number = v.offset): never =>
    parser.fail(message, offset, index)
  if (v.size === undefined) fail('Vector.size is missing')
  if (v.vectorType === undefined) fail('Vector.vectorType is missing')
  if (v.size !== rowCount) fail(`Vector.size ${v.size} differs from Chunk.size ${rowCount}`)
  const typeName = VECTOR_TYPE_NAMES[v.vectorType!] as VectorTypeName | undefined
  if (typeName === undefined || typeName === 'INT96') {
    throw new UnsupportedTypeError(
      typeName === undefined
        ? `unknown vector type id ${v.vectorType}`
        : 'INT96 vectors are not supported',
      {
        column: descriptor.name,
        columnIndex: index,
        offset: v.offset,
        vectorType: typeName ?? String(v.vectorType),
      },
    )
  }
  const base = { index, name: descriptor.name, descriptor, vectorType: typeName }
  if (typeName === 'NULL') return { ...base, kind: 'null', constant: true, nulls: ONE }
  const allowed = ALLOWED[typeName]!
  const constant = v.constant
  const ns = v.nullSet
  if (ns === undefined) return fail('Vector.nullSet is missing')
  const nullCount = constant ? 1 : rowCount
  // non-constant lists must be exactly `size` long (§9.4): longer is as wrong as shorter
  if (constant ? ns.count < 1 : ns.count !== rowCount) {
    fail(`nullSet has ${ns.count} entries, need ${constant ? 'at least 1' : rowCount}`, ns.offset)
  }
  const nulls = bytes.subarray(ns.pos, ns.pos + nullCount)
  const m = v.member
  if (m === undefined) return fail('Vector.data is missing')
  const expected = allowed[constant ? 1 : 0]
  if (m.id !== expected) {
    fail(
      `Data.${DATA_MEMBER_NAMES[m.id]} is not allowed for a ${constant ? 'constant ' : ''}${typeName} vector (expected ${DATA_MEMBER_NAMES[expected]})`,
      m.offset,
    )
  }
  const d = m.data
  if (d === undefined) return fail(`Data.${DATA_MEMBER_NAMES[m.id]}.data is missing`, m.offset)
  if (!constant && d.count !== rowCount) {
    fail(`data list has ${d.count} entries, need ${rowCount}`, d.offset)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const common = { ...base, constant, nulls }
  switch (typeName) {
    case 'BOOLEAN':
      return { ...common, kind: 'boolean', values: bytes.subarray(d.pos, d.pos + nullCount) }
    case 'INTEGER': {
      if (!constant) {
        return {
          ...common,
          kind: 'int32',
          values: new Int32Array(copySwapped(bytes, d.pos, rowCount, 4)),
        }
      }
      const c = view.getBigInt64(d.pos)
      if (nulls[0] === 0 && (c < -2147483648n || c > 2147483647n)) {
        fail(`INTEGER constant ${c} does not fit an int32`, d.offset)
      }
      return { ...common, kind: 'int32', values: Int32Array.of(nulls[0] === 0 ? Number(c) : 0) }
    }
    case 'LONG':
    case 'DATE':
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIMESTAMP_TZ': {
      const values = constant
        ? BigInt64Array.of(view.getBigInt64(d.pos))
        : new BigInt64Array(copySwapped(bytes, d.pos, rowCount, 8))
      let zones: ByteRanges | null = null
      const z = m.extra
      if (typeName === 'TIMESTAMP_TZ' && z !== undefined) {
        if (constant) {
          zones = { source: bytes, offsets: Int32Array.of(z.pos), lengths: Int32Array.of(z.count) }
        } else {
          if (z.count !== rowCount)
            fail(`zoneData has ${z.count} entries, need ${rowCount}`, z.offset)
          const r = z.ranges!
          zones = {
            source: bytes,
            offsets: r.offsets.subarray(0, rowCount),
            lengths: r.lengths.subarray(0, rowCount),
          }
        }
      }
      return { ...common, kind: 'int64', values, zones }
    }
    case 'FLOAT':
    case 'DOUBLE': {
      const values = constant
        ? Float64Array.of(view.getFloat64(d.pos))
        : new Float64Array(copySwapped(bytes, d.pos, rowCount, 8))
      return { ...common, kind: 'float64', values }
    }
    case 'STRING':
    case 'BINARY':
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT': {
      if (constant) {
        return {
          ...common,
          kind: 'bytes',
          source: bytes,
          offsets: Int32Array.of(d.pos),
          lengths: Int32Array.of(d.count),
        }
      }
      const r = d.ranges!
      return {
        ...common,
        kind: 'bytes',
        source: bytes,
        offsets: r.offsets.subarray(0, rowCount),
        lengths: r.lengths.subarray(0, rowCount),
      }
    }
    case 'DECIMAL128': {
      const scale = m.extra === undefined ? 0 : view.getInt32(m.extra.pos)
      if (scale > MAX_DECIMAL_SCALE || scale < -MAX_DECIMAL_SCALE) {
        fail(`DECIMAL128 scale ${scale} is out of range`, m.extra!.offset)
      }
      let offsets: Int32Array
      let lengths: Int32Array
      if (constant) {
        offsets = Int32Array.of(d.pos)
        lengths = Int32Array.of(d.count)
      } else {
        offsets = d.ranges!.offsets.subarray(0, rowCount)
        lengths = d.ranges!.lengths.subarray(0, rowCount)
      }
      for (let i = 0; i < nullCount; i++) {
        const len = lengths[i]!
        if (nulls[i] === 0 && (len < 1 || len > 16)) {
          throw new DecodeError(`DECIMAL128 value of ${len} bytes (expected 1–16)`, {
            offset: offsets[i]! - 4,
            column: descriptor.name,
            columnIndex: index,
            ...(constant ? {} : { rowIndex: i }),
            vectorType: typeName,
          })
        }
      }
      return { ...common, kind: 'decimal', source: bytes, offsets, lengths, scale }
    }
  }
}
