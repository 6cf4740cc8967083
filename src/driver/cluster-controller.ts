// ClusterService runs on the engine's channel and strategy entry; auto-resume is protocol.md §7.

import {
  AuthenticationError,
  ClusterResumeError,
  ClusterResumeTimeoutError,
  E6dataAbortError,
  E6dataError,
} from '../errors.js'
import { type ClusterState, otherColour, type StrategyColour } from '../wire/index.js'
import type { ClientCore, OpContext } from './client-core.js'
import type { Credentials } from './client-options.js'
import { classifyFailure } from './failure-kind.js'
import type { RpcName } from './rpc-methods.js'
import { RpcStatusError } from './rpc-status-error.js'
import { raceSignal, runWithRetry, sleep } from './run-with-retry.js'

/** What ClusterService reports: a known {@link ClusterState} or a state the service may add. */
export type ReportedClusterState = ClusterState | (string & {})

/**
 * The `client.cluster` API.
 *
 * @example
 * ```ts
 * if ((await client.cluster.status()) === 'suspended') await client.cluster.resume()
 * ```
 */
export interface ClusterApi {
  /** Current cluster state. */
  status(options?: { signal?: AbortSignal }): Promise<ReportedClusterState>
  /** Asks the cluster to resume; returns the new state (usually `resuming`). */
  resume(options?: { signal?: AbortSignal }): Promise<ReportedClusterState>
  /** Asks the cluster to suspend; returns the new state. */
  suspend(options?: { signal?: AbortSignal }): Promise<ReportedClusterState>
}

type ClusterRpc = 'cluster.status' | 'cluster.resume' | 'cluster.suspend'

/** ClusterService calls and the single-flight auto-resume. */
export class ClusterController implements ClusterApi {
  readonly #core: ClientCore
  readonly #credentials: () => Promise<Credentials>

  constructor(core: ClientCore, credentials: () => Promise<Credentials>) {
    this.#core = core
    this.#credentials = credentials
  }

  async #call(rpc: ClusterRpc, signal: AbortSignal | undefined): Promise<ReportedClusterState> {
    const core = this.#core
    const { username, password } = await this.#credentials()
    const span = core.startSpan(rpc)
    const ctx: OpContext = { signal: signal ?? core.closing.signal, span }
    let colour: StrategyColour | null = core.entry.preferred()
    let switched = false
    try {
      const res = await runWithRetry(core.retryRun(rpc, ctx, {}), async (attempt) => {
        try {
          return await core.rpc(
            rpc,
            { user: username, password },
            { ctx, strategy: colour, attempt },
          )
        } catch (err) {
          if (
            !switched &&
            err instanceof RpcStatusError &&
            classifyFailure(err) === 'strategy-rejected'
          ) {
            switched = true
            if (colour) core.entry.reject(colour)
            colour = colour ? otherColour(colour) : 'blue'
            return await core.rpc(
              rpc,
              { user: username, password },
              { ctx, strategy: colour, attempt },
            )
          }
          throw err
        }
      })
      core.endSpan(span)
      return res.status.trim().toLowerCase()
    } catch (err) {
      core.endSpan(span, err)
      throw err
    }
  }

  /** @inheritdoc */
  status(options: { signal?: AbortSignal } = {}): Promise<ReportedClusterState> {
    return this.#call('cluster.status', options.signal)
  }

  /** @inheritdoc */
  resume(options: { signal?: AbortSignal } = {}): Promise<ReportedClusterState> {
    return this.#call('cluster.resume', options.signal)
  }

  /** @inheritdoc */
  suspend(options: { signal?: AbortSignal } = {}): Promise<ReportedClusterState> {
    return this.#call('cluster.suspend', options.signal)
  }

  /** Single-flight per endpoint; the caller then re-authenticates and retries once. */
  ensureActive(ctx: OpContext | undefined, rpc: RpcName): Promise<void> {
    const { promise } = this.#core.entry.resumeOnce(() => this.#resume(rpc))
    return raceSignal(promise, ctx?.signal)
  }

  async #resume(rpc: RpcName): Promise<void> {
    const core = this.#core
    const budget = core.options.autoResumeTimeoutMs
    const startedAt = Date.now()
    const signal = core.closing.signal
    core.emit('resume:start', { rpc })
    core.log('info', 'cluster suspended; resuming', { rpc })
    try {
      let state = await this.#guard(() => this.status({ signal }))
      if (state === 'suspended') state = await this.#guard(() => this.resume({ signal }))
      else if (state !== 'active' && state !== 'resuming') {
        throw new ClusterResumeError(`cannot resume the cluster: state ${JSON.stringify(state)}`)
      }
      while (state !== 'active') {
        if (state === 'failed') throw new ClusterResumeError('the cluster failed to resume')
        const left = budget - (Date.now() - startedAt)
        if (left <= 0)
          throw new ClusterResumeTimeoutError(
            `the cluster did not become active within ${budget} ms`,
          )
        await sleep(Math.min(core.options.resumePollMs, left), signal)
        try {
          state = await this.status({ signal })
        } catch (err) {
          if (err instanceof AuthenticationError)
            throw new ClusterResumeError(err.message, { cause: err })
          if (err instanceof E6dataAbortError) throw err
          // transient: keep polling
        }
      }
      const durationMs = Date.now() - startedAt
      core.log('info', 'cluster active', { durationMs })
      core.emit('resume:end', { ok: true, durationMs })
    } catch (err) {
      const durationMs = Date.now() - startedAt
      core.log('error', 'cluster resume failed', {
        durationMs,
        error: err instanceof Error ? err.message : String(err),
      })
      core.emit('resume:end', {
        ok: false,
        durationMs,
        error: err instanceof Error ? err : new Error(String(err)),
      })
      throw err
    }
  }

  async #guard(fn: () => Promise<ReportedClusterState>): Promise<ReportedClusterState> {
    try {
      return await fn()
    } catch (err) {
      if (err instanceof AuthenticationError)
        throw new ClusterResumeError(err.message, { cause: err })
      if (err instanceof E6dataError && !(err instanceof ClusterResumeError)) {
        throw new ClusterResumeError(`cannot resume the cluster: ${err.message}`, { cause: err })
      }
      throw err
    }
  }
}
