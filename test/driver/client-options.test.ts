import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { resolveClientOptions } from '../../src/driver/client-options.js'
import {
  ConnectionError,
  createClient,
  InvalidArgumentError,
  StrategyCache,
} from '../../src/driver/index.js'
import type { E6dataClosableSchemaSource } from '../../src/introspection/e6data-schema-source.js'

describe('client options', () => {
  it('applies defaults, copies and freezes', () => {
    const input = {
      host: 'h',
      username: 'u',
      password: 'secret-token',
      clusterName: 'MyCluster',
      timeouts: { rpcMs: 5 },
    }
    const o = resolveClientOptions(input)
    expect(o.port).toBe(80)
    expect(o.clusterName).toBe('mycluster')
    expect(o.timeouts).toEqual({
      connectMs: undefined,
      authenticateMs: 30_000,
      prepareMs: 600_000,
      rpcMs: 5,
      clusterMs: 30_000,
    })
    expect(o.retry).toEqual({ attempts: 5, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 60_000 })
    expect(o.poolSize).toBe(4)
    expect(o.autoResume).toBe(true)
    expect(Object.isFrozen(o) && Object.isFrozen(o.timeouts)).toBe(true)
    input.timeouts.rpcMs = 99
    expect(o.timeouts.rpcMs).toBe(5)
    expect(
      resolveClientOptions({ host: 'h', username: 'u', password: 'p', secure: true }).port,
    ).toBe(443)
  })

  it('rejects invalid options', () => {
    expect(() => resolveClientOptions({ host: '', username: 'u', password: 'p' })).toThrow(
      InvalidArgumentError,
    )
    expect(() => resolveClientOptions({ host: 'h' })).toThrow(InvalidArgumentError)
    expect(() =>
      resolveClientOptions({ host: 'h', username: 'u', password: 'p', poolSize: 0 }),
    ).toThrow(InvalidArgumentError)
  })

  it('never shows the password in inspect or JSON output, and connects lazily', async () => {
    const client = createClient({
      host: '127.0.0.1',
      port: 1,
      username: 'me@example.com',
      password: 'very-secret-token',
    })
    expect(inspect(client)).not.toContain('very-secret-token')
    expect(JSON.stringify(client)).not.toContain('very-secret-token')
    expect(inspect(client)).toContain('me@example.com')
    await client.close()
    await client.close()
    await expect(client.query('select 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' })
  })
})

describe('structural fit', () => {
  it('the client is a schema source for introspection', async () => {
    const client = createClient({
      host: 'h',
      username: 'u',
      password: 'p',
      catalog: 'c',
      database: 'd',
    })
    const source: E6dataClosableSchemaSource = client
    expect(source.options).toMatchObject({ catalog: 'c', database: 'd' })
    await source.close()
  })
})

describe('unreachable engine', () => {
  it('fails with ConnectionError after the retry budget (connectMs bounds the connect wait)', async () => {
    const client = createClient({
      host: '127.0.0.1',
      port: 1,
      username: 'u',
      password: 'p',
      timeouts: { connectMs: 100 },
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      strategyCache: new StrategyCache(),
    })
    const retries: string[] = []
    client.on('retry', (e) => retries.push(`${e.rpc}:${e.kind}`))
    const started = Date.now()
    await expect(client.query('select 1')).rejects.toBeInstanceOf(ConnectionError)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(retries).toEqual(['authenticate:transport', 'authenticate:transport'])
    await client.close()
  })
})
