import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type E6dataClient, PoolTimeoutError, TimeoutError } from '../../src/driver/index.js'
import type { LocalEngine } from '../../src/local/index.js'
import { clientFor, eventually, rangeQuery, startEngine } from './helpers/engine.js'

let engine: LocalEngine
let client: E6dataClient
beforeAll(async () => {
  engine = await startEngine()
  client = clientFor(engine, { poolSize: 2 })
  await client.ping()
})
afterEach(async () => {
  engine.control.clearFaults()
  // an aborted statement is cleaned up in the background, after its owned calls settled
  await eventually(() => engine.control.openQueries() === 0, 6_000)
  expect(client.poolStats.leased).toBe(0)
  expect(client.openQueries).toBe(0)
})
afterAll(async () => {
  await client.close()
  await engine.close()
})

const abortAfter = (ms: number) => {
  const ac = new AbortController()
  setTimeout(() => ac.abort(), ms)
  return ac.signal
}

describe('cancellation and abort', () => {
  it('abort during a blocked execute releases the caller at once, cancels the query, and clears it once the execute answered', async () => {
    engine.control.resetCounters()
    engine.control.injectFault('executeStatementV2', { kind: 'delay', ms: 1_500 })
    const err = await client
      .query('select count(*) from events', [], { signal: abortAfter(80) })
      .catch((e) => e)
    expect(err.name).toBe('AbortError')
    expect(err.queryId).toBeTypeOf('string')
    // released before the execute answered; the clear waits for that reply
    expect(engine.control.calls('clearOrCancelQuery')).toBe(0)
    await eventually(() => engine.control.calls('cancelQuery') === 1)
    await eventually(() => engine.control.calls('clearOrCancelQuery') === 1, 4_000)
    expect(engine.control.calls('executeStatementV2')).toBe(1)
    await eventually(() => engine.control.openQueries() === 0)
    expect(client.openQueries).toBe(0)
  })

  it('abort while prepare is in flight: the caller leaves at once, the late reply is cleared', async () => {
    engine.control.resetCounters()
    engine.control.injectFault('prepareStatementV2', { kind: 'delay', ms: 800, after: true })
    const err = await client.query('select 1', [], { signal: abortAfter(50) }).catch((e) => e)
    expect(err.name).toBe('AbortError')
    expect(err.queryId).toBeUndefined()
    expect(engine.control.calls('prepareStatementV2')).toBe(1)
    expect(engine.control.calls('clearOrCancelQuery')).toBe(0)
    // the engine prepared it (reply held 800 ms); the driver learns its id from the late reply
    await eventually(() => engine.control.calls('clearOrCancelQuery') === 1, 3_000)
    expect(engine.control.openQueries()).toBe(0)
    expect(engine.control.calls('executeStatementV2')).toBe(0)
  })

  it('abort during a batch fetch', async () => {
    engine.control.injectFault('getNextResultBatch', { kind: 'delay', ms: 3_000 })
    const err = await client
      .query(rangeQuery(3_000).sql, [], { signal: abortAfter(80) })
      .catch((e) => e)
    expect(err.name).toBe('AbortError')
    await eventually(() => engine.control.openQueries() === 0)
  })

  it('timeoutMs: a TimeoutError naming the phase, the RPC, the limit and the elapsed time', async () => {
    engine.control.resetCounters()
    engine.control.injectFault('executeStatementV2', { kind: 'delay', ms: 1_500, after: true })
    const err = await client.query('select 1', [], { timeoutMs: 300 }).catch((e) => e)
    expect(engine.control.calls('clearOrCancelQuery')).toBe(0) // released before the reply
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
    const c = clientFor(engine, { poolSize: 1 })
    const held = await c.acquireSession()
    const err = await c.query('select 1', [], { timeoutMs: 80 }).catch((e) => e)
    expect(err).toBeInstanceOf(PoolTimeoutError)
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err).toMatchObject({ code: 'POOL_TIMEOUT', phase: 'acquire', option: 'timeoutMs' })
    held.release()
    await c.close()
  })

  it('an already aborted signal sends nothing', async () => {
    engine.control.resetCounters()
    const ac = new AbortController()
    ac.abort()
    await expect(client.query('select 1', [], { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    await expect(client.schemas(undefined, { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(engine.control.calls()).toEqual({})
  })

  it('abort while the stream consumer is idle frees the engine and the session, even if the iterator is abandoned', async () => {
    const ac = new AbortController()
    const iter = client
      .stream(rangeQuery(4_000).sql, [], { signal: ac.signal })
      [Symbol.asyncIterator]()
    expect((await iter.next()).done).toBe(false)
    expect(engine.control.openQueries()).toBe(1)
    ac.abort()
    await eventually(() => engine.control.openQueries() === 0 && client.poolStats.leased === 0)
    await expect(iter.next()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('aborting a pool wait rejects with AbortError', async () => {
    const c = clientFor(engine, { poolSize: 1 })
    const held = await c.acquireSession()
    const err = await c.acquireSession({ signal: abortAfter(20) }).catch((e) => e)
    expect(err.name).toBe('AbortError')
    held.release()
    await c.close()
  })

  it('session.cancel() cancels the running statement; client.cancel() works from another session', async () => {
    engine.control.injectFault('getNextResultBatch', { kind: 'delay', ms: 3_000 })
    const s1 = await client.acquireSession()
    let id: string | undefined
    const p = s1.execute(rangeQuery(2_000).sql, { onQueryId: (q) => (id = q) })
    await eventually(
      () => engine.control.runningQueries() > 0 || engine.control.calls('getNextResultBatch') > 0,
    )
    await eventually(() => id !== undefined)
    expect(await s1.cancel()).toBe(true)
    await expect(p).rejects.toMatchObject({ name: 'AbortError', queryId: id })
    s1.release()
  })
})
