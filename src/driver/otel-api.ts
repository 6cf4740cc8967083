// The optional peer is required (CommonJS) synchronously: the API keeps its registrations on
// `globalThis`, so they are shared with an ESM copy the application imported.
import { createRequire } from 'node:module'

/** The members of `@opentelemetry/api` the driver uses. */
export interface OtelApi {
  readonly trace: {
    getTracerProvider(): { getDelegate?(): unknown }
    getTracer(name: string, version?: string): OtelTracer
    setSpan(context: unknown, span: unknown): unknown
  }
  readonly context: { active(): unknown }
  readonly ProxyTracerProvider: new () => { getDelegate(): unknown }
}

export interface OtelTracer {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Record<string, unknown> },
    context?: unknown,
  ): unknown
}

let loaded: { api: OtelApi | null; noopProvider: unknown } | undefined

/** `null` when the package is not installed (tracing stays off). */
export function loadOtelApi(): OtelApi | null {
  if (loaded === undefined) {
    let api: OtelApi | null = null
    try {
      api = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi
    } catch {}
    // a proxy without a delegate answers with the API's no-op provider singleton
    loaded = { api, noopProvider: api ? new api.ProxyTracerProvider().getDelegate() : undefined }
  }
  return loaded.api
}

/** Whether an application registered a tracer provider; allocation-free, so run per operation. */
export function otelProviderRegistered(api: OtelApi): boolean {
  const provider = api.trace.getTracerProvider()
  const delegate = typeof provider.getDelegate === 'function' ? provider.getDelegate() : provider
  return delegate !== loaded?.noopProvider
}
