import type { StrategyColour } from '../wire/index.js'
import type { ClientCore, OpContext } from './client-core.js'
import type { ClusterController } from './cluster-controller.js'
import type { PoolSlot } from './pool-slot.js'
import type { RpcName } from './rpc-methods.js'
import type { RecoveryHooks } from './run-with-retry.js'

/**
 * The retry table's recovery steps for a call on `slot`. `used` returns the engine session the
 * failed attempt used, so only that one is replaced. Prototype methods: one allocation per call.
 */
export class SlotRecovery implements RecoveryHooks {
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
