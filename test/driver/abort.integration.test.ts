import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PoolTimeoutError, TimeoutError } from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS, rangeQuery } from './helpers/engine.js'

const env = useEngine({ ...ENGINE_DEFAULTS, client: { poolSize: 2 } })
beforeAll(async () => {
  await env.client.ping()
})
afterEach(async () => {
  env.engine.control.clearFaults()
  // an aborted statement is cleaned up in the background, after its owned calls settled
  await eventually(() => env.engine.control.openQueries() === 0, 6_000)
  expect(env.client.poolStats.leased).toBe(0)
  expect(env.client.openQueries).toBe(0)
})

const abortAfter = (ms: number) => {
  const ac = new AbortController()
  setTimeout(() => ac.abort(), ms)
  return ac.signal
}

describe('cancellation and abort', () => {
  it('abort during a blocked execute releases the caller at once, cancels the query, and clears it once the execute answered', async () => {
    env.engine.control.resetCounters()
    env.engine.control.injectFault('executeStatementV2', { kind: 'delay', ms: 1_500 })
    const err = await env.client
      .query('select count(*) from events', [], { signal: abortAfter(80) })
      .catch((e) => e)
    expect(err.name).toBe('AbortError')
    expect(err.queryId).toBeTypeOf('string')
    // released before the execute answered; the clear waits for that reply
    expect(env.engine.control.calls('clearOrCancelQuery')).toBe(0)
    await eventually(() => env.engine.control.calls('cancelQuery') === 1)
    await eventually(() => env.engine.control.calls('clearOrCancelQuery') === 1, 4_000)
    expect(env.engine.control.calls('executeStatementV2')).toBe(1)
    await eventually(() => env.engine.control.openQueries() === 0)
    expect(env.client.openQueries).toBe(0)
  })

  it('abort while prepare is in flight: the caller leaves at once, the late reply is cleared', async () => {
    env.engine.control.resetCounters()
    env.engine.control.injectFault('prepareStatementV2', { kind: 'delay', ms: 800, after: true })
    const err = await env.client.query('select 1', [], { signal: abortAfter(50) }).catch((e) => e)
    expect(err.name).toBe('AbortError')
    expect(err.queryId).toBeUndefined()
    expect(env.engine.control.calls('prepareStatementV2')).toBe(1)
    expect(env.engine.control.calls('clearOrCancelQuery')).toBe(0)
    // the engine prepared it (reply held 800 ms); the driver learns its id from the late reply
    await eventually(() => env.engine.control.calls('clearOrCancelQuery') === 1, 3_000)
    expect(env.engine.control.openQueries()).toBe(0)
    expect(env.engine.control.calls('executeStatementV2')).toBe(0)
  })

  it('abort during a batch fetch', async () => {
    env.engine.control.injectFault('getNextResultBatch', { kind: 'delay', ms: 3_000 })
    const err = await env.client
      .query(rangeQuery(3_000).sql, [], { signal: abortAfter(80) })
      .catch((e) => e)
    expect(err.name).toBe('AbortError')
    await eventually(() => env.engine.control.openQueries() === 0)
  })

  it('timeoutMs: a TimeoutError naming the phase, the RPC, the limit and the elapsed time', async () => {
    env.engine.control.resetCounters()
    // the reply must stay out long enough that even a heavily loaded event loop sees the release first
    env.engine.control.injectFault('executeStatementV2', { kind: 'delay', ms: 4_000, after: true })
    const err = await env.client.query('select 1', [], { timeoutMs: 300 }).catch((e) => e)
    expect(env.engine.control.calls('clearOrCancelQuery')).toBe(0) // released before the reply
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err.name).toBe('TimeoutError')
    expect(err).toMatchObject({
      code: 'TIMEOUT',
      phase: 'execute',
      rpc: 'executeStatementV2',
      option: 'timeoutMs',
      limitMs: 300,
      retryable: true,
    })
    expect(err.elapsedMs).toBeGreaterThanOrEqual(290)
    expect(err.queryId).toBeTypeOf('string')
    expect(err.message).toMatch(
      /^execute timed out after \d+ ms \(timeoutMs = 300 ms, during executeStatementV2\)$/,
    )
  })

  it('timeoutMs counts the pool wait: PoolTimeoutError (a TimeoutError of phase acquire)', async () => {
    const c = env.newClient({ poolSize: 1 })
    const held = await c.acquireSession()
    const err = await c.query('select 1', [], { timeoutMs: 80 }).catch((e) => e)
    expect(err).toBeInstanceOf(PoolTimeoutError)
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err).toMatchObject({ code: 'POOL_TIMEOUT', phase: 'acquire', option: 'timeoutMs' })
    held.release()
    await c.close()
  })

  it('an already aborted signal sends nothing', async () => {
    env.engine.control.resetCounters()
    const ac = new AbortController()
    ac.abort()
    await expect(env.client.query('select 1', [], { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    await expect(env.client.schemas(undefined, { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(env.engine.control.calls()).toEqual({})
  })

  it('abort while the stream consumer is idle frees the engine and the session, even if the iterator is abandoned', async () => {
    const ac = new AbortController()
    const iter = env.client
      .stream(rangeQuery(4_000).sql, [], { signal: ac.signal })
      [Symbol.asyncIterator]()
    expect((await iter.next()).done).toBe(false)
    expect(env.engine.control.openQueries()).toBe(1)
    ac.abort()
    await eventually(
      () => env.engine.control.openQueries() === 0 && env.client.poolStats.leased === 0,
    )
    await expect(iter.next()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('aborting a pool wait rejects with AbortError', async () => {
    const c = env.newClient({ poolSize: 1 })
    const held = await c.acquireSession()
    const err = await c.acquireSession({ signal: abortAfter(20) }).catch((e) => e)
    expect(err.name).toBe('AbortError')
    held.release()
    await c.close()
  })

  it('session.cancel() cancels the running statement; client.cancel() works from another session', async () => {
    env.engine.control.injectFault('getNextResultBatch', { kind: 'delay', ms: 3_000 })
    const s1 = await env.client.acquireSession()
    let id: string | undefined
    const p = s1.execute(rangeQuery(2_000).sql, { onQueryId: (q) => (id = q) })
    await eventually(
      () =>
        env.engine.control.runningQueries() > 0 ||
        env.engine.control.calls('getNextResultBatch') > 0,
    )
    await eventually(() => id !== undefined)
    expect(await s1.cancel()).toBe(true)
    await expect(p).rejects.toMatchObject({ name: 'AbortError', queryId: id })
    s1.release()
  })
})
