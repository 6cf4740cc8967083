import { afterEach, describe, expect, it } from 'vitest'
import {
  QueryInterruptedError,
  StrategyCache,
  type StrategyChange,
} from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS, rangeQuery } from './helpers/engine.js'

const env = useEngine({ ...ENGINE_DEFAULTS, strategy: 'green' })
afterEach(() => env.engine.control.clearFaults())

describe('blue/green strategy (protocol §6.3)', () => {
  it('detects the active colour (blue → 456 → green) once per endpoint cache', async () => {
    const cache = new StrategyCache()
    const debug: string[] = []
    const a = env.newClient({ strategyCache: cache, logger: { debug: (m) => debug.push(m) } })
    const changes: StrategyChange[] = []
    a.on('strategy:changed', (c) => changes.push(c))
    await a.query('select 1')
    expect(changes).toEqual([{ from: null, to: 'green', reason: 'detected' }])
    expect(debug.filter((m) => m.includes('detecting'))).toHaveLength(1)
    // a second client of the same process shares the endpoint entry: no detection
    const b = env.newClient({ strategyCache: cache, logger: { debug: (m) => debug.push(m) } })
    await b.query('select 1')
    expect(debug.filter((m) => m.includes('detecting'))).toHaveLength(1)
    await Promise.all([a.close(), b.close()])
  })

  it('many concurrent queries during an announced switch all succeed; sessions move at idle points', async () => {
    const c = env.newClient({ poolSize: 4 })
    await c.query('select 1')
    const from = env.engine.strategy
    const changes: StrategyChange[] = []
    c.on('strategy:changed', (ch) => changes.push(ch))
    const { sql, ids } = rangeQuery(2_500)
    let switched: Promise<void> | undefined
    const runs = Array.from({ length: 16 }, async (_, i) => {
      const rows: bigint[] = []
      for await (const batch of c.stream<{ event_id: bigint }>(sql)) {
        if (i === 0 && !switched) switched = env.engine.control.switchStrategy({ drainMs: 5_000 })
        for (const r of batch.toRows()) rows.push(r.event_id)
        await new Promise((r) => setTimeout(r, 2))
      }
      return rows
    })
    const results = await Promise.all(runs)
    for (const rows of results) expect(rows).toEqual(ids)
    await switched
    expect(env.engine.strategy).not.toBe(from)
    expect(changes).toContainEqual({ from, to: env.engine.strategy, reason: 'announced' })
    // after cutover, new work runs on the new colour
    expect((await c.query('select 7 as x')).rows).toEqual([{ x: 7 }])
    await eventually(() => env.engine.control.openQueries() === 0)
    await c.close()
  })

  it('immediate switch: new work re-detects; a running query is interrupted', async () => {
    const c = env.newClient({ poolSize: 2 })
    await c.query('select 1')
    const iter = c.stream(rangeQuery(3_000).sql, [], { prefetch: 1 })[Symbol.asyncIterator]()
    await iter.next()
    const before = env.engine.strategy
    await env.engine.control.switchStrategy({ immediate: true })
    expect(env.engine.strategy).not.toBe(before)
    const err = await (async () => {
      for (;;) if ((await iter.next()).done) return undefined
    })().catch((e) => e)
    expect(err).toBeInstanceOf(QueryInterruptedError)
    const { sql, ids } = rangeQuery(1_100)
    const res = await c.query<{ event_id: bigint }>(sql)
    expect(res.rows.map((r) => r.event_id)).toEqual(ids)
    await c.close()
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('an injected 456 on execute re-detects, re-prepares and runs the query exactly once', async () => {
    const c = env.newClient()
    await c.query('select 1')
    env.engine.control.resetCounters()
    env.engine.control.injectFault('executeStatementV2', { kind: 'http', status: 456 })
    const retries: string[] = []
    c.on('retry', (e) => retries.push(`${e.rpc}:${e.kind}:${e.action}`))
    expect((await c.query('select 5 as five')).rows).toEqual([{ five: 5 }])
    expect(retries).toEqual(['executeStatementV2:strategy-rejected:redetect'])
    expect(env.engine.control.calls('executeStatementV2')).toBe(1)
    expect(env.engine.control.calls('prepareStatementV2')).toBe(2)
    await c.close()
    expect(env.engine.control.openQueries()).toBe(0)
  })
})
