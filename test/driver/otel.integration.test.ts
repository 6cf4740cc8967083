import { createRequire } from 'node:module'
import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

// The OpenTelemetry SDK with its in-memory exporter, registered globally as an application would:
// the client gets no `tracer` option and must find the provider through @opentelemetry/api.
const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
const appTracer = () => trace.getTracer('app')

const env = useEngine(ENGINE_DEFAULTS)
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
})
afterAll(() => {
  trace.disable()
  context.disable()
})
beforeEach(() => {
  trace.disable()
  trace.setGlobalTracerProvider(provider)
  exporter.reset()
})

const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId
const byId = (spans: readonly ReadableSpan[], id: string | undefined) =>
  spans.find((s) => s.spanContext().spanId === id)

/** Runs `fn` inside an active application span and returns it with every finished span. */
async function underAppSpan(fn: () => Promise<unknown>) {
  let appSpanId = ''
  await appTracer().startActiveSpan('app.request', async (span: Span) => {
    appSpanId = span.spanContext().spanId
    try {
      await fn()
    } finally {
      span.end()
    }
  })
  await provider.forceFlush()
  return { appSpanId, spans: exporter.getFinishedSpans() }
}

describe('OpenTelemetry (SDK in-memory exporter, global provider, no tracer option)', () => {
  it('operation spans nest under the caller’s active span, RPC spans under them, with semconv attributes', async () => {
    const c = env.newClient()
    const { appSpanId, spans } = await underAppSpan(async () => {
      const res = await c.query(
        "select ? as v, 42 as n, 'literal' as s from customers where customer_id < 3",
        ['secret-value'],
      )
      expect(res.rows.length).toBe(2)
    })
    await c.close()
    const op = spans.find((s) => parentOf(s) === appSpanId)
    expect(op?.name).toBe('SELECT local.demo')
    expect(op?.kind).toBe(SpanKind.CLIENT)
    expect(op?.status.code).toBe(SpanStatusCode.OK)
    expect(op?.attributes).toMatchObject({
      'db.system.name': 'e6data',
      'db.operation.name': 'SELECT',
      'db.namespace': 'local.demo',
      'db.query.text': 'select ? as v, ? as n, ? as s from customers where customer_id < ?',
      'server.address': env.engine.connection.host,
      'server.port': env.engine.connection.port,
      'db.response.returned_rows': 2,
    })
    const text = JSON.stringify(spans.map((s) => s.attributes))
    expect(text).not.toContain('secret-value')
    expect(text).not.toContain('literal')
    const rpcs = spans.filter((s) => parentOf(s) === op?.spanContext().spanId)
    expect(rpcs.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'QueryEngineService/authenticate',
        'QueryEngineService/prepareStatementV2',
        'QueryEngineService/executeStatementV2',
        'QueryEngineService/getNextResultBatch',
        'QueryEngineService/clearOrCancelQuery',
      ]),
    )
    for (const s of rpcs) {
      expect(s.kind).toBe(SpanKind.CLIENT)
      expect(s.attributes['rpc.system.name']).toBe('grpc')
      expect(s.attributes['rpc.method']).toBe(s.name)
      expect(s.attributes['rpc.response.status_code']).toBe('OK')
      expect(s.attributes['server.port']).toBe(env.engine.connection.port)
    }
    // every exported span belongs to this trace: nothing was started as a root
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId))
    expect(traceIds.size).toBe(1)
  })

  it('streams nest too; a failure sets error.type and the status on the operation and its RPC span', async () => {
    const c = env.newClient()
    const { appSpanId, spans } = await underAppSpan(async () => {
      let rows = 0
      for await (const batch of c.stream('select event_id from events where event_id < 2500'))
        rows += batch.rowCount
      expect(rows).toBe(2500)
      await expect(c.query('select nope from nowhere')).rejects.toThrow()
    })
    await c.close()
    const ops = spans.filter((s) => parentOf(s) === appSpanId)
    expect(ops.length).toBe(2)
    const [stream, failed] = ops as [ReadableSpan, ReadableSpan]
    expect(stream.attributes['e6data.operation']).toBe('stream')
    expect(stream.attributes['db.response.returned_rows']).toBe(2500)
    expect(failed.status.code).toBe(SpanStatusCode.ERROR)
    expect(failed.attributes['error.type']).toBe('QueryError')
    expect(failed.attributes['db.response.status_code']).toMatch(/^\d+$/)
    expect(failed.events.map((e) => e.name)).toContain('exception')
    const failedRpc = spans.find(
      (s) => parentOf(s) === failed.spanContext().spanId && s.status.code === SpanStatusCode.ERROR,
    )
    expect(failedRpc?.attributes['error.type']).toBe(
      failedRpc?.attributes['rpc.response.status_code'],
    )
    expect(failedRpc?.attributes['error.type']).not.toBe('OK')
    expect(byId(spans, parentOf(stream))?.name).toBe('app.request')
  })

  it('traceQueryText: raw keeps the statement as written (never parameter values), off drops it', async () => {
    const raw = env.newClient({ traceQueryText: 'raw' })
    const off = env.newClient({ traceQueryText: 'off' })
    const { spans } = await underAppSpan(async () => {
      await raw.query("select ? as v, 'lit' as s", ['param-value'])
      await off.query("select 'lit' as s")
    })
    await Promise.all([raw.close(), off.close()])
    const ops = spans.filter((s) => s.attributes['db.system.name'] === 'e6data')
    expect(ops[0]?.attributes['db.query.text']).toBe("select ? as v, 'lit' as s")
    expect(ops[1]?.attributes['db.query.text']).toBeUndefined()
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('param-value')
  })

  it('a sampled-out operation gets no RPC spans; tracer: false never traces', async () => {
    const sampledOut = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    })
    trace.disable()
    trace.setGlobalTracerProvider(sampledOut)
    const c = env.newClient()
    await c.query('select 1 as one')
    await c.close()
    expect(exporter.getFinishedSpans()).toEqual([])
    trace.disable()
    trace.setGlobalTracerProvider(provider)
    const never = env.newClient({ tracer: false })
    await never.query('select 1 as one')
    await never.close()
    await provider.forceFlush()
    expect(exporter.getFinishedSpans()).toEqual([])
  })

  it('costs nothing without a registered provider: no tracer is even looked up', async () => {
    trace.disable()
    // the driver loads the API's CommonJS build (shared globals); spy on that instance
    const api = createRequire(import.meta.url)(
      '@opentelemetry/api',
    ) as typeof import('@opentelemetry/api')
    const getTracer = vi.spyOn(api.trace, 'getTracer')
    try {
      const c = env.newClient()
      try {
        await c.query('select 1 as one')
        for await (const _ of c.stream('select event_id from events where event_id < 2000')) {
          // drain
        }
        await c.schemas()
      } finally {
        await c.close()
      }
      expect(getTracer).not.toHaveBeenCalled()
      expect(exporter.getFinishedSpans()).toEqual([])
      // the same spy sees the lookups once a provider is registered (the check above is not vacuous)
      trace.setGlobalTracerProvider(provider)
      const traced = env.newClient()
      try {
        await traced.query('select 1 as one')
      } finally {
        await traced.close()
      }
      expect(getTracer).toHaveBeenCalled()
    } finally {
      getTracer.mockRestore()
    }
  })
})
