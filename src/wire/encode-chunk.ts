/**
 * Thrift `Chunk` encoder (protocol.md §9), used by the local test engine to stream results.
 * Sizes are computed first, then everything is written into one preallocated buffer.
 *
 * @module
 */

import { Buffer } from 'node:buffer'
import { InvalidArgumentError, UnsupportedValueError } from '../errors.js'
import { DataMember, TType } from './thrift-types.js'
import type { ColumnInput, RawValue, VectorTypeName, ZonedMicros } from './types.js'
import { VectorType } from './types.js'
import { utf8Length, writeUtf8 } from './utf8.js'

/** Options of {@link encodeChunk}. */
export interface EncodeChunkOptions {
  /**
   * Emit a constant vector (nullSet of length 1, `*ConstantData` member) for every column with at
   * least 2 rows whose values are all equal (or all NULL). Default `false`.
   */
  readonly constantVectors?: boolean
  /**
   * Row count of the chunk. Defaults to the length of the first column's values; required only
   * for a chunk without columns. Must match every column's length.
   */
  readonly rowCount?: number
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const INT128_MIN = -(2n ** 127n)
const INT128_MAX = 2n ** 127n - 1n

/** How a vector type is laid out on the wire. */
type Layout =
  | 'bool'
  | 'i32'
  | 'i64'
  | 'date'
  | 'f64'
  | 'f32'
  | 'bytes'
  | 'time'
  | 'tz'
  | 'dec'
  | 'null'

const LAYOUT: Readonly<Record<VectorTypeName, Layout | undefined>> = {
  BINARY: 'bytes',
  BOOLEAN: 'bool',
  DOUBLE: 'f64',
  FLOAT: 'f32',
  INT96: undefined,
  INTEGER: 'i32',
  LONG: 'i64',
  STRING: 'bytes',
  DATE: 'date',
  DATETIME: 'time',
  TIMESTAMP: 'time',
  STRUCT: 'bytes',
  MAP: 'bytes',
  ARRAY: 'bytes',
  NULL: 'null',
  TIMESTAMP_TZ: 'tz',
  DECIMAL128: 'dec',
}

/** One column, validated and measured. */
interface Plan {
  readonly layout: Layout
  readonly typeId: number
  readonly constant: boolean
  readonly values: ReadonlyArray<RawValue>
  readonly scale: number
  /** UTF-8 byte lengths of strings (bytes layout) or zones (tz layout). */
  readonly lengths: Int32Array | null
  /** Size of the member struct's fields, without its STOP byte. */
  readonly memberSize: number
  /** Total encoded size of the Vector struct, including its STOP byte. */
  readonly vectorSize: number
}

/**
 * Encodes one result batch as a Thrift TBinaryProtocol `Chunk` (no message envelope).
 *
 * Each column's `values` holds one {@link RawValue} per row (`null` = SQL NULL). Data lists are
 * positional: a NULL row occupies a dummy slot (0, `''`, empty bytes, or 16 zero bytes for
 * DECIMAL128). The NULL vector type is written with an all-true nullSet and no data member.
 * INT64-valued types accept `bigint` or a safe-integer `number`.
 *
 * Throws {@link InvalidArgumentError} for ill-typed input or columns of different lengths, and
 * {@link UnsupportedValueError} for values out of range (int32, int64, 128-bit decimals).
 */
export function encodeChunk(
  columns: readonly ColumnInput[],
  options: EncodeChunkOptions = {},
): Uint8Array {
  const rowCount = options.rowCount ?? columns[0]?.values.length ?? 0
  if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > 0x7fffffff) {
    throw new InvalidArgumentError(`invalid row count ${rowCount}`)
  }
  const constantVectors = options.constantVectors === true
  const plans: Plan[] = []
  // Chunk.size (7) + vectors list header (8) + Chunk STOP (1)
  let total = 16
  for (let c = 0; c < columns.length; c++) {
    const plan = planColumn(columns[c]!, c, rowCount, constantVectors)
    plans.push(plan)
    total += plan.vectorSize
  }
  const buf = Buffer.alloc(total)
  const out = new Uint8Array(buf.buffer, buf.byteOffset, total)
  const view = new DataView(buf.buffer, buf.byteOffset, total)
  let pos = 0
  pos = i32Field(out, view, pos, 1, rowCount)
  pos = header(out, pos, TType.LIST, 2)
  out[pos] = TType.STRUCT
  view.setInt32(pos + 1, plans.length)
  pos += 5
  for (const plan of plans) pos = writeVector(plan, rowCount, buf, view, pos)
  out[pos++] = TType.STOP
  if (pos !== total) throw new Error(`encodeChunk: size mismatch ${pos} != ${total}`)
  return out
}

function planColumn(
  col: ColumnInput,
  index: number,
  rowCount: number,
  constantVectors: boolean,
): Plan {
  const typeName = col.vectorType
  const layout = Object.hasOwn(LAYOUT, typeName) ? LAYOUT[typeName] : undefined
  if (layout === undefined) {
    throw new InvalidArgumentError(`column ${index}: cannot encode vector type ${String(typeName)}`)
  }
  const values = col.values
  if (values.length !== rowCount) {
    throw new InvalidArgumentError(
      `column ${index}: ${values.length} values for a chunk of ${rowCount} rows`,
    )
  }
  const scale = col.scale ?? 0
  if (!Number.isInteger(scale) || scale < -0x80000000 || scale > 0x7fffffff) {
    throw new InvalidArgumentError(`column ${index}: invalid DECIMAL128 scale ${scale}`)
  }
  validate(layout, values, index)
  const n = rowCount
  const constant = constantVectors && layout !== 'null' && n >= 2 && allEqual(values, layout)
  const m = constant ? 1 : n
  let lengths: Int32Array | null = null
  let memberSize: number
  switch (layout) {
    case 'bool':
      memberSize = constant ? 4 : 8 + n
      break
    case 'i32':
      memberSize = constant ? 11 : 8 + 4 * n
      break
    case 'i64':
    case 'date':
    case 'f32':
    case 'f64':
    case 'time':
      memberSize = constant ? 11 : 8 + 8 * n
      break
    case 'bytes': {
      lengths = new Int32Array(m)
      let sum = 0
      for (let i = 0; i < m; i++) {
        const v = values[i]
        const len =
          v === null ? 0 : typeof v === 'string' ? utf8Length(v) : (v as Uint8Array).length
        lengths[i] = len
        sum += len
      }
      memberSize = constant ? 7 + sum : 8 + 4 * n + sum
      break
    }
    case 'tz': {
      lengths = new Int32Array(m)
      let sum = 0
      for (let i = 0; i < m; i++) {
        const v = values[i] as ZonedMicros | null
        const len = v === null ? 0 : utf8Length(v.zone)
        lengths[i] = len
        sum += len
      }
      memberSize = constant ? 11 + 7 + sum : 8 + 8 * n + 8 + 4 * n + sum
      break
    }
    case 'dec':
      memberSize = constant ? 23 + 7 : 8 + 20 * n + 7
      break
    case 'null':
      memberSize = 0
      break
  }
  // size (7) + vectorType (7) + nullSet (8 + m) + isConstantVector (4) + STOP (1)
  let vectorSize = 27 + (layout === 'null' ? n : m)
  // data field header (3) + member field header (3) + member + member STOP + Data STOP
  if (layout !== 'null') vectorSize += 8 + memberSize
  return {
    layout,
    typeId: VectorType[typeName],
    constant,
    values,
    scale,
    lengths,
    memberSize,
    vectorSize,
  }
}

function validate(layout: Layout, values: ReadonlyArray<RawValue>, index: number): void {
  const bad = (row: number, expected: string): never => {
    throw new InvalidArgumentError(`column ${index}, row ${row}: expected ${expected} or null`)
  }
  const n = values.length
  switch (layout) {
    case 'bool':
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (v !== null && typeof v !== 'boolean') bad(i, 'a boolean')
      }
      return
    case 'i32':
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (v === null) continue
        if (typeof v !== 'number' || !Number.isInteger(v)) bad(i, 'an integer number')
        if ((v as number) < -0x80000000 || (v as number) > 0x7fffffff) {
          throw new UnsupportedValueError(`column ${index}, row ${i}: ${v} does not fit an int32`)
        }
      }
      return
    case 'i64':
    case 'date':
    case 'time':
      for (let i = 0; i < n; i++) checkInt64(values[i]!, index, i, bad)
      return
    case 'tz':
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (v === null) continue
        if (typeof v !== 'object' || v instanceof Uint8Array || typeof v.zone !== 'string') {
          bad(i, '{ micros, zone }')
        }
        checkInt64((v as ZonedMicros).micros, index, i, bad)
      }
      return
    case 'f32':
    case 'f64':
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (v !== null && typeof v !== 'number') bad(i, 'a number')
      }
      return
    case 'bytes':
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (v !== null && typeof v !== 'string' && !(v instanceof Uint8Array)) {
          bad(i, 'a string or Uint8Array')
        }
      }
      return
    case 'dec':
      for (let i = 0; i < n; i++) {
        const v = values[i]
        if (v === null) continue
        if (typeof v === 'number' ? !Number.isSafeInteger(v) : typeof v !== 'bigint') {
          bad(i, 'a bigint unscaled value')
        }
        const b = BigInt(v as bigint | number)
        if (b < INT128_MIN || b > INT128_MAX) {
          throw new UnsupportedValueError(
            `column ${index}, row ${i}: unscaled DECIMAL128 value does not fit 128 bits`,
          )
        }
      }
      return
    case 'null':
      for (let i = 0; i < n; i++) if (values[i] !== null) bad(i, 'null (NULL vector)')
      return
  }
}

function checkInt64(
  v: RawValue,
  index: number,
  row: number,
  bad: (row: number, expected: string) => never,
): void {
  if (v === null) return
  if (typeof v === 'bigint') {
    if (v < INT64_MIN || v > INT64_MAX) {
      throw new UnsupportedValueError(`column ${index}, row ${row}: ${v} does not fit an int64`)
    }
  } else if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    bad(row, 'a bigint (or safe integer)')
  }
}

function allEqual(values: ReadonlyArray<RawValue>, layout: Layout): boolean {
  const first = values[0] ?? null
  for (let i = 1; i < values.length; i++) {
    const v = values[i] ?? null
    if (first === null || v === null) {
      if (first !== v) return false
      continue
    }
    switch (layout) {
      case 'bytes':
        if (typeof first === 'string' || typeof v === 'string') {
          if (first !== v) return false
        } else if (!bytesEqual(first as Uint8Array, v as Uint8Array)) {
          return false
        }
        break
      case 'tz': {
        const a = first as ZonedMicros
        const b = v as ZonedMicros
        if (BigInt(a.micros) !== BigInt(b.micros) || a.zone !== b.zone) return false
        break
      }
      case 'i64':
      case 'date':
      case 'time':
      case 'dec':
        if (BigInt(first as bigint) !== BigInt(v as bigint)) return false
        break
      default:
        if (!Object.is(first, v)) return false
    }
  }
  return true
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function header(out: Uint8Array, pos: number, type: number, id: number): number {
  out[pos] = type
  out[pos + 1] = id >> 8
  out[pos + 2] = id & 0xff
  return pos + 3
}

function i32Field(out: Uint8Array, view: DataView, pos: number, id: number, v: number): number {
  header(out, pos, TType.I32, id)
  view.setInt32(pos + 3, v)
  return pos + 7
}

function listHeader(
  out: Uint8Array,
  view: DataView,
  pos: number,
  id: number,
  elemType: number,
  count: number,
): number {
  header(out, pos, TType.LIST, id)
  out[pos + 3] = elemType
  view.setInt32(pos + 4, count)
  return pos + 8
}

const MEMBER: Readonly<Record<Exclude<Layout, 'null'>, readonly [number, number]>> = {
  // [non-constant member, constant member]
  bool: [DataMember.boolData, DataMember.boolConstantData],
  i32: [DataMember.int32Data, DataMember.numericConstantData],
  i64: [DataMember.int64Data, DataMember.numericConstantData],
  date: [DataMember.dateData, DataMember.dateConstantData],
  f32: [DataMember.float32Data, DataMember.numericDecimalConstantData],
  f64: [DataMember.float64Data, DataMember.numericDecimalConstantData],
  bytes: [DataMember.varcharData, DataMember.varcharConstantData],
  time: [DataMember.timeData, DataMember.timeConstantData],
  tz: [DataMember.timeData, DataMember.timeConstantData],
  dec: [DataMember.decimal128Data, DataMember.numericDecimal128ConstantData],
}

function writeVector(plan: Plan, n: number, buf: Buffer, view: DataView, start: number): number {
  const out: Uint8Array = buf
  const { layout, values, constant } = plan
  let pos = i32Field(out, view, start, 1, n)
  pos = i32Field(out, view, pos, 2, plan.typeId)
  // nullSet
  if (layout === 'null') {
    pos = listHeader(out, view, pos, 3, TType.BOOL, n)
    out.fill(1, pos, pos + n)
    pos += n
  } else {
    const m = constant ? 1 : n
    pos = listHeader(out, view, pos, 3, TType.BOOL, m)
    for (let i = 0; i < m; i++) out[pos + i] = values[i] === null ? 1 : 0
    pos += m
    pos = header(out, pos, TType.STRUCT, 4)
    pos = header(out, pos, TType.STRUCT, MEMBER[layout][constant ? 1 : 0])
    const memberStart = pos
    pos = constant ? writeConstant(plan, buf, view, pos) : writeList(plan, n, buf, view, pos)
    if (pos - memberStart !== plan.memberSize) {
      throw new Error(`encodeChunk: member size mismatch for ${layout}`)
    }
    out[pos++] = TType.STOP // member struct
    out[pos++] = TType.STOP // Data union
  }
  pos = header(out, pos, TType.BOOL, 5)
  out[pos++] = constant ? 1 : 0
  out[pos++] = TType.STOP
  return pos
}

function writeConstant(plan: Plan, buf: Buffer, view: DataView, start: number): number {
  const out: Uint8Array = buf
  const v = plan.values[0] ?? null
  let pos = start
  switch (plan.layout) {
    case 'bool':
      pos = header(out, pos, TType.BOOL, 1)
      out[pos++] = v === true ? 1 : 0
      return pos
    case 'i32':
      pos = header(out, pos, TType.I64, 1)
      view.setBigInt64(pos, v === null ? 0n : BigInt(v as number))
      return pos + 8
    case 'i64':
    case 'date':
    case 'time':
      pos = header(out, pos, TType.I64, 1)
      view.setBigInt64(pos, v === null ? 0n : BigInt(v as bigint))
      return pos + 8
    case 'f32':
    case 'f64':
      pos = header(out, pos, TType.DOUBLE, 1)
      view.setFloat64(pos, v === null ? 0 : (v as number))
      return pos + 8
    case 'bytes': {
      pos = header(out, pos, TType.STRING, 1)
      return writeBytesValue(v, plan.lengths![0]!, buf, view, pos)
    }
    case 'tz': {
      const z = v as ZonedMicros | null
      pos = header(out, pos, TType.I64, 1)
      view.setBigInt64(pos, z === null ? 0n : BigInt(z.micros))
      pos = header(out, pos + 8, TType.STRING, 2)
      return writeBytesValue(z === null ? null : z.zone, plan.lengths![0]!, buf, view, pos)
    }
    case 'dec':
      pos = header(out, pos, TType.STRING, 1)
      view.setInt32(pos, 16)
      writeDecimal(v, view, pos + 4)
      return i32Field(out, view, pos + 20, 2, plan.scale)
    case 'null':
      return pos
  }
}

function writeBytesValue(
  v: RawValue,
  len: number,
  buf: Buffer,
  view: DataView,
  pos: number,
): number {
  view.setInt32(pos, len)
  pos += 4
  if (v === null || len === 0) return pos
  if (typeof v === 'string') return writeUtf8(v, len, buf, pos)
  buf.set(v as Uint8Array, pos)
  return pos + len
}

function writeDecimal(v: RawValue, view: DataView, pos: number): void {
  if (v === null) {
    view.setBigInt64(pos, 0n)
    view.setBigInt64(pos + 8, 0n)
    return
  }
  if (typeof v === 'number') {
    // safe integers: sign-extend the high word
    const hi = Math.floor(v / 4294967296)
    const hiWord = v < 0 ? -1 : 0
    view.setInt32(pos, hiWord)
    view.setInt32(pos + 4, hiWord)
    view.setInt32(pos + 8, hi)
    view.setUint32(pos + 12, v - hi * 4294967296)
    return
  }
  const b = v as bigint
  view.setBigInt64(pos, b >> 64n)
  view.setBigUint64(pos + 8, BigInt.asUintN(64, b))
}

function writeList(plan: Plan, n: number, buf: Buffer, view: DataView, start: number): number {
  const out: Uint8Array = buf
  const values = plan.values
  let pos = start
  switch (plan.layout) {
    case 'bool':
      pos = listHeader(out, view, pos, 1, TType.BOOL, n)
      for (let i = 0; i < n; i++) out[pos + i] = values[i] === true ? 1 : 0
      return pos + n
    case 'i32':
      pos = listHeader(out, view, pos, 1, TType.I32, n)
      for (let i = 0; i < n; i++) {
        const v = values[i]
        view.setInt32(pos, v === null ? 0 : (v as number))
        pos += 4
      }
      return pos
    case 'i64':
    case 'date':
    case 'time':
    case 'tz': {
      pos = listHeader(out, view, pos, 1, TType.I64, n)
      const tz = plan.layout === 'tz'
      for (let i = 0; i < n; i++) {
        let v = values[i] ?? null
        if (tz && v !== null) v = (v as ZonedMicros).micros
        if (typeof v === 'bigint') view.setBigInt64(pos, v)
        else if (v !== null) writeSafeInt64(v as number, view, pos)
        pos += 8
      }
      if (!tz) return pos
      const lengths = plan.lengths!
      pos = listHeader(out, view, pos, 2, TType.STRING, n)
      for (let i = 0; i < n; i++) {
        const v = values[i] as ZonedMicros | null
        pos = writeBytesValue(v === null ? null : v.zone, lengths[i]!, buf, view, pos)
      }
      return pos
    }
    case 'f32':
    case 'f64':
      pos = listHeader(out, view, pos, 1, TType.DOUBLE, n)
      for (let i = 0; i < n; i++) {
        const v = values[i]
        view.setFloat64(pos, v === null ? 0 : (v as number))
        pos += 8
      }
      return pos
    case 'bytes': {
      const lengths = plan.lengths!
      pos = listHeader(out, view, pos, 1, TType.STRING, n)
      for (let i = 0; i < n; i++) pos = writeBytesValue(values[i]!, lengths[i]!, buf, view, pos)
      return pos
    }
    case 'dec':
      pos = listHeader(out, view, pos, 1, TType.STRING, n)
      for (let i = 0; i < n; i++) {
        view.setInt32(pos, 16)
        writeDecimal(values[i]!, view, pos + 4)
        pos += 20
      }
      return i32Field(out, view, pos, 2, plan.scale)
    case 'null':
      return pos
  }
}

function writeSafeInt64(v: number, view: DataView, pos: number): void {
  const hi = Math.floor(v / 4294967296)
  view.setInt32(pos, hi)
  view.setUint32(pos + 4, v - hi * 4294967296)
}
