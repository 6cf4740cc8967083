import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, QueryInterruptedError } from '../../src/driver/index.js'
import type { LocalEngine } from '../../src/local/index.js'
import { clientFor, eventually, rangeQuery, startEngine } from './helpers/engine.js'

let engine: LocalEngine
beforeAll(async () => {
  engine = await startEngine()
})
afterAll(async () => {
  await engine.close()
})

describe('sessions (protocol §5.1)', () => {
  it('wrong credentials: AuthenticationError at once, exactly one authenticate, no retry storm', async () => {
    engine.control.resetCounters()
    const c = clientFor(engine, { password: 'wrong-token' })
    const errors = await Promise.all(
      [c.query('select 1'), c.query('select 2'), c.schemas()].map((p) => p.catch((e) => e)),
    )
    for (const e of errors) expect(e).toBeInstanceOf(AuthenticationError)
    expect(engine.control.calls('authenticate')).toBe(1)
    await c.close()
  })

  it('authenticates lazily and single-flight: concurrent first calls share one detection', async () => {
    engine.control.resetCounters()
    const c = clientFor(engine, { poolSize: 3 })
    const created: number[] = []
    c.on('session:created', (e) => created.push(e.sessionNumber))
    await Promise.all(Array.from({ length: 9 }, () => c.query('select 1')))
    expect(engine.control.calls('authenticate')).toBe(3)
    expect(new Set(created).size).toBe(3)
    await c.close()
  })

  it('calls an async credentials provider for every authenticate', async () => {
    let calls = 0
    const c = clientFor(engine, {
      username: undefined,
      password: undefined,
      credentials: async () => {
        calls++
        return { username: engine.credentials.user, password: engine.credentials.password }
      },
    })
    await c.query('select 1')
    engine.control.expireSessions()
    await c.query('select 1')
    expect(calls).toBe(2)
    await c.close()
  })

  it('re-authenticates once after expiry and replays the (idempotent) prepare', async () => {
    const c = clientFor(engine, { poolSize: 1 })
    await c.query('select 1')
    const expired: number[] = []
    c.on('session:expired', (e) => expired.push(e.sessionNumber))
    engine.control.expireSessions()
    engine.control.resetCounters()
    const { sql, ids } = rangeQuery(1_200)
    const res = await c.query<{ event_id: bigint }>(sql)
    expect(res.rows.map((r) => r.event_id)).toEqual(ids)
    expect(engine.control.calls('authenticate')).toBe(1)
    expect(engine.control.calls('executeStatementV2')).toBe(1)
    expect(expired).toHaveLength(1)
    await c.close()
  })

  it('expiry mid-stream interrupts the query (retryable), leaks nothing, and the next query works', async () => {
    const c = clientFor(engine, { poolSize: 1 })
    const err = await (async () => {
      for await (const _ of c.stream(rangeQuery(3_000).sql)) engine.control.expireSessions()
    })().catch((e) => e)
    expect(err).toBeInstanceOf(QueryInterruptedError)
    expect(err.retryable).toBe(true)
    expect(err.queryId).toBeTypeOf('string')
    await eventually(() => engine.control.openQueries() === 0)
    expect(c.poolStats.leased).toBe(0)
    expect((await c.query('select 42 as x')).rows).toEqual([{ x: 42 }])
    await c.close()
  })
})
