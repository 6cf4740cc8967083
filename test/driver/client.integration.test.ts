import { describe, expect, it, vi } from 'vitest'
import { GrpcTransport, type TransportCallOptions } from '../../src/driver/grpc-transport.js'
import {
  InvalidArgumentError,
  PoolTimeoutError,
  QueryError,
  type SpanLike,
  type TracerLike,
} from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS, rangeQuery } from './helpers/engine.js'

const env = useEngine(ENGINE_DEFAULTS)

describe('E6dataClient against the local engine', () => {
  it('connects lazily: nothing is sent before the first call', async () => {
    env.engine.control.resetCounters()
    const c = env.newClient()
    expect(env.engine.control.calls('authenticate')).toBe(0)
    await c.query('select 1 as one')
    expect(env.engine.control.calls('authenticate')).toBe(1)
    await c.close()
  })

  it('runs a query with parameters and returns columns, rows, rowCount and the query id', async () => {
    const res = await env.client.query('select ? as s, ? as n, ? as b, ? as nul;', [
      "it's \\ ok",
      42,
      true,
      null,
    ])
    expect(res.rows).toEqual([{ s: "it's \\ ok", n: 42, b: true, nul: null }])
    expect(res.rowCount).toBe(1)
    expect(res.columns.slice(0, 3).map((c) => [c.name, c.typeName])).toEqual([
      ['s', 'STRING'],
      ['n', 'INTEGER'],
      ['b', 'BOOLEAN'],
    ])
    expect(res.queryId).toMatch(/^[0-9a-f-]{36}$/)
    // cleared in the background once the last batch arrived
    await eventually(() => env.engine.control.openQueries() === 0)
  })

  it('reads multi-batch results exactly, with per-query value mapping', async () => {
    const { sql, ids } = rangeQuery(2_345)
    const res = await env.client.query<{ event_id: bigint }>(sql)
    expect(res.rows.map((r) => r.event_id)).toEqual(ids)
    const asNumbers = await env.client.query<{ event_id: number }>(sql, [], { int64As: 'number' })
    expect(asNumbers.rows[2_344]?.event_id).toBe(2_344)
    const ts = await env.client.query<{ t: string }>(
      'select event_time as t from events where event_id = 1',
      [],
      {
        timestampAs: 'iso',
      },
    )
    expect(ts.rows[0]?.t).toBe('2024-01-01T01:58:57.682360Z')
  })

  it('resolves the value mapping once: client defaults, per-query and per-batch overrides', async () => {
    const c = env.newClient({ int64As: 'string' })
    const sql = 'select event_id, event_time as t from events where event_id = 1'
    const iso = '2024-01-01T01:58:57.682360Z'
    expect((await c.query(sql)).rows).toEqual([{ event_id: '1', t: new Date(iso) }])
    expect((await c.query(sql, [], { timestampAs: 'iso' })).rows).toEqual([
      { event_id: '1', t: iso },
    ])
    for await (const batch of c.stream(sql, [], { timestampAs: 'iso' })) {
      expect(batch.toRows()).toEqual([{ event_id: '1', t: iso }])
      expect(batch.toArrays({ int64As: 'bigint' })).toEqual([[1n, iso]])
    }
    env.engine.control.resetCounters()
    const bad = { int64As: 'long' } as unknown as { int64As: 'bigint' }
    await expect(c.query(sql, [], bad)).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(c.stream(sql, [], bad).next()).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(env.engine.control.calls('prepareStatementV2')).toBe(0)
    expect(c.poolStats.leased).toBe(0)
    await c.close()
    expect(() => env.newClient({ timestampAs: 'x' as 'iso' })).toThrow(InvalidArgumentError)
  })

  it('streams batches and rows, prefetching one batch ahead only', async () => {
    const { sql, ids } = rangeQuery(5_000)
    env.engine.control.resetCounters()
    const seen: bigint[] = []
    let maxAhead = 0
    let consumed = 0
    for await (const batch of env.client.stream<{ event_id: bigint }>(sql, [], { prefetch: 1 })) {
      consumed++
      await new Promise((r) => setTimeout(r, 30)) // a slow consumer
      maxAhead = Math.max(maxAhead, env.engine.control.calls('getNextResultBatch') - consumed)
      for (const r of batch.toRows()) seen.push(r.event_id)
    }
    expect(seen).toEqual(ids)
    expect(maxAhead).toBeLessThanOrEqual(1) // bounded read-ahead: fetching pauses while the consumer is slow
    const rows: unknown[] = []
    for await (const row of env.client.streamRows(rangeQuery(1_500).sql)) rows.push(row)
    expect(rows).toHaveLength(1_500)
  })

  it('break out of a stream cancels and clears the query and frees the session', async () => {
    await eventually(() => env.engine.control.openQueries() === 0) // earlier background clears
    env.engine.control.resetCounters()
    let n = 0
    for await (const batch of env.client.stream('select * from events')) {
      n += batch.rowCount
      break
    }
    expect(n).toBe(1_000)
    expect(env.engine.control.openQueries()).toBe(0)
    expect(env.engine.control.calls('cancelQuery')).toBe(1)
    expect(env.engine.control.calls('clearOrCancelQuery')).toBe(1)
    expect(env.client.poolStats.leased).toBe(0)
  })

  it('surfaces engine errors as QueryError with the server message, and bad SQL before any RPC', async () => {
    const err = await env.client.query('select * from no_such_table').catch((e) => e)
    expect(err).toBeInstanceOf(QueryError)
    expect(err.message).toMatch(/no_such_table/)
    await expect(env.client.query('select 1; select 2')).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    await expect(env.client.query('select ?', [])).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(env.client.explain('select 1; select 2')).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    const stream = env.client.stream('')[Symbol.asyncIterator]()
    await expect(stream.next()).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(env.client.poolStats.leased).toBe(0)
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('explain, explainAnalyze, schemas, tables, columns, ping and cluster status', async () => {
    expect(await env.client.explain('select count(*) from events')).toMatch(/events/)
    const ea = await env.client.explainAnalyze('select event_id from events where event_id < 10')
    expect(ea.rowCount).toBe(10)
    expect(ea.isCached).toBe(false)
    expect(typeof ea.totalQueryTimeMs).toBe('number')
    expect(ea.plan).toHaveProperty('plan')
    expect(await env.client.schemas()).toContain(env.engine.schema)
    expect(await env.client.tables(env.engine.schema)).toEqual(
      expect.arrayContaining(['events', 'products']),
    )
    const cols = await env.client.columns(env.engine.schema, 'products')
    expect(cols).toContainEqual({ name: 'unit_price', type: 'decimal', rawType: 'decimal(10,2)' })
    expect(await env.client.ping()).toBeGreaterThan(0)
    expect(await env.client.cluster.status()).toBe('active')
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('pools sessions: acquire timeout, release, and concurrent queries sharing the pool', async () => {
    const c = env.newClient({ poolSize: 2 })
    const a = await c.acquireSession()
    const b = await c.acquireSession()
    await expect(c.acquireSession({ timeoutMs: 50 })).rejects.toBeInstanceOf(PoolTimeoutError)
    a.release()
    a.release()
    const again = await c.acquireSession()
    expect(again.number).toBe(a.number)
    again.release()
    b.release()
    env.engine.control.resetCounters()
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => c.query(`select ${i} as i`)),
    )
    expect(results.map((r) => r.rows[0]?.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(env.engine.control.calls('authenticate')).toBe(2) // one per pooled session, lazily
    expect(c.poolStats).toMatchObject({ size: 2, leased: 0 })
    await c.close()
  })

  it('session handle: execute with onQueryId, currentQueryId, cancel from another session', async () => {
    const session = await env.client.acquireSession()
    let seen: string | undefined
    const res = await session.execute('select 1 as one', { onQueryId: (id) => (seen = id) })
    expect(seen).toBe(res.queryId)
    expect(session.currentQueryId).toBeUndefined()
    // a long query on `session`, cancelled through another session by id
    env.engine.control.injectFault('executeStatementV2', { kind: 'delay', ms: 2_000, after: true })
    let running: string | undefined
    const p = session.execute('select count(*) from events', { onQueryId: (id) => (running = id) })
    await eventually(
      () => running !== undefined && env.engine.control.calls('executeStatementV2') > 0,
    )
    expect(session.currentQueryId).toBe(running)
    const other = await env.client.acquireSession()
    expect(await other.cancel(running)).toBe(true)
    other.release()
    const err = await p.catch((e) => e)
    expect(err.name).toBe('AbortError')
    expect(err.queryId).toBe(running)
    session.release()
    // cleared once the (owned) execute answered
    await eventually(() => env.engine.control.openQueries() === 0, 5_000)
    expect(await env.client.cancel('00000000-0000-0000-0000-000000000000')).toBe(false)
  })

  it('traces operations and RPC retries through an OpenTelemetry-shaped tracer', async () => {
    const spans: {
      name: string
      attrs: Record<string, unknown>
      events: string[]
      ended: boolean
    }[] = []
    const tracer: TracerLike = {
      startSpan(name, options) {
        const s = { name, attrs: { ...options?.attributes }, events: [] as string[], ended: false }
        spans.push(s)
        const span: SpanLike = {
          setAttribute: (k, v) => {
            s.attrs[k] = v
          },
          addEvent: (e) => void s.events.push(e),
          recordException: () => undefined,
          setStatus: () => undefined,
          end: () => {
            s.ended = true
          },
        }
        return span
      },
    }
    const c = env.newClient({ tracer })
    env.engine.control.injectFault('prepareStatementV2', {
      kind: 'grpc',
      code: 14,
      message: 'injected',
    })
    await c.query('select 1 as x')
    await c.close() // the query span ends with the background clear
    const q = spans.find((s) => s.name === 'SELECT local.demo')
    expect(q?.ended).toBe(true)
    expect(q?.attrs['e6data.query_id']).toBeTypeOf('string')
    expect(q?.attrs['e6data.strategy']).toBe('blue')
    expect(q?.events).toContain('retry')
  })

  it('sends plannerip only on per-query calls and the pinned strategy on every call (protocol §2)', async () => {
    const calls: [string, TransportCallOptions][] = []
    const original = GrpcTransport.prototype.call
    const spy = vi.spyOn(GrpcTransport.prototype, 'call').mockImplementation(function (
      this: GrpcTransport,
      ...args
    ) {
      calls.push([args[0], args[2] ?? {}])
      return original.apply(this, args as Parameters<typeof original>)
    } as typeof original)
    try {
      const c = env.newClient()
      const { queryId } = await c.query('select 1 as one')
      await c.tables(env.engine.schema)
      await c.cluster.status()
      await c.close()
      const perQuery = new Set([
        'executeStatementV2',
        'getResultMetadata',
        'getNextResultBatch',
        'clearOrCancelQuery',
      ])
      // the first batch is requested together with the metadata; the clear runs in the background
      expect(calls.slice(0, 6).map(([rpc]) => rpc)).toEqual([
        'authenticate',
        'prepareStatementV2',
        'executeStatementV2',
        'getNextResultBatch',
        'getResultMetadata',
        'getNextResultBatch',
      ])
      expect(
        calls
          .slice(6)
          .map(([rpc]) => rpc)
          .sort(),
      ).toEqual(['clearOrCancelQuery', 'cluster.status', 'getTablesV2'])
      for (const [rpc, o] of calls) {
        expect(o.strategy, rpc).toBe('blue')
        if (perQuery.has(rpc)) expect(o.plannerip, rpc).toBe('127.0.0.1')
        else expect(o.plannerip, rpc).toBeUndefined()
      }
      expect(queryId).toBeTypeOf('string')
    } finally {
      spy.mockRestore()
    }
  })

  it('close() waits for running work, then clears and closes; safe twice', async () => {
    const c = env.newClient()
    const iter = c.stream('select * from events')[Symbol.asyncIterator]()
    await iter.next()
    const closing = c.close({ timeoutMs: 100 })
    await expect(c.query('select 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' })
    await closing
    await c.close()
    await eventually(() => env.engine.control.openQueries() === 0)
    await expect(iter.next()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('close() does not hang on a session the user never released', async () => {
    const c = env.newClient()
    await c.acquireSession()
    const started = Date.now()
    await c.close({ timeoutMs: 50 })
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
