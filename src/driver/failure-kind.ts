// The single place that reads gRPC codes and status text (protocol.md §5.2).
import { status as GrpcStatus } from '@grpc/grpc-js'
import { RpcStatusError } from './rpc-status-error.js'

/**
 * What a failed RPC means for the driver.
 *
 * | kind | gRPC error |
 * |---|---|
 * | `session-expired` | INTERNAL whose details contain `Access denied` (case-sensitive) |
 * | `strategy-rejected` | HTTP 456 from the gateway (stale blue/green colour) |
 * | `cluster-suspended` | UNAVAILABLE with HTTP 503 (cluster suspended) |
 * | `transport` | other UNAVAILABLE, stream reset, call ended without status |
 * | `deadline` | DEADLINE_EXCEEDED |
 * | `cancelled` | CANCELLED on the client side (our abort) |
 * | `not-found` | NOT_FOUND (unknown query or session object) |
 * | `auth-refused` | UNAUTHENTICATED / PERMISSION_DENIED |
 * | `protocol` | an answer that was not gRPC (HTTP 404, a web page): wrong host, port or TLS |
 * | `engine` | anything else: an engine or query error |
 *
 * @example
 * ```ts
 * if (classifyFailure(err) === 'transport') metrics.increment('e6data.transport_failure')
 * ```
 */
export type FailureKind =
  | 'session-expired'
  | 'strategy-rejected'
  | 'cluster-suspended'
  | 'transport'
  | 'deadline'
  | 'cancelled'
  | 'not-found'
  | 'auth-refused'
  | 'protocol'
  | 'engine'

const HTTP_456 = /\bstatus(?:\s+code)?\s*:?\s*456\b/i
const HTTP_503 = /\bstatus(?:\s+code)?\s*:?\s*503\b/i
const TRANSPORT_TEXT =
  /RST_STREAM|without gRPC status|Connection dropped|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|GOAWAY|Stream refused/i
const LOCAL_CANCEL = /Cancelled on client|Call cancelled/i
/** The transport's wording for answers that were not gRPC (see `GrpcTransport`). */
const NOT_GRPC = /^non-gRPC answer from /

/** Classifies a failed RPC (an {@link RpcStatusError} or a raw grpc-js `ServiceError`). */
export function classifyFailure(err: unknown): FailureKind {
  const { code, details } = statusOf(err)
  if (code === undefined) return 'engine'
  if (HTTP_456.test(details)) return 'strategy-rejected'
  if (NOT_GRPC.test(details)) return 'protocol'
  switch (code) {
    case GrpcStatus.INTERNAL:
      if (details.includes('Access denied')) return 'session-expired'
      return TRANSPORT_TEXT.test(details) ? 'transport' : 'engine'
    case GrpcStatus.UNAVAILABLE:
      return HTTP_503.test(details) ? 'cluster-suspended' : 'transport'
    case GrpcStatus.DEADLINE_EXCEEDED:
      return 'deadline'
    case GrpcStatus.CANCELLED:
      return LOCAL_CANCEL.test(details) ? 'cancelled' : 'engine'
    case GrpcStatus.NOT_FOUND:
      return 'not-found'
    case GrpcStatus.UNAUTHENTICATED:
    case GrpcStatus.PERMISSION_DENIED:
      return 'auth-refused'
    case GrpcStatus.UNKNOWN:
      return TRANSPORT_TEXT.test(details) ? 'transport' : 'engine'
    default:
      return 'engine'
  }
}

function statusOf(err: unknown): { code: number | undefined; details: string } {
  if (err instanceof RpcStatusError) return { code: err.grpcCode, details: err.details }
  if (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'number'
  ) {
    const e = err as { code: number; details?: unknown; message?: unknown }
    const details = typeof e.details === 'string' ? e.details : String(e.message ?? '')
    return { code: e.code, details }
  }
  return { code: undefined, details: '' }
}
