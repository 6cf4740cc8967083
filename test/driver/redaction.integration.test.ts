import { inspect } from 'node:util'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { GrpcTransport } from '../../src/driver/grpc-transport.js'
import type { Logger, TracerLike } from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

const PASSWORD = 'super-secret-access-token-42'
const env = useEngine({
  ...ENGINE_DEFAULTS,
  users: [{ user: 'me@example.com', password: PASSWORD }],
})
afterAll(async () => {
  vi.restoreAllMocks()
})

describe('secrets never leak', () => {
  it('no password or session id in debug logs, spans, error messages, causes or inspect output', async () => {
    const sessionIds = new Set<string>()
    const original = GrpcTransport.prototype.call
    vi.spyOn(GrpcTransport.prototype, 'call').mockImplementation(async function (
      this: GrpcTransport,
      ...args
    ) {
      const res = await original.apply(this, args as Parameters<typeof original>)
      const id = (res as { sessionId?: string }).sessionId
      if (id) sessionIds.add(id)
      return res
    } as typeof original)
    const lines: string[] = []
    const capture = (level: string) => (m: string, ctx?: Record<string, unknown>) =>
      lines.push(
        `${level} ${m} ${JSON.stringify(ctx ?? {}, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`,
      )
    const logger: Logger = {
      debug: capture('debug'),
      info: capture('info'),
      warn: capture('warn'),
      error: capture('error'),
    }
    const errors: unknown[] = []
    // every span name, attribute, event, exception and status the driver hands to a tracer
    const traced: string[] = []
    const json = (v: unknown) =>
      JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x)) ?? ''
    const tracer: TracerLike = {
      startSpan(name, options) {
        traced.push(`span ${name} ${json(options?.attributes)}`)
        return {
          setAttribute: (k, v) => traced.push(`attr ${k}=${json(v)}`),
          addEvent: (n, a) => traced.push(`event ${n} ${json(a)}`),
          recordException: (e) => traced.push(`exception ${inspect(e, { depth: 10 })}`),
          setStatus: (st) => traced.push(`status ${json(st)}`),
          end: () => traced.push('end'),
        }
      },
    }
    const c = env.newClient({
      username: 'me@example.com',
      password: PASSWORD,
      logger,
      tracer,
      poolSize: 2,
    })

    await c.query('select 1')
    env.engine.control.expireSessions()
    await c.query('select 2')
    env.engine.control.injectFault('prepareStatementV2', {
      kind: 'grpc',
      code: 14,
      message: 'injected',
    })
    env.engine.control.injectFault('executeStatementV2', { kind: 'http', status: 456 })
    await c.query('select 3')
    env.engine.control.suspend()
    await c.query('select 4')
    errors.push(await c.query('select * from missing_table').catch((e) => e))
    env.engine.control.injectFault('getNextResultBatch', {
      kind: 'grpc',
      code: 13,
      message: 'Access denied: session expired',
    })
    errors.push(await c.query('select * from events').catch((e) => e))
    const bad = env.newClient({
      username: 'me@example.com',
      password: `${PASSWORD}-wrong`,
      logger,
      tracer,
    })
    errors.push(await bad.query('select 1').catch((e) => e))
    await Promise.all([c.close(), bad.close()])

    expect(sessionIds.size).toBeGreaterThanOrEqual(3)
    expect(lines.length).toBeGreaterThan(20)
    expect(traced.filter((t) => t.startsWith('span QueryEngineService/')).length).toBeGreaterThan(
      20,
    )
    expect(traced.some((t) => t.startsWith('exception '))).toBe(true)
    const haystacks = [
      ...lines,
      ...traced,
      ...errors.map((e) => inspect(e, { depth: 10 })),
      ...errors.map((e) => JSON.stringify(e)),
      inspect(c, { depth: 10 }),
      inspect(bad, { depth: 10 }),
    ]
    for (const text of haystacks) {
      expect(text).not.toContain(PASSWORD)
      for (const id of sessionIds) expect(text).not.toContain(id)
    }
    expect(errors.map((e) => (e as Error).name)).toEqual([
      'QueryError',
      'QueryInterruptedError',
      'AuthenticationError',
    ])
  })
})
