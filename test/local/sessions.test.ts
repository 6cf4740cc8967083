import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine, withEngine } from '../helpers/engine-fixture.js'
import { callError, delay, login, prepare, runQuery, unary } from './helpers.js'

describe('local engine: sessions', () => {
  const env = useEngine({
    sampleData: false,
    users: [
      { user: 'alice@example.com', password: 'token-a' },
      { user: 'bob@example.com', password: 'token-b' },
    ],
  })

  it('accepts every configured account and exposes the first as credentials', async () => {
    expect(env.engine.credentials).toEqual({ user: 'alice@example.com', password: 'token-a' })
    const bob = await unary(env.rpc, 'authenticate', {
      user: 'bob@example.com',
      password: 'token-b',
    })
    expect(bob.sessionId).not.toBe('')
    expect(bob.engineIP).toBeUndefined()
    const mixed = await unary(env.rpc, 'authenticate', {
      user: 'bob@example.com',
      password: 'token-a',
    })
    expect(mixed.sessionId).toBe('')
  })

  it('rejects calls with an unknown or missing session: INTERNAL Access denied', async () => {
    const unknown = await callError(
      unary(env.rpc, 'getSchemaNamesV2', { sessionId: 'not-a-session', catalog: '' }),
    )
    expect(unknown.code).toBe(status.INTERNAL)
    expect(unknown.details).toMatch(/^Access denied/)
    const missing = await callError(
      unary(env.rpc, 'getSchemaNamesV2', { sessionId: '', catalog: '' }),
    )
    expect(missing.details).toMatch(/^Access denied/)
  })

  it('expireSessions(): every session fails with Access denied: session expired', async () => {
    const sessionId = await login(env.rpc, env.engine)
    const q = await prepare(env.rpc, env.engine, sessionId, 'SELECT 1')
    expect(env.engine.control.openQueries()).toBeGreaterThan(0)
    env.engine.control.expireSessions()
    const err = await callError(unary(env.rpc, 'status', q))
    expect(err.code).toBe(status.INTERNAL)
    expect(err.details).toBe('Access denied: session expired')
    const prep = await callError(prepare(env.rpc, env.engine, sessionId, 'SELECT 1'))
    expect(prep.details).toBe('Access denied: session expired')
    await delay(20)
    expect(env.engine.control.openQueries()).toBe(0)
    // a fresh session works
    const fresh = await login(env.rpc, env.engine)
    expect((await runQuery(env.rpc, env.engine, fresh, 'SELECT 1 AS one')).rows).toEqual([
      { one: 1 },
    ])
  })

  it('expires idle sessions after sessionTtlMs', async () => {
    await withEngine(
      { login: true, sampleData: false, sessionTtlMs: 400 },
      async ({ rpc: c, sessionId }) => {
        await delay(150)
        await unary(c, 'getSchemaNamesV2', { sessionId, catalog: '' }) // refreshes the idle timer
        await delay(250)
        await unary(c, 'getSchemaNamesV2', { sessionId, catalog: '' }) // 400 ms after login: alive
        await delay(650)
        const err = await callError(unary(c, 'getSchemaNamesV2', { sessionId, catalog: '' }))
        expect(err.code).toBe(status.INTERNAL)
        expect(err.details).toBe('Access denied: session expired')
      },
    )
  })

  it('sends engineIP in AuthenticateResponse when engineIpInAuth is set', async () => {
    await withEngine(
      { sampleData: false, engineIpInAuth: true },
      async ({ engine: withIp, rpc: c }) => {
        const res = await unary(c, 'authenticate', { ...withIp.credentials })
        expect(res.engineIP).toBe('127.0.0.1')
      },
    )
  })

  it('checks plannerip against engineIP in strict mode', async () => {
    await withEngine(
      { login: true, sampleData: false, strictPlannerIp: true },
      async ({ engine: strict, rpc: c, sessionId }) => {
        const q = await prepare(c, strict, sessionId, 'SELECT 1')
        const err = await callError(unary(c, 'status', q, { plannerip: '10.0.0.1' }))
        expect(err.code).toBe(status.NOT_FOUND)
        expect((await unary(c, 'status', q, { plannerip: q.engineIP })).status).toBe(false)
      },
    )
  })
})
