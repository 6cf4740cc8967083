/**
 * Runs e6data's reference Python connector (bench/reference-connector.py) against an engine the
 * bench started, when a Python 3 that imports it is found (see
 * test/fixtures/reference-connector/find-python.ts; point `E6DATA_PY_CONNECTOR` at its checkout).
 * Not a bench module itself.
 *
 * @example
 * ```ts
 * const py = referenceConnector()
 * if (py) console.log(await py.latency(endpoint, 500, 50, 'SELECT 1'))
 * ```
 *
 * @module
 */

import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { findPythonConnector } from '../test/fixtures/reference-connector/find-python.js'
import type { BenchEndpoint } from './e2e-engine.js'

const SCRIPT = fileURLToPath(new URL('./reference-connector.py', import.meta.url))

/** The connector's side of the latency and throughput benches. */
export interface ReferenceConnector {
  readonly python: string
  /** Sorted milliseconds of `calls` queries (after `warmup`), one connection. */
  latency(ep: BenchEndpoint, calls: number, warmup: number, sql: string): Promise<number[]>
  /** Queries completed by `threads` threads (one connection each) in `seconds`. */
  throughput(
    ep: BenchEndpoint,
    threads: number,
    seconds: number,
    sql: string,
  ): Promise<{ queries: number; seconds: number; errors: string[] }>
}

/** The connector runner, or the reason it is skipped. */
export function referenceConnector(): ReferenceConnector | string {
  const found = findPythonConnector()
  if (!found) {
    return 'skipped: no python3 imports grpc + e6data_python_connector (set E6DATA_PY_CONNECTOR to its checkout; /usr/bin/python3 with Debian python3-grpcio is tried first)'
  }
  const run = async (mode: string, ep: BenchEndpoint, a: number, b: number, sql: string) => {
    const args = [SCRIPT, mode, ep.host, String(ep.port), ep.user, ep.password, ep.catalog]
    args.push(ep.schema, String(a), String(b), sql)
    const { stdout } = await promisify(execFile)(found.python, args, {
      env: found.env,
      timeout: 600_000,
      maxBuffer: 64 << 20,
    })
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>
  }
  return {
    python: found.python,
    latency: async (ep, calls, warmup, sql) =>
      (await run('latency', ep, calls, warmup, sql)).ms as number[],
    throughput: async (ep, threads, seconds, sql) =>
      (await run('throughput', ep, threads, seconds, sql)) as {
        queries: number
        seconds: number
        errors: string[]
      },
  }
}
