import { describe, expect, it } from 'vitest'
import { decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { engineClient, login, prepareAndExecute, runQuery, unary } from './helpers.js'

describe('local engine: concurrency', () => {
  const env = useEngine({ bigTableRows: 20_000, batchSize: 2_000 })

  it('interleaves two streaming queries of one session', async () => {
    const sessionId = await login(env.rpc, env.engine)
    const a = await prepareAndExecute(
      env.rpc,
      env.engine,
      sessionId,
      'SELECT event_id FROM events ORDER BY event_id',
    )
    const b = await prepareAndExecute(
      env.rpc,
      env.engine,
      sessionId,
      'SELECT -event_id AS neg FROM events ORDER BY event_id',
    )
    const metaA = decodeMetadata((await unary(env.rpc, 'getResultMetadata', a)).resultMetaData)
    const metaB = decodeMetadata((await unary(env.rpc, 'getResultMetadata', b)).resultMetaData)
    let rowsA = 0
    let rowsB = 0
    for (;;) {
      const [ra, rb] = await Promise.all([
        unary(env.rpc, 'getNextResultBatch', a),
        unary(env.rpc, 'getNextResultBatch', b),
      ])
      const ba = decodeChunk(ra.resultBatch, metaA.columns)
      const bb = decodeChunk(rb.resultBatch, metaB.columns)
      if (ba === null && bb === null) break
      if (ba) {
        expect(ba.raw(0, 0)).toBe(BigInt(rowsA))
        rowsA += ba.rowCount
      }
      if (bb) {
        expect(bb.raw(0, 0)).toBe(-BigInt(rowsB))
        rowsB += bb.rowCount
      }
    }
    expect([rowsA, rowsB]).toEqual([20_000, 20_000])
    await Promise.all([unary(env.rpc, 'clear', a), unary(env.rpc, 'clear', b)])
  })

  it('runs queries of many sessions in parallel', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const sessionId = await login(env.rpc, env.engine)
        const r = await runQuery(
          env.rpc,
          env.engine,
          sessionId,
          `SELECT count(*) AS n FROM events WHERE customer_id % 10 = ${i}`,
        )
        return r.rows[0]?.n
      }),
    )
    expect(results.reduce<bigint>((s, n) => s + (n as bigint), 0n)).toBe(20_000n)
  })

  it('serves 50 concurrent grpc-js clients', async () => {
    const clients = Array.from({ length: 50 }, () => engineClient(env.engine.address))
    try {
      const sums = await Promise.all(
        clients.map(async (c, i) => {
          const sessionId = await login(c, env.engine)
          const r = await runQuery(
            c,
            env.engine,
            sessionId,
            `SELECT sum(quantity) + ${i} AS q FROM line_items WHERE order_id <= 100`,
          )
          return String(r.rows[0]?.q)
        }),
      )
      const base = BigInt(sums[0] as string)
      expect(sums.map((s, i) => BigInt(s) - BigInt(i))).toEqual(sums.map(() => base))
    } finally {
      for (const c of clients) c.close()
    }
    expect(env.engine.control.openQueries()).toBe(0)
  })
})
