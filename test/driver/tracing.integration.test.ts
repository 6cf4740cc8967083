import { describe, expect, it } from 'vitest'
import type {
  SpanAttributes,
  SpanAttributeValue,
  SpanLike,
  StartSpanOptions,
  TracerLike,
} from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

interface Recorded {
  readonly name: string
  readonly parent: Recorded | undefined
  readonly attributes: Record<string, SpanAttributeValue | undefined>
  readonly events: { name: string; attributes?: SpanAttributes | undefined }[]
  readonly exceptions: Error[]
  status: { code: number; message?: string | undefined } | undefined
  ended: number
}

/** A fake tracer that records every span, its parent, attributes, events, status and ends. */
function recordingTracer(): { tracer: TracerLike; spans: Recorded[] } {
  const spans: Recorded[] = []
  const bySpan = new Map<SpanLike, Recorded>()
  const tracer: TracerLike = {
    startSpan(name: string, options?: StartSpanOptions): SpanLike {
      const r: Recorded = {
        name,
        parent: options?.parent ? bySpan.get(options.parent) : undefined,
        attributes: { ...options?.attributes },
        events: [],
        exceptions: [],
        status: undefined,
        ended: 0,
      }
      const span: SpanLike = {
        setAttribute: (k, v) => {
          r.attributes[k] = v
        },
        addEvent: (n, a) => {
          r.events.push({ name: n, attributes: a })
        },
        recordException: (e) => {
          r.exceptions.push(e)
        },
        setStatus: (s) => {
          r.status = s
        },
        end: () => {
          r.ended++
        },
      }
      spans.push(r)
      bySpan.set(span, r)
      return span
    },
  }
  return { tracer, spans }
}

const env = useEngine(ENGINE_DEFAULTS)

const rpcChildren = (spans: readonly Recorded[], op: Recorded) =>
  spans.filter((s) => s.parent === op)

describe('tracing', () => {
  it('a query: one operation span with one child span per RPC, in order, each ended once', async () => {
    const { tracer, spans } = recordingTracer()
    const c = env.newClient({ tracer })
    try {
      const res = await c.query('select 1 as one')
      expect(res.rows.length).toBe(1)
    } finally {
      await c.close()
    }
    const ops = spans.filter((s) => s.parent === undefined)
    expect(ops.map((s) => s.name)).toEqual(['SELECT local.demo'])
    const op = ops[0]!
    expect(op.status?.code).toBe(1)
    const children = rpcChildren(spans, op)
    expect(children.length).toBe(spans.length - 1)
    const methods = children.map((s) => String(s.attributes['rpc.method']).split('/')[1])
    expect(methods[0]).toBe('authenticate')
    // the first batch is requested together with the metadata (pipelining), and first
    expect(methods.slice(1, 5)).toEqual([
      'prepareStatementV2',
      'executeStatementV2',
      'getNextResultBatch',
      'getResultMetadata',
    ])
    const batches = methods.slice(5, -1)
    expect(batches.length).toBeGreaterThanOrEqual(1)
    for (const m of batches) expect(m).toBe('getNextResultBatch')
    expect(methods.at(-1)).toBe('clearOrCancelQuery')
    for (const s of spans) expect(s.ended).toBe(1)
    for (const s of children) {
      expect(s.name).toBe(s.attributes['rpc.method'])
      expect(s.attributes['rpc.method']).toMatch(/^QueryEngineService\//)
      expect(s.attributes['rpc.system.name']).toBe('grpc')
      expect(s.attributes['rpc.response.status_code']).toBe('OK')
      expect(s.attributes['e6data.attempt']).toBe(1)
      expect(s.attributes['e6data.strategy']).toMatch(/^(blue|green)$/)
      expect(s.status?.code).toBe(1)
    }
    const queryId = op.attributes['e6data.query_id']
    expect(typeof queryId).toBe('string')
    for (const s of children.slice(1)) expect(s.attributes['e6data.query_id']).toBe(queryId)
    expect(children[0]!.attributes['e6data.query_id']).toBeUndefined()
    const batchSpans = children.filter(
      (s) => s.attributes['rpc.method'] === 'QueryEngineService/getNextResultBatch',
    )
    for (const s of batchSpans) {
      expect(typeof s.attributes['e6data.batch_bytes']).toBe('number')
      expect(typeof s.attributes['e6data.batch_rows']).toBe('number')
    }
    expect(batchSpans.map((s) => s.attributes['e6data.batch_rows'])).toEqual([
      1,
      ...batchSpans.slice(1).map(() => 0),
    ])
    expect(batchSpans[0]!.attributes['e6data.batch_bytes']).toBeGreaterThan(0)
  })

  it('a retried prepare: two attempt spans, the first failed', async () => {
    const { tracer, spans } = recordingTracer()
    const c = env.newClient({ tracer })
    try {
      env.engine.control.injectFault('prepareStatementV2', { kind: 'grpc', code: 14, message: 'x' })
      await c.query('select 1 as one')
    } finally {
      await c.close()
    }
    const op = spans.find((s) => s.parent === undefined)!
    const prepares = rpcChildren(spans, op).filter(
      (s) => s.attributes['rpc.method'] === 'QueryEngineService/prepareStatementV2',
    )
    expect(prepares.map((s) => s.attributes['e6data.attempt'])).toEqual([1, 2])
    const [failed, ok] = prepares as [Recorded, Recorded]
    expect(failed.status).toEqual({ code: 2, message: expect.stringContaining('x') })
    expect(failed.exceptions.length).toBe(1)
    expect(failed.attributes['rpc.response.status_code']).toBe('UNAVAILABLE')
    expect(failed.attributes['error.type']).toBe('UNAVAILABLE')
    expect(failed.attributes['e6data.query_id']).toBeUndefined()
    expect(ok.status?.code).toBe(1)
    expect(typeof ok.attributes['e6data.query_id']).toBe('string')
    expect(op.events.map((e) => e.name)).toEqual(['retry'])
    for (const s of spans) expect(s.ended).toBe(1)
  })

  it('an aborted query ends its in-flight RPC span with an error, once', async () => {
    const { tracer, spans } = recordingTracer()
    const c = env.newClient({ tracer })
    try {
      env.engine.control.injectFault('executeStatementV2', { kind: 'delay', ms: 2_000 })
      const err = await c
        .query('select 1 as one', [], { timeoutMs: 200 })
        .then(() => null)
        .catch((e: unknown) => e)
      expect((err as Error | null)?.name).toBe('TimeoutError')
    } finally {
      await c.close()
    }
    const op = spans.find((s) => s.parent === undefined)!
    expect(op.status?.code).toBe(2)
    const exec = rpcChildren(spans, op).find(
      (s) => s.attributes['rpc.method'] === 'QueryEngineService/executeStatementV2',
    )!
    expect(exec.status?.code).toBe(2)
    for (const s of spans) expect(s.ended).toBe(1)
  })
})
