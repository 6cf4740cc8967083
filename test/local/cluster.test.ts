import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'
import { callError, delay, login, prepare, runQuery, unary } from './helpers.js'

describe('local engine: ClusterService suspend/resume', () => {
  const env = useEngine({ sampleData: false, resumeDelayMs: 200 })

  it('reports the state and checks credentials (bad → UNAUTHENTICATED)', async () => {
    expect(await unary(env.cluster, 'status', { ...env.engine.credentials })).toEqual({
      status: 'active',
    })
    const err = await callError(
      unary(env.cluster, 'status', { user: env.engine.credentials.user, password: 'nope' }),
    )
    expect(err.code).toBe(status.UNAUTHENTICATED)
  })

  it('suspend → every QueryEngineService call is HTTP 503 (grpc-js: UNAVAILABLE)', async () => {
    const sessionId = await login(env.rpc, env.engine)
    await prepare(env.rpc, env.engine, sessionId, 'SELECT 1')
    expect(await unary(env.cluster, 'suspend', { ...env.engine.credentials })).toEqual({
      status: 'suspended',
    })
    expect(env.engine.control.clusterState).toBe('suspended')
    expect(env.engine.control.openQueries()).toBe(0)
    const err = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(err.code).toBe(status.UNAVAILABLE)
    expect(err.details).toContain('Received HTTP status code 503')
    const schema = await callError(unary(env.rpc, 'getSchemaNamesV2', { sessionId, catalog: '' }))
    expect(schema.code).toBe(status.UNAVAILABLE)
    // ClusterService keeps answering
    expect(await unary(env.cluster, 'status', { ...env.engine.credentials })).toEqual({
      status: 'suspended',
    })
    // resume → resuming (still 503) → active after resumeDelayMs
    expect(await unary(env.cluster, 'resume', { ...env.engine.credentials })).toEqual({
      status: 'resuming',
    })
    expect((await unary(env.cluster, 'status', { ...env.engine.credentials })).status).toBe(
      'resuming',
    )
    const during = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(during.code).toBe(status.UNAVAILABLE)
    const started = Date.now()
    while (
      (await unary(env.cluster, 'status', { ...env.engine.credentials })).status !== 'active'
    ) {
      await delay(20)
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    // sessions did not survive the suspension
    const old = await callError(unary(env.rpc, 'getSchemaNamesV2', { sessionId, catalog: '' }))
    expect(old.code).toBe(status.INTERNAL)
    expect(old.details).toMatch(/^Access denied/)
    const fresh = await login(env.rpc, env.engine)
    expect((await runQuery(env.rpc, env.engine, fresh, 'SELECT 1 AS one')).rows).toEqual([
      { one: 1 },
    ])
  })

  it('resume of an active cluster stays active', async () => {
    expect(await unary(env.cluster, 'resume', { ...env.engine.credentials })).toEqual({
      status: 'active',
    })
  })

  it('failNextResume: the resume ends in failed; a later resume recovers', async () => {
    env.engine.control.suspend()
    env.engine.control.failNextResume()
    await env.engine.control.resume()
    expect(env.engine.control.clusterState).toBe('failed')
    expect((await unary(env.cluster, 'status', { ...env.engine.credentials })).status).toBe(
      'failed',
    )
    const err = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(err.code).toBe(status.UNAVAILABLE)
    await env.engine.control.resume()
    expect(env.engine.control.clusterState).toBe('active')
    await login(env.rpc, env.engine)
  })

  it('checks the strategy header on ClusterService too (stale → 456)', async () => {
    const err = await callError(
      unary(env.cluster, 'status', { ...env.engine.credentials }, { strategy: 'green' }),
    )
    expect(err.code).toBe(status.UNKNOWN)
    expect(err.details).toContain('Received HTTP status code 456')
    expect(
      (await unary(env.cluster, 'status', { ...env.engine.credentials }, { strategy: 'blue' }))
        .status,
    ).toBe('active')
  })
})
