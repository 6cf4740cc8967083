/**
 * The recovery steps of the retry table for calls that start new work on a connection:
 * re-authenticate (Access denied), re-detect the colour (456), resume the cluster (503).
 *
 * @module
 */

import type { StrategyColour } from '../wire/index.js'
import type { ClientCore, OpContext } from './client-core.js'
import type { ClusterController } from './cluster-controller.js'
import type { PoolSlot } from './pool-slot.js'
import type { RpcName } from './rpc-methods.js'
import type { RecoveryHooks } from './run-with-retry.js'

/**
 * Builds the {@link RecoveryHooks} for a call on `slot`; `used` returns the session (id + colour)
 * the failed attempt used, so that only that session is replaced.
 *
 * @example
 * ```ts
 * runWithRetry(core.retryRun(rpc, ctx, recoveryHooks(core, cluster, slot, ctx, rpc, () => used)), attempt)
 * ```
 */
export function recoveryHooks(
  core: ClientCore,
  cluster: ClusterController,
  slot: PoolSlot,
  ctx: OpContext,
  rpc: RpcName,
  used: () => { readonly sessionId: string; readonly colour: StrategyColour } | undefined,
): RecoveryHooks {
  return new SlotRecovery(core, cluster, slot, ctx, rpc, used)
}

/** The hooks as prototype methods: nothing is allocated per call beyond the object itself. */
class SlotRecovery implements RecoveryHooks {
  readonly #core: ClientCore
  readonly #cluster: ClusterController
  readonly #slot: PoolSlot
  readonly #ctx: OpContext
  readonly #rpc: RpcName
  readonly #used: () => { readonly sessionId: string; readonly colour: StrategyColour } | undefined

  constructor(
    core: ClientCore,
    cluster: ClusterController,
    slot: PoolSlot,
    ctx: OpContext,
    rpc: RpcName,
    used: () => { readonly sessionId: string; readonly colour: StrategyColour } | undefined,
  ) {
    this.#core = core
    this.#cluster = cluster
    this.#slot = slot
    this.#ctx = ctx
    this.#rpc = rpc
    this.#used = used
  }

  async reauth(): Promise<void> {
    await this.#slot.reauth(this.#ctx, this.#used()?.sessionId)
  }

  async redetect(): Promise<void> {
    const u = this.#used()
    await this.#slot.redetect(this.#ctx, u?.colour ?? null, u?.sessionId)
  }

  /** Absent when auto-resume is off (the runner then fails with ClusterSuspendedError). */
  get resume(): (() => Promise<void>) | undefined {
    if (!this.#core.options.autoResume) return undefined
    return async () => {
      await this.#cluster.ensureActive(this.#ctx, this.#rpc)
      await this.#slot.reauth(this.#ctx, this.#used()?.sessionId, 'resume')
    }
  }
}
