/**
 * Throughput benchmark: queries per second of a 50-row query against the local engine (child
 * process) with N concurrent callers sharing one client of `poolSize` P — P = 1, 2, 4, 8, 16 with
 * 8 callers and with P callers — next to e6data's reference Python connector with 1 and 8
 * threads (one connection each) when it is importable. On a small machine the engine and the
 * client share the CPU: client CPU per query is throughput. The load average is printed.
 *
 * @example
 * ```sh
 * npm run bench -- throughput
 * ```
 *
 * @module
 */

import { loadavg } from 'node:os'
import { createClient, type E6dataClient } from '../src/driver/index.js'
import type { BenchEndpoint } from './e2e-engine.js'
import { connectionOf, spawnEngineClient } from './e2e-support.js'
import { referenceConnector } from './reference-connector.js'

const SQL =
  "SELECT range AS id, 'name-' || range AS name, CAST(range AS DOUBLE) * 1.5 AS amount FROM range(50)"
const SECONDS = 3
const POOL_SIZES = [1, 2, 4, 8, 16]

function clientOf(ep: BenchEndpoint, poolSize: number): E6dataClient {
  return createClient({
    ...connectionOf(ep),
    poolSize,
  })
}

/** Queries per second of `callers` loops over one client for `seconds`, and client CPU per query. */
async function measure(
  client: E6dataClient,
  callers: number,
  seconds: number,
): Promise<{ qps: number; cpuUs: number }> {
  let stop = false
  let n = 0
  const loop = async () => {
    while (!stop) {
      const res = await client.query(SQL)
      if (res.rowCount !== 50) throw new Error(`expected 50 rows, got ${res.rowCount}`)
      n++
    }
  }
  // warm-up: every session authenticated, code paths hot
  const warm = performance.now() + 500
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < warm) await client.query(SQL)
    }),
  )
  const cpu = process.cpuUsage()
  const t = performance.now()
  const timer = setTimeout(() => {
    stop = true
  }, seconds * 1000)
  await Promise.all(Array.from({ length: callers }, loop))
  clearTimeout(timer)
  const elapsed = (performance.now() - t) / 1000
  const used = process.cpuUsage(cpu)
  return { qps: n / elapsed, cpuUs: (used.user + used.system) / n }
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const loadBefore = loadavg()[0]!
  const { client, endpoint, stop } = await spawnEngineClient({ sampleData: false }, { poolSize: 1 })
  const rows: { label: string; qps: number; cpuUs: number }[] = []
  try {
    await client.query(SQL)
    {
      // JIT and engine warm-up before the first measured row
      const warm = clientOf(endpoint, 8)
      await measure(warm, 8, 1).finally(() => warm.close())
    }
    for (const poolSize of POOL_SIZES) {
      for (const callers of poolSize === 8 ? [8] : [8, poolSize]) {
        const c = clientOf(endpoint, poolSize)
        try {
          const m = await measure(c, callers, SECONDS)
          rows.push({
            label: `client.query, poolSize ${poolSize}, ${callers} caller${callers === 1 ? '' : 's'}`,
            ...m,
          })
        } finally {
          await c.close()
        }
      }
    }
    const py = referenceConnector()
    const pyRows: { label: string; qps: number }[] = []
    if (typeof py !== 'string') {
      for (const threads of [1, 8]) {
        const r = await py.throughput(endpoint, threads, SECONDS, SQL)
        if (r.errors.length > 0) console.log(`  Python connector errors: ${r.errors.join('; ')}`)
        pyRows.push({
          label: `reference Python connector, ${threads} thread${threads === 1 ? '' : 's'}`,
          qps: r.queries / r.seconds,
        })
      }
    }
    const loadAfter = loadavg()[0]!
    console.log(
      `throughput: 50-row query, ${SECONDS} s per row after 0.5 s warm-up; engine in a child process; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
    )
    const all = [...rows, ...pyRows]
    const pad = Math.max(...all.map((r) => r.label.length))
    for (const r of rows) {
      console.log(
        `  ${r.label.padEnd(pad)} ${r.qps.toFixed(0).padStart(7)} queries/s   client CPU ${r.cpuUs.toFixed(0).padStart(5)} µs/query`,
      )
    }
    for (const r of pyRows)
      console.log(`  ${r.label.padEnd(pad)} ${r.qps.toFixed(0).padStart(7)} queries/s`)
    const at = (label: string) => rows.find((r) => r.label === label)?.qps ?? Number.NaN
    const ours8 = at('client.query, poolSize 8, 8 callers')
    const ours1 = at('client.query, poolSize 1, 1 caller')
    if (pyRows.length === 2) {
      console.log(
        `  ratio vs Python: concurrency 8 ${(ours8 / pyRows[1]!.qps).toFixed(2)}× (target ≥ 2), one caller ${(ours1 / pyRows[0]!.qps).toFixed(2)}×`,
      )
    } else console.log(`  reference Python connector ${py as string}`)
  } finally {
    await stop()
  }
}
