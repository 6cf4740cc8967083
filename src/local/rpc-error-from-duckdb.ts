/**
 * Maps DuckDB failures to gRPC statuses (protocol.md §13.3): parse/bind errors →
 * INVALID_ARGUMENT, interrupts → CANCELLED `Query cancelled`, everything else (runtime) →
 * INTERNAL. Messages never contain `Access denied`.
 *
 * @module
 */

import { GrpcStatus, neutraliseAccessDenied, RpcError } from './rpc-error.js'

const INVALID_ARGUMENT_PREFIXES =
  /^(Parser|Binder|Catalog|Syntax|Not implemented|Parameter|Dependency) Error\b/i

/**
 * Converts an error thrown by DuckDB (or by the conversion layer) into an {@link RpcError}.
 *
 * @example
 * ```ts
 * rpcErrorFromDuckDB(new Error('Parser Error: syntax error at end of input')).code // 3
 * ```
 */
export function rpcErrorFromDuckDB(error: unknown): RpcError {
  if (error instanceof RpcError) return error
  const message = neutraliseAccessDenied(
    error instanceof Error ? error.message : String(error ?? 'unknown error'),
  ).replace(/^Failed to extract statements: /, '')
  if (/^INTERRUPT Error\b/.test(message)) return cancelledError()
  if (
    INVALID_ARGUMENT_PREFIXES.test(message) ||
    message.includes('Values were not provided for the following prepared statement parameters')
  ) {
    return new RpcError(GrpcStatus.INVALID_ARGUMENT, message)
  }
  return new RpcError(GrpcStatus.INTERNAL, message)
}

/**
 * The error of every call on a cancelled query.
 *
 * @example
 * ```ts
 * throw cancelledError() // CANCELLED 'Query cancelled'
 * ```
 */
export function cancelledError(): RpcError {
  return new RpcError(GrpcStatus.CANCELLED, 'Query cancelled')
}
