import http2 from 'node:http2'
import { Client, credentials, type ServiceError, status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalEngine } from '../../src/local/index.js'
import { useEngine, withEngine } from '../helpers/engine-fixture.js'
import {
  callError,
  delay,
  engineClient,
  login,
  prepare,
  prepareAndExecute,
  runQuery,
  unary,
} from './helpers.js'

function rawCall(
  client: Client,
  path: string,
  body: Buffer,
): Promise<{ error: ServiceError | null; response: Buffer | undefined }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      body,
      (error, response) => resolve({ error, response }),
    )
  })
}

function http2Request(
  address: string,
  headers: http2.OutgoingHttpHeaders,
  body?: Buffer,
): Promise<http2.IncomingHttpHeaders & http2.IncomingHttpStatusHeader> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://${address}`)
    session.on('error', reject)
    const req = session.request(headers)
    req.on('response', (h) => {
      resolve(h)
      session.close()
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('local engine: transport', () => {
  const env = useEngine({ sampleData: false })
  let generic: Client

  beforeAll(() => {
    generic = new Client(env.engine.address, credentials.createInsecure())
  })

  afterAll(() => {
    generic?.close()
  })

  it('answers UNIMPLEMENTED for unknown and unimplemented methods', async () => {
    const unknown = await rawCall(generic, '/QueryEngineService/nope', Buffer.alloc(0))
    expect(unknown.error?.code).toBe(status.UNIMPLEMENTED)
    const other = await rawCall(generic, '/OtherService/authenticate', Buffer.alloc(0))
    expect(other.error?.code).toBe(status.UNIMPLEMENTED)
    const dryRun = await rawCall(generic, '/QueryEngineService/dryRun', Buffer.alloc(0))
    expect(dryRun.error?.code).toBe(status.UNIMPLEMENTED)
  })

  it('answers INVALID_ARGUMENT for malformed protobuf and keeps serving', async () => {
    const bad = await rawCall(
      generic,
      '/QueryEngineService/authenticate',
      Buffer.from([0xff, 0xff, 0xff, 0x07]),
    )
    expect(bad.error?.code).toBe(status.INVALID_ARGUMENT)
    const truncated = await rawCall(
      generic,
      '/QueryEngineService/prepareStatementV2',
      Buffer.from([0x0a, 0x40, 0x61]),
    )
    expect(truncated.error?.code).toBe(status.INVALID_ARGUMENT)
    expect(
      (await unary(env.rpc, 'authenticate', { ...env.engine.credentials })).sessionId,
    ).not.toBe('')
  })

  it('validates gRPC framing at the HTTP/2 level', async () => {
    const base = {
      ':method': 'POST',
      ':path': '/QueryEngineService/authenticate',
      'content-type': 'application/grpc',
      te: 'trailers',
    }
    const lengthMismatch = await http2Request(
      env.engine.address,
      base,
      Buffer.from([0, 0, 0, 0, 9, 1]),
    )
    expect(lengthMismatch[':status']).toBe(200)
    expect(lengthMismatch['grpc-status']).toBe(String(status.INVALID_ARGUMENT))
    const compressed = await http2Request(env.engine.address, base, Buffer.from([1, 0, 0, 0, 0]))
    expect(compressed['grpc-status']).toBe(String(status.UNIMPLEMENTED))
    const empty = await http2Request(env.engine.address, base, Buffer.alloc(0))
    expect(empty['grpc-status']).toBe(String(status.INVALID_ARGUMENT))
    const get = await http2Request(env.engine.address, { ':method': 'GET', ':path': '/' })
    expect(get[':status']).toBe(405)
  })

  it('sends 456/503 as real HTTP statuses without grpc-status', async () => {
    env.engine.control.injectFault('authenticate', { kind: 'http', status: 456 })
    const res = await http2Request(
      env.engine.address,
      {
        ':method': 'POST',
        ':path': '/QueryEngineService/authenticate',
        'content-type': 'application/grpc',
      },
      Buffer.from([0, 0, 0, 0, 0]),
    )
    expect(res[':status']).toBe(456)
    expect(res['grpc-status']).toBeUndefined()
  })

  it('percent-encodes grpc-message', async () => {
    env.engine.control.injectFault('authenticate', {
      kind: 'grpc',
      code: status.INTERNAL,
      message: '50% done: ✓ naïve\nnext line',
    })
    const err = await callError(unary(env.rpc, 'authenticate', { ...env.engine.credentials }))
    expect(err.details).toBe('50% done: ✓ naïve\nnext line')
  })

  it('survives client cancellation mid-call', async () => {
    const sessionId = await login(env.rpc, env.engine)
    env.engine.control.injectFault('getSchemaNamesV2', { kind: 'delay', ms: 300 })
    const call = env.rpc.getSchemaNamesV2({ sessionId, catalog: '' }, () => {})
    await delay(50)
    call.cancel()
    await delay(350)
    const q = await prepareAndExecute(
      env.rpc,
      env.engine,
      sessionId,
      'SELECT range FROM range(50000)',
    )
    const pending = callError(
      new Promise((resolve, reject) => {
        const c = env.rpc.getNextResultBatch(q, (e, r) => (e ? reject(e) : resolve(r)))
        setImmediate(() => c.cancel())
      }),
    )
    expect((await pending).code).toBe(status.CANCELLED)
    expect(
      (await unary(env.rpc, 'getSchemaNamesV2', { sessionId, catalog: '' })).schemas,
    ).toContain('main')
    await unary(env.rpc, 'clear', q)
  })

  it('handles a 10 MB SQL text and rejects requests above maxRequestBytes', async () => {
    const sessionId = await login(env.rpc, env.engine)
    const hugeComment = `SELECT 1 AS one /* ${'x'.repeat(10 * 1024 * 1024)} */`
    const result = await runQuery(env.rpc, env.engine, sessionId, hugeComment)
    expect(result.rows).toEqual([{ one: 1 }])
    await withEngine(
      { login: true, sampleData: false, maxRequestBytes: 1024 * 1024 },
      async ({ engine: small, rpc: c, sessionId: sid }) => {
        const err = await callError(prepare(c, small, sid, hugeComment))
        expect(err.code).toBe(status.RESOURCE_EXHAUSTED)
        expect((await runQuery(c, small, sid, 'SELECT 2 AS two')).rows).toEqual([{ two: 2 }])
      },
    )
  })

  it('only listens on loopback', async () => {
    await expect(startLocalEngine({ host: '0.0.0.0', sampleData: false })).rejects.toThrow(
      /loopback/,
    )
  })
})

describe('local engine: startup and close', () => {
  it('starts with the full sample data quickly (measured)', async () => {
    await withEngine({ login: true }, async ({ engine, rpc, sessionId }) => {
      console.log(
        `local engine startup with 1,000,000-row sample data: ${Math.round(engine.startupMs)} ms`,
      )
      expect(engine.startupMs).toBeLessThan(10_000)
      const r = await runQuery(rpc, engine, sessionId, 'SELECT count(*) AS n FROM events')
      expect(r.rows[0]?.n).toBe(1_000_000n)
    })
  })

  it('close() interrupts queries, ends sessions, frees the port; idempotent', async () => {
    const engine = await startLocalEngine({ sampleData: false })
    const client = engineClient(engine.address)
    const sessionId = await login(client, engine)
    // a completed result held in a temp table, and a query still executing
    await prepareAndExecute(client, engine, sessionId, 'SELECT range FROM range(1000000)')
    const heavy = await prepare(
      client,
      engine,
      sessionId,
      'SELECT sum(a.range * b.range) FROM range(100000000) a, range(1000000) b',
    )
    const running = callError(
      unary(client, 'executeStatementV2', { ...heavy, shouldNotCache: false, params: [] }),
    )
    while (engine.control.runningQueries() < 1) await delay(5)
    expect(engine.control.openQueries()).toBe(2)
    const started = Date.now()
    const closing = engine.close()
    expect(engine.close()).toBe(closing)
    await closing
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(engine.control.openQueries()).toBe(0)
    expect(engine.control.runningQueries()).toBe(0)
    expect(engine.control.sessions()).toBe(0)
    const err = await running
    expect([status.CANCELLED, status.UNAVAILABLE]).toContain(err.code)
    client.close()
    const again = engineClient(engine.address)
    try {
      const refused = await callError(
        unary(
          again,
          'authenticate',
          { ...engine.credentials },
          {},
          { deadline: Date.now() + 1000 },
        ),
      )
      expect([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]).toContain(refused.code)
    } finally {
      again.close()
    }
  })
})
