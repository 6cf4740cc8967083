import { status } from '@grpc/grpc-js'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { callError, prepare, unary } from './helpers.js'

describe('local engine: fault injection', () => {
  const env = useEngine({ sampleData: false, batchSize: 100, login: true })
  const execute = (q: { engineIP: string; sessionId: string; queryId: string }) =>
    unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] })

  afterEach(() => {
    env.engine.control.clearFaults()
  })

  it('http 503 before the handler: UNAVAILABLE, execute not run', async () => {
    const q = await prepare(env, 'SELECT 1 AS one')
    env.engine.control.resetCounters()
    env.engine.control.injectFault('executeStatementV2', { kind: 'http', status: 503 })
    const err = await callError(execute(q))
    expect(err.code).toBe(status.UNAVAILABLE)
    expect(err.details).toContain('Received HTTP status code 503')
    expect(env.engine.control.calls('executeStatementV2')).toBe(0)
    await execute(q) // the first attempt never ran
    expect(env.engine.control.calls('executeStatementV2')).toBe(1)
    await unary(env.rpc, 'clear', q)
  })

  it('http 456 before the handler: UNKNOWN', async () => {
    env.engine.control.injectFault('authenticate', { kind: 'http', status: 456 })
    const err = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(err.code).toBe(status.UNKNOWN)
    expect(err.details).toContain('Received HTTP status code 456')
  })

  it('grpc status before the handler; with after: true the execute did run', async () => {
    const q = await prepare(env, 'SELECT 1 AS one')
    env.engine.control.resetCounters()
    env.engine.control.injectFault('executeStatementV2', {
      kind: 'grpc',
      code: status.UNAVAILABLE,
      message: 'injected before',
    })
    const before = await callError(execute(q))
    expect([before.code, before.details]).toEqual([status.UNAVAILABLE, 'injected before'])
    expect(env.engine.control.calls('executeStatementV2')).toBe(0)

    env.engine.control.injectFault('executeStatementV2', {
      kind: 'grpc',
      code: status.UNAVAILABLE,
      message: 'injected after',
      after: true,
    })
    const after = await callError(execute(q))
    expect(after.details).toBe('injected after')
    expect(env.engine.control.calls('executeStatementV2')).toBe(1)
    // the engine accepted it: a retry is a second execute
    expect((await callError(execute(q))).code).toBe(status.FAILED_PRECONDITION)
    expect(env.engine.control.calls()).toMatchObject({ executeStatementV2: 2 })
    await unary(env.rpc, 'clear', q)
  })

  it('drop destroys the connection (before and after the handler)', async () => {
    const q = await prepare(env, 'SELECT 1 AS one')
    env.engine.control.resetCounters()
    env.engine.control.injectFault('executeStatementV2', { kind: 'drop' })
    const before = await callError(execute(q))
    expect(before.code).toBe(status.UNAVAILABLE)
    expect(env.engine.control.calls('executeStatementV2')).toBe(0)
    env.engine.control.injectFault('executeStatementV2', { kind: 'drop', after: true })
    const after = await callError(execute(q))
    expect(after.code).toBe(status.UNAVAILABLE)
    expect(env.engine.control.calls('executeStatementV2')).toBe(1)
    expect((await unary(env.rpc, 'status', q)).status).toBe(true)
    await unary(env.rpc, 'clear', q)
  })

  it('delay holds the call', async () => {
    env.engine.control.injectFault('getSchemaNamesV2', { kind: 'delay', ms: 200 })
    const started = Date.now()
    await unary(env.rpc, 'getSchemaNamesV2', { sessionId: env.sessionId, catalog: '' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('corrupt and truncate damage batch bytes; the cursor still advances', async () => {
    const q = await prepare(env, 'SELECT range AS n FROM range(500)')
    await execute(q)
    const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData)
    env.engine.control.injectFault('getNextResultBatch', { kind: 'corrupt' })
    const corrupt = await unary(env.rpc, 'getNextResultBatch', q)
    expect(() => decodeChunk(corrupt.resultBatch, meta.columns)).toThrow()
    env.engine.control.injectFault('getNextResultBatch', { kind: 'truncate' })
    const truncated = await unary(env.rpc, 'getNextResultBatch', q)
    expect(truncated.resultBatch.length).toBeGreaterThan(0)
    expect(() => decodeChunk(truncated.resultBatch, meta.columns)).toThrow()
    const next = decodeChunk(
      (await unary(env.rpc, 'getNextResultBatch', q)).resultBatch,
      meta.columns,
    )
    expect(next?.raw(0, 0)).toBe(200n)
    await unary(env.rpc, 'clear', q)
  })

  it('corrupt damages metadata bytes', async () => {
    const q = await prepare(env, 'SELECT 1 AS one')
    await execute(q)
    env.engine.control.injectFault('getResultMetadata', { kind: 'corrupt' })
    const res = await unary(env.rpc, 'getResultMetadata', q)
    expect(() => decodeMetadata(res.resultMetaData)).toThrow()
    await unary(env.rpc, 'clear', q)
  })

  it('truncate on another RPC damages the protobuf reply', async () => {
    env.engine.control.injectFault('authenticate', { kind: 'truncate' })
    const err = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(err.code).toBe(status.INTERNAL)
  })

  it('fires for the next n calls only, for cluster RPCs and via the * wildcard', async () => {
    env.engine.control.injectFault('cluster.status', { kind: 'grpc', code: 14, message: 'x' }, 2)
    expect(
      (await callError(unary(env.cluster, 'status', { ...env.engine.credentials }))).code,
    ).toBe(14)
    expect(
      (await callError(unary(env.cluster, 'status', { ...env.engine.credentials }))).code,
    ).toBe(14)
    expect((await unary(env.cluster, 'status', { ...env.engine.credentials })).status).toBe(
      'active',
    )
    env.engine.control.injectFault('*', { kind: 'http', status: 503 })
    expect(
      (
        await callError(
          unary(env.rpc, 'getTablesV2', { sessionId: env.sessionId, catalog: '', schema: '' }),
        )
      ).code,
    ).toBe(status.UNAVAILABLE)
    expect(
      (await unary(env.rpc, 'getTablesV2', { sessionId: env.sessionId, catalog: '', schema: '' }))
        .tables,
    ).toEqual([])
    env.engine.control.injectFault('getTablesV2', { kind: 'http', status: 503 }, 5)
    env.engine.control.clearFaults()
    await unary(env.rpc, 'getTablesV2', { sessionId: env.sessionId, catalog: '', schema: '' })
  })

  it('rejects unknown RPC names', () => {
    expect(() => env.engine.control.injectFault('nope', { kind: 'drop' })).toThrow(RangeError)
  })
})
