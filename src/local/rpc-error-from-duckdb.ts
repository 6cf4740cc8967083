import { GrpcStatus, neutraliseAccessDenied, RpcError } from './rpc-error.js'

const INVALID_ARGUMENT_PREFIXES =
  /^(Parser|Binder|Catalog|Syntax|Not implemented|Parameter|Dependency) Error\b/i

/**
 * protocol.md §13.3: parse/bind errors → INVALID_ARGUMENT, interrupts → CANCELLED, the rest →
 * INTERNAL; never `Access denied`.
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

export function cancelledError(): RpcError {
  return new RpcError(GrpcStatus.CANCELLED, 'Query cancelled')
}
