/** Tiny TBinaryProtocol byte builder for hand-made (often malformed) test inputs. */

export const T = {
  STOP: 0,
  BOOL: 2,
  BYTE: 3,
  DOUBLE: 4,
  I16: 6,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  MAP: 13,
  SET: 14,
  LIST: 15,
} as const

export type Bytes = number[]

export const i16 = (v: number): Bytes => [(v >> 8) & 0xff, v & 0xff]
export const i32 = (v: number): Bytes => [
  (v >>> 24) & 0xff,
  (v >>> 16) & 0xff,
  (v >>> 8) & 0xff,
  v & 0xff,
]
export function i64(v: bigint | number): Bytes {
  const b = Buffer.alloc(8)
  b.writeBigInt64BE(BigInt(v))
  return [...b]
}
export function f64(v: number): Bytes {
  const b = Buffer.alloc(8)
  b.writeDoubleBE(v)
  return [...b]
}
export function bin(v: string | Bytes | Uint8Array): Bytes {
  const bytes = typeof v === 'string' ? [...Buffer.from(v, 'utf8')] : [...v]
  return [...i32(bytes.length), ...bytes]
}
export const field = (type: number, id: number, ...payload: Bytes[]): Bytes => [
  type,
  ...i16(id),
  ...payload.flat(),
]
export const struct = (...fields: Bytes[]): Bytes => [...fields.flat(), T.STOP]
export const list = (elem: number, count: number, ...payload: Bytes[]): Bytes => [
  elem,
  ...i32(count),
  ...payload.flat(),
]

/** A Vector struct from its parts (each part a complete field, in the given order). */
export const vector = (...fields: Bytes[]): Bytes => struct(...fields)

export const vSize = (n: number): Bytes => field(T.I32, 1, i32(n))
export const vType = (t: number): Bytes => field(T.I32, 2, i32(t))
export const vNulls = (...flags: boolean[]): Bytes =>
  field(
    T.LIST,
    3,
    list(
      T.BOOL,
      flags.length,
      flags.map((f) => (f ? 1 : 0)),
    ),
  )
export const vData = (memberId: number, ...memberFields: Bytes[]): Bytes =>
  field(T.STRUCT, 4, struct(field(T.STRUCT, memberId, struct(...memberFields))))
export const vConst = (c: boolean): Bytes => field(T.BOOL, 5, [c ? 1 : 0])

/** A Chunk struct of `size` rows holding `vectors`. */
export const chunk = (size: number, ...vectors: Bytes[]): Bytes =>
  struct(field(T.I32, 1, i32(size)), field(T.LIST, 2, list(T.STRUCT, vectors.length, ...vectors)))

export const u8 = (b: Bytes): Uint8Array => Uint8Array.from(b)

/** Column descriptors with the given names (type names are informational only). */
export const cols = (...names: string[]) =>
  names.map((name) => ({ name, typeName: '', zone: '', format: '' }))

/** Parses spaced hex into bytes. */
export const hex = (s: string): Uint8Array =>
  new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'))
