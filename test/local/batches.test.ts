import { describe, expect, it } from 'vitest'
import { decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { useEngine, withEngine } from '../helpers/engine-fixture.js'
import { prepareAndExecute, runQuery, unary } from './helpers.js'

describe('local engine: batches', () => {
  const env = useEngine({ bigTableRows: 20_000, batchSize: 1_000, login: true })

  it('splits a result into batches of batchSize rows, in order', async () => {
    const result = await runQuery(
      env,
      'SELECT event_id, event_type, amount FROM events ORDER BY event_id',
    )
    expect(result.batches).toBe(20)
    expect(new Set(result.batchRowCounts)).toEqual(new Set([1_000]))
    expect(result.rows).toHaveLength(20_000)
    expect(result.rows.every((r, i) => r.event_id === BigInt(i))).toBe(true)
    expect(result.rows[0]).toMatchObject({ event_type: 'view', amount: null })
    expect(result.rows[1]).toMatchObject({ event_type: 'click', amount: 39.9 })
  })

  it('is done with the total row count when execute returns; empty bytes after the last batch', async () => {
    const q = await prepareAndExecute(
      env,
      'SELECT event_id FROM events ORDER BY event_id LIMIT 2500',
    )
    const before = await unary(env.rpc, 'status', q)
    expect(before.status).toBe(true)
    expect(before.rowCount).toBe(2500n)
    expect(
      decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData).rowCount,
    ).toBe(2500n)
    const sizes: number[] = []
    let next = 0n
    for (let i = 0; i < 6; i++) {
      const res = await unary(env.rpc, 'getNextResultBatch', q)
      sizes.push(res.resultBatch.length === 0 ? 0 : -1)
      if (res.resultBatch.length > 0) {
        const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData)
        const batch = decodeChunk(res.resultBatch, meta.columns)
        sizes[i] = batch?.rowCount ?? 0
        for (let r = 0; r < (batch?.rowCount ?? 0); r++) {
          expect(batch?.raw(0, r)).toBe(next++)
        }
      }
    }
    expect(sizes).toEqual([1000, 1000, 500, 0, 0, 0])
    const after = await unary(env.rpc, 'status', q)
    expect(after).toMatchObject({ status: true, rowCount: 2500n })
    await unary(env.rpc, 'clear', q)
  })

  it('reports the exact row count for a small result right after execute', async () => {
    const q = await prepareAndExecute(env, 'SELECT * FROM products')
    const st = await unary(env.rpc, 'status', q)
    expect(st).toMatchObject({ status: true, rowCount: 50n })
    const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData)
    expect(meta.rowCount).toBe(50n)
    await unary(env.rpc, 'clear', q)
  })

  it('returns an empty result as zero bytes at once', async () => {
    const result = await runQuery(env, 'SELECT * FROM orders WHERE 1 = 0')
    expect(result.batches).toBe(0)
    expect(result.metadata.columns.length).toBe(5)
    expect(result.metadata.rowCount).toBe(0n)
  })

  it('emits constant vectors for columns whose batch values are all equal', async () => {
    const q = await prepareAndExecute(
      env,
      "SELECT 7 AS seven, 'x' AS x, NULL::INTEGER AS nothing, range AS n FROM range(10)",
    )
    const meta = decodeMetadata((await unary(env.rpc, 'getResultMetadata', q)).resultMetaData)
    const batch = decodeChunk(
      (await unary(env.rpc, 'getNextResultBatch', q)).resultBatch,
      meta.columns,
    )
    expect(batch?.column('seven').constant).toBe(true)
    expect(batch?.column('x').constant).toBe(true)
    expect(batch?.column('n').constant).toBe(false)
    expect(batch?.toRows()[9]).toEqual({ seven: 7, x: 'x', nothing: null, n: 9n })
    await unary(env.rpc, 'clear', q)
  })

  it('can switch constant vectors off', async () => {
    await withEngine(
      { login: true, sampleData: false, constantVectors: false },
      async ({ engine: plain, rpc: c, sessionId: sid }) => {
        const q = await prepareAndExecute(c, plain, sid, 'SELECT 7 AS seven FROM range(10)')
        const meta = decodeMetadata((await unary(c, 'getResultMetadata', q)).resultMetaData)
        const batch = decodeChunk(
          (await unary(c, 'getNextResultBatch', q)).resultBatch,
          meta.columns,
        )
        expect(batch?.column('seven').constant).toBe(false)
        expect(batch?.rowCount).toBe(10)
      },
    )
  })

  it('caps the encoded batch size by splitting batches', async () => {
    await withEngine(
      { login: true, sampleData: false, batchSize: 10_000, maxBatchBytes: 100_000 },
      async ({ engine: capped, rpc: c, sessionId: sid }) => {
        const q = await prepareAndExecute(
          c,
          capped,
          sid,
          "SELECT range AS i, repeat('é', 500) || range AS s FROM range(1000)",
        )
        const meta = decodeMetadata((await unary(c, 'getResultMetadata', q)).resultMetaData)
        let rows = 0
        let batches = 0
        for (;;) {
          const res = await unary(c, 'getNextResultBatch', q)
          if (res.resultBatch.length === 0) break
          expect(res.resultBatch.length).toBeLessThanOrEqual(100_000)
          const batch = decodeChunk(res.resultBatch, meta.columns)
          expect(batch?.raw('i', 0)).toBe(BigInt(rows))
          rows += batch?.rowCount ?? 0
          batches++
        }
        expect(rows).toBe(1000)
        expect(batches).toBeGreaterThan(10)
      },
    )
  })
})
