/**
 * The Kysely dialect under aborts and with very large engine batches: an abort the caller asked
 * for prints nothing (Kysely reports driver promises that reject after it threw), and 200 000-row
 * batches stream with any chunk size and execute in one piece.
 */
import { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient, type E6dataClient, E6dataDialect, StrategyCache } from '../../src/index.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'

interface DB {
  events: { event_id: bigint; event_type: string }
}

const BATCH = 200_000
const ROWS = 2 * BATCH

let engine: LocalEngine
let client: E6dataClient
let db: Kysely<DB>
beforeAll(async () => {
  engine = await startLocalEngine({ bigTableRows: ROWS, batchSize: BATCH })
  client = createClient({
    ...engine.connection,
    poolSize: 2,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    strategyCache: new StrategyCache(),
  })
  db = new Kysely<DB>({ dialect: new E6dataDialect({ client }) })
}, 60_000)
afterAll(async () => {
  await db.destroy()
  await client.close()
  await engine.close()
})

describe('aborts through Kysely', () => {
  const printed: unknown[][] = []
  const spies: ReturnType<typeof vi.spyOn>[] = []
  beforeAll(() => {
    for (const m of ['error', 'warn', 'log', 'info'] as const) {
      spies.push(vi.spyOn(console, m).mockImplementation((...args) => void printed.push(args)))
    }
  })
  afterAll(() => {
    for (const s of spies) s.mockRestore()
  })
  afterEach(async () => {
    engine.control.clearFaults()
    await expect.poll(() => engine.control.openQueries(), { timeout: 6_000 }).toBe(0)
    expect(client.poolStats.leased).toBe(0)
  })

  const abortAfter = (ms: number) => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), ms)
    return ac.signal
  }
  const small = () => db.selectFrom('events').select('event_id').where('event_id', '<', 10n)

  it.each([
    ['prepare', 'prepareStatementV2', { kind: 'delay', ms: 600, after: true }],
    ['execute', 'executeStatementV2', { kind: 'delay', ms: 600 }],
    ['metadata', 'getResultMetadata', { kind: 'delay', ms: 600 }],
    ['fetch', 'getNextResultBatch', { kind: 'delay', ms: 600 }],
  ] as const)(
    'an abort during %s rejects with the reason and prints nothing',
    async (_phase, rpc, fault) => {
      printed.length = 0
      for (const strategy of ['ignore query', 'cancel query'] as const) {
        engine.control.injectFault(rpc, fault)
        const err = await small()
          .execute({ signal: abortAfter(60), inflightQueryAbortStrategy: strategy })
          .catch((e) => e)
        expect(err.name).toBe('AbortError')
        await expect.poll(() => engine.control.openQueries(), { timeout: 6_000 }).toBe(0)
      }
      await new Promise((r) => setTimeout(r, 50))
      expect(printed).toEqual([])
    },
  )

  it('a failure still being cleaned up when the caller aborts prints nothing either', async () => {
    printed.length = 0
    // the batch fails (query lost), its cleanup is held 400 ms, the caller aborts meanwhile
    engine.control.injectFault('getNextResultBatch', {
      kind: 'grpc',
      code: 13,
      message: 'Access denied: session expired',
    })
    engine.control.injectFault('cancelQuery', { kind: 'delay', ms: 400 })
    const err = await small()
      .execute({ signal: abortAfter(150) })
      .catch((e) => e)
    expect(err.name).toBe('AbortError')
    await new Promise((r) => setTimeout(r, 600))
    expect(printed).toEqual([])
  })

  it('an abort while waiting for a pooled session, and mid-stream, prints nothing', async () => {
    printed.length = 0
    const a = await client.acquireSession()
    const b = await client.acquireSession()
    const err = await small()
      .execute({ signal: abortAfter(50) })
      .catch((e) => e)
    expect(err.name).toBe('AbortError')
    a.release()
    b.release()

    const ac = new AbortController()
    let seen = 0
    const streamErr = await (async () => {
      for await (const _ of db
        .selectFrom('events')
        .select('event_id')
        .stream({ chunkSize: 10, signal: ac.signal } as never)) {
        if (++seen === 3) ac.abort()
      }
    })().catch((e) => e)
    expect(streamErr?.name).toBe('AbortError')
    await new Promise((r) => setTimeout(r, 50))
    expect(printed).toEqual([])
  })
})

describe('200 000-row engine batches', () => {
  const ids = () => db.selectFrom('events').select('event_id').orderBy('event_id')

  it('the engine sends 200 000-row batches (two columns: split only by the 4 MiB cap)', async () => {
    const sizes: number[] = []
    for await (const b of client.stream('select event_id from events order by event_id'))
      sizes.push(b.rowCount)
    expect(sizes).toEqual([BATCH, BATCH])
    const wide: number[] = []
    for await (const b of client.stream(
      'select event_id, event_type from events order by event_id',
    ))
      wide.push(b.rowCount)
    expect(wide[0]).toBeGreaterThan(150_000)
    expect(wide.reduce((a, b) => a + b, 0)).toBe(ROWS)
  })

  it('streamQuery(1_000_000) carries a 200 000-row batch over into one chunk (no stack overflow)', async () => {
    const compiled = ids().compile()
    const sizes: number[] = []
    let next = 0n
    await db.getExecutor().provideConnection(async (connection) => {
      for await (const chunk of connection.streamQuery<{ event_id: bigint }>(compiled, 1_000_000)) {
        sizes.push(chunk.rows.length)
        for (const r of chunk.rows) if (r.event_id !== next++) throw new Error(`row ${next - 1n}`)
      }
    })
    expect(sizes).toEqual([ROWS])
    // and through Kysely's .stream(1_000_000)
    let n = 0n
    for await (const row of ids().stream(1_000_000))
      if (row.event_id !== n++) throw new Error('order')
    expect(n).toBe(BigInt(ROWS))
  })

  it('.stream(1) yields every row of a 200 000-row batch, in order', async () => {
    let next = 0n
    for await (const row of ids().where('event_id', '<', BigInt(BATCH)).stream(1))
      if (row.event_id !== next++) throw new Error(`row ${next - 1n}`)
    expect(next).toBe(BigInt(BATCH))
  })

  it('chunk sizes that straddle batch boundaries, and execute() of a 200 000-row batch', async () => {
    const compiled = ids().compile()
    const sizes: number[] = []
    let next = 0n
    await db.getExecutor().provideConnection(async (connection) => {
      for await (const chunk of connection.streamQuery<{ event_id: bigint }>(compiled, 150_001)) {
        sizes.push(chunk.rows.length)
        for (const r of chunk.rows) if (r.event_id !== next++) throw new Error(`row ${next - 1n}`)
      }
    })
    expect(sizes).toEqual([150_001, 150_001, ROWS - 300_002])
    const rows = await ids().where('event_id', '<', BigInt(BATCH)).execute()
    expect(rows).toHaveLength(BATCH)
    expect(rows[BATCH - 1]?.event_id).toBe(BigInt(BATCH - 1))
    const { rows: plain } = await client.query<{ event_id: bigint }>(
      'select event_id from events where event_id < 200000 order by event_id',
    )
    expect(plain).toHaveLength(BATCH)
    expect(plain[123_456]?.event_id).toBe(123_456n)
  })
})
