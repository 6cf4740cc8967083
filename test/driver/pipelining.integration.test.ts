/**
 * Fewer sequential round trips: the first batch is requested together with the metadata, and a
 * statement resolves when its last batch arrived (the clear runs in the background). The way back:
 * an engine that refuses the early batch (`refuseEarlyBatches`) gets the reference order at once —
 * no error for the caller, nothing run twice — remembered per endpoint; `pipelining: false` never
 * pipelines.
 */
import { status as grpcStatus } from '@grpc/grpc-js'
import { describe, expect, it, vi } from 'vitest'
import { GrpcTransport } from '../../src/driver/grpc-transport.js'
import {
  type E6dataClient,
  QueryError,
  QueryInterruptedError,
  StrategyCache,
} from '../../src/driver/index.js'
import type { LocalEngine } from '../../src/local/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS, rangeQuery } from './helpers/engine.js'

type Event = readonly ['start' | 'end', string]

/** Records the start and the end of every RPC the driver sends. */
function recordCalls(): { events: Event[]; restore: () => void } {
  const events: Event[] = []
  const original = GrpcTransport.prototype.call
  const spy = vi.spyOn(GrpcTransport.prototype, 'call').mockImplementation(function (
    this: GrpcTransport,
    ...args
  ) {
    const rpc = args[0]
    events.push(['start', rpc])
    const p = original.apply(this, args as Parameters<typeof original>)
    p.then(
      () => events.push(['end', rpc]),
      () => events.push(['end', rpc]),
    )
    return p
  } as typeof original)
  return { events, restore: () => spy.mockRestore() }
}

/** Index of the n-th (0-based) event matching. */
function at(events: readonly Event[], kind: Event[0], rpc: string, n = 0): number {
  let seen = 0
  for (const [i, [k, r]] of events.entries()) if (k === kind && r === rpc && seen++ === n) return i
  return -1
}

async function drained(engine: LocalEngine): Promise<void> {
  await eventually(() => engine.control.openQueries() === 0, 3_000)
  engine.control.resetCounters()
}

describe('pipelining against an engine that serves early batches', () => {
  const env = useEngine(ENGINE_DEFAULTS)

  it('requests the first batch before the metadata reply and resolves before the clear', async () => {
    const client = env.newClient({ poolSize: 1 })
    await client.query('select 1')
    await drained(env.engine)
    const { events, restore } = recordCalls()
    try {
      const res = await client.query<{ one: number }>('select 1 as one')
      expect(res.rows).toEqual([{ one: 1 }])
      // sent together: the batch request left before the metadata answered
      expect(at(events, 'start', 'getNextResultBatch')).toBeLessThan(
        at(events, 'end', 'getResultMetadata'),
      )
      // the caller resumed with the clear, if sent at all yet, unanswered
      expect(at(events, 'end', 'clearOrCancelQuery')).toBe(-1)
      await client.close() // waits for the background clear
      expect(at(events, 'end', 'clearOrCancelQuery')).toBeGreaterThan(0)
      expect(env.engine.control.calls('clearOrCancelQuery')).toBe(1)
      expect(env.engine.control.calls('getNextResultBatch')).toBe(2)
      expect(env.engine.control.openQueries()).toBe(0)
    } finally {
      restore()
    }
  })

  it('multi-batch results, streams and every session of a pool stay exact', async () => {
    const client = env.newClient({ poolSize: 3 })
    try {
      const { sql, ids } = rangeQuery(2_345)
      const results = await Promise.all(
        Array.from({ length: 9 }, () => client.query<{ event_id: bigint }>(sql)),
      )
      for (const r of results) expect(r.rows.map((x) => x.event_id)).toEqual(ids)
      const streamed: bigint[] = []
      for await (const b of client.stream<{ event_id: bigint }>(sql)) {
        for (const r of b.toRows()) streamed.push(r.event_id)
      }
      expect(streamed).toEqual(ids)
      const empty = await client.query('select 1 as x where false')
      expect(empty.rows).toEqual([])
      expect(empty.columns.map((c) => c.name)).toEqual(['x'])
    } finally {
      await client.close()
    }
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('break after the early batch cancels and clears the query', async () => {
    const client = env.newClient({ poolSize: 1 })
    try {
      for await (const b of client.stream(rangeQuery(3_000).sql)) {
        expect(b.rowCount).toBe(1_000)
        break
      }
      expect(env.engine.control.openQueries()).toBe(0)
      expect(client.poolStats.leased).toBe(0)
    } finally {
      await client.close()
    }
  })

  it('a transport failure of the early batch is a lost batch (QueryInterruptedError), run once', async () => {
    const client = env.newClient({ poolSize: 1 })
    try {
      await client.ping()
      await drained(env.engine)
      env.engine.control.injectFault('getNextResultBatch', {
        kind: 'grpc',
        code: grpcStatus.UNAVAILABLE,
        message: 'injected',
        after: true,
      })
      await expect(client.query(rangeQuery(10).sql)).rejects.toBeInstanceOf(QueryInterruptedError)
      expect(env.engine.control.calls('executeStatementV2')).toBe(1)
      expect(env.engine.control.calls('getNextResultBatch')).toBe(1)
    } finally {
      await client.close()
    }
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('an engine error on the early batch and again in the reference order reaches the caller; the endpoint still pipelines', async () => {
    const cache = new StrategyCache()
    const infos: string[] = []
    const logger = { info: (m: string) => infos.push(m) }
    const client = env.newClient({ poolSize: 1, strategyCache: cache, logger })
    try {
      await client.ping()
      await drained(env.engine)
      const boom = { kind: 'grpc', code: grpcStatus.INTERNAL, message: 'boom' } as const
      env.engine.control.injectFault('getNextResultBatch', boom, 2)
      const err = await client.query(rangeQuery(10).sql).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(QueryError)
      expect((err as Error).message).toMatch(/boom/)
      expect(env.engine.control.calls('executeStatementV2')).toBe(1)
      // not a refusal of early batches: the next query is pipelined again
      await drained(env.engine)
      const { events, restore } = recordCalls()
      try {
        await client.query('select 2 as two')
      } finally {
        restore()
      }
      expect(at(events, 'start', 'getNextResultBatch')).toBeLessThan(
        at(events, 'start', 'getResultMetadata'),
      )
      expect(cache.entry(`plain|${env.engine.host}|${env.engine.port}|`).acceptsEarlyBatches).toBe(
        true,
      )
      expect(infos.filter((m) => m.includes('refused a batch'))).toEqual([])
    } finally {
      await client.close()
    }
  })
})

describe('an engine that refuses early batches (refuseEarlyBatches)', () => {
  const env = useEngine({ ...ENGINE_DEFAULTS, refuseEarlyBatches: true })

  it('falls back to the reference order at once (no error, nothing run twice) and remembers it per endpoint', async () => {
    const cache = new StrategyCache()
    const infos: string[] = []
    const logger = { info: (m: string) => infos.push(m) }
    const client: E6dataClient = env.newClient({ poolSize: 1, strategyCache: cache, logger })
    const { sql, ids } = rangeQuery(2_500) // 3 batches + the end
    try {
      await client.ping()
      await drained(env.engine)
      const res = await client.query<{ event_id: bigint }>(sql)
      expect(res.rows.map((r) => r.event_id)).toEqual(ids)
      expect(env.engine.control.calls('executeStatementV2')).toBe(1)
      expect(env.engine.control.calls('prepareStatementV2')).toBe(1)
      expect(env.engine.control.calls('getNextResultBatch')).toBe(5) // the refused one + 4
      expect(infos.filter((m) => m.includes('refused a batch'))).toHaveLength(1)
      expect(cache.entry(`plain|${env.engine.host}|${env.engine.port}|`).acceptsEarlyBatches).toBe(
        false,
      )

      // remembered: the next query (and a new client of the same endpoint) reads metadata first
      await drained(env.engine)
      const again = await client.query<{ event_id: bigint }>(sql)
      expect(again.rows.map((r) => r.event_id)).toEqual(ids)
      expect(env.engine.control.calls('getNextResultBatch')).toBe(4)
      const other = env.newClient({ poolSize: 1, strategyCache: cache })
      try {
        await drained(env.engine)
        const { events, restore } = recordCalls()
        try {
          expect((await other.query('select 3 as three')).rows).toEqual([{ three: 3 }])
        } finally {
          restore()
        }
        expect(at(events, 'end', 'getResultMetadata')).toBeLessThan(
          at(events, 'start', 'getNextResultBatch'),
        )
        expect(env.engine.control.calls('getNextResultBatch')).toBe(2)
      } finally {
        await other.close()
      }
      expect(infos.filter((m) => m.includes('refused a batch'))).toHaveLength(1)
    } finally {
      await client.close()
    }
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('streams and explainAnalyze fall back too', async () => {
    const client = env.newClient({ poolSize: 1 })
    const { sql, ids } = rangeQuery(1_500)
    try {
      const rows: bigint[] = []
      for await (const b of client.stream<{ event_id: bigint }>(sql)) {
        for (const r of b.toRows()) rows.push(r.event_id)
      }
      expect(rows).toEqual(ids)
      const other = env.newClient({ poolSize: 1 })
      try {
        expect((await other.explainAnalyze(sql)).rowCount).toBe(1_500)
      } finally {
        await other.close()
      }
    } finally {
      await client.close()
    }
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('pipelining: false never sends an early batch', async () => {
    const client = env.newClient({ poolSize: 1, pipelining: false })
    try {
      await client.ping()
      await drained(env.engine)
      const { sql, ids } = rangeQuery(1_500)
      const res = await client.query<{ event_id: bigint }>(sql)
      expect(res.rows.map((r) => r.event_id)).toEqual(ids)
      expect(env.engine.control.calls('getNextResultBatch')).toBe(3)
    } finally {
      await client.close()
    }
  })
})
