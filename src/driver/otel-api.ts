/**
 * The optional peer `@opentelemetry/api`, loaded once and synchronously (its CommonJS build; the
 * API keeps its registrations on `globalThis`, so they are shared with an ESM copy the
 * application imported). Absent package → `null`, and tracing stays off.
 *
 * @module
 */

import { createRequire } from 'node:module'

/**
 * The members of `@opentelemetry/api` the driver uses.
 *
 * @example
 * ```ts
 * const api = loadOtelApi()
 * if (api && otelProviderRegistered(api)) api.trace.getTracer('kysely-e6data')
 * ```
 */
export interface OtelApi {
  readonly trace: {
    getTracerProvider(): { getDelegate?(): unknown }
    getTracer(name: string, version?: string): OtelTracer
    setSpan(context: unknown, span: unknown): unknown
  }
  readonly context: { active(): unknown }
  readonly ProxyTracerProvider: new () => { getDelegate(): unknown }
}

/**
 * An OpenTelemetry `Tracer`, structurally.
 *
 * @example
 * ```ts
 * const span = tracer.startSpan('SELECT', { kind: 2 }, context)
 * ```
 */
export interface OtelTracer {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Record<string, unknown> },
    context?: unknown,
  ): unknown
}

let loaded: { api: OtelApi | null; noopProvider: unknown } | undefined

/**
 * `@opentelemetry/api`, or `null` when it is not installed.
 *
 * @example
 * ```ts
 * loadOtelApi()?.context.active()
 * ```
 */
export function loadOtelApi(): OtelApi | null {
  if (loaded === undefined) {
    let api: OtelApi | null = null
    try {
      api = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi
    } catch {
      // the optional peer is not installed: no tracing
    }
    // a proxy without a delegate answers with the API's no-op provider singleton
    loaded = { api, noopProvider: api ? new api.ProxyTracerProvider().getDelegate() : undefined }
  }
  return loaded.api
}

/**
 * Whether an application registered a tracer provider (`trace.setGlobalTracerProvider`, or an
 * SDK's `register()`). Allocates nothing, so it can run before every operation.
 *
 * @example
 * ```ts
 * if (otelProviderRegistered(api)) startSpan()
 * ```
 */
export function otelProviderRegistered(api: OtelApi): boolean {
  const provider = api.trace.getTracerProvider()
  const delegate = typeof provider.getDelegate === 'function' ? provider.getDelegate() : provider
  return delegate !== loaded?.noopProvider
}
