/**
 * Shared helpers of the driver benchmarks: spawn the local engine in a child process (so that the
 * client's CPU and RSS are measured alone) and a client for it. Not a bench module itself.
 *
 * @example
 * ```ts
 * const { client, stop } = await spawnEngineClient({ bigTableRows: 1_000_000 })
 * ```
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createClient, type E6dataClient, type E6dataClientOptions } from '../src/driver/index.js'
import type { LocalEngineOptions } from '../src/local/index.js'
import type { BenchEndpoint } from './e2e-engine.js'

/** The client options that reach a bench engine. */
export function connectionOf(
  ep: BenchEndpoint,
): Pick<E6dataClientOptions, 'host' | 'port' | 'username' | 'password' | 'catalog' | 'database'> {
  return {
    host: ep.host,
    port: ep.port,
    username: ep.user,
    password: ep.password,
    catalog: ep.catalog,
    database: ep.schema,
  }
}

/**
 * Starts `bench/e2e-engine.ts` in a child process and returns a client for it.
 *
 * @example
 * ```ts
 * const { client, endpoint, stop } = await spawnEngineClient({ bigTableRows: 10_000 })
 * await stop()
 * ```
 */
export async function spawnEngineClient(
  engineOptions: LocalEngineOptions,
  clientOptions: Partial<E6dataClientOptions> = {},
  extras: { readonly floor?: boolean } = {},
): Promise<{
  client: E6dataClient
  endpoint: BenchEndpoint
  child: ChildProcess
  stop: () => Promise<void>
}> {
  const script = fileURLToPath(new URL('./e2e-engine.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify(engineOptions), JSON.stringify(extras)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const endpoint = await new Promise<BenchEndpoint>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! })
    rl.once('line', (line) => {
      rl.close()
      resolve(JSON.parse(line) as BenchEndpoint)
    })
    child.once('exit', (code) => reject(new Error(`engine child exited with ${code}`)))
  })
  const client = createClient({
    ...connectionOf(endpoint),
    ...clientOptions,
  })
  const stop = async () => {
    await client.close()
    const exited = new Promise((r) => child.once('exit', r))
    child.stdin?.end()
    child.kill('SIGTERM')
    await exited
  }
  return { client, endpoint, child, stop }
}

/**
 * Median of a list of numbers.
 *
 * @example
 * ```ts
 * median([3, 1, 2]) // 2
 * ```
 */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? Number.NaN
}

/**
 * Formats a millisecond figure.
 *
 * @example
 * ```ts
 * ms(12.345) // '12.3 ms'
 * ```
 */
export const ms = (v: number): string => `${v.toFixed(1)} ms`
