/**
 * The reference e6data Python connector against the local engine: its documented "poll
 * `status()` until done, then fetch" pattern must finish for results larger than one batch
 * (protocol.md §8, §13.3). Runs when a Python 3 with grpcio, thrift, protobuf, sqlalchemy, future,
 * python-dateutil and pytz can import `e6data_python_connector` (Debian: python3-grpcio …; put the
 * connector's checkout on `E6DATA_PY_CONNECTOR` or PYTHONPATH; it is not part of this repository).
 * Skipped otherwise.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { findPythonConnector } from '../fixtures/reference-connector/find-python.js'

const SCRIPT = fileURLToPath(
  new URL('../fixtures/reference-connector/poll-status.py', import.meta.url),
)

const connector = findPythonConnector()
if (connector === undefined) {
  console.log(
    'reference connector test skipped: no python3 that imports grpc and e6data_python_connector (set E6DATA_PY_CONNECTOR to its checkout)',
  )
}

describe.skipIf(connector === undefined)('reference Python connector', () => {
  let engine: LocalEngine

  beforeAll(async () => {
    engine = await startLocalEngine({ sampleData: false })
  })

  afterAll(async () => {
    await engine?.close()
  })

  it('poll status() until done, then fetch: 50 000, 20 000 and 7 rows', async () => {
    const { stdout } = await promisify(execFile)(
      connector?.python as string,
      [
        SCRIPT,
        engine.host,
        String(engine.port),
        engine.credentials.user,
        engine.credentials.password,
        engine.catalog,
        engine.schema,
      ],
      { env: connector?.env, timeout: 90_000 },
    )
    const results = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(results.map((r) => r.n)).toEqual([50_000, 20_000, 7])
    for (const r of results) {
      // done at the first poll: execute ran the query to completion
      expect(r).toMatchObject({
        rows: r.n,
        in_order: true,
        polls: 1,
        status_rowcount: r.n,
        metadata_rowcount: r.n,
      })
    }
    expect(engine.control.openQueries()).toBe(0)
  }, 120_000)
})
