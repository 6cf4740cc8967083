import type { FailureKind } from './failure-kind.js'
import type { RpcName } from './rpc-methods.js'

/**
 * What to do after a failed attempt.
 *
 * | action | meaning |
 * |---|---|
 * | `retry` | back off, then send the same call again |
 * | `reauth` | re-authenticate the session, then retry |
 * | `redetect` | mark the colour stale, re-detect + re-authenticate, then retry |
 * | `resume` | resume the cluster (auto-resume), re-authenticate, then retry (once per operation) |
 * | `interrupt` | the running query is lost → `QueryInterruptedError` |
 * | `give-up` | cleanup call: stop quietly |
 * | `fail` | surface the typed error |
 */
export type RetryAction =
  | 'retry'
  | 'reauth'
  | 'redetect'
  | 'resume'
  | 'interrupt'
  | 'give-up'
  | 'fail'

/** Per-RPC rule: the action for each recoverable failure kind. */
export interface RpcRetryRule {
  readonly sessionExpired: RetryAction
  readonly strategyRejected: RetryAction
  readonly clusterSuspended: RetryAction
  readonly transport: RetryAction
  /** Recovery re-runs prepare first (execute is re-sent only on a fresh prepare). */
  readonly reprepare: boolean
  /** Upper bound on attempts for this RPC (`undefined` = the client's `retry.attempts`). */
  readonly maxAttempts?: number
}

/** authenticate: 456 is handled by colour detection, Access denied means bad credentials. */
const AUTHENTICATE: RpcRetryRule = Object.freeze({
  sessionExpired: 'fail',
  strategyRejected: 'fail',
  clusterSuspended: 'resume',
  transport: 'retry',
  reprepare: false,
})
const NEW_WORK: RpcRetryRule = Object.freeze({
  sessionExpired: 'reauth',
  strategyRejected: 'redetect',
  clusterSuspended: 'resume',
  transport: 'retry',
  reprepare: false,
})
/** execute is not idempotent: only refusals before it ran are recovered (by re-preparing). */
const EXECUTE: RpcRetryRule = Object.freeze({
  sessionExpired: 'reauth',
  strategyRejected: 'redetect',
  clusterSuspended: 'resume',
  transport: 'interrupt',
  reprepare: true,
})
const PINNED: RpcRetryRule = Object.freeze({
  sessionExpired: 'interrupt',
  strategyRejected: 'interrupt',
  clusterSuspended: 'interrupt',
  transport: 'retry',
  reprepare: false,
})
/** getNextResultBatch advances the cursor: a lost reply means lost rows, never retried. */
const FETCH: RpcRetryRule = Object.freeze({ ...PINNED, transport: 'interrupt' })
/**
 * Cleanup: one more attempt whatever went wrong, on the same session, engineIP and colour (a fresh
 * session could not clear the query), so a blip leaves no query open; a really expired session,
 * switched colour or suspended cluster has dropped the query anyway.
 */
const CLEANUP: RpcRetryRule = Object.freeze({
  sessionExpired: 'retry',
  strategyRejected: 'retry',
  clusterSuspended: 'retry',
  transport: 'retry',
  reprepare: false,
  maxAttempts: 2,
})
const CLUSTER: RpcRetryRule = Object.freeze({
  sessionExpired: 'fail',
  strategyRejected: 'fail',
  clusterSuspended: 'retry',
  transport: 'retry',
  reprepare: false,
})

/**
 * The idempotency table (protocol.md §5.3): nothing else decides whether a call may be repeated.
 *
 * **Ownership rule**: a call whose reply may create engine state — prepare (a query id), execute
 * (a running query), authenticate (an engine session) — is never abandoned. When the caller stops
 * waiting (its signal, `timeoutMs`, or an attempt's deadline before a retry) it is released at
 * once, but the call is not cancelled: the driver keeps it until the reply or `timeouts.cleanupMs`,
 * then cancels and clears the query the reply created (an authenticate reply becomes the slot's
 * session). So no retry orphans an earlier attempt's query; only a reply really lost leaves it to
 * the engine's idle timeout.
 *
 * **Time**: each attempt has its `timeouts.*` limit (none for execute); an operation's retries
 * share `retry.budgetMs`; the query's `timeoutMs` caps everything. One re-authentication after
 * `Access denied` is allowed even past the attempts.
 */
export const RETRY_TABLE: Readonly<Record<RpcName, RpcRetryRule>> = Object.freeze({
  authenticate: AUTHENTICATE,
  prepareStatement: NEW_WORK,
  prepareStatementV2: NEW_WORK,
  executeStatement: EXECUTE,
  executeStatementV2: EXECUTE,
  getResultMetadata: PINNED,
  status: PINNED,
  explain: PINNED,
  explainAnalyze: PINNED,
  getNextResultBatch: FETCH,
  cancelQuery: CLEANUP,
  clearOrCancelQuery: CLEANUP,
  clear: CLEANUP,
  getSchemaNames: NEW_WORK,
  getSchemaNamesV2: NEW_WORK,
  getTables: NEW_WORK,
  getTablesV2: NEW_WORK,
  getColumns: NEW_WORK,
  getColumnsV2: NEW_WORK,
  'cluster.status': CLUSTER,
  'cluster.resume': CLUSTER,
  'cluster.suspend': Object.freeze({ ...CLUSTER, transport: 'fail' }),
})

/** A client-side deadline on one RPC (not the query deadline) counts as a transport failure. */
export function retryAction(rpc: RpcName, kind: FailureKind): RetryAction {
  const rule = RETRY_TABLE[rpc]
  switch (kind) {
    case 'session-expired':
      return rule.sessionExpired
    case 'strategy-rejected':
      return rule.strategyRejected
    case 'cluster-suspended':
      return rule.clusterSuspended
    case 'transport':
    case 'deadline':
      return rule.transport
    default:
      return 'fail'
  }
}

/** Retry and backoff settings (the client's `retry` option). */
export interface RetryPolicy {
  /** Attempts per operation, the first included (default 5). */
  readonly attempts: number
  /** First backoff step (default 200 ms). */
  readonly baseDelayMs: number
  /** Cap on one backoff (default 5 000 ms). */
  readonly maxDelayMs: number
  /** Wall-clock budget of an operation's attempts and backoff (default 30 s; `Infinity`: none). */
  readonly budgetMs: number
}

/** Full jitter: uniform in `[0, min(maxDelayMs, baseDelayMs × 2^retry))`, `retry` from 0. */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30))
  return Math.floor(random() * ceiling)
}
