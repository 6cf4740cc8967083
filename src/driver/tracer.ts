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
 * The subset of an OpenTelemetry `Tracer` the driver uses.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api'
 * createClient({ host, username, password, tracer: trace.getTracer('e6data') })
 * ```
 */
export interface TracerLike {
  startSpan(name: string, options?: { attributes?: SpanAttributes }): SpanLike
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
