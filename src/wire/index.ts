/**
 * Result codecs of the e6data wire protocol (protocol.md §8–§10): metadata and Thrift `Chunk`
 * encoders/decoders, the columnar batch and the value mapping.
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
export { decodeChunk } from './decode-chunk.js'
export { decodeMetadata } from './decode-metadata.js'
export { encodeChunk } from './encode-chunk.js'
export { encodeMetadata } from './encode-metadata.js'
export { normalizeE6dataType } from './normalize-e6data-type.js'
export {
  type ClusterState,
  otherColour,
  parseColour,
  type StrategyColour,
} from './strategy-colour.js'
export * from './types.js'
export { checkUniqueColumnNames } from './unique-column-names.js'
export {
  type ResolvedValueMapping,
  resolveValueMapping,
  type ValueMappingOptions,
} from './value-mapping.js'
export { type ZonedTimestamp, zonedTimestamp } from './zoned-timestamp.js'
