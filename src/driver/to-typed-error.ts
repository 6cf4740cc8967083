import {
  AuthenticationError,
  ClusterSuspendedError,
  ConnectionError,
  type E6dataError,
  ProtocolError,
  QueryError,
  QueryInterruptedError,
  StrategyError,
} from '../errors.js'
import type { FailureKind } from './failure-kind.js'
import type { RetryAction } from './retry-policy.js'
import type { RpcName } from './rpc-methods.js'
import type { RpcStatusError } from './rpc-status-error.js'

export interface FailureContext {
  readonly rpc: RpcName
  readonly kind: FailureKind
  /** The table's action, or `'fail'` when attempts or budget ran out. */
  readonly action: RetryAction

  readonly error: RpcStatusError
  /** The first failure of the operation (kept as `cause`). */
  readonly first: RpcStatusError
  readonly queryId?: string | undefined
  /** Attempts or backoff budget exhausted. */
  readonly exhausted?: boolean
}

const LOST: Partial<Record<FailureKind, string>> = {
  'session-expired': 'the session expired',
  'strategy-rejected': 'the deployment switched colour (HTTP 456)',
  'cluster-suspended': 'the cluster was suspended (HTTP 503)',
  transport: 'the connection failed',
  deadline: 'the call timed out',
  'not-found': 'the engine no longer knows the query',
}

/** The typed error for a failed RPC after the retry table's verdict (or its budget) ended it. */
export function toTypedError(c: FailureContext): E6dataError {
  const opts = { cause: c.first, grpcCode: c.error.grpcCode, queryId: c.queryId }
  const detail = c.error.details || `gRPC status ${c.error.grpcCode}`
  const tail = c.exhausted ? ' (retries exhausted)' : ''
  if (c.action === 'interrupt') {
    return new QueryInterruptedError(
      `query interrupted during ${c.rpc}: ${LOST[c.kind] ?? 'the query was lost'}: ${detail}`,
      opts,
    )
  }
  switch (c.kind) {
    case 'session-expired':
      return c.rpc === 'authenticate'
        ? new AuthenticationError(`authentication refused: ${detail}`, opts)
        : new ConnectionError(`session rejected during ${c.rpc}${tail}: ${detail}`, opts)
    case 'auth-refused':
      return new AuthenticationError(`${c.rpc} refused the credentials: ${detail}`, opts)
    case 'strategy-rejected':
      return new StrategyError(`${c.rpc} rejected the blue/green strategy${tail}: ${detail}`, opts)
    case 'cluster-suspended':
      return new ClusterSuspendedError(`the e6data cluster is suspended (${c.rpc})${tail}`, opts)
    case 'transport':
    case 'deadline':
      return new ConnectionError(`${c.rpc} failed${tail}: ${detail}`, opts)
    case 'protocol':
      return new ProtocolError(
        `${c.rpc}: the server is not an e6data gRPC endpoint (check host, port and secure): ${detail}`,
        opts,
      )
    case 'not-found':
      return c.queryId
        ? new QueryInterruptedError(`${c.rpc}: ${LOST['not-found']}: ${detail}`, opts)
        : new QueryError(detail, opts)
    default:
      return new QueryError(detail, opts)
  }
}
