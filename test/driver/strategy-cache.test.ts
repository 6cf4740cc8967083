import { describe, expect, it } from 'vitest'
import { StrategyCache, strategyKey } from '../../src/driver/strategy-cache.js'
import { parseColour } from '../../src/wire/index.js'

describe('StrategyCache (protocol §6.3)', () => {
  it('keys entries by tls|host|port|cluster-name and shares them', () => {
    const cache = new StrategyCache()
    const k = strategyKey({ tls: true, host: 'E6.example', port: 443, clusterName: 'Prod' })
    expect(k).toBe('tls|e6.example|443|prod')
    expect(cache.entry(k)).toBe(cache.entry(k))
    expect(cache.entry(k)).not.toBe(
      cache.entry(strategyKey({ tls: false, host: 'e6.example', port: 443 })),
    )
  })

  it('enforces the TTL and tracks announcements', () => {
    let now = 0
    const e = new StrategyCache({ ttlMs: 1000, now: () => now }).entry('k')
    const changes: unknown[] = []
    e.subscribe((c) => changes.push(c))
    expect(e.isFresh()).toBe(false)
    e.confirm('blue')
    expect(e.isFresh()).toBe(true)
    now = 900
    e.touch('blue') // any successful call with the active colour restarts the TTL
    now = 1500
    expect(e.isFresh()).toBe(true)
    now = 2000
    expect(e.isFresh()).toBe(false)
    expect(e.announce('blue')).toBe(false)
    expect(e.announce('green')).toBe(true)
    expect(e.preferred()).toBe('green')
    e.confirm('green', 'announced')
    expect(e.pending).toBeNull()
    e.reject('green')
    expect(e.active).toBeNull()
    expect(changes).toEqual([
      { from: null, to: 'blue', reason: 'detected' },
      { from: 'blue', to: 'green', reason: 'announced' },
      { from: 'green', to: null, reason: 'rejected' },
    ])
  })

  it('runs detection and resume single-flight', async () => {
    const e = new StrategyCache().entry('k')
    let calls = 0
    const run = () => e.detectOnce(async () => ++calls)
    const a = run()
    const b = run()
    expect(a.started).toBe(true)
    expect(b.started).toBe(false)
    expect(await a.promise).toBe(1)
    expect(await b.promise).toBe(1)
    expect(e.detecting).toBeNull()
    await Promise.all([
      e.resumeOnce(async () => void calls++).promise,
      e.resumeOnce(async () => void calls++).promise,
    ])
    expect(calls).toBe(2)
  })

  it('parses colours case-insensitively', () => {
    expect(parseColour(' GREEN ')).toBe('green')
    expect(parseColour('red')).toBeNull()
    expect(parseColour(undefined)).toBeNull()
  })
})
