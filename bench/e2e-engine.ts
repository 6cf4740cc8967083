/**
 * Child-process helper of the driver benchmarks: starts a local engine and prints its endpoint as
 * one JSON line on stdout; exits when stdin closes (the parent ended). Not a bench module itself.
 *
 * @example
 * ```sh
 * node --import tsx bench/e2e-engine.ts '{"bigTableRows":1000000}'
 * ```
 *
 * @module
 */

import { startLocalEngine } from '../src/local/index.js'

/**
 * Endpoint line printed by the child.
 *
 * @example
 * ```ts
 * const ep: BenchEndpoint = JSON.parse(line)
 * ```
 */
export interface BenchEndpoint {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  readonly catalog: string
  readonly schema: string
  readonly startupMs: number
}

const options = JSON.parse(process.argv[2] ?? '{}')
const engine = await startLocalEngine(options)
const endpoint: BenchEndpoint = {
  host: engine.host,
  port: engine.port,
  user: engine.credentials.user,
  password: engine.credentials.password,
  catalog: engine.catalog,
  schema: engine.schema,
  startupMs: engine.startupMs,
}
process.stdout.write(`${JSON.stringify(endpoint)}\n`)
const stop = () => void engine.close().then(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
