import { status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterServiceClient } from '../../src/generated/cluster.js'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import {
  callError,
  clusterClient,
  delay,
  engineClient,
  login,
  prepare,
  runQuery,
  unary,
} from './helpers.js'

describe('local engine: ClusterService suspend/resume', () => {
  let engine: LocalEngine
  let client: QueryEngineServiceClient
  let cluster: ClusterServiceClient

  beforeAll(async () => {
    engine = await startLocalEngine({ sampleData: false, resumeDelayMs: 200 })
    client = engineClient(engine.address)
    cluster = clusterClient(engine.address)
  })

  afterAll(async () => {
    client?.close()
    cluster?.close()
    await engine?.close()
  })

  it('reports the state and checks credentials (bad → UNAUTHENTICATED)', async () => {
    expect(await unary(cluster, 'status', { ...engine.credentials })).toEqual({ status: 'active' })
    const err = await callError(
      unary(cluster, 'status', { user: engine.credentials.user, password: 'nope' }),
    )
    expect(err.code).toBe(status.UNAUTHENTICATED)
  })

  it('suspend → every QueryEngineService call is HTTP 503 (grpc-js: UNAVAILABLE)', async () => {
    const sessionId = await login(client, engine)
    await prepare(client, engine, sessionId, 'SELECT 1')
    expect(await unary(cluster, 'suspend', { ...engine.credentials })).toEqual({
      status: 'suspended',
    })
    expect(engine.control.clusterState).toBe('suspended')
    expect(engine.control.openQueries()).toBe(0)
    const err = await callError(unary(client, 'authenticate', { ...engine.credentials }))
    expect(err.code).toBe(status.UNAVAILABLE)
    expect(err.details).toContain('Received HTTP status code 503')
    const schema = await callError(unary(client, 'getSchemaNamesV2', { sessionId, catalog: '' }))
    expect(schema.code).toBe(status.UNAVAILABLE)
    // ClusterService keeps answering
    expect(await unary(cluster, 'status', { ...engine.credentials })).toEqual({
      status: 'suspended',
    })
    // resume → resuming (still 503) → active after resumeDelayMs
    expect(await unary(cluster, 'resume', { ...engine.credentials })).toEqual({
      status: 'resuming',
    })
    expect((await unary(cluster, 'status', { ...engine.credentials })).status).toBe('resuming')
    const during = await callError(unary(client, 'authenticate', { ...engine.credentials }))
    expect(during.code).toBe(status.UNAVAILABLE)
    const started = Date.now()
    while ((await unary(cluster, 'status', { ...engine.credentials })).status !== 'active') {
      await delay(20)
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    // sessions did not survive the suspension
    const old = await callError(unary(client, 'getSchemaNamesV2', { sessionId, catalog: '' }))
    expect(old.code).toBe(status.INTERNAL)
    expect(old.details).toMatch(/^Access denied/)
    const fresh = await login(client, engine)
    expect((await runQuery(client, engine, fresh, 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })

  it('resume of an active cluster stays active', async () => {
    expect(await unary(cluster, 'resume', { ...engine.credentials })).toEqual({ status: 'active' })
  })

  it('failNextResume: the resume ends in failed; a later resume recovers', async () => {
    engine.control.suspend()
    engine.control.failNextResume()
    await engine.control.resume()
    expect(engine.control.clusterState).toBe('failed')
    expect((await unary(cluster, 'status', { ...engine.credentials })).status).toBe('failed')
    const err = await callError(unary(client, 'authenticate', { ...engine.credentials }))
    expect(err.code).toBe(status.UNAVAILABLE)
    await engine.control.resume()
    expect(engine.control.clusterState).toBe('active')
    await login(client, engine)
  })

  it('checks the strategy header on ClusterService too (stale → 456)', async () => {
    const err = await callError(
      unary(cluster, 'status', { ...engine.credentials }, { strategy: 'green' }),
    )
    expect(err.code).toBe(status.UNKNOWN)
    expect(err.details).toContain('Received HTTP status code 456')
    expect(
      (await unary(cluster, 'status', { ...engine.credentials }, { strategy: 'blue' })).status,
    ).toBe('active')
  })
})
