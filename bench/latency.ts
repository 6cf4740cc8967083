/**
 * Latency benchmark: `SELECT 1` round trips (prepare + execute + metadata + batches + clear) over
 * loopback against the local engine (child process); prints p50/p99 over 1 000 calls.
 *
 * @example
 * ```sh
 * npm run bench -- latency
 * ```
 *
 * @module
 */

import { ms, spawnEngineClient } from './e2e-support.js'

const CALLS = 1_000

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const { client, stop } = await spawnEngineClient({ sampleData: false }, { poolSize: 1 })
  try {
    for (let i = 0; i < 50; i++) await client.query('SELECT 1') // warm-up
    const times: number[] = []
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now()
      await client.query('SELECT 1')
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const at = (p: number) =>
      times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? Number.NaN
    const mean = times.reduce((a, b) => a + b, 0) / times.length
    console.log(
      `SELECT 1 × ${CALLS}: p50 ${ms(at(0.5))}, p90 ${ms(at(0.9))}, p99 ${ms(at(0.99))}, mean ${ms(mean)}, max ${ms(at(1))}`,
    )
  } finally {
    await stop()
  }
}
