import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine, withEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { callError, delay, login, prepare, prepareAndExecute, runQuery, unary } from './helpers.js'

const HEAVY_SQL = 'SELECT sum(a.range * b.range) AS s FROM range(100000000) a, range(1000000) b'

describe('local engine: query lifecycle', () => {
  const env = useEngine({ bigTableRows: 20_000, batchSize: 1_000, login: true })

  it('prepares with V1 (schema only) in the default catalog', async () => {
    const prepared = await unary(env.rpc, 'prepareStatement', {
      sessionId: env.sessionId,
      schema: 'demo',
      queryString: 'SELECT count(*) AS n FROM orders',
      quoting: '',
    })
    expect(prepared.engineIP).toBe('127.0.0.1')
    expect(prepared.queryId).toMatch(/^[0-9a-f-]{36}$/)
    const q = { engineIP: prepared.engineIP, sessionId: env.sessionId, queryId: prepared.queryId }
    await unary(env.rpc, 'executeStatement', { ...q, shouldNotCache: false })
    const st = await unary(env.rpc, 'status', q)
    expect(st).toMatchObject({ status: true, rowCount: 1n })
    await unary(env.rpc, 'clearOrCancelQuery', q)
  })

  it('selects the DuckDB catalog/schema from prepareStatementV2', async () => {
    const result = await runQuery(env, 'SELECT count(*) AS n FROM customers', {
      catalog: 'local',
      schema: 'demo',
    })
    expect(result.rows[0]?.n).toBe(1000n)
    const err = await callError(runQuery(env, 'SELECT 1', { catalog: 'nope', schema: 'x' }))
    expect(err.code).toBe(status.INVALID_ARGUMENT)
  })

  it('refuses a second execute with FAILED_PRECONDITION', async () => {
    const q = await prepareAndExecute(env, 'SELECT 1 AS one')
    const err = await callError(
      unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    expect(err.code).toBe(status.FAILED_PRECONDITION)
    await unary(env.rpc, 'clear', q)
  })

  it('answers metadata before execute with FAILED_PRECONDITION, and idempotently after', async () => {
    const q = await prepare(env, 'SELECT 42 AS answer')
    expect((await callError(unary(env.rpc, 'getResultMetadata', q))).code).toBe(
      status.FAILED_PRECONDITION,
    )
    expect((await unary(env.rpc, 'status', q)).status).toBe(false)
    await unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] })
    const a = await unary(env.rpc, 'getResultMetadata', q)
    const b = await unary(env.rpc, 'getResultMetadata', q)
    expect(Buffer.from(a.resultMetaData)).toEqual(Buffer.from(b.resultMetaData))
    await unary(env.rpc, 'clear', q)
  })

  it('explains after prepare and analyses after execute', async () => {
    const q = await prepare(env, 'SELECT * FROM orders WHERE order_id > 10')
    const plan = await unary(env.rpc, 'explain', q)
    expect(plan.explain).toMatch(/SCAN|FILTER/i)
    expect((await callError(unary(env.rpc, 'explainAnalyze', q))).code).toBe(
      status.FAILED_PRECONDITION,
    )
    await unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] })
    while ((await unary(env.rpc, 'getNextResultBatch', q)).resultBatch.length > 0) {
      // drain
    }
    const analysis = await unary(env.rpc, 'explainAnalyze', q)
    const json = JSON.parse(analysis.explainAnalyze) as Record<string, unknown>
    expect(typeof json.total_query_time).toBe('number')
    expect(typeof json.executionQueueingTime).toBe('number')
    expect(typeof json.parsingTime).toBe('number')
    expect(typeof json.plan).toBe('string')
    expect(json.rowCount).toBe(9990)
    expect(analysis.isCached).toBe(false)
    expect(typeof analysis.parsingTime).toBe('bigint')
    expect(typeof analysis.queueingTime).toBe('bigint')
    await unary(env.rpc, 'clear', q)
  })

  it('cancels a long DuckDB query; later calls answer CANCELLED', async () => {
    const q = await prepare(env, HEAVY_SQL)
    const started = Date.now()
    const execution = callError(
      unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    await eventually(() => env.engine.control.runningQueries() === 1)
    await delay(100)
    await unary(env.rpc, 'cancelQuery', q)
    const err = await execution
    expect(err.code).toBe(status.CANCELLED)
    expect(err.details).toBe('Query cancelled')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(env.engine.control.runningQueries()).toBe(0)
    for (const rpc of ['status', 'getNextResultBatch', 'getResultMetadata'] as const) {
      const e = await callError(unary(env.rpc, rpc, q))
      expect([rpc, e.code, e.details]).toEqual([rpc, status.CANCELLED, 'Query cancelled'])
    }
    // cancelling again or clearing is fine
    await unary(env.rpc, 'cancelQuery', q)
    await unary(env.rpc, 'clearOrCancelQuery', q)
    expect((await callError(unary(env.rpc, 'status', q))).code).toBe(status.NOT_FOUND)
  })

  it('cancel of an unknown or finished query is OK', async () => {
    await unary(env.rpc, 'cancelQuery', {
      engineIP: '127.0.0.1',
      sessionId: env.sessionId,
      queryId: 'unknown',
    })
    const q = await prepareAndExecute(env, 'SELECT 1 AS one')
    await unary(env.rpc, 'cancelQuery', q)
    expect((await unary(env.rpc, 'status', q)).status).toBe(true)
    await unary(env.rpc, 'clear', q)
    await unary(env.rpc, 'clear', q)
  })

  it('clearOrCancelQuery stops a running query and frees it', async () => {
    const q = await prepare(env, HEAVY_SQL)
    const execution = callError(
      unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    await eventually(() => env.engine.control.runningQueries() === 1)
    const open = env.engine.control.openQueries()
    await unary(env.rpc, 'clearOrCancelQuery', q)
    const err = await execution
    expect([status.CANCELLED, status.NOT_FOUND]).toContain(err.code)
    expect(env.engine.control.openQueries()).toBe(open - 1)
    expect(env.engine.control.runningQueries()).toBe(0)
  })

  it('clear frees a held result and later calls answer NOT_FOUND', async () => {
    const q = await prepareAndExecute(env, 'SELECT * FROM events ORDER BY event_id')
    // executed to completion: nothing runs any more, the result is held until clear
    expect(env.engine.control.runningQueries()).toBe(0)
    expect((await unary(env.rpc, 'status', q)).status).toBe(true)
    const open = env.engine.control.openQueries()
    await unary(env.rpc, 'getNextResultBatch', q)
    await unary(env.rpc, 'clear', q)
    expect(env.engine.control.openQueries()).toBe(open - 1)
    expect((await callError(unary(env.rpc, 'getNextResultBatch', q))).code).toBe(status.NOT_FOUND)
  })

  it('shows a query only to its own session', async () => {
    const other = await login(env.rpc, env.engine)
    const q = await prepare(env, 'SELECT 1 AS one')
    const err = await callError(unary(env.rpc, 'status', { ...q, sessionId: other }))
    expect(err.code).toBe(status.NOT_FOUND)
    await unary(env.rpc, 'clear', { ...q, sessionId: other })
    expect((await unary(env.rpc, 'status', q)).status).toBe(false)
    await unary(env.rpc, 'clear', q)
  })

  it('maps SQL errors: parse/bind → INVALID_ARGUMENT, runtime → INTERNAL', async () => {
    const parse = await callError(prepare(env, 'SELECT FROM WHERE'))
    expect(parse.code).toBe(status.INVALID_ARGUMENT)
    const bind = await callError(prepare(env, 'SELECT nope FROM orders'))
    expect(bind.code).toBe(status.INVALID_ARGUMENT)
    const q = await prepare(env, 'SELECT CAST(status AS INTEGER) FROM orders')
    const runtime = await callError(
      unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    expect(runtime.code).toBe(status.INTERNAL)
    expect(runtime.details).not.toContain('Access denied')
    const quoted = await callError(runQuery(env, "SELECT CAST('Access denied' AS INTEGER)"))
    expect(quoted.details).not.toContain('Access denied')
    await unary(env.rpc, 'clear', q)
  })

  it('binds ExecuteStatementV2 params natively (1-based)', async () => {
    const result = await runQuery(
      env,
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
      env,
      'SELECT count(*) AS n FROM orders WHERE status = ? AND order_id <= ?',
      {
        params: [
          { index: 1, type: 'STRING', value: 'returned' },
          { index: 2, type: 'INTEGER', value: '100' },
        ],
      },
    )
    expect(filtered.rows[0]?.n).toBe(4n)
    const missing = await callError(
      runQuery(env, 'SELECT ? AS a, ? AS b', {
        params: [{ index: 1, type: 'VARCHAR', value: 'x' }],
      }),
    )
    expect(missing.code).toBe(status.INVALID_ARGUMENT)
    const described = await prepare(
      env,
      'SELECT ? AS x FROM orders WHERE status = ? AND order_id = ?',
    )
    const dynamic = await unary(env.rpc, 'getDynamicParams', described)
    expect(dynamic.params.map((p) => [p.index, p.type])).toEqual([
      [1, 'VARCHAR'],
      [2, 'VARCHAR'],
      [3, 'BIGINT'],
    ])
    await unary(env.rpc, 'clear', described)
    const zero = await callError(
      runQuery(env, 'SELECT ? AS a', {
        params: [{ index: 0, type: 'VARCHAR', value: 'x' }],
      }),
    )
    expect(zero.code).toBe(status.INVALID_ARGUMENT)
    expect(zero.details).toMatch(/1-based/)
  })

  it('limits open queries per session and globally', async () => {
    await withEngine(
      { login: true, sampleData: false, maxOpenQueries: { perSession: 2, global: 3 } },
      async ({ engine: limited, rpc: c, sessionId: s1 }) => {
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
      },
    )
  })

  it('expires abandoned open queries after queryIdleTimeoutMs', async () => {
    await withEngine(
      { login: true, sampleData: false, queryIdleTimeoutMs: 150 },
      async ({ engine: idle, rpc: c, sessionId: sid }) => {
        const q = await prepareAndExecute(c, idle, sid, 'SELECT * FROM range(100000)')
        expect(idle.control.openQueries()).toBe(1)
        await eventually(() => idle.control.openQueries() === 0, 3_000)
        expect((await callError(unary(c, 'getNextResultBatch', q))).code).toBe(status.NOT_FOUND)
      },
    )
  })
})
