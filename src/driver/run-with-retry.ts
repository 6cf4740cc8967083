/**
 * The operation runner: calls an attempt function, classifies failures, consults the retry table,
 * backs off (full jitter, capped, within budget and deadline), runs the recovery hook
 * (re-auth / re-detect / resume) and reports every decision.
 *
 * @module
 */

import { ClusterSuspendedError, E6dataAbortError } from '../errors.js'
import { classifyFailure, type FailureKind } from './failure-kind.js'
import {
  backoffDelay,
  RETRY_TABLE,
  type RetryAction,
  type RetryPolicy,
  retryAction,
} from './retry-policy.js'
import type { RpcName } from './rpc-methods.js'
import { RpcStatusError } from './rpc-status-error.js'
import { toTypedError } from './to-typed-error.js'

/**
 * A retry decision, reported before the delay starts.
 *
 * @example
 * ```ts
 * const onRetry = (d: RetryDecision) => console.log(d.rpc, d.attempt, d.kind, d.delayMs)
 * ```
 */
export interface RetryDecision {
  readonly rpc: RpcName
  readonly attempt: number
  readonly kind: FailureKind
  readonly action: RetryAction
  readonly delayMs: number
  readonly queryId?: string | undefined
  readonly error: RpcStatusError
}

/**
 * Recovery steps the runner may call between attempts.
 *
 * @example
 * ```ts
 * const hooks: RecoveryHooks = { reauth: () => conn.reauth(ctx, sid) }
 * ```
 */
export interface RecoveryHooks {
  /** Access denied: re-authenticate the session. */
  readonly reauth?: () => Promise<void>
  /** HTTP 456: mark the colour stale, re-detect and re-authenticate. */
  readonly redetect?: () => Promise<void>
  /** HTTP 503: resume the cluster, re-authenticate. Absent = auto-resume disabled. */
  readonly resume?: () => Promise<void>
}

/**
 * Everything one {@link runWithRetry} call needs.
 *
 * @example
 * ```ts
 * await runWithRetry({ rpc: 'status', policy, signal, hooks: {}, onRetry }, () => call())
 * ```
 */
export interface RetryRun {
  readonly rpc: RpcName
  readonly policy: RetryPolicy
  /** The operation's signal; checked before every attempt and every delay. */
  readonly signal?: AbortSignal | undefined
  /** The operation's absolute deadline (epoch ms): no delay may reach past it. */
  readonly deadline?: number | undefined
  readonly queryId?: () => string | undefined
  readonly hooks: RecoveryHooks
  readonly onRetry: (decision: RetryDecision) => void
  /** Test hook. */
  readonly random?: () => number
}

/**
 * The error thrown when an operation was aborted: `signal.reason` becomes the cause (a
 * `TimeoutError` DOMException for `timeoutMs`).
 *
 * @example
 * ```ts
 * throw abortErrorFrom(signal, queryId)
 * ```
 */
export function abortErrorFrom(
  signal: AbortSignal | undefined,
  queryId?: string,
): E6dataAbortError {
  return new E6dataAbortError(signal?.reason, queryId)
}

/**
 * Rejects with an `AbortError` when `signal` aborts first.
 *
 * @example
 * ```ts
 * await raceSignal(sharedPromise, ctx.signal)
 * ```
 */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  queryId?: string,
): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    promise.catch(() => {})
    return Promise.reject(abortErrorFrom(signal, queryId))
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortErrorFrom(signal, queryId))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}

/**
 * Sleeps `ms`, rejecting with an `AbortError` if `signal` aborts.
 *
 * @example
 * ```ts
 * await sleep(200, signal)
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve()
  return raceSignal(
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => clearTimeout(t), { once: true })
    }),
    signal,
  )
}

/**
 * Runs `attempt` until it succeeds or the retry table / attempts / budget / deadline say stop.
 * Non-RPC errors (typed errors from nested operations, aborts) pass through unchanged.
 *
 * @example
 * ```ts
 * const res = await runWithRetry(run, (n) => transport.call('status', req, { signal }))
 * ```
 */
export async function runWithRetry<T>(
  run: RetryRun,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  const rule = RETRY_TABLE[run.rpc]
  const maxAttempts = Math.min(rule.maxAttempts ?? run.policy.attempts, run.policy.attempts + 1)
  let first: RpcStatusError | undefined
  let backedOff = 0
  let resumed = false
  for (let n = 1; ; n++) {
    if (run.signal?.aborted) throw abortErrorFrom(run.signal, run.queryId?.())
    try {
      return await attempt(n)
    } catch (err) {
      if (!(err instanceof RpcStatusError)) throw err
      first ??= err
      const queryId = run.queryId?.()
      if (run.signal?.aborted) throw abortErrorFrom(run.signal, queryId)
      const kind = classifyFailure(err)
      if (kind === 'deadline' && run.deadline !== undefined && Date.now() >= run.deadline - 5) {
        throw new E6dataAbortError(
          new DOMException('The operation timed out', 'TimeoutError'),
          queryId,
        )
      }
      let action = retryAction(run.rpc, kind)
      if (action === 'reauth' && !run.hooks.reauth) action = 'fail'
      if (action === 'redetect' && !run.hooks.redetect) action = 'fail'
      if (action === 'resume') {
        if (!run.hooks.resume) {
          throw new ClusterSuspendedError(
            `the e6data cluster is suspended (${run.rpc}); autoResume is off`,
            {
              cause: first,
              grpcCode: err.grpcCode,
              queryId,
            },
          )
        }
        if (resumed) action = 'fail'
      }
      const ctx = { rpc: run.rpc, kind, error: err, first, queryId }
      if (action === 'fail' || action === 'interrupt' || action === 'give-up') {
        throw toTypedError({ ...ctx, action })
      }
      if (n >= maxAttempts) throw toTypedError({ ...ctx, action: 'fail', exhausted: true })
      const delayMs = action === 'retry' ? backoffDelay(n - 1, run.policy, run.random) : 0
      if (
        delayMs > 0 &&
        (backedOff + delayMs > run.policy.budgetMs ||
          (run.deadline !== undefined && Date.now() + delayMs >= run.deadline))
      ) {
        throw toTypedError({ ...ctx, action: 'fail', exhausted: true })
      }
      run.onRetry({ rpc: run.rpc, attempt: n, kind, action, delayMs, queryId, error: err })
      backedOff += delayMs
      await sleep(delayMs, run.signal)
      if (action === 'reauth') await run.hooks.reauth?.()
      else if (action === 'redetect') await run.hooks.redetect?.()
      else if (action === 'resume') {
        resumed = true
        await run.hooks.resume?.()
      }
    }
  }
}
