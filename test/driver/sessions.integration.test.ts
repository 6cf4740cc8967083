import { describe, expect, it } from 'vitest'
import { AuthenticationError, QueryInterruptedError } from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS, rangeQuery } from './helpers/engine.js'

const env = useEngine(ENGINE_DEFAULTS)

describe('sessions (protocol §5.1)', () => {
  it('wrong credentials: AuthenticationError at once, exactly one authenticate, no retry storm', async () => {
    env.engine.control.resetCounters()
    const c = env.newClient({ password: 'wrong-token' })
    const errors = await Promise.all(
      [c.query('select 1'), c.query('select 2'), c.schemas()].map((p) => p.catch((e) => e)),
    )
    for (const e of errors) expect(e).toBeInstanceOf(AuthenticationError)
    expect(env.engine.control.calls('authenticate')).toBe(1)
    await c.close()
  })

  it('authenticates lazily and single-flight: concurrent first calls share one detection', async () => {
    env.engine.control.resetCounters()
    const c = env.newClient({ poolSize: 3 })
    const created: number[] = []
    c.on('session:created', (e) => created.push(e.sessionNumber))
    await Promise.all(Array.from({ length: 9 }, () => c.query('select 1')))
    expect(env.engine.control.calls('authenticate')).toBe(3)
    expect(new Set(created).size).toBe(3)
    await c.close()
  })

  it('calls an async credentials provider for every authenticate', async () => {
    let calls = 0
    const c = env.newClient({
      username: undefined,
      password: undefined,
      credentials: async () => {
        calls++
        return { username: env.engine.credentials.user, password: env.engine.credentials.password }
      },
    })
    await c.query('select 1')
    env.engine.control.expireSessions()
    await c.query('select 1')
    expect(calls).toBe(2)
    await c.close()
  })

  it('re-authenticates once after expiry and replays the (idempotent) prepare', async () => {
    const c = env.newClient({ poolSize: 1 })
    await c.query('select 1')
    const expired: number[] = []
    c.on('session:expired', (e) => expired.push(e.sessionNumber))
    env.engine.control.expireSessions()
    env.engine.control.resetCounters()
    const { sql, ids } = rangeQuery(1_200)
    const res = await c.query<{ event_id: bigint }>(sql)
    expect(res.rows.map((r) => r.event_id)).toEqual(ids)
    expect(env.engine.control.calls('authenticate')).toBe(1)
    expect(env.engine.control.calls('executeStatementV2')).toBe(1)
    expect(expired).toHaveLength(1)
    await c.close()
  })

  it('expiry mid-stream interrupts the query (retryable), leaks nothing, and the next query works', async () => {
    const c = env.newClient({ poolSize: 1 })
    const err = await (async () => {
      for await (const _ of c.stream(rangeQuery(3_000).sql)) env.engine.control.expireSessions()
    })().catch((e) => e)
    expect(err).toBeInstanceOf(QueryInterruptedError)
    expect(err.retryable).toBe(true)
    expect(err.queryId).toBeTypeOf('string')
    await eventually(() => env.engine.control.openQueries() === 0)
    expect(c.poolStats.leased).toBe(0)
    expect((await c.query('select 42 as x')).rows).toEqual([{ x: 42 }])
    await c.close()
  })
})
