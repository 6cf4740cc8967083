/**
 * The operation runner: calls an attempt function, classifies failures, consults the retry table,
 * backs off (full jitter, capped, within budget and deadline), runs the recovery hook
 * (re-auth / re-detect / resume) and reports every decision.
 *
 * @module
 */

import { ClusterSuspendedError, E6dataAbortError, TimeoutError } from '../errors.js'
import { classifyFailure, type FailureKind } from './failure-kind.js'
import {
  backoffDelay,
  RETRY_TABLE,
  type RetryAction,
  type RetryPolicy,
  retryAction,
} from './retry-policy.js'
import { RPC_LIMITS, type RpcName } from './rpc-methods.js'
import { RpcStatusError } from './rpc-status-error.js'
import { type FailureContext, toTypedError } from './to-typed-error.js'

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
 * One attempt of an operation.
 *
 * @example
 * ```ts
 * await runWithRetry(run, ({ n, deadline }) => core.rpc('status', req, { attempt: { n, deadline } }))
 * ```
 */
export interface Attempt {
  /** 1-based attempt number. */
  readonly n: number
  /** Retries only: the operation's wall-clock budget (`retry.budgetMs`) ends here (epoch ms). */
  readonly deadline: number | undefined
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
  /** The per-call limit of this RPC (`timeouts.*`), named by a {@link TimeoutError}. */
  readonly limit?: { readonly option: string; readonly ms: number } | undefined
  /** `timeouts.connectMs`, named by a {@link TimeoutError} of phase `connect`. */
  readonly connectMs?: number | undefined
  readonly queryId?: () => string | undefined
  readonly hooks: RecoveryHooks
  readonly onRetry: (decision: RetryDecision) => void
  /** Test hook. */
  readonly random?: () => number
}

/**
 * The error thrown when an operation was aborted: the driver's own {@link TimeoutError} (the
 * query's `timeoutMs` fired) as is, otherwise an `AbortError` whose cause is `signal.reason`.
 *
 * @example
 * ```ts
 * throw abortErrorFrom(signal, queryId)
 * ```
 */
export function abortErrorFrom(signal: AbortSignal | undefined, queryId?: string): Error {
  const reason: unknown = signal?.reason
  if (reason instanceof TimeoutError) return reason
  return new E6dataAbortError(reason, queryId)
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
  if (signal?.aborted) return Promise.reject(abortErrorFrom(signal))
  if (ms <= 0) return Promise.resolve()
  return new Promise<void>((resolve, reject) => {
    // the listener is removed again: signals such as the client's closing signal live long
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortErrorFrom(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `attempt` until it succeeds or the retry table / attempts / budget / deadline say stop.
 *
 * - `retry.budgetMs` is wall-clock time from the operation's start (attempts plus backoff): no
 *   retry starts after it, and a retry's {@link Attempt.deadline} ends with it (a first attempt
 *   keeps its full per-call limit). A resume starts the budget afresh.
 * - After `Access denied`, one re-authentication is always allowed, even when transport retries
 *   used up the attempts or the budget (the engine may have restarted and forgotten the session).
 * - Giving up on a call that timed out (its per-call limit, the connect wait, or the budget)
 *   throws a {@link TimeoutError}; non-RPC errors (typed errors from nested operations, aborts)
 *   pass through unchanged.
 *
 * @example
 * ```ts
 * const res = await runWithRetry(run, (a) => transport.call('status', req, { signal }))
 * ```
 */
export async function runWithRetry<T>(
  run: RetryRun,
  attempt: (a: Attempt) => Promise<T>,
): Promise<T> {
  const rule = RETRY_TABLE[run.rpc]
  let maxAttempts = Math.min(rule.maxAttempts ?? run.policy.attempts, run.policy.attempts + 1)
  const started = Date.now()
  let budgetFrom = started
  let first: RpcStatusError | undefined
  let resumed = false
  let reauthed = false
  for (let n = 1; ; n++) {
    if (run.signal?.aborted) throw abortErrorFrom(run.signal, run.queryId?.())
    const budgetEnd = budgetFrom + run.policy.budgetMs
    try {
      return await attempt({
        n,
        deadline: n > 1 && Number.isFinite(budgetEnd) ? budgetEnd : undefined,
      })
    } catch (err) {
      if (!(err instanceof RpcStatusError)) throw err
      first ??= err
      const queryId = run.queryId?.()
      if (run.signal?.aborted) throw abortErrorFrom(run.signal, queryId)
      const kind = classifyFailure(err)
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
      const free = (action === 'reauth' && !reauthed) || action === 'resume'
      if (action === 'reauth' && !reauthed) maxAttempts++
      const stop = (why: GiveUp) =>
        giveUp(run, { rpc: run.rpc, kind, error: err, first: first ?? err, queryId, action }, why, {
          n,
          started,
          budgetFrom,
        })
      if (action === 'fail' || action === 'interrupt' || action === 'give-up') throw stop('action')
      if (n >= maxAttempts) throw stop('attempts')
      const delayMs = action === 'retry' ? backoffDelay(n - 1, run.policy, run.random) : 0
      const now = Date.now()
      if (!free && now + delayMs >= budgetEnd) throw stop('budget')
      if (delayMs > 0 && run.deadline !== undefined && now + delayMs >= run.deadline) {
        throw stop('attempts')
      }
      run.onRetry({ rpc: run.rpc, attempt: n, kind, action, delayMs, queryId, error: err })
      await sleep(delayMs, run.signal)
      if (action === 'reauth') {
        reauthed = true
        await run.hooks.reauth?.()
      } else if (action === 'redetect') await run.hooks.redetect?.()
      else if (action === 'resume') {
        resumed = true
        await run.hooks.resume?.()
        budgetFrom = Date.now()
      }
    }
  }
}

type GiveUp = 'action' | 'attempts' | 'budget'

/** The typed error of an operation that stops: a {@link TimeoutError} when time ran out. */
function giveUp(
  run: RetryRun,
  c: Omit<FailureContext, 'exhausted'>,
  why: GiveUp,
  t: { n: number; started: number; budgetFrom: number },
): Error {
  if (c.kind !== 'deadline' || c.action === 'interrupt') {
    return toTypedError({
      ...c,
      action: why === 'action' ? c.action : 'fail',
      exhausted: why !== 'action',
    })
  }
  const now = Date.now()
  const connect = c.error.phase === 'connect'
  const attempts = `${t.n} attempt${t.n === 1 ? '' : 's'}: ${c.error.details}`
  const common = {
    phase: connect ? ('connect' as const) : RPC_LIMITS[c.rpc].phase,
    rpc: c.rpc,
    elapsedMs: now - t.started,
    cause: c.first,
    grpcCode: c.error.grpcCode,
    queryId: c.queryId,
    detail: attempts,
  }
  if (why === 'budget') {
    return new TimeoutError({
      ...common,
      option: 'retry.budgetMs',
      limitMs: run.policy.budgetMs,
      elapsedMs: now - t.budgetFrom,
    })
  }
  if (connect)
    return new TimeoutError({
      ...common,
      option: 'timeouts.connectMs',
      limitMs: run.connectMs ?? 0,
    })
  return new TimeoutError({
    ...common,
    option: run.limit?.option ?? 'deadline',
    limitMs: run.limit?.ms ?? 0,
  })
}
