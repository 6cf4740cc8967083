/**
 * Latency benchmark: `SELECT 1` against the local engine (child process) over loopback, through
 * `client.query`, through Kysely, and — when importable — through e6data's reference Python
 * connector, next to the transport floor: the same number of sequential empty grpc-js unary calls
 * (a grpc-js server in the engine's process), and the engine's own `healthCheck`. Prints
 * p50/p90/p99/mean, the sequential round trips on a query's critical path (counted with a grpc-js
 * interceptor), and the ratios the issue sets targets for. Our paths run interleaved in rounds so
 * that a load change on the machine hits them alike; the load average is printed.
 *
 * @example
 * ```sh
 * npm run bench -- latency
 * ```
 *
 * @module
 */

import { loadavg } from 'node:os'
import { Client, credentials, Metadata } from '@grpc/grpc-js'
import { Kysely, sql } from 'kysely'
import { E6dataDialect } from '../src/dialect/index.js'
import { GrpcTransport } from '../src/driver/grpc-transport.js'
import { createClient, DEFAULT_CHANNEL_OPTIONS, StrategyCache } from '../src/driver/index.js'
import { encodeChunk, encodeMetadata } from '../src/wire/index.js'
import { type BenchEndpoint, FLOOR_METHOD } from './e2e-engine.js'
import { connectionOf, spawnEngineClient } from './e2e-support.js'
import { referenceConnector } from './reference-connector.js'
import { RpcRecorder } from './round-trips.js'

const SQL = 'SELECT 1'
const ROUNDS = 10
const PER_ROUND = 100
const WARMUP = 100
const PY_CALLS = 500

/** p50/p90/p99/mean of a list of milliseconds. */
export interface Percentiles {
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly mean: number
}

/** Percentiles of `times` (milliseconds, any order). */
export function percentiles(times: readonly number[]): Percentiles {
  const s = [...times].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? Number.NaN
  return {
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  }
}

/** One unary call on a raw grpc-js client (no driver code). */
function unary(client: Client, path: string, headers?: Metadata): Promise<void> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      path,
      FLOOR_METHOD.requestSerialize,
      FLOOR_METHOD.responseDeserialize,
      Buffer.alloc(0),
      headers ?? new Metadata(),
      (err) => (err ? reject(err) : resolve()),
    )
  })
}

/** A function that makes `n` sequential calls of `path`. */
function sequential(client: Client, path: string, n: number): () => Promise<void> {
  return async () => {
    for (let i = 0; i < n; i++) await unary(client, path)
  }
}

/** Counts the round trips of `SELECT 1` on a separate client that records every call. */
async function roundTrips(ep: BenchEndpoint): Promise<{
  sequential: number
  chain: string
  awaited: number
  background: string
  overlapped: string
}> {
  const recorder = new RpcRecorder()
  const client = createClient({
    ...connectionOf(ep),
    poolSize: 1,
    channelOptions: recorder.channelOptions,
  })
  try {
    for (let i = 0; i < 10; i++) await client.query(SQL)
    const seen = new Map<string, { n: number; path: ReturnType<RpcRecorder['criticalPath']> }>()
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 2)) // let the previous query's clear end
      recorder.clear()
      const t0 = performance.now()
      await client.query(SQL)
      const path = recorder.criticalPath(t0, performance.now())
      const key = `${path.sequential}|${path.chain}`
      const entry = seen.get(key) ?? { n: 0, path }
      entry.n++
      seen.set(key, entry)
    }
    const top = [...seen.values()].sort((a, b) => b.n - a.n)[0]!.path
    // back to back on one session: does the next prepare go out while the clear is in flight?
    recorder.clear()
    for (let i = 0; i < 50; i++) await client.query(SQL)
    const prepares = recorder.calls.filter((c) => c.method.startsWith('prepareStatement'))
    const clears = recorder.calls.filter((c) => c.method === 'clearOrCancelQuery')
    let overlapped = 0
    for (let i = 1; i < prepares.length; i++) {
      if (clears[i - 1] && prepares[i]!.start < clears[i - 1]!.end) overlapped++
    }
    return {
      sequential: top.sequential,
      chain: top.chain,
      awaited: top.awaited,
      background: top.background.join(', ') || 'none',
      overlapped: `${overlapped} of ${prepares.length - 1}`,
    }
  } finally {
    await client.close()
  }
}

/**
 * The driver's own CPU per `SELECT 1` (and per RPC): the same `client.query` with the transport
 * answering from memory — no grpc-js, no network, no engine.
 */
async function driverOverhead(): Promise<{ perQueryUs: number; rpcsPerQuery: number }> {
  const meta = Buffer.from(
    encodeMetadata({
      rowCount: 1n,
      columns: [{ name: '1', typeName: 'INTEGER', zone: '', format: '' }],
    }),
  )
  const batch = Buffer.from(encodeChunk([{ vectorType: 'INTEGER', values: [1] }]))
  const empty = Buffer.alloc(0)
  let fetches = 0
  let rpcs = 0
  const answers: Record<string, () => unknown> = {
    authenticate: () => ({ sessionId: 's', newStrategy: '' }),
    prepareStatementV2: () => ({ queryId: 'q', engineIP: '127.0.0.1', newStrategy: '' }),
    executeStatementV2: () => ({ sessionId: 's', newStrategy: '' }),
    getResultMetadata: () => ({ resultMetaData: meta, sessionId: 's', newStrategy: '' }),
    getNextResultBatch: () => ({
      resultBatch: fetches++ % 2 === 0 ? batch : empty,
      sessionId: 's',
      newStrategy: '',
    }),
    clearOrCancelQuery: () => ({ sessionId: 's', newStrategy: '' }),
  }
  const original = GrpcTransport.prototype.call
  GrpcTransport.prototype.call = (async (rpc: string) => {
    rpcs++
    return answers[rpc]!()
  }) as typeof original
  const client = createClient({
    host: 'localhost',
    port: 1,
    username: 'u',
    password: 'p',
    catalog: 'c',
    database: 'd',
    poolSize: 1,
    strategyCache: new StrategyCache(),
  })
  try {
    for (let i = 0; i < 5_000; i++) await client.query(SQL)
    const n = 50_000
    rpcs = 0
    const cpu = process.cpuUsage()
    for (let i = 0; i < n; i++) await client.query(SQL)
    const used = process.cpuUsage(cpu)
    return { perQueryUs: (used.user + used.system) / n, rpcsPerQuery: rpcs / n }
  } finally {
    await client.close()
    GrpcTransport.prototype.call = original
  }
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const loadBefore = loadavg()[0]!
  const { client, endpoint, stop } = await spawnEngineClient(
    { sampleData: false },
    { poolSize: 1 },
    { floor: true },
  )
  const floorClient = new Client(
    `${endpoint.host}:${endpoint.floorPort}`,
    credentials.createInsecure(),
    { ...DEFAULT_CHANNEL_OPTIONS },
  )
  const engineClient = new Client(
    `${endpoint.host}:${endpoint.port}`,
    credentials.createInsecure(),
    { ...DEFAULT_CHANNEL_OPTIONS },
  )
  const db = new Kysely<Record<string, never>>({ dialect: new E6dataDialect({ client }) })
  try {
    const trips = await roundTrips(endpoint)
    const n = trips.sequential
    const paths: [string, () => Promise<unknown>][] = [
      [`grpc-js floor: ${n} sequential empty calls`, sequential(floorClient, FLOOR_METHOD.path, n)],
      ['grpc-js floor: 6 sequential empty calls', sequential(floorClient, FLOOR_METHOD.path, 6)],
      [
        `engine healthCheck × ${n} sequential`,
        sequential(engineClient, '/QueryEngineService/healthCheck', n),
      ],
      ['client.query', () => client.query(SQL)],
      ['Kysely sql`SELECT 1`.execute(db)', () => sql`SELECT 1`.execute(db)],
    ]
    for (const [, fn] of paths) for (let i = 0; i < WARMUP; i++) await fn()
    const times = paths.map((): number[] => [])
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, fn]] of paths.entries()) {
        for (let k = 0; k < PER_ROUND; k++) {
          const t = performance.now()
          await fn()
          times[i]!.push(performance.now() - t)
        }
      }
    }
    const py = referenceConnector()
    let pyTimes: number[] | undefined
    if (typeof py !== 'string') pyTimes = await py.latency(endpoint, PY_CALLS, 50, SQL)
    const own = await driverOverhead()
    const loadAfter = loadavg()[0]!

    console.log(
      `latency: ${SQL}, ${ROUNDS * PER_ROUND} calls per path after ${WARMUP} warm-up, interleaved in ${ROUNDS} rounds; engine in a child process; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
    )
    console.log(
      `round trips per query: ${n} sequential on the critical path (${trips.chain}); ${trips.awaited} RPCs awaited; after the caller resumed: ${trips.background}`,
    )
    console.log(
      `back to back on one session: the next prepare went out before the previous clear was answered in ${trips.overlapped} queries (all succeeded: the engine does not need the session held)`,
    )
    const rows = paths.map(([name], i) => ({ name, p: percentiles(times[i]!) }))
    if (pyTimes)
      rows.push({ name: `reference Python connector (${PY_CALLS} calls)`, p: percentiles(pyTimes) })
    const pad = Math.max(...rows.map((r) => r.name.length))
    const f = (v: number) => `${v.toFixed(2)} ms`.padStart(10)
    console.log(
      `  ${''.padEnd(pad)} ${'p50'.padStart(10)} ${'p90'.padStart(10)} ${'p99'.padStart(10)} ${'mean'.padStart(10)}`,
    )
    for (const r of rows) {
      console.log(
        `  ${r.name.padEnd(pad)} ${f(r.p.p50)} ${f(r.p.p90)} ${f(r.p.p99)} ${f(r.p.mean)}`,
      )
    }
    const q = rows[3]!.p.p50
    const k = rows[4]!.p.p50
    const floorN = rows[0]!.p.p50
    const floor6 = rows[1]!.p.p50
    console.log(
      `  p50 ratios: client.query / floor(${n}) ${(q / floorN).toFixed(2)}× (target ≤ 2), / floor(6) ${(q / floor6).toFixed(2)}×; Kysely / floor(${n}) ${(k / floorN).toFixed(2)}×`,
    )
    if (pyTimes) {
      const p = percentiles(pyTimes).p50
      console.log(
        `  p50 vs reference Python connector: client.query ${(q / p).toFixed(2)}× (target ≤ 0.5), Kysely ${(k / p).toFixed(2)}×`,
      )
    } else console.log(`  reference Python connector ${py as string}`)
    console.log(
      `  the driver's own CPU (transport answering from memory): ${own.perQueryUs.toFixed(1)} µs per query, ${(own.perQueryUs / own.rpcsPerQuery).toFixed(1)} µs per RPC (${own.rpcsPerQuery.toFixed(0)} RPCs; the rest of client.query is grpc-js, node:http2 and the engine)`,
    )
  } finally {
    floorClient.close()
    engineClient.close()
    await db.destroy().catch(() => {})
    await stop()
  }
}
