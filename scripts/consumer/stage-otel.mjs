// + @opentelemetry/api: spans from the installed package nest under the application's span.
import assert from 'node:assert/strict'
import { context, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { createClient } from 'kysely-e6data/driver'
import { startLocalEngine } from 'kysely-e6data/local'

const exporter = new InMemorySpanExporter()
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
)
const engine = await startLocalEngine({ port: 0, bigTableRows: 10 })
try {
  const client = createClient(engine.connection)
  await trace.getTracer('app').startActiveSpan('app', async (span) => {
    await client.query("select 'x' as s")
    span.end()
  })
  await client.close()
} finally {
  await engine.close()
}
const spans = exporter.getFinishedSpans()
const app = spans.find((s) => s.name === 'app')
const op = spans.find((s) => s.attributes['db.system.name'] === 'e6data')
assert.equal(op?.parentSpanContext?.spanId, app?.spanContext().spanId)
assert.equal(op?.attributes['db.query.text'], 'select ? as s')
assert.ok(spans.some((s) => s.parentSpanContext?.spanId === op?.spanContext().spanId))
console.log('OpenTelemetry spans: ok')
