/**
 * A failed RPC as seen by the driver: the gRPC status code and the (redacted) status details.
 * It replaces grpc-js's `ServiceError` as the `cause` of typed errors, so that no trailer, session
 * id or password can leak through `cause`.
 *
 * @module
 */

import type { RpcName } from './rpc-methods.js'

/**
 * One failed RPC attempt (gRPC status code + details, secrets redacted).
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
  /** The status details, with secrets redacted. */
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
