/**
 * The recovery steps of the retry table for calls that start new work on a connection:
 * re-authenticate (Access denied), re-detect the colour (456), resume the cluster (503).
 *
 * @module
 */

import type { ClientCore, OpContext } from './client-core.js'
import type { ClusterController } from './cluster-controller.js'
import type { Connection } from './connection.js'
import type { RpcName } from './rpc-methods.js'
import type { RecoveryHooks } from './run-with-retry.js'
import type { Colour } from './strategy-cache.js'

/**
 * Builds the {@link RecoveryHooks} for a call on `conn`; `used` returns the session (id + colour)
 * the failed attempt used, so that only that session is replaced.
 *
 * @example
 * ```ts
 * runWithRetry(core.retryRun(rpc, ctx, recoveryHooks(core, cluster, conn, ctx, rpc, () => used)), attempt)
 * ```
 */
export function recoveryHooks(
  core: ClientCore,
  cluster: ClusterController,
  conn: Connection,
  ctx: OpContext,
  rpc: RpcName,
  used: () => { readonly sessionId: string; readonly colour: Colour } | undefined,
): RecoveryHooks {
  return {
    reauth: async () => {
      await conn.reauth(ctx, used()?.sessionId)
    },
    redetect: async () => {
      const u = used()
      await conn.redetect(ctx, u?.colour ?? null, u?.sessionId)
    },
    resume: core.options.autoResume
      ? async () => {
          await cluster.ensureActive(ctx, rpc)
          await conn.reauth(ctx, used()?.sessionId, 'resume')
        }
      : undefined,
  }
}
