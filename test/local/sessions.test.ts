import { status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { callError, delay, engineClient, login, prepare, runQuery, unary } from './helpers.js'

describe('local engine: sessions', () => {
  let engine: LocalEngine
  let client: QueryEngineServiceClient

  beforeAll(async () => {
    engine = await startLocalEngine({
      sampleData: false,
      users: [
        { user: 'alice@example.com', password: 'token-a' },
        { user: 'bob@example.com', password: 'token-b' },
      ],
    })
    client = engineClient(engine.address)
  })

  afterAll(async () => {
    client?.close()
    await engine?.close()
  })

  it('accepts every configured account and exposes the first as credentials', async () => {
    expect(engine.credentials).toEqual({ user: 'alice@example.com', password: 'token-a' })
    const bob = await unary(client, 'authenticate', {
      user: 'bob@example.com',
      password: 'token-b',
    })
    expect(bob.sessionId).not.toBe('')
    expect(bob.engineIP).toBeUndefined()
    const mixed = await unary(client, 'authenticate', {
      user: 'bob@example.com',
      password: 'token-a',
    })
    expect(mixed.sessionId).toBe('')
  })

  it('rejects calls with an unknown or missing session: INTERNAL Access denied', async () => {
    const unknown = await callError(
      unary(client, 'getSchemaNamesV2', { sessionId: 'not-a-session', catalog: '' }),
    )
    expect(unknown.code).toBe(status.INTERNAL)
    expect(unknown.details).toMatch(/^Access denied/)
    const missing = await callError(
      unary(client, 'getSchemaNamesV2', { sessionId: '', catalog: '' }),
    )
    expect(missing.details).toMatch(/^Access denied/)
  })

  it('expireSessions(): every session fails with Access denied: session expired', async () => {
    const sessionId = await login(client, engine)
    const q = await prepare(client, engine, sessionId, 'SELECT 1')
    expect(engine.control.openQueries()).toBeGreaterThan(0)
    engine.control.expireSessions()
    const err = await callError(unary(client, 'status', q))
    expect(err.code).toBe(status.INTERNAL)
    expect(err.details).toBe('Access denied: session expired')
    const prep = await callError(prepare(client, engine, sessionId, 'SELECT 1'))
    expect(prep.details).toBe('Access denied: session expired')
    await delay(20)
    expect(engine.control.openQueries()).toBe(0)
    // a fresh session works
    const fresh = await login(client, engine)
    expect((await runQuery(client, engine, fresh, 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })

  it('expires idle sessions after sessionTtlMs', async () => {
    const ttl = await startLocalEngine({ sampleData: false, sessionTtlMs: 400 })
    const c = engineClient(ttl.address)
    try {
      const sessionId = await login(c, ttl)
      await delay(150)
      await unary(c, 'getSchemaNamesV2', { sessionId, catalog: '' }) // refreshes the idle timer
      await delay(250)
      await unary(c, 'getSchemaNamesV2', { sessionId, catalog: '' }) // 400 ms after login: alive
      await delay(650)
      const err = await callError(unary(c, 'getSchemaNamesV2', { sessionId, catalog: '' }))
      expect(err.code).toBe(status.INTERNAL)
      expect(err.details).toBe('Access denied: session expired')
    } finally {
      c.close()
      await ttl.close()
    }
  })

  it('sends engineIP in AuthenticateResponse when engineIpInAuth is set', async () => {
    const withIp = await startLocalEngine({ sampleData: false, engineIpInAuth: true })
    const c = engineClient(withIp.address)
    try {
      const res = await unary(c, 'authenticate', { ...withIp.credentials })
      expect(res.engineIP).toBe('127.0.0.1')
    } finally {
      c.close()
      await withIp.close()
    }
  })

  it('checks plannerip against engineIP in strict mode', async () => {
    const strict = await startLocalEngine({ sampleData: false, strictPlannerIp: true })
    const c = engineClient(strict.address)
    try {
      const sessionId = await login(c, strict)
      const q = await prepare(c, strict, sessionId, 'SELECT 1')
      const err = await callError(unary(c, 'status', q, { plannerip: '10.0.0.1' }))
      expect(err.code).toBe(status.NOT_FOUND)
      expect((await unary(c, 'status', q, { plannerip: q.engineIP })).status).toBe(false)
    } finally {
      c.close()
      await strict.close()
    }
  })
})
