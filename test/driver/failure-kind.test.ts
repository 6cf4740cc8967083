import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { classifyFailure } from '../../src/driver/failure-kind.js'
import { RpcStatusError } from '../../src/driver/rpc-status-error.js'

const err = (code: number, details: string) =>
  new RpcStatusError('prepareStatementV2', code, details)

describe('classifyFailure (protocol §5.2)', () => {
  it.each([
    [status.INTERNAL, 'Access denied: session expired', 'session-expired'],
    [status.INTERNAL, 'access denied', 'engine'],
    [status.UNKNOWN, 'Received HTTP status code 456', 'strategy-rejected'],
    [status.UNKNOWN, 'Received http2 header with status: 456', 'strategy-rejected'],
    [status.UNKNOWN, 'status 4567', 'engine'],
    [status.UNAVAILABLE, 'Received HTTP status code 503', 'cluster-suspended'],
    [status.UNAVAILABLE, 'Connection dropped', 'transport'],
    [status.UNAVAILABLE, 'No connection established', 'transport'],
    [status.INTERNAL, 'Received RST_STREAM with code 2 (Internal server error)', 'transport'],
    [
      status.INTERNAL,
      'Received RST_STREAM with code 0 (Call ended without gRPC status)',
      'transport',
    ],
    [status.DEADLINE_EXCEEDED, 'Deadline exceeded', 'deadline'],
    [status.CANCELLED, 'Cancelled on client', 'cancelled'],
    [status.CANCELLED, 'Query cancelled', 'engine'],
    [status.NOT_FOUND, 'unknown query', 'not-found'],
    [status.UNAUTHENTICATED, 'bad user', 'auth-refused'],
    [status.PERMISSION_DENIED, 'nope', 'auth-refused'],
    [status.INVALID_ARGUMENT, 'Parser Error: syntax error', 'engine'],
  ])('code %i %j → %s', (code, details, kind) => {
    expect(classifyFailure(err(code, details))).toBe(kind)
  })

  it('reads raw grpc-js ServiceError shapes and ignores non-RPC errors', () => {
    expect(classifyFailure({ code: status.UNAVAILABLE, details: 'x' })).toBe('transport')
    expect(classifyFailure(new Error('boom'))).toBe('engine')
  })
})
