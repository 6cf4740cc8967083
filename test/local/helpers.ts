/**
 * Test helpers for the local engine: grpc-js clients (never our own driver), promisified unary
 * calls, and a small query runner decoding results with the wire codecs.
 */

import {
  type CallOptions,
  type ChannelCredentials,
  type ClientUnaryCall,
  credentials,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js'
import { ClusterServiceClient } from '../../src/generated/cluster.js'
import { QueryEngineServiceClient } from '../../src/generated/e6x_engine.js'
import type { LocalEngine } from '../../src/local/index.js'
import { decodeChunk, decodeMetadata, type ResultMetadata } from '../../src/wire/index.js'

type Callback<S> = (error: ServiceError | null, response: S) => void
type Unary<Q, S> = (
  request: Q,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: Callback<S>,
) => ClientUnaryCall
type RequestOf<F> = F extends Unary<infer Q, unknown> ? Q : never
type ResponseOf<F> = F extends Unary<never, infer S> ? S : never

const CLIENT_OPTIONS = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
} as const

/** A grpc-js QueryEngineService client for an engine. */
export function engineClient(
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
  options: Record<string, string | number> = {},
): QueryEngineServiceClient {
  return new QueryEngineServiceClient(address, creds, { ...CLIENT_OPTIONS, ...options })
}

/** A grpc-js ClusterService client for an engine. */
export function clusterClient(
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
): ClusterServiceClient {
  return new ClusterServiceClient(address, creds, CLIENT_OPTIONS)
}

/** Metadata from a header record. */
export function headers(values: Record<string, string | undefined> = {}): Metadata {
  const md = new Metadata()
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') md.set(k, v)
  return md
}

/** Promisified unary call. */
export function unary<C extends object, K extends keyof C & string>(
  client: C,
  method: K,
  request: RequestOf<C[K]>,
  metadata: Record<string, string | undefined> = {},
  options: Partial<CallOptions> = {},
): Promise<ResponseOf<C[K]>> {
  return new Promise((resolve, reject) => {
    const fn = client[method] as unknown as Unary<RequestOf<C[K]>, ResponseOf<C[K]>>
    fn.call(client, request, headers(metadata), options, (error, response) => {
      if (error) reject(error)
      else resolve(response)
    })
  })
}

/** Awaits a rejected call and returns its ServiceError. */
export async function callError(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise
  } catch (error) {
    return error as ServiceError
  }
  throw new Error('expected the call to fail')
}

/** Authenticates with the engine's default credentials; returns the session id. */
export async function login(
  client: QueryEngineServiceClient,
  engine: LocalEngine,
  metadata: Record<string, string | undefined> = {},
): Promise<string> {
  const res = await unary(client, 'authenticate', { ...engine.credentials }, metadata)
  if (!res.sessionId) throw new Error('authentication failed')
  return res.sessionId
}

/** A logged-in engine session: an engine fixture, or any object with these three. */
export interface EngineSession {
  readonly rpc: QueryEngineServiceClient
  readonly engine: LocalEngine
  readonly sessionId: string
}

type SessionArgs<Rest extends unknown[]> =
  | [EngineSession, string, ...Rest]
  | [QueryEngineServiceClient, LocalEngine, string, string, ...Rest]

/** The two call forms of the query helpers, as (session, sql, …rest). */
function sessionArgs<Rest extends unknown[]>(
  args: SessionArgs<Rest>,
): [EngineSession, string, ...Rest] {
  if (args[0] instanceof QueryEngineServiceClient) {
    const [rpc, engine, sessionId, sql, ...rest] = args as [
      QueryEngineServiceClient,
      LocalEngine,
      string,
      string,
      ...Rest,
    ]
    return [{ rpc, engine, sessionId }, sql, ...rest]
  }
  return args as [EngineSession, string, ...Rest]
}

/** A decoded query result. */
export interface QueryResult {
  readonly queryId: string
  readonly metadata: ResultMetadata
  readonly batches: number
  readonly batchRowCounts: readonly number[]
  readonly rows: Record<string, unknown>[]
  readonly raw: unknown[][]
}

/** Options of {@link runQuery}. */
export interface RunQueryOptions {
  readonly catalog?: string
  readonly schema?: string
  readonly headers?: Record<string, string | undefined>
  readonly params?: Array<{ index: number; type: string; value: string }>
  readonly keep?: boolean
}

/** Prepare (V2) → execute (V2) → metadata → all batches → clear; decodes every batch. */
export function runQuery(
  session: EngineSession,
  sql: string,
  options?: RunQueryOptions,
): Promise<QueryResult>
export function runQuery(
  client: QueryEngineServiceClient,
  engine: LocalEngine,
  sessionId: string,
  sql: string,
  options?: RunQueryOptions,
): Promise<QueryResult>
export function runQuery(...args: SessionArgs<[RunQueryOptions?]>): Promise<QueryResult> {
  const [{ rpc, engine, sessionId }, sql, options] = sessionArgs(args)
  return run(rpc, engine, sessionId, sql, options ?? {})
}

async function run(
  client: QueryEngineServiceClient,
  engine: LocalEngine,
  sessionId: string,
  sql: string,
  options: RunQueryOptions,
): Promise<QueryResult> {
  const md = options.headers ?? {}
  const prepared = await unary(
    client,
    'prepareStatementV2',
    {
      sessionId,
      catalog: options.catalog ?? engine.catalog,
      schema: options.schema ?? engine.schema,
      queryString: sql,
      quoting: '',
    },
    md,
  )
  const q = { engineIP: prepared.engineIP, sessionId, queryId: prepared.queryId }
  const pmd = { ...md, plannerip: prepared.engineIP }
  try {
    await unary(
      client,
      'executeStatementV2',
      { ...q, shouldNotCache: false, params: options.params ?? [] },
      pmd,
    )
    const metaRes = await unary(client, 'getResultMetadata', q, pmd)
    const metadata = decodeMetadata(metaRes.resultMetaData)
    const rows: Record<string, unknown>[] = []
    const raw: unknown[][] = []
    const batchRowCounts: number[] = []
    for (;;) {
      const res = await unary(client, 'getNextResultBatch', q, pmd)
      const batch = decodeChunk(res.resultBatch, metadata.columns)
      if (batch === null) break
      batchRowCounts.push(batch.rowCount)
      rows.push(...batch.toRows({ timestampAs: 'iso' }))
      for (let r = 0; r < batch.rowCount; r++) {
        raw.push(metadata.columns.map((_, c) => batch.raw(c, r)))
      }
    }
    return {
      queryId: prepared.queryId,
      metadata,
      batches: batchRowCounts.length,
      batchRowCounts,
      rows,
      raw,
    }
  } finally {
    if (!options.keep) await unary(client, 'clearOrCancelQuery', q, pmd).catch(() => {})
  }
}

/** The per-query request fields. */
export interface QueryRef {
  readonly engineIP: string
  readonly sessionId: string
  readonly queryId: string
}

type Headers = Record<string, string | undefined>

/** Prepares and executes; returns the per-query request fields. */
export function prepareAndExecute(s: EngineSession, sql: string, md?: Headers): Promise<QueryRef>
export function prepareAndExecute(
  client: QueryEngineServiceClient,
  engine: LocalEngine,
  sessionId: string,
  sql: string,
  md?: Headers,
): Promise<QueryRef>
export async function prepareAndExecute(...args: SessionArgs<[Headers?]>): Promise<QueryRef> {
  const [s, sql, metadata = {}] = sessionArgs(args)
  const q = await prepare(s, sql, metadata)
  await unary(s.rpc, 'executeStatementV2', { ...q, shouldNotCache: false, params: [] }, metadata)
  return q
}

/** Prepares (V2); returns the per-query request fields. */
export function prepare(s: EngineSession, sql: string, md?: Headers): Promise<QueryRef>
export function prepare(
  client: QueryEngineServiceClient,
  engine: LocalEngine,
  sessionId: string,
  sql: string,
  md?: Headers,
): Promise<QueryRef>
export async function prepare(...args: SessionArgs<[Headers?]>): Promise<QueryRef> {
  const [{ rpc: client, engine, sessionId }, sql, metadata = {}] = sessionArgs(args)
  const prepared = await unary(
    client,
    'prepareStatementV2',
    { sessionId, catalog: engine.catalog, schema: engine.schema, queryString: sql, quoting: '' },
    metadata,
  )
  return { engineIP: prepared.engineIP, sessionId, queryId: prepared.queryId }
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
