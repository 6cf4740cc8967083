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
      connectMs: 10_000,
      authenticateMs: 10_000,
      prepareMs: 600_000,
      rpcMs: 5,
      clusterMs: 30_000,
      cleanupMs: 15_000,
    })
    expect(o.retry).toEqual({ attempts: 5, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 30_000 })
    expect(o.reconnect).toEqual({ initialDelayMs: 100, maxDelayMs: 1_000 })
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

  const base = { host: 'h', username: 'u', password: 'secret-token' }
  it.each([
    ['poolSize', { poolSize: 0.5 }, 'option poolSize must be an integer from 1 to 10000, got 0.5'],
    ['poolSize', { poolSize: Number.NaN }, 'got NaN'],
    ['port', { port: 70_000 }, 'option port must be an integer from 1 to 65535, got 70000'],
    ['port', { port: 0 }, 'got 0'],
    ['port', { port: '9000' }, 'got "9000"'],
    ['host', { host: '127.0.0.1:9000' }, 'without scheme or port'],
    ['host', { host: 'http://e6.example.com' }, 'got "http://e6.example.com"'],
    ['host', { host: '[127.0.0.1]' }, 'without scheme or port'],
    [
      'secure',
      { secure: 'yes' },
      'option secure must be true, false or a TLS options object, got "yes"',
    ],
    ['autoResume', { autoResume: 'no' }, 'option autoResume must be true or false'],
    ['timeouts.rpcMs', { timeouts: { rpcMs: -1 } }, 'got -1'],
    ['timeouts.prepareMs', { timeouts: { prepareMs: 2 ** 31 } }, 'from 1 to 2147483647'],
    ['acquireTimeoutMs', { acquireTimeoutMs: 3e9 }, 'got 3000000000'],
    ['timeouts.cleanupMs', { timeouts: { cleanupMs: 0 } }, 'got 0'],
    ['retry.attempts', { retry: { attempts: 2.5 } }, 'got 2.5'],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -5 } }, 'got -5'],
    ['reconnect.maxDelayMs', { reconnect: { initialDelayMs: 500, maxDelayMs: 100 } }, 'got 100'],
    ['prefetch', { prefetch: 0 }, 'got 0'],
    ['catalog', { catalog: 42 }, 'option catalog must be a string, got 42'],
    ['timeouts', { timeouts: 5 }, 'option timeouts must be an object, got 5'],
  ])('%s: %j → InvalidArgumentError naming the option and the value', (option, extra, message) => {
    let err: unknown
    try {
      resolveClientOptions({ ...base, ...(extra as object) } as never)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InvalidArgumentError)
    expect((err as InvalidArgumentError).option).toBe(option)
    expect((err as Error).message).toContain(`option ${option} must be`)
    expect((err as Error).message).toContain(message)
    expect((err as Error).message).not.toContain('secret-token')
  })

  it('accepts IPv6 hosts, and 0 / Infinity as "no limit" where a limit is optional', () => {
    expect(resolveClientOptions({ ...base, host: '::1' }).host).toBe('::1')
    expect(resolveClientOptions({ ...base, host: '[::1]' }).host).toBe('[::1]')
    const o = resolveClientOptions({
      ...base,
      acquireTimeoutMs: 0,
      timeouts: { connectMs: Number.POSITIVE_INFINITY, prepareMs: 0 },
      retry: { budgetMs: 0, baseDelayMs: 0 },
    })
    expect(o.acquireTimeoutMs).toBe(Number.POSITIVE_INFINITY)
    expect(o.timeouts.connectMs).toBe(Number.POSITIVE_INFINITY)
    expect(o.timeouts.prepareMs).toBe(Number.POSITIVE_INFINITY)
    expect(o.retry.budgetMs).toBe(Number.POSITIVE_INFINITY)
    expect(o.retry.baseDelayMs).toBe(0)
  })

  it('validates per-call timeouts too (no timer overflow)', async () => {
    const client = createClient({ ...base, host: '127.0.0.1', port: 1 })
    await expect(client.query('select 1', [], { timeoutMs: 3e9 })).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      option: 'timeoutMs',
    })
    await expect(client.acquireSession({ timeoutMs: -1 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    await client.close()
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
