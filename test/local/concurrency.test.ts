import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { decodeChunk, decodeMetadata } from '../../src/wire/index.js'
import { engineClient, login, prepareAndExecute, runQuery, unary } from './helpers.js'

describe('local engine: concurrency', () => {
  let engine: LocalEngine
  let client: QueryEngineServiceClient

  beforeAll(async () => {
    engine = await startLocalEngine({ bigTableRows: 20_000, batchSize: 2_000 })
    client = engineClient(engine.address)
  })

  afterAll(async () => {
    client?.close()
    await engine?.close()
  })

  it('interleaves two streaming queries of one session', async () => {
    const sessionId = await login(client, engine)
    const a = await prepareAndExecute(
      client,
      engine,
      sessionId,
      'SELECT event_id FROM events ORDER BY event_id',
    )
    const b = await prepareAndExecute(
      client,
      engine,
      sessionId,
      'SELECT -event_id AS neg FROM events ORDER BY event_id',
    )
    const metaA = decodeMetadata((await unary(client, 'getResultMetadata', a)).resultMetaData)
    const metaB = decodeMetadata((await unary(client, 'getResultMetadata', b)).resultMetaData)
    let rowsA = 0
    let rowsB = 0
    for (;;) {
      const [ra, rb] = await Promise.all([
        unary(client, 'getNextResultBatch', a),
        unary(client, 'getNextResultBatch', b),
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
    await Promise.all([unary(client, 'clear', a), unary(client, 'clear', b)])
  })

  it('runs queries of many sessions in parallel', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const sessionId = await login(client, engine)
        const r = await runQuery(
          client,
          engine,
          sessionId,
          `SELECT count(*) AS n FROM events WHERE customer_id % 10 = ${i}`,
        )
        return r.rows[0]?.n
      }),
    )
    expect(results.reduce<bigint>((s, n) => s + (n as bigint), 0n)).toBe(20_000n)
  })

  it('serves 50 concurrent grpc-js clients', async () => {
    const clients = Array.from({ length: 50 }, () => engineClient(engine.address))
    try {
      const sums = await Promise.all(
        clients.map(async (c, i) => {
          const sessionId = await login(c, engine)
          const r = await runQuery(
            c,
            engine,
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
    expect(engine.control.openQueries()).toBe(0)
  })
})
