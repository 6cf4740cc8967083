/**
 * QueryEngineService handlers (protocol.md §3–§4, §13.2–§13.4): decoded request in, response out
 * or an {@link RpcError} thrown. Transport, gateway, faults and `new_strategy` are the dispatcher's.
 *
 * @module
 */

import type {
  AuthenticateRequest,
  AuthenticateResponse,
  CancelQueryRequest,
  ClearOrCancelQueryRequest,
  ExecuteStatementRequest,
  ExecuteStatementV2Request,
  GetColumnsRequest,
  GetColumnsV2Request,
  GetDynamicParamsRequest,
  GetResultMetadataRequest,
  GetSchemaNamesRequest,
  GetSchemaNamesV2Request,
  GetTablesRequest,
  GetTablesV2Request,
  PrepareStatementRequest,
  PrepareStatementV2Request,
  StatusRequest,
} from '../generated/e6x_engine.js'
import type { StrategyColour } from '../wire/index.js'
import type { LocalDatabase } from './local-database.js'
import { LOCAL_ENGINE_IP, LocalQuery } from './local-query.js'
import type { ResolvedLocalEngineOptions } from './options.js'
import type { QueryTable } from './query-table.js'
import { GrpcStatus, RpcError } from './rpc-error.js'
import type { SchemaCatalog } from './schema-catalog.js'
import type { SessionRegistry } from './session-registry.js'
import { assertQueryKeyword, SqlTranslationError, translateE6Sql } from './sql-translator.js'

export interface CallContext {
  /** RPC name, e.g. `'executeStatementV2'`. */
  readonly rpc: string
  /** The colour serving the call. */
  readonly colour: StrategyColour
  /** `plannerip` header (`''` when absent). */
  readonly plannerIp: string
  /** Aborted when the client resets the call. */
  readonly signal: AbortSignal
}

export interface EngineServices {
  readonly options: ResolvedLocalEngineOptions
  readonly database: LocalDatabase
  readonly sessions: SessionRegistry
  readonly queries: QueryTable
  readonly catalog: SchemaCatalog
  readonly checkCredentials: (user: string, password: string) => boolean
}

export type RpcHandler = (request: any, call: CallContext) => Promise<object>

/** Translations kept (the map starts afresh when full). */
const MAX_CACHED_TRANSLATIONS = 512

interface PerQueryRequest {
  readonly engineIP: string
  readonly sessionId: string
  readonly queryId: string
}

/** Methods missing from the table answer UNIMPLEMENTED. */
export function createQueryEngineHandlers(
  services: EngineServices,
): Readonly<Record<string, RpcHandler>> {
  const { options, database, sessions, queries, catalog } = services

  const session = (sessionId: string, call: CallContext) => sessions.touch(sessionId, call.colour)

  const query = (request: PerQueryRequest, call: CallContext): LocalQuery => {
    const s = session(request.sessionId, call)
    const q = queries.get(request.queryId, s.id, call.colour)
    if (options.strictPlannerIp && call.plannerIp !== q.engineIp) {
      throw new RpcError(
        GrpcStatus.NOT_FOUND,
        `query ${request.queryId} not found on planner ${call.plannerIp || '(none)'}`,
      )
    }
    return q
  }

  /** Statements sent again (dashboards, health checks) are translated once. */
  const translations = new Map<string, string>()
  const translate = (queryString: string): string => {
    try {
      const translated = translateE6Sql(queryString.trim(), options)
      assertQueryKeyword(translated.firstKeyword)
      return translated.sql
    } catch (error) {
      if (error instanceof SqlTranslationError) {
        throw new RpcError(GrpcStatus.INVALID_ARGUMENT, error.message)
      }
      throw error
    }
  }

  const prepare = async (
    sessionId: string,
    catalogName: string,
    schemaName: string,
    queryString: string,
    call: CallContext,
  ) => {
    const s = session(sessionId, call)
    let sql: string | undefined = translations.get(queryString)
    if (sql === undefined) {
      sql = translate(queryString)
      if (translations.size >= MAX_CACHED_TRANSLATIONS) translations.clear()
      translations.set(queryString, sql)
    }
    const target = database.resolveTarget(catalogName, schemaName)
    const release = queries.reserve(s.id)
    let q: LocalQuery
    try {
      q = await LocalQuery.prepare({
        database,
        sessionId: s.id,
        colour: call.colour,
        catalog: target.catalog,
        schema: target.schema,
        sql,
        batch: {
          batchSize: options.batchSize,
          maxBatchBytes: options.maxBatchBytes,
          constantVectors: options.constantVectors,
          timeZone: options.timeZone,
        },
        streamResults: options.streamResults,
      })
    } finally {
      release()
    }
    // the session may have ended (expiry, cutover, suspend) while DuckDB prepared: its queries
    // were dropped then, and this one must not outlive it as an orphan nobody can clear
    try {
      session(sessionId, call)
    } catch (error) {
      await q.close()
      throw error
    }
    queries.add(q)
    options.logger('debug', 'query prepared', {
      queryId: q.id,
      catalog: q.catalog,
      schema: q.schema,
    })
    return { engineIP: LOCAL_ENGINE_IP, queryId: q.id, sessionId: s.id }
  }

  const execute = async (
    request: ExecuteStatementRequest | ExecuteStatementV2Request,
    call: CallContext,
  ) => {
    const q = query(request, call)
    await q.execute('params' in request ? request.params : [])
    return { sessionId: request.sessionId }
  }

  const clear = async (request: PerQueryRequest, call: CallContext) => {
    const s = session(request.sessionId, call)
    const q = queries.find(request.queryId, s.id, call.colour)
    if (q) await queries.remove(q)
    return { sessionId: s.id }
  }

  return Object.freeze({
    authenticate: async (request: AuthenticateRequest, call: CallContext) => {
      const response: AuthenticateResponse = { sessionId: '' }
      if (services.checkCredentials(request.user, request.password)) {
        response.sessionId = sessions.create(request.user, call.colour).id
        if (options.engineIpInAuth) response.engineIP = LOCAL_ENGINE_IP
      } else {
        options.logger('info', 'authentication failed', { user: request.user })
      }
      return response
    },
    prepareStatement: (request: PrepareStatementRequest, call: CallContext) =>
      prepare(request.sessionId, '', request.schema, request.queryString, call),
    prepareStatementV2: (request: PrepareStatementV2Request, call: CallContext) =>
      prepare(request.sessionId, request.catalog, request.schema, request.queryString, call),
    executeStatement: execute,
    executeStatementV2: execute,
    getResultMetadata: async (request: GetResultMetadataRequest, call: CallContext) => {
      const q = query(request, call)
      return { resultMetaData: Buffer.from(q.metadata()), sessionId: request.sessionId }
    },
    getNextResultBatch: async (request: PerQueryRequest, call: CallContext) => {
      const q = query(request, call)
      if (options.refuseEarlyBatches && !q.metadataServed) {
        throw new RpcError(
          GrpcStatus.FAILED_PRECONDITION,
          `query ${q.id}: call getResultMetadata before getNextResultBatch`,
        )
      }
      const bytes = await q.nextBatch()
      return {
        resultBatch: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
        sessionId: request.sessionId,
      }
    },
    getDynamicParams: async (request: GetDynamicParamsRequest, call: CallContext) => {
      const q = query(request, call)
      const params = q.parameterTypes().map((type, i) => ({ index: i + 1, type, value: '' }))
      return { params, sessionId: request.sessionId }
    },
    status: async (request: StatusRequest, call: CallContext) => {
      const q = query(request, call)
      const st = q.status()
      return { status: st.done, rowCount: BigInt(st.rowCount), sessionId: request.sessionId }
    },
    explain: async (request: PerQueryRequest, call: CallContext) => {
      const q = query(request, call)
      return { explain: await q.explain(), sessionId: request.sessionId }
    },
    explainAnalyze: async (request: PerQueryRequest, call: CallContext) => {
      const q = query(request, call)
      const analysis = await q.explainAnalyze()
      return {
        explainAnalyze: analysis.json,
        isCached: false,
        parsingTime: BigInt(Math.round(analysis.parsingTimeMs)),
        queueingTime: BigInt(Math.round(analysis.queueingTimeMs)),
        sessionId: request.sessionId,
      }
    },
    cancelQuery: async (request: CancelQueryRequest, call: CallContext) => {
      const s = session(request.sessionId, call)
      queries.find(request.queryId, s.id, call.colour)?.cancel()
      return { sessionId: s.id }
    },
    clear,
    clearOrCancelQuery: (request: ClearOrCancelQueryRequest, call: CallContext) =>
      clear(request, call),
    getCataloges: async () => {
      const list = await catalog.catalogs()
      return { catalogResponses: list }
    },
    getSchemaNames: async (request: GetSchemaNamesRequest, call: CallContext) => {
      const s = session(request.sessionId, call)
      return { schemas: await catalog.schemas(''), sessionId: s.id }
    },
    getSchemaNamesV2: async (request: GetSchemaNamesV2Request, call: CallContext) => {
      const s = session(request.sessionId, call)
      return { schemas: await catalog.schemas(request.catalog), sessionId: s.id }
    },
    getTables: async (request: GetTablesRequest, call: CallContext) => {
      const s = session(request.sessionId, call)
      return { tables: await catalog.tables('', request.schema), sessionId: s.id }
    },
    getTablesV2: async (request: GetTablesV2Request, call: CallContext) => {
      const s = session(request.sessionId, call)
      return { tables: await catalog.tables(request.catalog, request.schema), sessionId: s.id }
    },
    getColumns: async (request: GetColumnsRequest, call: CallContext) => {
      const s = session(request.sessionId, call)
      return {
        fieldInfo: await catalog.columns('', request.schema, request.table),
        sessionId: s.id,
      }
    },
    getColumnsV2: async (request: GetColumnsV2Request, call: CallContext) => {
      const s = session(request.sessionId, call)
      return {
        fieldInfo: await catalog.columns(request.catalog, request.schema, request.table),
        sessionId: s.id,
      }
    },
    healthCheck: async () => ({}),
  } satisfies Record<string, RpcHandler>)
}
