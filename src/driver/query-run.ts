/**
 * One statement's life on the engine: prepare → execute → metadata → batches → clear, with the
 * retry table applied per call, the query pinned to the session/engineIP/colour that prepared it,
 * and cleanup (cancelQuery + clearOrCancelQuery) on every exit path. Internal.
 *
 * @module
 */

import { E6dataAbortError, InvalidArgumentError } from '../errors.js'
import { type BoundParameter, bindParameterValues } from '../sql/index.js'
import type { StrategyColour } from '../wire/index.js'
import {
  type ColumnarBatch,
  decodeChunk,
  decodeMetadata,
  type ResultMetadata,
} from '../wire/index.js'
import type { AuthResult } from './authenticator.js'
import type { ClientCore, CoreRpcOptions, OpContext } from './client-core.js'
import type { ClusterController } from './cluster-controller.js'
import type { PoolSlot } from './pool-slot.js'
import type { QueryRegistry, RegisteredQuery } from './query-registry.js'
import { recoveryHooks } from './recovery-hooks.js'
import { RETRY_TABLE } from './retry-policy.js'
import type { RpcName } from './rpc-methods.js'
import { type RecoveryHooks, runWithRetry } from './run-with-retry.js'

/**
 * What a {@link QueryRun} needs from its client.
 *
 * @example
 * ```ts
 * const run = new QueryRun({ core, slot, cluster, registry }, 'select 1', ctx)
 * ```
 */
export interface QueryRunDeps {
  readonly core: ClientCore
  readonly slot: PoolSlot
  readonly cluster: ClusterController
  readonly registry: QueryRegistry
}

/**
 * Options of a {@link QueryRun}.
 *
 * @example
 * ```ts
 * const o: QueryRunOptions = { signal, timeoutMs: 30_000, onQueryId: (id) => log(id) }
 * ```
 */
export interface QueryRunOptions {
  readonly signal?: AbortSignal | undefined
  readonly timeoutMs?: number | undefined
  readonly onQueryId?: ((queryId: string) => void) | undefined
  /**
   * Values sent through `ExecuteStatementV2Request.params` (server-side binding, `?` left in the
   * SQL text). Needs a catalog (the V2 RPCs).
   */
  readonly bindParams?: readonly unknown[] | undefined
}

type Phase = 'new' | 'prepared' | 'executing' | 'executed' | 'drained' | 'closed'
type Pinned = {
  readonly queryId: string
  readonly engineIP: string
  readonly sessionId: string
  readonly colour: StrategyColour
}
const CLEANUP_CAP_MS = 15_000

/**
 * A statement on the engine.
 *
 * @example
 * ```ts
 * const run = new QueryRun(deps, sql, options)
 * try {
 *   await run.start()
 *   for (let b = await run.fetchBatch(); b; b = await run.fetchBatch()) use(b)
 *   await run.close('done')
 * } catch (e) { await run.close('error'); throw e }
 * ```
 */
export class QueryRun implements RegisteredQuery {
  readonly #d: QueryRunDeps
  readonly #sql: string
  readonly #local = new AbortController()
  readonly ctx: OpContext
  readonly #onQueryId: ((queryId: string) => void) | undefined
  readonly #bound: readonly BoundParameter[]
  #pinned: Pinned | null = null
  #phase: Phase = 'new'
  #cancelSent = false
  #cancelReason: unknown
  #metadata: ResultMetadata | null = null
  constructor(
    deps: QueryRunDeps,
    sql: string,
    options: QueryRunOptions,
    spanName = 'e6data.query',
  ) {
    this.#d = deps
    this.#sql = sql
    this.#onQueryId = options.onQueryId
    this.#bound = options.bindParams ? bindParameterValues(options.bindParams) : []
    if (this.#bound.length > 0 && !deps.core.options.catalog) {
      throw new InvalidArgumentError(
        'server-side parameter binding needs the V2 RPCs: set a catalog on the client',
      )
    }
    const signals = [deps.core.closing.signal, this.#local.signal]
    if (options.signal) signals.push(options.signal)
    let deadline: number | undefined
    if (options.timeoutMs !== undefined) {
      signals.push(AbortSignal.timeout(options.timeoutMs))
      deadline = Date.now() + options.timeoutMs
    }
    const span = deps.core.startSpan(spanName, {
      'db.system': 'e6data',
      'e6data.session': deps.slot.number,
      'server.address': deps.core.options.host,
      'server.port': deps.core.options.port,
    })
    this.ctx = { signal: AbortSignal.any(signals), deadline, span }
    deps.core.runStarted()
  }

  /** The engine's query id once prepared. */
  get queryId(): string | undefined {
    return this.#pinned?.queryId
  }

  /** Result metadata after {@link start}. */
  get metadata(): ResultMetadata {
    if (!this.#metadata) throw new Error('metadata read before start()')
    return this.#metadata
  }

  #hooks(rpc: RpcName, used: () => AuthResult | Pinned | undefined): RecoveryHooks {
    const { core, slot, cluster } = this.#d
    return recoveryHooks(core, cluster, slot, this.ctx, rpc, used)
  }

  async #prepare(): Promise<void> {
    const { core, slot, registry } = this.#d
    const { catalog, database, timeouts } = core.options
    const ctx = this.ctx
    let used: AuthResult | undefined
    const rpc = catalog ? 'prepareStatementV2' : 'prepareStatement'
    const res = await runWithRetry(
      core.retryRun(
        rpc,
        ctx,
        this.#hooks(rpc, () => used),
      ),
      async (attempt) => {
        const s = await slot.ensure(ctx)
        used = s
        const o = { ctx, strategy: s.colour, timeoutMs: timeouts.prepareMs, attempt }
        return catalog
          ? core.rpc(
              'prepareStatementV2',
              {
                sessionId: s.sessionId,
                schema: database,
                catalog,
                queryString: this.#sql,
                quoting: '',
              },
              o,
            )
          : core.rpc(
              'prepareStatement',
              { sessionId: s.sessionId, schema: database, queryString: this.#sql, quoting: '' },
              o,
            )
      },
    )
    const s = used as AuthResult
    this.#pinned = {
      queryId: res.queryId,
      engineIP: res.engineIP,
      sessionId: s.sessionId,
      colour: s.colour,
    }
    this.#phase = 'prepared'
    registry.add(res.queryId, this)
    ctx.span.setAttribute('e6data.query_id', res.queryId)
    ctx.span.setAttribute('e6data.strategy', s.colour)
    core.log('debug', 'query prepared', {
      queryId: res.queryId,
      session: slot.number,
      colour: s.colour,
    })
    core.emit('query:start', { queryId: res.queryId, sessionNumber: slot.number, colour: s.colour })
    this.#onQueryId?.(res.queryId)
  }

  /** The pinned ids every per-query request carries. */
  #ids(): { engineIP: string; sessionId: string; queryId: string } {
    const p = this.#pinned as Pinned
    return { engineIP: p.engineIP, sessionId: p.sessionId, queryId: p.queryId }
  }

  /** Options of a call pinned to the query's session, engine and colour. */
  #pinnedOptions(
    o: {
      useDeadline?: boolean
      timeoutMs?: number
      signal?: AbortSignal
      ctx?: OpContext
      attempt?: number
    } = {},
  ): CoreRpcOptions {
    const p = this.#pinned as Pinned
    return {
      ctx: o.ctx ?? this.ctx,
      strategy: p.colour,
      plannerip: p.engineIP,
      queryId: p.queryId,
      useDeadline: o.useDeadline ?? false,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
      attempt: o.attempt,
    }
  }

  /** Prepares the statement (only; for explain). */
  async prepareOnly(): Promise<void> {
    await this.#prepare()
  }

  /** prepare + execute + metadata. */
  async start(): Promise<void> {
    const { core } = this.#d
    if (this.#phase === 'new') await this.#prepare()
    const rpc = core.options.catalog ? 'executeStatementV2' : 'executeStatement'
    await runWithRetry(
      core.retryRun(
        rpc,
        this.ctx,
        this.#hooks(rpc, () => this.#pinned ?? undefined),
        () => this.queryId,
      ),
      async (n) => {
        if (n > 1 && RETRY_TABLE[rpc].reprepare) {
          // the engine refused the execute unrun: drop the orphan, prepare afresh
          await this.#dropOrphan()
          await this.#prepare()
        }
        this.#phase = 'executing'
        const o = this.#pinnedOptions({ useDeadline: true, attempt: n })
        if (rpc === 'executeStatementV2') {
          const params = [...this.#bound]
          await core.rpc(rpc, { ...this.#ids(), shouldNotCache: false, params }, o)
        } else await core.rpc(rpc, { ...this.#ids(), shouldNotCache: false }, o)
        this.#phase = 'executed'
      },
    )
    const res = await runWithRetry(
      core.retryRun('getResultMetadata', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'getResultMetadata',
          this.#ids(),
          this.#pinnedOptions({ useDeadline: true, attempt }),
        ),
    )
    this.#metadata = decodeMetadata(res.resultMetaData)
  }

  async #dropOrphan(): Promise<void> {
    const old = this.#pinned
    if (!old) return
    this.#d.registry.remove(old.queryId)
    await this.#cleanup('clearOrCancelQuery')
    this.#pinned = null
    this.#phase = 'new'
  }

  /**
   * Fetches and decodes the next batch; `null` at the end (empty bytes or a chunk of size ≤ 0).
   * Never retried: a lost reply would lose rows.
   */
  async fetchBatch(signal?: AbortSignal): Promise<ColumnarBatch | null> {
    if (this.#phase === 'drained') return null
    const { core } = this.#d
    const ctx = this.#withSignal(signal)
    const columns = this.metadata.columns
    const batch = await runWithRetry(
      core.retryRun('getNextResultBatch', ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'getNextResultBatch',
          this.#ids(),
          this.#pinnedOptions({ useDeadline: true, ctx, attempt }),
          (res) => (res.resultBatch.length === 0 ? null : decodeChunk(res.resultBatch, columns)),
        ),
    )
    if (batch === null) this.#phase = 'drained'
    return batch
  }

  /** The run's context, also aborted by `signal` when one is given (a per-call signal). */
  #withSignal(signal: AbortSignal | undefined): OpContext {
    return signal ? { ...this.ctx, signal: AbortSignal.any([this.ctx.signal, signal]) } : this.ctx
  }

  /** `status` of the query: finished flag and rows produced. */
  async status(signal?: AbortSignal): Promise<{ finished: boolean; rowCount: bigint }> {
    const { core } = this.#d
    const ctx = this.#withSignal(signal)
    const res = await runWithRetry(
      core.retryRun('status', ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'status',
          this.#ids(),
          this.#pinnedOptions({ timeoutMs: core.options.timeouts.rpcMs, ctx, attempt }),
        ),
    )
    return { finished: res.status, rowCount: res.rowCount }
  }

  /** The engine's plan text (after prepare). */
  async explain(): Promise<string> {
    const { core } = this.#d
    const res = await runWithRetry(
      core.retryRun('explain', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'explain',
          this.#ids(),
          this.#pinnedOptions({ timeoutMs: core.options.timeouts.rpcMs, attempt }),
        ),
    )
    return res.explain
  }

  /** explainAnalyze (after execute, typically after the last batch). */
  async explainAnalyze(): Promise<{
    explainAnalyze: string
    isCached: boolean
    parsingTime: bigint
    queueingTime: bigint
  }> {
    const { core } = this.#d
    return runWithRetry(
      core.retryRun('explainAnalyze', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'explainAnalyze',
          this.#ids(),
          this.#pinnedOptions({ timeoutMs: core.options.timeouts.rpcMs, attempt }),
        ),
    )
  }

  /**
   * Cancels the query from anywhere (`client.cancel`): cancelQuery through the owning session,
   * then aborts the local operation, whose cleanup clears the query.
   */
  async cancel(reason?: unknown): Promise<void> {
    // the engine may answer the blocked call with CANCELLED before the local abort below: the
    // owner must still see an AbortError, not a QueryError
    this.#cancelReason = reason ?? new E6dataAbortError('cancelled', this.queryId)
    if (this.#pinned && this.#phase !== 'closed') await this.#cleanup('cancelQuery')
    this.#local.abort(this.#cancelReason)
  }

  async #cleanup(rpc: 'cancelQuery' | 'clearOrCancelQuery'): Promise<void> {
    if (!this.#pinned) return
    const { core } = this.#d
    if (rpc === 'cancelQuery') this.#cancelSent = true
    const timeoutMs = Math.min(core.options.timeouts.rpcMs, CLEANUP_CAP_MS)
    const signal = AbortSignal.timeout(timeoutMs * 2)
    const ctx: OpContext = { signal, span: this.ctx.span }
    try {
      await runWithRetry(
        core.retryRun(rpc, ctx, {}, () => this.queryId),
        (attempt) =>
          core.rpc(rpc, this.#ids(), this.#pinnedOptions({ timeoutMs, signal, ctx, attempt })),
      )
    } catch (err) {
      core.log('debug', `${rpc} gave up`, {
        queryId: this.queryId,
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }

  /**
   * Ends the query on the engine: cancelQuery when it may still run (error/abort), then
   * clearOrCancelQuery; unregisters it. Idempotent; never throws.
   */
  async close(outcome: 'done' | 'error' | 'aborted', error?: unknown): Promise<void> {
    const phase = this.#phase
    if (phase === 'closed') return
    this.#phase = 'closed'
    const { core, registry } = this.#d
    const p = this.#pinned
    try {
      if (!p) return
      registry.remove(p.queryId)
      const mayRun = phase === 'executing' || phase === 'executed'
      if (outcome !== 'done' && mayRun && !this.#cancelSent) await this.#cleanup('cancelQuery')
      await this.#cleanup('clearOrCancelQuery')
      core.emit('query:end', { queryId: p.queryId, outcome })
    } finally {
      core.endSpan(this.ctx.span, outcome === 'done' ? undefined : (error ?? outcome))
      core.runEnded()
    }
  }

  /** Turns an error caught around this run into the error to throw (an abort wins). */
  normalizeError(err: unknown): unknown {
    if (this.ctx.signal.aborted && !(err instanceof E6dataAbortError)) {
      return new E6dataAbortError(this.ctx.signal.reason, this.queryId)
    }
    if (this.#cancelReason !== undefined && !(err instanceof E6dataAbortError)) {
      return new E6dataAbortError(this.#cancelReason, this.queryId)
    }
    if (err instanceof E6dataAbortError && err.queryId === undefined && this.queryId) {
      return new E6dataAbortError(err.cause, this.queryId)
    }
    return err
  }
}
