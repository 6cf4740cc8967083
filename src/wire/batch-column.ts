/**
 * The per-column typed containers of a `ColumnarBatch`.
 *
 * @module
 */

import type { ColumnDescriptor, VectorTypeName } from './types.js'

/** Storage kind of a decoded column. */
export type BatchColumnKind =
  | 'boolean'
  | 'int32'
  | 'int64'
  | 'float64'
  | 'bytes'
  | 'decimal'
  | 'null'

/**
 * Byte ranges into the batch's source buffer: value `i` is
 * `source.subarray(offsets[i], offsets[i] + lengths[i])`.
 */
export interface ByteRanges {
  /** The buffer handed to `decodeChunk` (not copied; must not be mutated while in use). */
  readonly source: Uint8Array
  readonly offsets: Int32Array
  readonly lengths: Int32Array
}

/** Fields common to every {@link BatchColumn}. */
export interface BatchColumnBase {
  /** Position of the column in the batch. */
  readonly index: number
  /** Column name (from the metadata). */
  readonly name: string
  /** The metadata descriptor of the column. */
  readonly descriptor: ColumnDescriptor
  /** Vector type the values were decoded by. */
  readonly vectorType: VectorTypeName
  /**
   * `true` when the column holds one value for every row (a constant vector, or a NULL vector):
   * `nulls` and the value container then have exactly one entry.
   */
  readonly constant: boolean
  /** Null mask: a non-zero byte ⇒ the row is NULL. One entry per row, or one when `constant`. */
  readonly nulls: Uint8Array
}

/** BOOLEAN: one byte per row (non-zero ⇒ `true`), a view of the source buffer. */
export interface BooleanColumn extends BatchColumnBase {
  readonly kind: 'boolean'
  readonly values: Uint8Array
}

/** INTEGER. */
export interface Int32Column extends BatchColumnBase {
  readonly kind: 'int32'
  readonly values: Int32Array
}

/**
 * LONG, and DATE / DATETIME / TIMESTAMP / TIMESTAMP_TZ as epoch microseconds. `zones` holds the
 * TIMESTAMP_TZ zone strings (UTF-8 ranges; one per row, or one when `constant`), `null` when the
 * vector carried none (⇒ UTC) or for other types.
 */
export interface Int64Column extends BatchColumnBase {
  readonly kind: 'int64'
  readonly values: BigInt64Array
  readonly zones: ByteRanges | null
}

/** FLOAT, DOUBLE (FLOAT values travel as doubles). */
export interface Float64Column extends BatchColumnBase {
  readonly kind: 'float64'
  readonly values: Float64Array
}

/** STRING, BINARY, ARRAY, MAP, STRUCT: lazily decoded byte ranges. */
export interface BytesColumn extends BatchColumnBase, ByteRanges {
  readonly kind: 'bytes'
}

/** DECIMAL128: byte ranges of the unscaled big-endian values (1–16 bytes each) plus the scale. */
export interface DecimalColumn extends BatchColumnBase, ByteRanges {
  readonly kind: 'decimal'
  readonly scale: number
}

/** NULL vector: every row is NULL. */
export interface NullColumn extends BatchColumnBase {
  readonly kind: 'null'
}

/**
 * One decoded column of a {@link ColumnarBatch}, discriminated by `kind`.
 *
 * @example
 * ```ts
 * const col = batch.column('amount') // batch: a ColumnarBatch, e.g. a streamed batch's `columnar`
 * if (col.kind === 'float64') {
 *   let sum = 0
 *   for (let r = 0; r < batch.rowCount; r++) {
 *     const i = col.constant ? 0 : r
 *     if (col.nulls[i] === 0) sum += col.values[i]!
 *   }
 * }
 * ```
 */
export type BatchColumn =
  | BooleanColumn
  | Int32Column
  | Int64Column
  | Float64Column
  | BytesColumn
  | DecimalColumn
  | NullColumn
