/**
 * The plain e6data driver: a pooled gRPC client with retries, blue/green handling, auto-resume,
 * cancellation and streaming.
 *
 * @example
 * ```ts
 * import { createClient } from 'kysely-e6data/driver'
 * const client = createClient({ host: 'localhost', port: 50051, username: 'me@example.com', password: token })
 * const { rows } = await client.query('select 1 as one')
 * await client.close()
 * ```
 *
 * @module
 */

export * from '../errors.js'
export type { StringEscapeMode, StringEscapeOption } from '../sql/index.js'
export {
  type BatchColumn,
  type BatchColumnKind,
  type BooleanColumn,
  type BytesColumn,
  type ClusterState,
  type ColumnarBatch,
  type ColumnDescriptor,
  type DecimalColumn,
  type Float64Column,
  type Int32Column,
  type Int64Column,
  type NullColumn,
  type StrategyColour,
  type ValueMappingOptions,
  type ZonedTimestamp,
  zonedTimestamp,
} from '../wire/index.js'
export type { ClientEventName, ClientEvents } from './client-events.js'
export type {
  Credentials,
  E6dataClientOptions,
  ReconnectOptions,
  Timeouts,
  TlsOptions,
} from './client-options.js'
export type { ClusterApi, ReportedClusterState } from './cluster-controller.js'
export {
  type AcquireOptions,
  createClient,
  E6dataClient,
  type SignalOptions,
} from './e6data-client.js'
export { classifyFailure, type FailureKind } from './failure-kind.js'
export { DEFAULT_CHANNEL_OPTIONS } from './grpc-transport.js'
export type { Logger } from './logger.js'
export type { TraceQueryText } from './query-text.js'
export {
  type ColumnInfo,
  type ExplainAnalyzeResult,
  type QueryOptions,
  type QueryResult,
  ResultBatch,
  type Row,
  type SessionQueryOptions,
  type StreamOptions,
} from './result-batch.js'
export {
  backoffDelay,
  RETRY_TABLE,
  type RetryAction,
  type RetryPolicy,
  type RpcRetryRule,
} from './retry-policy.js'
export type { RpcName } from './rpc-methods.js'
export { RpcStatusError } from './rpc-status-error.js'
export type { RetryDecision } from './run-with-retry.js'
export { Session } from './session.js'
export type { PoolStats } from './session-pool.js'
export {
  StrategyCache,
  type StrategyCacheOptions,
  type StrategyChange,
  StrategyEntry,
  sharedStrategyCache,
} from './strategy-cache.js'
export type {
  SpanAttributes,
  SpanAttributeValue,
  SpanLike,
  StartSpanOptions,
  TracerLike,
} from './tracer.js'
