/**
 * The RPCs the driver calls, keyed by the name used in logs, traces, retry rules and the local
 * engine's fault injection (`'prepareStatementV2'`, `'cluster.status'`, …). Built from the
 * generated service definitions, so paths and codecs always match the `.proto` files.
 *
 * @example
 * ```ts
 * const def = RPC_METHODS.getNextResultBatch
 * def.path // '/QueryEngineService/getNextResultBatch'
 * ```
 *
 * @module
 */

import type { TimeoutPhase } from '../errors.js'
import { ClusterServiceService } from '../generated/cluster.js'
import { QueryEngineServiceService } from '../generated/e6x_engine.js'
import type { Timeouts } from './client-options.js'

/** A per-call limit in `timeouts` (every one but the connect wait). */
export type CallLimit = Exclude<keyof Timeouts, 'connectMs'>

const S = QueryEngineServiceService
const C = ClusterServiceService

/**
 * Every RPC the driver uses, with its wire path and (de)serialisers.
 *
 * @example
 * ```ts
 * RPC_METHODS['cluster.resume'].path // '/ClusterService/resume'
 * ```
 */
export const RPC_METHODS = {
  authenticate: S.authenticate,
  prepareStatement: S.prepareStatement,
  prepareStatementV2: S.prepareStatementV2,
  executeStatement: S.executeStatement,
  executeStatementV2: S.executeStatementV2,
  getResultMetadata: S.getResultMetadata,
  getNextResultBatch: S.getNextResultBatch,
  status: S.status,
  explain: S.explain,
  explainAnalyze: S.explainAnalyze,
  cancelQuery: S.cancelQuery,
  clearOrCancelQuery: S.clearOrCancelQuery,
  clear: S.clear,
  getSchemaNames: S.getSchemaNames,
  getSchemaNamesV2: S.getSchemaNamesV2,
  getTables: S.getTables,
  getTablesV2: S.getTablesV2,
  getColumns: S.getColumns,
  getColumnsV2: S.getColumnsV2,
  'cluster.status': C.status,
  'cluster.resume': C.resume,
  'cluster.suspend': C.suspend,
} as const

/**
 * Name of an RPC the driver calls.
 *
 * @example
 * ```ts
 * const rpc: RpcName = 'executeStatementV2'
 * ```
 */
export type RpcName = keyof typeof RPC_METHODS

/**
 * Request message type of an RPC.
 *
 * @example
 * ```ts
 * const req: RpcRequest<'status'> = { engineIP: '', sessionId: '', queryId: '' }
 * ```
 */
export type RpcRequest<M extends RpcName> = Parameters<
  (typeof RPC_METHODS)[M]['requestSerialize']
>[0]

/**
 * Response message type of an RPC.
 *
 * @example
 * ```ts
 * declare const res: RpcResponse<'status'>
 * res.rowCount // bigint
 * ```
 */
export type RpcResponse<M extends RpcName> = ReturnType<
  (typeof RPC_METHODS)[M]['responseDeserialize']
>

/**
 * Per RPC: the phase it belongs to (named by a `TimeoutError`) and the `timeouts` option that
 * limits one attempt (`null`: execute blocks while the query runs, only the query's `timeoutMs`
 * applies).
 *
 * @example
 * ```ts
 * RPC_LIMITS.prepareStatementV2 // { phase: 'prepare', limit: 'prepareMs' }
 * ```
 */
export const RPC_LIMITS: Readonly<
  Record<RpcName, { readonly phase: TimeoutPhase; readonly limit: CallLimit | null }>
> = Object.freeze({
  authenticate: { phase: 'authenticate', limit: 'authenticateMs' },
  prepareStatement: { phase: 'prepare', limit: 'prepareMs' },
  prepareStatementV2: { phase: 'prepare', limit: 'prepareMs' },
  executeStatement: { phase: 'execute', limit: null },
  executeStatementV2: { phase: 'execute', limit: null },
  getResultMetadata: { phase: 'metadata', limit: 'rpcMs' },
  getNextResultBatch: { phase: 'fetch', limit: 'rpcMs' },
  status: { phase: 'status', limit: 'rpcMs' },
  explain: { phase: 'explain', limit: 'rpcMs' },
  explainAnalyze: { phase: 'explain', limit: 'rpcMs' },
  cancelQuery: { phase: 'cleanup', limit: 'cleanupMs' },
  clearOrCancelQuery: { phase: 'cleanup', limit: 'cleanupMs' },
  clear: { phase: 'cleanup', limit: 'cleanupMs' },
  getSchemaNames: { phase: 'schema', limit: 'rpcMs' },
  getSchemaNamesV2: { phase: 'schema', limit: 'rpcMs' },
  getTables: { phase: 'schema', limit: 'rpcMs' },
  getTablesV2: { phase: 'schema', limit: 'rpcMs' },
  getColumns: { phase: 'schema', limit: 'rpcMs' },
  getColumnsV2: { phase: 'schema', limit: 'rpcMs' },
  'cluster.status': { phase: 'cluster', limit: 'clusterMs' },
  'cluster.resume': { phase: 'cluster', limit: 'clusterMs' },
  'cluster.suspend': { phase: 'cluster', limit: 'clusterMs' },
})
