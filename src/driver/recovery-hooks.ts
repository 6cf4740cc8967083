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
  return {
    reauth: async () => {
      await slot.reauth(ctx, used()?.sessionId)
    },
    redetect: async () => {
      const u = used()
      await slot.redetect(ctx, u?.colour ?? null, u?.sessionId)
    },
    resume: core.options.autoResume
      ? async () => {
          await cluster.ensureActive(ctx, rpc)
          await slot.reauth(ctx, used()?.sessionId, 'resume')
        }
      : undefined,
  }
}
