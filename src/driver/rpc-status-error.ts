import type { RpcName } from './rpc-methods.js'

/**
 * One failed RPC attempt, the `cause` of typed errors in place of grpc-js's `ServiceError`, so that
 * no trailer, session id or password leaks through `cause`.
 *
 * @example
 * ```ts
 * if (err instanceof E6dataError && err.cause instanceof RpcStatusError) {
 *   console.log(err.cause.rpc, err.cause.grpcCode)
 * }
 * ```
 */
export class RpcStatusError extends Error {
  /** The RPC that failed. */
  readonly rpc: RpcName
  /** The gRPC status code (`@grpc/grpc-js` `status`). */
  readonly grpcCode: number
  /** Secrets redacted. */
  readonly details: string
  /** `'connect'` when the call never got a connection within `timeouts.connectMs`. */
  readonly phase: 'connect' | undefined

  constructor(rpc: RpcName, grpcCode: number, details: string, phase?: 'connect') {
    super(`${rpc} failed: ${details || `gRPC status ${grpcCode}`}`)
    this.name = 'RpcStatusError'
    this.rpc = rpc
    this.grpcCode = grpcCode
    this.details = details
    this.phase = phase
  }
}
