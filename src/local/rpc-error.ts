/** grpc/doc/statuscodes.md */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const

export type GrpcStatusCode = (typeof GrpcStatus)[keyof typeof GrpcStatus]

/** Thrown by a handler to answer the call with a gRPC status. */
export class RpcError extends Error {
  /** The gRPC status code sent in `grpc-status`. */
  readonly code: number

  constructor(code: number, message: string) {
    super(message)
    this.name = 'RpcError'
    this.code = code
  }
}

/**
 * A query error quoting user text must never look like a session expiry to clients
 * (protocol.md §5.2).
 */
export function neutraliseAccessDenied(message: string): string {
  return message.replace(/access denied/gi, (m) => m.replace(' ', '-'))
}
