/**
 * A zero-dependency, OpenTelemetry-shaped tracer interface. Pass `trace.getTracer('e6data')` from
 * `@opentelemetry/api` (or anything with the same shape) as the client's `tracer` option.
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
 * const a: SpanAttributes = { 'e6data.rpc': 'prepareStatementV2' }
 * ```
 */
export type SpanAttributes = Record<string, SpanAttributeValue | undefined>

/**
 * The subset of an OpenTelemetry `Span` the driver uses.
 *
 * @example
 * ```ts
 * span.setAttribute('e6data.query_id', id)
 * ```
 */
export interface SpanLike {
  setAttribute(key: string, value: SpanAttributeValue): unknown
  addEvent(name: string, attributes?: SpanAttributes): unknown
  recordException(exception: Error): unknown
  setStatus(status: { code: number; message?: string }): unknown
  end(): unknown
}

/**
 * Options the driver passes to {@link TracerLike.startSpan}.
 *
 * `parent` is set on child spans: the driver starts one operation span per query / stream /
 * explain / schema call (`e6data.query`, `e6data.schemas`, …) and, under it, one span per RPC
 * attempt (`e6data.rpc <method>`, e.g. `e6data.rpc prepareStatementV2`) with the attributes
 * `rpc.system` (`'grpc'`), `rpc.method`, `e6data.attempt` (1-based, per retry loop),
 * `e6data.strategy` (the colour sent), `e6data.query_id` (when known) and, on
 * `getNextResultBatch`, `e6data.batch_bytes` / `e6data.batch_rows`. A failed attempt records the
 * exception and ends with `setStatus({ code: 2, message })`. Every span is ended exactly once.
 *
 * The interface is structural and has no context propagation of its own: the parent is passed
 * explicitly as a {@link SpanLike}. OpenTelemetry's `Tracer.startSpan` ignores unknown options,
 * so a plain OTel tracer records the RPC spans as roots; to nest them, map `parent` to a context:
 *
 * @example
 * ```ts
 * import { context, trace, type Span } from '@opentelemetry/api'
 * const otel = trace.getTracer('e6data')
 * const tracer: TracerLike = {
 *   startSpan: (name, options) =>
 *     otel.startSpan(
 *       name,
 *       { attributes: options?.attributes },
 *       options?.parent ? trace.setSpan(context.active(), options.parent as Span) : undefined,
 *     ),
 * }
 * ```
 */
export interface StartSpanOptions {
  attributes?: SpanAttributes
  /** The enclosing span (the operation span of an RPC attempt span); absent on root spans. */
  parent?: SpanLike
}

/**
 * The subset of an OpenTelemetry `Tracer` the driver uses. See {@link StartSpanOptions} for the
 * spans the driver creates and how they nest.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api'
 * createClient({ host, username, password, tracer: trace.getTracer('e6data') })
 * ```
 */
export interface TracerLike {
  startSpan(name: string, options?: StartSpanOptions): SpanLike
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
