import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { status } from '@grpc/grpc-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { type OpenEngineFixture, openEngine, withEngine } from '../helpers/engine-fixture.js'
import { callError, delay, prepare, prepareAndExecute, runQuery, unary } from './helpers.js'

const ROWS = 600_000
// ~100 bytes a row: far beyond the 32 MB memory limit, so DuckDB must spill the held result
const WIDE = `SELECT range AS id, repeat('x', 80) || range::VARCHAR AS filler FROM range(${ROWS})`

describe('local engine: execute runs the query to completion (held results)', () => {
  let env: OpenEngineFixture
  let spill: string

  const tempBytes = async () => {
    const r = await runQuery(
      env,
      'SELECT coalesce(sum(temporary_storage_bytes), 0)::BIGINT AS t FROM duckdb_memory()',
    )
    return r.rows[0]?.t as bigint
  }

  beforeAll(async () => {
    spill = mkdtempSync(join(tmpdir(), 'e6-held-'))
    env = await openEngine({
      sampleData: false,
      memoryLimit: '32MB',
      tempDirectory: spill,
      login: true,
    })
  })

  afterAll(async () => {
    await env?.close()
    rmSync(spill, { recursive: true, force: true })
  })

  it('reports the total row count and done right after execute; spills to disk, clear frees it', async () => {
    expect(await tempBytes()).toBe(0n)
    const q = await prepareAndExecute(env, WIDE)
    const st = await unary(env.rpc, 'status', q)
    expect(st).toMatchObject({ status: true, rowCount: BigInt(ROWS) })
    const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData)
    expect(meta.rowCount).toBe(BigInt(ROWS))
    expect(env.engine.control.runningQueries()).toBe(0)
    // held by DuckDB, not by JS: beyond the memory limit it lives in the spill directory
    expect(await tempBytes()).toBeGreaterThan(0n)
    expect(readdirSync(spill).length).toBeGreaterThan(0)
    let next = 0n
    for (let i = 0; i < 3; i++) {
      const batch = decodeChunk(
        (await unary(env.rpc, 'getNextResultBatch', q)).resultBatch,
        meta.columns,
      )
      for (let r = 0; r < (batch?.rowCount ?? 0); r++) expect(batch?.raw('id', r)).toBe(next++)
    }
    expect(next).toBe(30_000n)
    await unary(env.rpc, 'clearOrCancelQuery', q)
    expect(await tempBytes()).toBe(0n)
  }, 60_000)

  it('cancel while the result is being materialised interrupts it and frees everything', async () => {
    const q = await prepare(
      env,
      'SELECT a.range AS a, b.range AS b FROM range(200000) a, range(2000) b',
    )
    const execution = callError(
      unary(env.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }),
    )
    while (env.engine.control.runningQueries() === 0) await delay(5)
    await delay(150)
    await unary(env.rpc, 'cancelQuery', q)
    expect((await execution).code).toBe(status.CANCELLED)
    expect((await callError(unary(env.rpc, 'status', q))).code).toBe(status.CANCELLED)
    await unary(env.rpc, 'clearOrCancelQuery', q)
    expect(env.engine.control.runningQueries()).toBe(0)
    expect(await tempBytes()).toBe(0n)
  }, 60_000)

  it('keeps the first pass column names and types (duplicate names) for held results', async () => {
    const q = await prepareAndExecute(
      env,
      'SELECT range AS a, -range AS a, CAST(NULL AS VARCHAR) AS n FROM range(25000) ORDER BY range DESC',
    )
    const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData)
    expect(meta.columns.map((c) => [c.name, c.typeName])).toEqual([
      ['a', 'LONG'],
      ['a', 'LONG'],
      ['n', 'STRING'],
    ])
    const batch = decodeChunk(
      (await unary(env.rpc, 'getNextResultBatch', q)).resultBatch,
      meta.columns,
    )
    expect([batch?.raw(0, 0), batch?.raw(1, 0), batch?.raw(2, 0)]).toEqual([
      24_999n,
      -24_999n,
      null,
    ])
    await unary(env.rpc, 'clear', q)
  })

  it('keeps results of concurrent queries apart', async () => {
    const [a, b] = await Promise.all([
      prepareAndExecute(env, 'SELECT range AS v FROM range(25000)'),
      prepareAndExecute(env, 'SELECT -range AS v FROM range(30000)'),
    ])
    const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', a)).resultMetaData)
    const first = async (q: typeof a) =>
      decodeChunk((await unary(env.rpc, 'getNextResultBatch', q)).resultBatch, meta.columns)?.raw(
        'v',
        1,
      )
    expect(await first(a)).toBe(1n)
    expect(await first(b)).toBe(-1n)
    expect((await unary(env.rpc, 'status', b)).rowCount).toBe(30_000n)
    await unary(env.rpc, 'clear', a)
    await unary(env.rpc, 'clear', b)
  })
})

describe('local engine: streamResults (opt-in streaming mode)', () => {
  it('returns from execute after the first batch; row count and status follow progress', async () => {
    await withEngine(
      { login: true, sampleData: false, streamResults: true, batchSize: 1_000 },
      async ({ engine, rpc: client, sessionId }) => {
        const q = await prepareAndExecute(
          client,
          engine,
          sessionId,
          'SELECT range AS id FROM range(5000)',
        )
        const before = await unary(client, 'status', q)
        expect(before.status).toBe(false)
        expect(before.rowCount).toBeLessThan(5000n)
        expect(engine.control.runningQueries()).toBe(1)
        let rows = 0
        const meta = decodeMetadata((await unary(client, 'getResultMetadata', q)).resultMetaData)
        for (;;) {
          const batch = decodeChunk(
            (await unary(client, 'getNextResultBatch', q)).resultBatch,
            meta.columns,
          )
          if (batch === null) break
          rows += batch.rowCount
        }
        expect(rows).toBe(5000)
        expect(await unary(client, 'status', q)).toMatchObject({ status: true, rowCount: 5000n })
        await unary(client, 'clear', q)
      },
    )
  })
})
