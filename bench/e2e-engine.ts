/**
 * Child-process helper of the driver benchmarks: starts a local engine and prints its endpoint as
 * one JSON line on stdout; exits when stdin closes (the parent ended). With `{"floor":true}` as a
 * second argument it also serves an empty grpc-js unary method (`/Floor/ping`), the transport
 * floor of the latency bench. Not a bench module itself.
 *
 * @example
 * ```sh
 * node --import tsx bench/e2e-engine.ts '{"bigTableRows":1000000}' '{"floor":true}'
 * ```
 *
 * @module
 */

import { Server, ServerCredentials } from '@grpc/grpc-js'
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
  /** Port of the grpc-js floor server (`/Floor/ping`), when asked for. */
  readonly floorPort?: number
}

/**
 * The empty unary method of the floor server (raw bytes both ways).
 *
 * @example
 * ```ts
 * client.makeUnaryRequest(FLOOR_METHOD.path, FLOOR_METHOD.requestSerialize, FLOOR_METHOD.responseDeserialize, EMPTY, cb)
 * ```
 */
export const FLOOR_METHOD = {
  path: '/Floor/ping',
  requestStream: false,
  responseStream: false,
  requestSerialize: (b: Buffer): Buffer => b,
  requestDeserialize: (b: Buffer): Buffer => b,
  responseSerialize: (b: Buffer): Buffer => b,
  responseDeserialize: (b: Buffer): Buffer => b,
} as const

async function floorServer(host: string): Promise<{ port: number; stop: () => void }> {
  const server = new Server()
  const empty = Buffer.alloc(0)
  server.addService(
    { ping: FLOOR_METHOD },
    {
      ping: (_call: unknown, callback: (err: null, value: Buffer) => void) => callback(null, empty),
    },
  )
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:0`, ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  )
  return { port, stop: () => server.forceShutdown() }
}

// only when run as the child (the parent imports FLOOR_METHOD from here)
if (process.argv[1]?.endsWith('e2e-engine.ts')) {
  const options = JSON.parse(process.argv[2] ?? '{}')
  const extras = JSON.parse(process.argv[3] ?? '{}') as { floor?: boolean }
  const engine = await startLocalEngine(options)
  const floor = extras.floor ? await floorServer(engine.host) : undefined
  const endpoint: BenchEndpoint = {
    host: engine.host,
    port: engine.port,
    user: engine.credentials.user,
    password: engine.credentials.password,
    catalog: engine.catalog,
    schema: engine.schema,
    startupMs: engine.startupMs,
    ...(floor ? { floorPort: floor.port } : {}),
  }
  process.stdout.write(`${JSON.stringify(endpoint)}\n`)
  const stop = () => {
    floor?.stop()
    void engine.close().then(() => process.exit(0))
  }
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  process.on('SIGTERM', stop)
}
