import { describe, expect, it } from 'vitest'
import { BatchPrefetcher } from '../../src/driver/batch-prefetcher.js'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('BatchPrefetcher', () => {
  it('keeps one fetch in flight and stops at the buffer limit', async () => {
    let inFlight = 0
    let maxInFlight = 0
    let calls = 0
    const p = new BatchPrefetcher(async () => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      calls++
      await tick()
      inFlight--
      return calls <= 5 ? calls : null
    }, 2)
    expect(await p.next()).toBe(1)
    await tick()
    await tick()
    await tick()
    // consumer is slow: only `limit` batches are buffered ahead
    expect(p.buffered).toBe(2)
    expect(calls).toBe(3)
    const rest: unknown[] = []
    for (let v = await p.next(); v !== null; v = await p.next()) rest.push(v)
    expect(rest).toEqual([2, 3, 4, 5])
    expect(maxInFlight).toBe(1)
    expect(calls).toBe(6)
  })

  it('rethrows a fetch failure and aborts the fetch in flight on close', async () => {
    const failing = new BatchPrefetcher(async () => {
      throw new Error('boom')
    })
    await expect(failing.next()).rejects.toThrow('boom')
    let aborted = false
    let end: ((err: Error) => void) | undefined
    const slow = new BatchPrefetcher(
      () =>
        new Promise<number>((_, reject) => {
          end = reject
        }),
      1,
      () => {
        aborted = true
        end?.(new Error('aborted'))
      },
    )
    slow.start()
    slow.close()
    expect(aborted).toBe(true)
    expect(await slow.next()).toBeNull()
    // nothing in flight: closing calls nothing
    let calls = 0
    const idle = new BatchPrefetcher(
      async () => null,
      1,
      () => calls++,
    )
    idle.close()
    expect(calls).toBe(0)
  })
})
