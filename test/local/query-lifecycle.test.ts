import { status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
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

const HEAVY_SQL = 'SELECT sum(a.range * b.range) AS s FROM range(100000000) a, range(1000000) b'

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached')
    await delay(5)
  }
}

describe('local engine: query lifecycle', () => {
  let engine: LocalEngine
  let client: QueryEngineServiceClient
  let sessionId: string

  beforeAll(async () => {
    engine = await startLocalEngine({ bigTableRows: 20_000, batchSize: 1_000 })
    client = engineClient(engine.address)
    sessionId = await login(client, engine)
  })

  afterAll(async () => {
    client?.close()
    await engine?.close()
  })

  it('prepares with V1 (schema only) in the default catalog', async () => {
    const prepared = await unary(client, 'prepareStatement', {
      sessionId,
      schema: 'demo',
      queryString: 'SELECT count(*) AS n FROM orders',
      quoting: '',
    })
    expect(prepared.engineIP).toBe('127.0.0.1')
    expect(prepared.queryId).toMatch(/^[0-9a-f-]{36}$/)
    const q = { engineIP: prepared.engineIP, sessionId, queryId: prepared.queryId }
    await unary(client, 'executeStatement', { ...q, shouldNotCache: false })
    const st = await unary(client, 'status', q)
    expect(st).toMatchObject({ status: true, rowCount: 1n })
    await unary(client, 'clearOrCancelQuery', q)
  })

  it('selects the DuckDB catalog/schema from prepareStatementV2', async () => {
    const result = await runQuery(
      client,
      engine,
      sessionId,
      'SELECT count(*) AS n FROM customers',
      {
        catalog: 'local',
        schema: 'demo',
      },
    )
    expect(result.rows[0]?.n).toBe(1000n)
    const err = await callError(
      runQuery(client, engine, sessionId, 'SELECT 1', { catalog: 'nope', schema: 'x' }),
    )
    expect(err.code).toBe(status.INVALID_ARGUMENT)
  })

  it('refuses a second execute with FAILED_PRECONDITION', async () => {
    const q = await prepareAndExecute(client, engine, sessionId, 'SELECT 1 AS one')
    const err = await callError(
      unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    expect(err.code).toBe(status.FAILED_PRECONDITION)
    await unary(client, 'clear', q)
  })

  it('answers metadata before execute with FAILED_PRECONDITION, and idempotently after', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT 42 AS answer')
    expect((await callError(unary(client, 'getResultMetadata', q))).code).toBe(
      status.FAILED_PRECONDITION,
    )
    expect((await unary(client, 'status', q)).status).toBe(false)
    await unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] })
    const a = await unary(client, 'getResultMetadata', q)
    const b = await unary(client, 'getResultMetadata', q)
    expect(Buffer.from(a.resultMetaData)).toEqual(Buffer.from(b.resultMetaData))
    await unary(client, 'clear', q)
  })

  it('explains after prepare and analyses after execute', async () => {
    const q = await prepare(client, engine, sessionId, 'SELECT * FROM orders WHERE order_id > 10')
    const plan = await unary(client, 'explain', q)
    expect(plan.explain).toMatch(/SCAN|FILTER/i)
    expect((await callError(unary(client, 'explainAnalyze', q))).code).toBe(
      status.FAILED_PRECONDITION,
    )
    await unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] })
    while ((await unary(client, 'getNextResultBatch', q)).resultBatch.length > 0) {
      // drain
    }
    const analysis = await unary(client, 'explainAnalyze', q)
    const json = JSON.parse(analysis.explainAnalyze) as Record<string, unknown>
    expect(typeof json.total_query_time).toBe('number')
    expect(typeof json.executionQueueingTime).toBe('number')
    expect(typeof json.parsingTime).toBe('number')
    expect(typeof json.plan).toBe('string')
    expect(json.rowCount).toBe(9990)
    expect(analysis.isCached).toBe(false)
    expect(typeof analysis.parsingTime).toBe('bigint')
    expect(typeof analysis.queueingTime).toBe('bigint')
    await unary(client, 'clear', q)
  })

  it('cancels a long DuckDB query; later calls answer CANCELLED', async () => {
    const q = await prepare(client, engine, sessionId, HEAVY_SQL)
    const started = Date.now()
    const execution = callError(
      unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    await waitFor(() => engine.control.runningQueries() === 1)
    await delay(100)
    await unary(client, 'cancelQuery', q)
    const err = await execution
    expect(err.code).toBe(status.CANCELLED)
    expect(err.details).toBe('Query cancelled')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(engine.control.runningQueries()).toBe(0)
    for (const rpc of ['status', 'getNextResultBatch', 'getResultMetadata'] as const) {
      const e = await callError(unary(client, rpc, q))
      expect([rpc, e.code, e.details]).toEqual([rpc, status.CANCELLED, 'Query cancelled'])
    }
    // cancelling again or clearing is fine
    await unary(client, 'cancelQuery', q)
    await unary(client, 'clearOrCancelQuery', q)
    expect((await callError(unary(client, 'status', q))).code).toBe(status.NOT_FOUND)
  })

  it('cancel of an unknown or finished query is OK', async () => {
    await unary(client, 'cancelQuery', { engineIP: '127.0.0.1', sessionId, queryId: 'unknown' })
    const q = await prepareAndExecute(client, engine, sessionId, 'SELECT 1 AS one')
    await unary(client, 'cancelQuery', q)
    expect((await unary(client, 'status', q)).status).toBe(true)
    await unary(client, 'clear', q)
    await unary(client, 'clear', q)
  })

  it('clearOrCancelQuery stops a running query and frees it', async () => {
    const q = await prepare(client, engine, sessionId, HEAVY_SQL)
    const execution = callError(
      unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    await waitFor(() => engine.control.runningQueries() === 1)
    const open = engine.control.openQueries()
    await unary(client, 'clearOrCancelQuery', q)
    const err = await execution
    expect([status.CANCELLED, status.NOT_FOUND]).toContain(err.code)
    expect(engine.control.openQueries()).toBe(open - 1)
    expect(engine.control.runningQueries()).toBe(0)
  })

  it('clear frees a held result and later calls answer NOT_FOUND', async () => {
    const q = await prepareAndExecute(
      client,
      engine,
      sessionId,
      'SELECT * FROM events ORDER BY event_id',
    )
    // executed to completion: nothing runs any more, the result is held until clear
    expect(engine.control.runningQueries()).toBe(0)
    expect((await unary(client, 'status', q)).status).toBe(true)
    const open = engine.control.openQueries()
    await unary(client, 'getNextResultBatch', q)
    await unary(client, 'clear', q)
    expect(engine.control.openQueries()).toBe(open - 1)
    expect((await callError(unary(client, 'getNextResultBatch', q))).code).toBe(status.NOT_FOUND)
  })

  it('shows a query only to its own session', async () => {
    const other = await login(client, engine)
    const q = await prepare(client, engine, sessionId, 'SELECT 1 AS one')
    const err = await callError(unary(client, 'status', { ...q, sessionId: other }))
    expect(err.code).toBe(status.NOT_FOUND)
    await unary(client, 'clear', { ...q, sessionId: other })
    expect((await unary(client, 'status', q)).status).toBe(false)
    await unary(client, 'clear', q)
  })

  it('maps SQL errors: parse/bind → INVALID_ARGUMENT, runtime → INTERNAL', async () => {
    const parse = await callError(prepare(client, engine, sessionId, 'SELECT FROM WHERE'))
    expect(parse.code).toBe(status.INVALID_ARGUMENT)
    const bind = await callError(prepare(client, engine, sessionId, 'SELECT nope FROM orders'))
    expect(bind.code).toBe(status.INVALID_ARGUMENT)
    const q = await prepare(client, engine, sessionId, 'SELECT CAST(status AS INTEGER) FROM orders')
    const runtime = await callError(
      unary(client, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    expect(runtime.code).toBe(status.INTERNAL)
    expect(runtime.details).not.toContain('Access denied')
    const quoted = await callError(
      runQuery(client, engine, sessionId, "SELECT CAST('Access denied' AS INTEGER)"),
    )
    expect(quoted.details).not.toContain('Access denied')
    await unary(client, 'clear', q)
  })

  it('binds ExecuteStatementV2 params natively (1-based)', async () => {
    const result = await runQuery(
      client,
      engine,
      sessionId,
      'SELECT ? AS s, ? AS n, ? AS d, ? AS b, ? AS dec, ? AS day, ? AS ts, ? AS nothing',
      {
        params: [
          { index: 1, type: 'VARCHAR', value: "it's" },
          { index: 2, type: 'BIGINT', value: '9223372036854775807' },
          { index: 3, type: 'DOUBLE', value: '1.5' },
          { index: 4, type: 'BOOLEAN', value: 'true' },
          { index: 5, type: 'DECIMAL', value: '-12.345' },
          { index: 6, type: 'DATE', value: '1969-12-31' },
          { index: 7, type: 'TIMESTAMP', value: '2026-02-12 05:30:00.123456' },
          { index: 8, type: 'NULL', value: '' },
        ],
      },
    )
    expect(result.rows[0]).toEqual({
      s: "it's",
      n: 9223372036854775807n,
      d: 1.5,
      b: true,
      dec: '-12.345',
      day: '1969-12-31',
      ts: '2026-02-12T05:30:00.123456Z',
      nothing: null,
    })
    const filtered = await runQuery(
      client,
      engine,
      sessionId,
      'SELECT count(*) AS n FROM orders WHERE status = ? AND order_id <= ?',
      {
        params: [
          { index: 1, type: 'STRING', value: 'placed' },
          { index: 2, type: 'INTEGER', value: '100' },
        ],
      },
    )
    expect(filtered.rows[0]?.n).toBe(20n)
    const missing = await callError(
      runQuery(client, engine, sessionId, 'SELECT ? AS a, ? AS b', {
        params: [{ index: 1, type: 'VARCHAR', value: 'x' }],
      }),
    )
    expect(missing.code).toBe(status.INVALID_ARGUMENT)
    const described = await prepare(
      client,
      engine,
      sessionId,
      'SELECT ? AS x FROM orders WHERE status = ? AND order_id = ?',
    )
    const dynamic = await unary(client, 'getDynamicParams', described)
    expect(dynamic.params.map((p) => [p.index, p.type])).toEqual([
      [1, 'VARCHAR'],
      [2, 'VARCHAR'],
      [3, 'BIGINT'],
    ])
    await unary(client, 'clear', described)
    const zero = await callError(
      runQuery(client, engine, sessionId, 'SELECT ? AS a', {
        params: [{ index: 0, type: 'VARCHAR', value: 'x' }],
      }),
    )
    expect(zero.code).toBe(status.INVALID_ARGUMENT)
    expect(zero.details).toMatch(/1-based/)
  })

  it('limits open queries per session and globally', async () => {
    const limited = await startLocalEngine({
      sampleData: false,
      maxOpenQueries: { perSession: 2, global: 3 },
    })
    const c = engineClient(limited.address)
    try {
      const s1 = await login(c, limited)
      const s2 = await login(c, limited)
      const a = await prepare(c, limited, s1, 'SELECT 1')
      await prepare(c, limited, s1, 'SELECT 2')
      const perSession = await callError(prepare(c, limited, s1, 'SELECT 3'))
      expect(perSession.code).toBe(status.RESOURCE_EXHAUSTED)
      await prepare(c, limited, s2, 'SELECT 4')
      const global = await callError(prepare(c, limited, s2, 'SELECT 5'))
      expect(global.code).toBe(status.RESOURCE_EXHAUSTED)
      await unary(c, 'clear', a)
      await prepare(c, limited, s2, 'SELECT 6')
      expect(limited.control.openQueries()).toBe(3)
    } finally {
      c.close()
      await limited.close()
    }
  })

  it('expires abandoned open queries after queryIdleTimeoutMs', async () => {
    const idle = await startLocalEngine({ sampleData: false, queryIdleTimeoutMs: 150 })
    const c = engineClient(idle.address)
    try {
      const sid = await login(c, idle)
      const q = await prepareAndExecute(c, idle, sid, 'SELECT * FROM range(100000)')
      expect(idle.control.openQueries()).toBe(1)
      await waitFor(() => idle.control.openQueries() === 0, 3_000)
      expect((await callError(unary(c, 'getNextResultBatch', q))).code).toBe(status.NOT_FOUND)
    } finally {
      c.close()
      await idle.close()
    }
  })
})
