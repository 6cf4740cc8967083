import type { TimeoutPhase } from '../errors.js'
import { ClusterServiceService } from '../generated/cluster.js'
import { QueryEngineServiceService } from '../generated/e6x_engine.js'
import type { Timeouts } from './client-options.js'

/** A per-call limit in `timeouts` (every one but the connect wait). */
export type CallLimit = Exclude<keyof Timeouts, 'connectMs'>

const S = QueryEngineServiceService
const C = ClusterServiceService

/** Taken from the generated service definitions, so paths and codecs match the `.proto` files. */
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

/** Name of an RPC the driver calls, as used in logs, traces, retry rules and fault injection. */
export type RpcName = keyof typeof RPC_METHODS

export type RpcRequest<M extends RpcName> = Parameters<
  (typeof RPC_METHODS)[M]['requestSerialize']
>[0]

export type RpcResponse<M extends RpcName> = ReturnType<
  (typeof RPC_METHODS)[M]['responseDeserialize']
>

/** `limit: null`: execute blocks while the query runs, so only the query's `timeoutMs` applies. */
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
