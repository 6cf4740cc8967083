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

/** A retry decision (the `retry` event), reported before the delay starts. */
export interface RetryDecision {
  readonly rpc: RpcName
  readonly attempt: number
  readonly kind: FailureKind
  readonly action: RetryAction
  readonly delayMs: number
  readonly queryId?: string | undefined
  readonly error: RpcStatusError
}

export interface RecoveryHooks {
  readonly reauth?: () => Promise<void>
  readonly redetect?: () => Promise<void>
  /** Absent = auto-resume disabled. */
  readonly resume?: () => Promise<void>
}

export interface Attempt {
  readonly n: number
  /** Retries only: the operation's wall-clock budget (`retry.budgetMs`) ends here (epoch ms). */
  readonly deadline: number | undefined
}

export interface RetryRun {
  readonly rpc: RpcName
  readonly policy: RetryPolicy
  readonly signal?: AbortSignal | undefined
  /** Epoch ms: no delay may reach past it. */
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

/** The driver's own {@link TimeoutError} as is; other reasons become an `AbortError`'s cause. */
export function abortErrorFrom(signal: AbortSignal | undefined, queryId?: string): Error {
  const reason: unknown = signal?.reason
  if (reason instanceof TimeoutError) return reason
  return new E6dataAbortError(reason, queryId)
}

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
 * Runs `attempt` under the retry table. `retry.budgetMs` counts from the operation's start (a first
 * attempt keeps its full per-call limit; a resume restarts the budget). After `Access denied` one
 * re-authentication is always allowed, even past the budget: the engine may have restarted and
 * forgotten the session. Non-RPC errors pass through unchanged.
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
