/**
 * The tracer interface of the client's `tracer` option: a subset of OpenTelemetry's `Tracer` and
 * `Span`, so that a real OpenTelemetry tracer fits as it is and so does anything with the same
 * shape. Without the option the client uses the global OpenTelemetry tracer when
 * `@opentelemetry/api` is installed and a tracer provider is registered.
 *
 * @module
 */

/**
 * Attribute values accepted on spans and events.
 *
 * @example
 * ```ts
 * const v: SpanAttributeValue = 'blue'
 * ```
 */
export type SpanAttributeValue = string | number | boolean

/**
 * Span attributes.
 *
 * @example
 * ```ts
 * const a: SpanAttributes = { 'db.system.name': 'e6data' }
 * ```
 */
export type SpanAttributes = Record<string, SpanAttributeValue | undefined>

/**
 * The subset of an OpenTelemetry `Span` the driver uses.
 *
 * @example
 * ```ts
 * span.setAttribute('e6data.query_id', queryId)
 * ```
 */
export interface SpanLike {
  /** OpenTelemetry's sampling answer; a span that does not record gets no RPC child spans. */
  isRecording?(): boolean
  setAttribute(key: string, value: SpanAttributeValue): unknown
  addEvent(name: string, attributes?: SpanAttributes): unknown
  recordException(exception: Error): unknown
  setStatus(status: { code: number; message?: string }): unknown
  end(): unknown
}

/**
 * Options the driver passes to {@link TracerLike.startSpan}.
 *
 * Spans follow OpenTelemetry's semantic conventions. Each operation (query, stream, explain,
 * schema call) is a `CLIENT` span named `{db.operation.name} {db.namespace}` (e.g.
 * `SELECT hive.sales`) with `db.system.name` (`e6data`), `db.operation.name`, `db.namespace`
 * (`catalog.database`), `db.query.text` (literals replaced by `?` unless the client's
 * `traceQueryText` says otherwise), `server.address`, `server.port`, `db.response.returned_rows`
 * and, on failure, `error.type` (the error class) and `db.response.status_code` (the gRPC code).
 * Under it, each RPC attempt is a `CLIENT` span named after `rpc.method`
 * (`QueryEngineService/prepareStatementV2`) with `rpc.system.name` (`grpc`),
 * `rpc.response.status_code` (`OK`, `UNAVAILABLE`, …), `e6data.attempt`, `e6data.strategy`,
 * `e6data.query_id` and, on `getNextResultBatch`, `e6data.batch_bytes` / `e6data.batch_rows`.
 * Every span is ended exactly once.
 *
 * Nesting: operation spans start in the active OpenTelemetry context (under the caller's span,
 * no wrapper needed); RPC spans get their operation span both as the `context` argument (for
 * OpenTelemetry tracers) and as `parent` (for structural tracers without context propagation).
 *
 * @example
 * ```ts
 * const options: StartSpanOptions = { kind: 2, attributes: { 'db.system.name': 'e6data' } }
 * ```
 */
export interface StartSpanOptions {
  /** OpenTelemetry `SpanKind` (`2` = CLIENT). */
  kind?: number
  attributes?: SpanAttributes
  /** The enclosing operation span of an RPC attempt span; absent on operation spans. */
  parent?: SpanLike
}

/**
 * The subset of an OpenTelemetry `Tracer` the driver uses. See {@link StartSpanOptions} for the
 * spans the driver creates and how they nest.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api'
 * createClient({ host, username, password, tracer: trace.getTracer('my-app') })
 * ```
 */
export interface TracerLike {
  /** `context` is an OpenTelemetry `Context` holding the parent span (RPC spans only). */
  startSpan(name: string, options?: StartSpanOptions, context?: unknown): SpanLike
}

/**
 * OpenTelemetry `SpanStatusCode` values.
 *
 * @example
 * ```ts
 * span.setStatus({ code: SpanStatus.ERROR, message: 'query failed' })
 * ```
 */
export const SpanStatus = { UNSET: 0, OK: 1, ERROR: 2 } as const

const NOOP_SPAN: SpanLike = Object.freeze({
  setAttribute: () => undefined,
  addEvent: () => undefined,
  recordException: () => undefined,
  setStatus: () => undefined,
  end: () => undefined,
})

/**
 * A tracer that records nothing (the default).
 *
 * @example
 * ```ts
 * noopTracer.startSpan('x').end()
 * ```
 */
export const noopTracer: TracerLike = Object.freeze({ startSpan: () => NOOP_SPAN })
