/**
 * End-to-end fetch benchmark: 1 000 000 rows × 6 columns (BIGINT ×3, TIMESTAMP, VARCHAR, DOUBLE)
 * from the local engine (in a child process) over loopback gRPC, read (a) as columnar batches,
 * (b) as rows, (c) as rows with `int64As: 'number'`; baseline: DuckDB in-process building the same
 * rows as JS objects (`getRowObjectsJS`). Prints times, rows/s and the ratio (goal: rows ≤ 1.0×).
 * The engine runs each query to completion on execute (e6data's semantics); a second engine in
 * the opt-in `streamResults` mode shows what that costs.
 *
 * @example
 * ```sh
 * npm run bench -- e2e
 * ```
 *
 * @module
 */

import { DuckDBInstance } from '@duckdb/node-api'
import { eventsTableSql } from '../src/local/sample-data.js'
import { median, ms, spawnEngineClient } from './e2e-support.js'

const ROWS = 1_000_000
const RUNS = 3
const COLUMNS = 'event_id, customer_id, event_time, event_type, amount, event_id % 100 AS bucket'

async function baseline(): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  await conn.run(eventsTableSql('events', ROWS))
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    const reader = await conn.runAndReadAll(`SELECT ${COLUMNS} FROM events`)
    const rows = reader.getRowObjectsJS()
    times.push(performance.now() - t)
    if (rows.length !== ROWS) throw new Error(`baseline read ${rows.length} rows`)
  }
  conn.disconnectSync()
  instance.closeSync()
  return median(times)
}

async function measure(label: string, body: () => Promise<number>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    const n = await body()
    times.push(performance.now() - t)
    if (n !== ROWS) throw new Error(`${label}: ${n} rows`)
  }
  const m = median(times)
  console.log(
    `${label.padEnd(40)} ${ms(m).padStart(10)}  ${((ROWS / m) * 1000).toFixed(0).padStart(9)} rows/s`,
  )
  return m
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const sql = `SELECT ${COLUMNS} FROM events`
  const { client, endpoint, stop } = await spawnEngineClient({ bigTableRows: ROWS })
  console.log(`engine (child process) ready in ${ms(endpoint.startupMs)}`)
  let columnar: number
  let rows: number
  let rowsNum: number
  try {
    await client.query('select 1') // authenticate, warm the channel
    columnar = await measure('client: columnar batches', async () => {
      let n = 0
      for await (const b of client.stream(sql)) n += b.rowCount
      return n
    })
    rows = await measure('client: rows (query)', async () => (await client.query(sql)).rowCount)
    rowsNum = await measure(
      "client: rows, int64As 'number'",
      async () => (await client.query(sql, undefined, { int64As: 'number' })).rowCount,
    )
  } finally {
    await stop()
  }
  const streaming = await spawnEngineClient({ bigTableRows: ROWS, streamResults: true })
  let streamedRows: number
  try {
    await streaming.client.query('select 1')
    streamedRows = await measure(
      'client: rows, engine streamResults mode',
      async () => (await streaming.client.query(sql)).rowCount,
    )
  } finally {
    await streaming.stop()
  }
  const base = await baseline()
  console.log(
    `${'baseline: DuckDB in-process JS rows'.padEnd(40)} ${ms(base).padStart(10)}  ${((ROWS / base) * 1000).toFixed(0).padStart(9)} rows/s`,
  )
  console.log(
    `ratio vs baseline: columnar ${(columnar / base).toFixed(2)}×, rows ${(rows / base).toFixed(2)}×, rows/number ${(rowsNum / base).toFixed(2)}× (goal: rows ≤ 1.0×)`,
  )
  console.log(
    `execute to completion vs streaming: rows ${ms(rows - streamedRows)} (${(rows / streamedRows).toFixed(2)}×)`,
  )
}
