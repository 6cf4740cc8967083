/**
 * Shared wire-level types of the result codecs (metadata + Thrift `Chunk`), see protocol.md §8–§10.
 * Data flows one way: bytes → {@link ResultMetadata} / columnar batch → rows.
 *
 * @module
 */

/** Thrift `VectorType` ids (protocol.md §9.2). */
export const VectorType = {
  BINARY: 0,
  BOOLEAN: 1,
  DOUBLE: 2,
  FLOAT: 3,
  INT96: 4,
  INTEGER: 5,
  LONG: 6,
  STRING: 7,
  DATE: 8,
  DATETIME: 9,
  TIMESTAMP: 10,
  STRUCT: 11,
  MAP: 12,
  ARRAY: 13,
  NULL: 14,
  TIMESTAMP_TZ: 15,
  DECIMAL128: 16,
} as const

/** Name of a vector type, e.g. `'LONG'`. */
export type VectorTypeName = keyof typeof VectorType

/** One column as described by `GetResultMetadataResponse.resultMetaData`. */
export interface ColumnDescriptor {
  /** Column name (modified UTF-8 on the wire). */
  readonly name: string
  /** Raw type name string, e.g. `'LONG'`, `'DECIMAL128'` (kept raw when unknown). */
  readonly typeName: string
  /** Zone string (usually `''`; DATE/DATETIME columns may carry one). */
  readonly zone: string
  /** Java date pattern (usually `''`). */
  readonly format: string
}

/** Decoded result metadata. */
export interface ResultMetadata {
  /** The engine's total row count (informational; never used to stop fetching). */
  readonly rowCount: bigint
  readonly columns: readonly ColumnDescriptor[]
}

/**
 * Wire-level ("raw") value of one cell, per vector type — the encoder's input and the columnar
 * decoder's `raw` accessor output:
 *
 * | vector type | raw value |
 * |---|---|
 * | BOOLEAN | `boolean` |
 * | INTEGER | `number` (int32) |
 * | LONG | `bigint` (int64) |
 * | FLOAT, DOUBLE | `number` |
 * | STRING, ARRAY, MAP, STRUCT | `string` |
 * | BINARY | `Uint8Array` |
 * | DATE, DATETIME, TIMESTAMP | `bigint` epoch microseconds |
 * | TIMESTAMP_TZ | `{ micros: bigint, zone: string }` |
 * | DECIMAL128 | `bigint` unscaled value (the column carries the scale) |
 * | NULL | `null` |
 *
 * `null` means SQL NULL for every type.
 */
export type RawValue = boolean | number | bigint | string | Uint8Array | ZonedMicros | null

/** A TIMESTAMP_TZ raw value: an instant plus the zone it is presented in. */
export interface ZonedMicros {
  readonly micros: bigint
  readonly zone: string
}

/** One column handed to the chunk encoder. */
export interface ColumnInput {
  readonly vectorType: VectorTypeName
  /** One raw value per row (see {@link RawValue}); every column must have the same length. */
  readonly values: ReadonlyArray<RawValue>
  /** DECIMAL128 scale (default 0). */
  readonly scale?: number
}
