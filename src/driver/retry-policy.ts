/**
 * The retry rules of protocol.md §5.3 as one explicit table, plus the backoff formula. The
 * operation runner consults it after every failed attempt; nothing else decides whether a call
 * may be repeated.
 *
 * @module
 */

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
 *
 * @example
 * ```ts
 * const action: RetryAction = RETRY_TABLE.getNextResultBatch.transport // 'interrupt'
 * ```
 */
export type RetryAction =
  | 'retry'
  | 'reauth'
  | 'redetect'
  | 'resume'
  | 'interrupt'
  | 'give-up'
  | 'fail'

/**
 * Per-RPC rule: the action for each recoverable failure kind, whether recovery re-runs the
 * prepare (execute is re-sent only on a fresh prepare), and how many transport retries it gets.
 *
 * @example
 * ```ts
 * RETRY_TABLE.executeStatementV2.reprepare // true
 * ```
 */
export interface RpcRetryRule {
  readonly sessionExpired: RetryAction
  readonly strategyRejected: RetryAction
  readonly clusterSuspended: RetryAction
  readonly transport: RetryAction
  /** Recovery re-runs prepare before the call is sent again (execute only). */
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
 * Cleanup calls: one more attempt whatever went wrong (same session, engineIP and colour: the query
 * belongs to them, so a fresh session could not clear it), then give up quietly. A transient
 * gateway or transport blip must not leave a query open; a really expired session, switched
 * colour or suspended cluster has dropped the query anyway.
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
 * The idempotency table (protocol.md §5.3), one row per RPC.
 *
 * **Ownership rule** (the table's companion): a call whose reply may create engine state —
 * `prepareStatement(V2)` (a query id), `executeStatement(V2)` (a running query) and
 * `authenticate` (an engine session) — is never abandoned. When the caller stops waiting (its
 * `AbortSignal`, the query's `timeoutMs`, or an attempt's deadline followed by a retry), it is
 * released at once with its error, but the call is not cancelled: the driver keeps it until the
 * reply arrives or `timeouts.cleanupMs` has passed, then cancels and clears the query the reply
 * created (`cancelQuery` first when it may run, `clearOrCancelQuery` after the execute settled);
 * an authenticate reply becomes the slot's session. A retry never orphans the query of an earlier
 * attempt: a late reply is cleared the same way. Only a reply that is really lost (connection
 * dropped, or silent past the cleanup deadline) leaves the engine's idle timeout to free it.
 *
 * **Time**: every attempt has its per-call limit (`timeouts.*`, none for execute); the retries of
 * one operation share a wall-clock budget (`retry.budgetMs`, attempts plus backoff; a resume
 * starts it afresh); the query's `timeoutMs` caps everything. Giving up because time ran out is
 * a `TimeoutError` naming the phase, RPC, limit and elapsed time. One re-authentication after
 * `Access denied` is allowed per operation even when transport retries used up the attempts.
 *
 * | rpc | Access denied | 456 | 503 | transport |
 * |---|---|---|---|---|
 * | authenticate | fail (AuthenticationError) | fail (the detector tries the next colour) | resume | retry |
 * | prepare | re-auth | re-detect | resume | retry |
 * | execute | re-auth + re-prepare | re-detect + re-prepare | resume + re-prepare | interrupt |
 * | metadata / status / explain / explainAnalyze | interrupt | interrupt | interrupt | retry |
 * | getNextResultBatch | interrupt | interrupt | interrupt | interrupt |
 * | schema RPCs | re-auth | re-detect | resume | retry |
 * | cancel / clear | retry once, then give up quietly | same | same | same |
 *
 * @example
 * ```ts
 * RETRY_TABLE.getNextResultBatch.transport // 'interrupt': a lost batch is never fetched again
 * ```
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

/**
 * The action the table prescribes for a failure kind (`fail` for kinds no rule covers).
 * A client-side deadline on one RPC (not the query deadline) counts as a transport failure.
 *
 * @example
 * ```ts
 * retryAction('prepareStatementV2', 'session-expired') // 'reauth'
 * ```
 */
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

/**
 * Backoff settings (the client's `retry` option).
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 30_000 }
 * ```
 */
export interface RetryPolicy {
  /** Attempts per operation, the first included (default 5). */
  readonly attempts: number
  /** First backoff step (default 200 ms). */
  readonly baseDelayMs: number
  /** Cap on one backoff (default 5 000 ms). */
  readonly maxDelayMs: number
  /**
   * Wall-clock budget of one operation's retries, attempts plus backoff (default 30 000 ms;
   * `Infinity`: attempts only). No retry starts, nor runs, past it.
   */
  readonly budgetMs: number
}

/**
 * Full-jitter exponential backoff: a uniform delay in `[0, min(maxDelayMs, baseDelayMs × 2^retry))`.
 * `retry` counts from 0 for the first retry.
 *
 * @example
 * ```ts
 * backoffDelay(0, { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, budgetMs: 60_000 }) // in [0, 200)
 * ```
 */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30))
  return Math.floor(random() * ceiling)
}
