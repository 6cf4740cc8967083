/**
 * `kysely-e6data/local`: a local e6data-compatible engine (gRPC over loopback, DuckDB inside) for
 * tests, demos and offline development. Needs the optional peer dependency `@duckdb/node-api`.
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * const engine = await startLocalEngine()
 * console.log(`e6data-compatible engine on ${engine.address}`, engine.credentials)
 * await engine.close()
 * ```
 *
 * @module
 */

export type { StringEscapeMode } from '../sql/index.js'
export type { ClusterState, StrategyColour } from '../wire/index.js'
export {
  DataSourceError,
  type LocalDataSource,
  type LocalDataSpec,
} from './data-sources.js'
export type { Fault } from './fault-injector.js'
export {
  LocalEngine,
  type LocalEngineConnection,
  type LocalEngineControl,
  type OpenQueryInfo,
  startLocalEngine,
} from './local-engine.js'
export type { QueryState } from './local-query.js'
export {
  DEFAULT_LOCAL_USER,
  type LocalEngineLogger,
  type LocalEngineLogLevel,
  type LocalEngineOptions,
  type LocalEngineQueryLimits,
  type LocalEngineTls,
  type LocalEngineUser,
} from './options.js'
export { SAMPLE_CATALOG, SAMPLE_SCHEMA } from './sample-data.js'
export type { SwitchStrategyOptions } from './strategy-controller.js'
export {
  type DuckDBTypeName,
  TYPE_MAPPING,
  type TypeMappingEntry,
  type ValueKind,
} from './type-mapping.js'
