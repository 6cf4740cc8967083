// Subsets of OpenTelemetry's `Tracer` and `Span`, so that a real tracer fits as it is.

/** Attribute values accepted on spans and events. */
export type SpanAttributeValue = string | number | boolean

/** Span attributes. */
export type SpanAttributes = Record<string, SpanAttributeValue | undefined>

/** The subset of an OpenTelemetry `Span` the driver uses. */
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
 * Options the driver passes to {@link TracerLike.startSpan}. Operation spans (OpenTelemetry
 * database conventions) start in the active context; RPC attempt spans get their operation span
 * both as `context` and as `parent`, for tracers without context propagation. README "Tracing"
 * lists the attributes.
 */
export interface StartSpanOptions {
  /** OpenTelemetry `SpanKind` (`2` = CLIENT). */
  kind?: number
  attributes?: SpanAttributes
  /** The operation span of an RPC attempt span. */
  parent?: SpanLike
}

/**
 * The subset of an OpenTelemetry `Tracer` the driver uses (the `tracer` option).
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

/** OpenTelemetry `SpanStatusCode` values. */
export const SpanStatus = { UNSET: 0, OK: 1, ERROR: 2 } as const

const NOOP_SPAN: SpanLike = Object.freeze({
  setAttribute: () => undefined,
  addEvent: () => undefined,
  recordException: () => undefined,
  setStatus: () => undefined,
  end: () => undefined,
})

/** A tracer that records nothing. */
export const noopTracer: TracerLike = Object.freeze({ startSpan: () => NOOP_SPAN })
