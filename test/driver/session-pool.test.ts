import { describe, expect, it } from 'vitest'
import type { PoolSlot } from '../../src/driver/pool-slot.js'
import { SessionPool } from '../../src/driver/session-pool.js'
import { ClientClosedError, PoolTimeoutError } from '../../src/errors.js'

let n = 0
const fake = () => ({ number: ++n, invalidate() {} }) as unknown as PoolSlot

describe('SessionPool', () => {
  it('creates lazily up to size, then queues FIFO', async () => {
    const pool = new SessionPool({ size: 2, acquireTimeoutMs: 1000, create: fake })
    const a = await pool.acquire()
    const b = await pool.acquire()
    expect(pool.stats).toMatchObject({ size: 2, leased: 2 })
    const order: number[] = []
    const w1 = pool.acquire().then((c) => order.push(1) && c)
    const w2 = pool.acquire().then((c) => order.push(2) && c)
    expect(pool.stats.waiting).toBe(2)
    pool.release(a)
    pool.release(b)
    expect(await w1).toBe(a)
    expect(await w2).toBe(b)
    expect(order).toEqual([1, 2])
  })

  it('times out with PoolTimeoutError and honours abort', async () => {
    const pool = new SessionPool({ size: 1, acquireTimeoutMs: 30, create: fake })
    await pool.acquire()
    await expect(pool.acquire()).rejects.toBeInstanceOf(PoolTimeoutError)
    const ac = new AbortController()
    const p = pool.acquire({ signal: ac.signal, timeoutMs: 5000 })
    ac.abort()
    await expect(p).rejects.toMatchObject({ name: 'AbortError' })
    expect(pool.stats.waiting).toBe(0)
  })

  it('close rejects waiters and resolves once everything is released', async () => {
    const pool = new SessionPool({ size: 1, acquireTimeoutMs: 1000, create: fake })
    const a = await pool.acquire()
    const waiter = pool.acquire()
    let closed = false
    const closing = pool.close().then(() => {
      closed = true
    })
    await expect(waiter).rejects.toBeInstanceOf(ClientClosedError)
    expect(closed).toBe(false)
    pool.release(a)
    await closing
    expect(closed).toBe(true)
    await expect(pool.acquire()).rejects.toBeInstanceOf(ClientClosedError)
  })
})
