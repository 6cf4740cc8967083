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

export { END_OF_RESULTS, type EncodeChunkOptions, encodeChunk } from './encode-chunk.js'
export { encodeMetadata } from './encode-metadata.js'
export { decodeModifiedUtf8, encodeJavaUtf, modifiedUtf8Length } from './modified-utf8.js'
export * from './types.js'
