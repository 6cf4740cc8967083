// Spans follow OpenTelemetry's database and RPC conventions. With nobody listening nothing is
// allocated: operations get the shared no-op span and RPCs no span at all.

import { createRequire } from 'node:module'
import { status as grpcStatus } from '@grpc/grpc-js'
import type { StringEscapeOption } from '../sql/index.js'
import { loadOtelApi, type OtelApi, otelProviderRegistered } from './otel-api.js'
import { operationName, sanitizeQueryText, type TraceQueryText } from './query-text.js'
import { RPC_METHODS, type RpcName } from './rpc-methods.js'
import {
  noopTracer,
  type SpanAttributes,
  type SpanLike,
  SpanStatus,
  type TracerLike,
} from './tracer.js'

/** OpenTelemetry `SpanKind.CLIENT`. */
const CLIENT = 2
const TRACER_NAME = 'kysely-e6data'
const TRACER_VERSION = readVersion()

export const NOOP_SPAN: SpanLike = noopTracer.startSpan('')

export type OperationKind =
  | 'query'
  | 'stream'
  | 'explain'
  | 'explain_analyze'
  | 'schemas'
  | 'tables'
  | 'columns'
  | 'cluster.status'
  | 'cluster.resume'
  | 'cluster.suspend'

export interface TracingSettings {
  /** The `tracer` option: `false` never traces, undefined means the OpenTelemetry global. */
  readonly tracer: TracerLike | false | undefined
  readonly host: string
  readonly port: number
  readonly catalog: string
  readonly database: string
  readonly queryText: TraceQueryText
  readonly stringEscape: StringEscapeOption
}

export class Tracing {
  readonly #settings: TracingSettings
  readonly #api: OtelApi | null
  readonly #namespace: string

  constructor(settings: TracingSettings) {
    this.#settings = settings
    this.#api = settings.tracer === false ? null : loadOtelApi()
    this.#namespace = [settings.catalog, settings.database].filter(Boolean).join('.')
  }

  /** Checked per operation (allocation-free): a provider may be registered after the client. */
  #tracer(): TracerLike | undefined {
    const configured = this.#settings.tracer
    if (configured === false) return undefined
    if (configured !== undefined) return configured === noopTracer ? undefined : configured
    const api = this.#api
    if (api === null || !otelProviderRegistered(api)) return undefined
    return api.trace.getTracer(TRACER_NAME, TRACER_VERSION) as unknown as TracerLike
  }

  /** In the active context, so it nests under the caller's span. */
  operation(kind: OperationKind, statement?: string, session?: number): SpanLike {
    const tracer = this.#tracer()
    if (tracer === undefined) return NOOP_SPAN
    const s = this.#settings
    const operation =
      statement === undefined
        ? kind
        : kind === 'explain' || kind === 'explain_analyze'
          ? kind === 'explain'
            ? 'EXPLAIN'
            : 'EXPLAIN ANALYZE'
          : operationName(statement)
    const attributes: SpanAttributes = {
      'db.system.name': 'e6data',
      'db.operation.name': operation,
      'server.address': s.host,
      'server.port': s.port,
      'e6data.operation': kind,
    }
    if (this.#namespace) attributes['db.namespace'] = this.#namespace
    if (session !== undefined) attributes['e6data.session'] = session
    if (statement !== undefined && s.queryText !== 'off') {
      attributes['db.query.text'] =
        s.queryText === 'raw' ? statement : sanitizeQueryText(statement, s.stringEscape)
    }
    const name = `${operation} ${this.#namespace || `${s.host}:${s.port}`}`
    try {
      return tracer.startSpan(name, { kind: CLIENT, attributes })
    } catch {
      return NOOP_SPAN
    }
  }

  /** RPC spans and costly attributes are made only when this holds. */
  recording(span: SpanLike): boolean {
    if (span === NOOP_SPAN) return false
    try {
      return typeof span.isRecording === 'function' ? span.isRecording() : true
    } catch {
      return false
    }
  }

  /** Starts the span of one RPC attempt under its operation span; undefined when not recording. */
  rpc(
    parent: SpanLike | undefined,
    rpc: RpcName,
    attempt: number,
    strategy: string | null | undefined,
    queryId: string | undefined,
  ): SpanLike | undefined {
    if (parent === undefined || !this.recording(parent)) return undefined
    const tracer = this.#tracer()
    if (tracer === undefined) return undefined
    const s = this.#settings
    const method = RPC_METHODS[rpc].path.slice(1)
    const attributes: SpanAttributes = {
      'rpc.system.name': 'grpc',
      'rpc.method': method,
      'server.address': s.host,
      'server.port': s.port,
      'e6data.attempt': attempt,
    }
    if (strategy) attributes['e6data.strategy'] = strategy
    if (queryId) attributes['e6data.query_id'] = queryId
    try {
      const api = this.#api
      const context = api ? api.trace.setSpan(api.context.active(), parent) : undefined
      return tracer.startSpan(method, { kind: CLIENT, attributes, parent }, context)
    } catch {
      return undefined
    }
  }

  /** On failure `error.type` is the gRPC status name. */
  endRpc(span: SpanLike, grpcCode: number, error?: unknown): void {
    const name = (grpcStatus as unknown as Record<number, string>)[grpcCode] ?? String(grpcCode)
    try {
      span.setAttribute('rpc.response.status_code', name)
    } catch {
      // ignore tracer failures
    }
    this.end(span, error, grpcCode === 0 ? undefined : name)
  }

  /** `error.type` defaults to the error's class. */
  end(span: SpanLike, error?: unknown, type?: string): void {
    if (span === NOOP_SPAN) return
    try {
      if (error !== undefined) {
        if (error instanceof Error) {
          span.recordException(error)
          span.setAttribute('error.type', type ?? errorType(error))
          const code = (error as { grpcCode?: unknown }).grpcCode
          if (typeof code === 'number') span.setAttribute('db.response.status_code', String(code))
        } else span.setAttribute('error.type', '_OTHER')
        span.setStatus({
          code: SpanStatus.ERROR,
          message: error instanceof Error ? error.message : String(error),
        })
      } else span.setStatus({ code: SpanStatus.OK })
      span.end()
    } catch {
      // ignore tracer failures
    }
  }
}

function errorType(error: Error): string {
  if (error.name && error.name !== 'Error') return error.name
  return error.constructor?.name || '_OTHER'
}

function readVersion(): string | undefined {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version?: string }).version
  } catch {
    return undefined
  }
}
