import { status } from '@grpc/grpc-js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterServiceClient } from '../../src/generated/cluster.js'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { callError, clusterClient, engineClient, login, prepare, unary } from './helpers.js'

describe('local engine: fault injection', () => {
  let engine: LocalEngine
  let client: QueryEngineServiceClient
  let cluster: ClusterServiceClient
  let sessionId: string
  const execute = (q: { engineIP: string; sessionId: string; queryId: string }) =>
    unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] })

  beforeAll(async () => {
    engine = await startLocalEngine({ sampleData: false, batchSize: 100 })
    client = engineClient(engine.address)
    cluster = clusterClient(engine.address)
    sessionId = await login(client, engine)
  })

  afterEach(() => {
    engine.control.clearFaults()
  })

  afterAll(async () => {
    client?.close()
    cluster?.close()
    await engine?.close()
  })

  it('http 503 before the handler: UNAVAILABLE, execute not run', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT 1 AS one')
    engine.control.resetCounters()
    engine.control.injectFault('executeStatementV2', { kind: 'http', status: 503 })
    const err = await callError(execute(q))
    expect(err.code).toBe(status.UNAVAILABLE)
    expect(err.details).toContain('Received HTTP status code 503')
    expect(engine.control.calls('executeStatementV2')).toBe(0)
    await execute(q) // the first attempt never ran
    expect(engine.control.calls('executeStatementV2')).toBe(1)
    await unary(client, 'clear', q)
  })

  it('http 456 before the handler: UNKNOWN', async () => {
    engine.control.injectFault('authenticate', { kind: 'http', status: 456 })
    const err = await callError(unary(client, 'authenticate', { ...engine.credentials }))
    expect(err.code).toBe(status.UNKNOWN)
    expect(err.details).toContain('Received HTTP status code 456')
  })

  it('grpc status before the handler; with after: true the execute did run', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT 1 AS one')
    engine.control.resetCounters()
    engine.control.injectFault('executeStatementV2', {
      kind: 'grpc',
      code: status.UNAVAILABLE,
      message: 'injected before',
    })
    const before = await callError(execute(q))
    expect([before.code, before.details]).toEqual([status.UNAVAILABLE, 'injected before'])
    expect(engine.control.calls('executeStatementV2')).toBe(0)

    engine.control.injectFault('executeStatementV2', {
      kind: 'grpc',
      code: status.UNAVAILABLE,
      message: 'injected after',
      after: true,
    })
    const after = await callError(execute(q))
    expect(after.details).toBe('injected after')
    expect(engine.control.calls('executeStatementV2')).toBe(1)
    // the engine accepted it: a retry is a second execute
    expect((await callError(execute(q))).code).toBe(status.FAILED_PRECONDITION)
    expect(engine.control.calls()).toMatchObject({ executeStatementV2: 2 })
    await unary(client, 'clear', q)
  })

  it('drop destroys the connection (before and after the handler)', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT 1 AS one')
    engine.control.resetCounters()
    engine.control.injectFault('executeStatementV2', { kind: 'drop' })
    const before = await callError(execute(q))
    expect(before.code).toBe(status.UNAVAILABLE)
    expect(engine.control.calls('executeStatementV2')).toBe(0)
    engine.control.injectFault('executeStatementV2', { kind: 'drop', after: true })
    const after = await callError(execute(q))
    expect(after.code).toBe(status.UNAVAILABLE)
    expect(engine.control.calls('executeStatementV2')).toBe(1)
    expect((await unary(client, 'status', q)).status).toBe(true)
    await unary(client, 'clear', q)
  })

  it('delay holds the call', async () => {
    engine.control.injectFault('getSchemaNamesV2', { kind: 'delay', ms: 200 })
    const started = Date.now()
    await unary(client, 'getSchemaNamesV2', { sessionId, catalog: '' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('corrupt and truncate damage batch bytes; the cursor still advances', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT range AS n FROM range(500)')
    await execute(q)
    const meta = decodeMetadata((await unary(client, 'getResultMetadata', q)).resultMetaData)
    engine.control.injectFault('getNextResultBatch', { kind: 'corrupt' })
    const corrupt = await unary(client, 'getNextResultBatch', q)
    expect(() => decodeChunk(corrupt.resultBatch, meta.columns)).toThrow()
    engine.control.injectFault('getNextResultBatch', { kind: 'truncate' })
    const truncated = await unary(client, 'getNextResultBatch', q)
    expect(truncated.resultBatch.length).toBeGreaterThan(0)
    expect(() => decodeChunk(truncated.resultBatch, meta.columns)).toThrow()
    const next = decodeChunk(
      (await unary(client, 'getNextResultBatch', q)).resultBatch,
      meta.columns,
    )
    expect(next?.raw(0, 0)).toBe(200n)
    await unary(client, 'clear', q)
  })

  it('corrupt damages metadata bytes', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT 1 AS one')
    await execute(q)
    engine.control.injectFault('getResultMetadata', { kind: 'corrupt' })
    const res = await unary(client, 'getResultMetadata', q)
    expect(() => decodeMetadata(res.resultMetaData)).toThrow()
    await unary(client, 'clear', q)
  })

  it('truncate on another RPC damages the protobuf reply', async () => {
    engine.control.injectFault('authenticate', { kind: 'truncate' })
    const err = await callError(unary(client, 'authenticate', { ...engine.credentials }))
    expect(err.code).toBe(status.INTERNAL)
  })

  it('fires for the next n calls only, for cluster RPCs and via the * wildcard', async () => {
    engine.control.injectFault('cluster.status', { kind: 'grpc', code: 14, message: 'x' }, 2)
    expect((await callError(unary(cluster, 'status', { ...engine.credentials }))).code).toBe(14)
    expect((await callError(unary(cluster, 'status', { ...engine.credentials }))).code).toBe(14)
    expect((await unary(cluster, 'status', { ...engine.credentials })).status).toBe('active')
    engine.control.injectFault('*', { kind: 'http', status: 503 })
    expect(
      (await callError(unary(client, 'getTablesV2', { sessionId, catalog: '', schema: '' }))).code,
    ).toBe(status.UNAVAILABLE)
    expect(
      (await unary(client, 'getTablesV2', { sessionId, catalog: '', schema: '' })).tables,
    ).toEqual([])
    engine.control.injectFault('getTablesV2', { kind: 'http', status: 503 }, 5)
    engine.control.clearFaults()
    await unary(client, 'getTablesV2', { sessionId, catalog: '', schema: '' })
  })

  it('rejects unknown RPC names', () => {
    expect(() => engine.control.injectFault('nope', { kind: 'drop' })).toThrow(RangeError)
  })
})
