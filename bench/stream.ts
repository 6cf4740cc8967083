/**
 * Streaming memory benchmark: 10 000 000 rows from the local engine (child process) through
 * `client.stream()`, row objects materialised per batch and dropped; samples the client process's
 * RSS every 50 ms and prints the peak (goal: flat, < 256 MB).
 *
 * @example
 * ```sh
 * npm run bench -- stream
 * ```
 *
 * @module
 */

import { ms, spawnEngineClient } from './e2e-support.js'

const ROWS = 10_000_000
const MB = 1024 * 1024

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const { client, endpoint, stop } = await spawnEngineClient({ bigTableRows: ROWS })
  console.log(`engine (child process, ${ROWS} rows) ready in ${ms(endpoint.startupMs)}`)
  try {
    await client.query('select 1')
    const baseRss = process.memoryUsage().rss
    let peak = baseRss
    const samples: number[] = []
    const timer = setInterval(() => {
      const rss = process.memoryUsage().rss
      samples.push(rss)
      if (rss > peak) peak = rss
    }, 50)
    const t = performance.now()
    let n = 0
    let checksum = 0
    for await (const batch of client.stream<{ event_id: bigint; amount: number | null }>(
      'SELECT event_id, customer_id, event_time, event_type, amount FROM events',
    )) {
      for (const row of batch.toRows()) if (row.amount !== null) checksum += row.amount
      n += batch.rowCount
    }
    const elapsed = performance.now() - t
    clearInterval(timer)
    const q = (p: number) => {
      const s = [...samples].sort((a, b) => a - b)
      return (s[Math.floor((s.length - 1) * p)] ?? 0) / MB
    }
    console.log(
      `streamed ${n} rows in ${ms(elapsed)} (${((n / elapsed) * 1000).toFixed(0)} rows/s, checksum ${checksum.toFixed(0)})`,
    )
    console.log(
      `client RSS: start ${(baseRss / MB).toFixed(0)} MB, p50 ${q(0.5).toFixed(0)} MB, p95 ${q(0.95).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB (goal < 256 MB, flat)`,
    )
  } finally {
    await stop()
  }
}
