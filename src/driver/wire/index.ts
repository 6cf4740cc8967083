/**
 * Result codecs of the e6data wire protocol (protocol.md §8–§10): metadata and Thrift `Chunk`
 * encoders/decoders, the columnar batch and the value mapping.
 *
 * @example
 * ```ts
 * import { decodeChunk, decodeMetadata } from './wire/index.js'
 * const meta = decodeMetadata(metadataBytes)
 * const batch = decodeChunk(batchBytes, meta.columns)
 * const rows = batch?.toRows() ?? []
 * ```
 *
 * @module
 */

export type {
  BatchColumn,
  BatchColumnBase,
  BatchColumnKind,
  BooleanColumn,
  ByteRanges,
  BytesColumn,
  DecimalColumn,
  Float64Column,
  Int32Column,
  Int64Column,
  NullColumn,
} from './batch-column.js'
export { ColumnarBatch } from './columnar-batch.js'
export { decimalBytesToBigInt, decimalToBytes, formatDecimal } from './decimal.js'
export {
  DEFAULT_MAX_ROWS,
  type DecodeChunkOptions,
  decodeChunk,
  MAX_DECIMAL_SCALE,
} from './decode-chunk.js'
export { decodeMetadata } from './decode-metadata.js'
export { END_OF_RESULTS, type EncodeChunkOptions, encodeChunk } from './encode-chunk.js'
export { encodeMetadata } from './encode-metadata.js'
export { decodeModifiedUtf8, encodeJavaUtf, modifiedUtf8Length } from './modified-utf8.js'
export { formatDate, formatIsoMicros, microsToMillis } from './temporal.js'
export * from './types.js'
export {
  type CellReader,
  cellReader,
  mapColumn,
  mapValue,
  rawValue,
  type ValueMappingOptions,
} from './value-mapping.js'
export {
  formatOffset,
  formatZonedTimestamp,
  type ParsedZone,
  parseZone,
  zoneOffsetSeconds,
} from './zone.js'
export { type ZonedTimestamp, zonedTimestamp } from './zoned-timestamp.js'
