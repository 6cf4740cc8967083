/**
 * Thrift TBinaryProtocol type ids and the field/member ids of the e6data `Chunk` schema
 * (protocol.md §9.1–§9.2). Shared by the hand-written encoder and decoder.
 *
 * @module
 */

/** Thrift wire type ids (TBinaryProtocol). */
export const TType = {
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

/** Field ids of the `Data` union members (protocol.md §9.2). */
export const DataMember = {
  boolData: 1,
  int32Data: 2,
  int64Data: 3,
  dateData: 4,
  float32Data: 5,
  float64Data: 6,
  varcharData: 7,
  boolConstantData: 8,
  dateConstantData: 9,
  nullConstantData: 10,
  numericConstantData: 11,
  numericDecimalConstantData: 12,
  temporalIntervalConstantData: 13,
  timeConstantData: 14,
  varcharConstantData: 15,
  timeData: 16,
  decimal128Data: 17,
  numericDecimal128ConstantData: 18,
} as const

/** Name of a `Data` union member, e.g. `'int64Data'`. */
export type DataMemberName = keyof typeof DataMember

/** `Data` union member names by id (index = field id). */
export const DATA_MEMBER_NAMES: readonly (DataMemberName | undefined)[] = (() => {
  const names: (DataMemberName | undefined)[] = []
  for (const [name, id] of Object.entries(DataMember)) names[id] = name as DataMemberName
  return names
})()

/** Vector type names by id (index = `VectorType` id). */
export const VECTOR_TYPE_NAMES = [
  'BINARY',
  'BOOLEAN',
  'DOUBLE',
  'FLOAT',
  'INT96',
  'INTEGER',
  'LONG',
  'STRING',
  'DATE',
  'DATETIME',
  'TIMESTAMP',
  'STRUCT',
  'MAP',
  'ARRAY',
  'NULL',
  'TIMESTAMP_TZ',
  'DECIMAL128',
] as const
