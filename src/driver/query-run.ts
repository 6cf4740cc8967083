// Pipelining: after execute, the first batch is requested with the metadata, batch request first,
// so an engine that wants the metadata read first refuses it always, not by a race. That refusal
// (an engine error) is not the query's failure: the batch is asked again after the metadata and the
// endpoint remembers the order. A transport failure of the early request is a lost batch, as in the
// reference order.
//
// prepare and execute are *owned* calls (the ownership rule beside RETRY_TABLE): on abort or
// deadline the caller stops waiting, the call goes on, and `close` clears what its reply created.

import { status as GrpcStatus } from '@grpc/grpc-js'
import {
  E6dataAbortError,
  InvalidArgumentError,
  TimeoutError,
  type TimeoutPhase,
} from '../errors.js'
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
import { callTimeout } from './client-options.js'
import type { ClusterController } from './cluster-controller.js'
import { classifyFailure } from './failure-kind.js'
import { CallCanceller } from './grpc-transport.js'
import { LinkedAbort } from './linked-abort.js'
import type { PoolSlot } from './pool-slot.js'
import type { QueryRegistry, RegisteredQuery } from './query-registry.js'
import { RETRY_TABLE } from './retry-policy.js'
import type { RpcName } from './rpc-methods.js'
import { RpcStatusError } from './rpc-status-error.js'
import { type Attempt, abortErrorFrom, type RecoveryHooks, runWithRetry } from './run-with-retry.js'
import { SlotRecovery } from './slot-recovery.js'

export interface QueryRunDeps {
  readonly core: ClientCore
  readonly slot: PoolSlot
  readonly cluster: ClusterController
  readonly registry: QueryRegistry
}

export interface QueryRunOptions {
  readonly signal?: AbortSignal | undefined
  /** The query's wall-clock deadline (`0`/`Infinity`: none), counted from `startedAt`. */
  readonly timeoutMs?: number | undefined
  readonly onQueryId?: ((queryId: string) => void) | undefined
  /** Server-side binding (`?` stays in the SQL text); needs a catalog (the V2 RPCs). */
  readonly bindParams?: readonly unknown[] | undefined
  /** `performance.now()` when the operation began, if before the run (the pool wait). */
  readonly startedAt?: number | undefined
}

type Phase = 'new' | 'prepared' | 'executing' | 'executed' | 'drained' | 'closed'
type Pinned = {
  readonly queryId: string
  readonly engineIP: string
  readonly sessionId: string
  readonly colour: StrategyColour
  /** One object for every per-query request. */
  readonly ids: { readonly engineIP: string; readonly sessionId: string; readonly queryId: string }
}

/** Cleanup calls must outlive the aborted operation: they run under no caller's signal. */
const NEVER = new AbortController().signal

/** An early batch request the engine answered with an error of its own. */
const REFUSED = Symbol('early batch refused')
type EarlyBatch = ColumnarBatch | null | typeof REFUSED

/** Failure kinds that mean "the engine would not serve this request", not "the call was lost". */
function isRefusal(err: RpcStatusError): boolean {
  const kind = classifyFailure(err)
  return kind === 'engine' || kind === 'not-found'
}

/** One statement on the engine, pinned to the session, engineIP and colour that prepared it. */
export class QueryRun implements RegisteredQuery {
  readonly #d: QueryRunDeps
  readonly #sql: string
  readonly #link: LinkedAbort
  readonly ctx: OpContext
  readonly #onQueryId: ((queryId: string) => void) | undefined
  readonly #bound: readonly BoundParameter[]
  #pinned: Pinned | null = null
  #phase: Phase = 'new'
  /** Named by a query-deadline {@link TimeoutError}. */
  #step: TimeoutPhase = 'authenticate'
  #rpc: RpcName | undefined
  #cancelSent = false
  #cancelReason: unknown
  #metadata: ResultMetadata | null = null
  /** The metadata call in flight (an early batch decodes once it arrived). */
  #metadataCall: Promise<ResultMetadata> | undefined
  #early: Promise<EarlyBatch> | undefined
  /** One per run, not per fetch. */
  readonly #fetches = new CallCanceller()
  /** Owned calls the caller no longer waits for, each with the controller that can end it. */
  readonly #tails = new Map<Promise<void>, CallCanceller>()
  #leaveOwned: (() => void) | undefined
  /** Set by {@link close}: every cleanup step ends by then. */
  #cleanupUntil: number | undefined
  #closing: Promise<void> | null = null

  constructor(
    deps: QueryRunDeps,
    sql: string,
    options: QueryRunOptions,
    kind: 'query' | 'stream' | 'explain' | 'explain_analyze' = 'query',
    statement: string = sql,
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
    const timeoutMs = callTimeout('timeoutMs', options.timeoutMs)
    const startedAt = options.startedAt ?? performance.now()
    this.#link = new LinkedAbort([deps.core.closing.signal, options.signal])
    this.#link.onAbort = () => this.#leaveOwned?.()
    let deadline: number | undefined
    if (timeoutMs !== undefined) {
      const left = timeoutMs - (performance.now() - startedAt)
      deadline = Date.now() + left
      this.#link.abortAfter(
        left,
        () =>
          new TimeoutError({
            phase: this.#step,
            rpc: this.#rpc,
            option: 'timeoutMs',
            limitMs: timeoutMs,
            elapsedMs: performance.now() - startedAt,
            queryId: this.queryId,
          }),
      )
    }
    const span = deps.core.startSpan(kind, statement, deps.slot.number)
    this.ctx = { signal: this.#link.signal, deadline, span }
    deps.core.runStarted()
  }

  get queryId(): string | undefined {
    return this.#pinned?.queryId
  }

  get metadata(): ResultMetadata {
    if (!this.#metadata) throw new Error('metadata read before start()')
    return this.#metadata
  }

  #at(step: TimeoutPhase, rpc: RpcName): void {
    this.#step = step
    this.#rpc = rpc
  }

  #hooks(rpc: RpcName, used: () => AuthResult | Pinned | undefined): RecoveryHooks {
    const { core, slot, cluster } = this.#d
    return new SlotRecovery(core, cluster, slot, this.ctx, rpc, used)
  }

  /** If the caller stops waiting first, the call goes on and `late` runs on its reply. */
  #owned<T>(
    rpc: RpcName,
    send: (owner: CallCanceller, timeoutMs: number) => Promise<T>,
    deadline: number | undefined,
    late: (value: T) => Promise<void>,
  ): Promise<T> {
    const owner = new CallCanceller()
    const { cleanupMs } = this.#d.core.options.timeouts
    // the call's own deadline only bounds a reply nobody is waiting for any more
    const call = send(
      owner,
      deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now() + cleanupMs,
    )
    const signal = this.ctx.signal
    return new Promise<T>((resolve, reject) => {
      let settled = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const settle = (): boolean => {
        if (settled) return false
        settled = true
        clearTimeout(timer)
        if (this.#leaveOwned === onAbort) this.#leaveOwned = undefined
        return true
      }
      const leave = (err: Error) => {
        if (!settle()) return
        reject(err)
        this.#keep(call, owner, late)
      }
      const onAbort = () => leave(abortErrorFrom(signal, this.queryId))
      call.then(
        (value) => settle() && resolve(value),
        (err: unknown) => settle() && reject(err),
      )
      if (signal.aborted) return onAbort()
      // the link calls it on abort: no listener per call (owned calls of a run are sequential)
      this.#leaveOwned = onAbort
      if (deadline !== undefined) {
        const ms = deadline - Date.now()
        timer = setTimeout(() => leave(this.#noReply(rpc)), Math.max(0, ms))
      }
    })
  }

  /** Why an owned call had no reply by its deadline, as the transport sees it. */
  #noReply(rpc: RpcName): RpcStatusError {
    const { transport } = this.#d.core
    switch (transport.state) {
      case 'failing':
        return new RpcStatusError(
          rpc,
          GrpcStatus.UNAVAILABLE,
          `no connection to ${transport.target}: connections are refused or reset`,
        )
      case 'connecting':
        return new RpcStatusError(
          rpc,
          GrpcStatus.DEADLINE_EXCEEDED,
          `no connection to ${transport.target} in time`,
          'connect',
        )
      default:
        return new RpcStatusError(rpc, GrpcStatus.DEADLINE_EXCEEDED, 'no reply in time')
    }
  }

  /** Takes over an owned call the caller left: `late` runs on its reply. */
  #keep<T>(call: Promise<T>, owner: CallCanceller, late: (value: T) => Promise<void>): void {
    const tail: Promise<void> = call
      .then(late, () => {})
      .catch((err: unknown) => {
        this.#d.core.log('debug', 'late reply handling failed', {
          queryId: this.queryId,
          error: err instanceof Error ? err.message : String(err),
        })
      })
      .finally(() => this.#tails.delete(tail))
    this.#tails.set(tail, owner)
  }

  async #prepare(): Promise<void> {
    const { core, slot, registry } = this.#d
    const { catalog, database, timeouts } = core.options
    const ctx = this.ctx
    let used: AuthResult | undefined
    const rpc = catalog ? 'prepareStatementV2' : 'prepareStatement'
    const pinned = await runWithRetry(
      core.retryRun(
        rpc,
        ctx,
        this.#hooks(rpc, () => used),
      ),
      async (attempt) => {
        if (!slot.authenticated) this.#at('authenticate', 'authenticate')
        const s = await slot.ensure(ctx)
        used = s
        this.#at('prepare', rpc)
        const limit = Date.now() + timeouts.prepareMs
        const deadline = Math.min(limit, attempt.deadline ?? limit)
        const pin = (res: { queryId: string; engineIP: string }): Pinned => ({
          queryId: res.queryId,
          engineIP: res.engineIP,
          sessionId: s.sessionId,
          colour: s.colour,
          ids: { engineIP: res.engineIP, sessionId: s.sessionId, queryId: res.queryId },
        })
        const send = (owner: CallCanceller, timeoutMs: number) => {
          const o: CoreRpcOptions = {
            ctx,
            strategy: s.colour,
            attempt: { n: attempt.n, deadline: undefined },
            signal: null,
            canceller: owner,
            timeoutMs,
          }
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
        }
        const res = await this.#owned(
          rpc,
          send,
          Number.isFinite(deadline) ? deadline : undefined,
          (r) => this.#clearOrphan(pin(r)),
        )
        return pin(res)
      },
    )
    this.#pinned = pinned
    this.#phase = 'prepared'
    registry.add(pinned.queryId, this)
    ctx.span.setAttribute('e6data.query_id', pinned.queryId)
    ctx.span.setAttribute('e6data.strategy', pinned.colour)
    if (core.listens(null, 'debug')) {
      core.log('debug', 'query prepared', {
        queryId: pinned.queryId,
        session: slot.number,
        colour: pinned.colour,
      })
    }
    if (core.listens('query:start')) {
      core.emit('query:start', {
        queryId: pinned.queryId,
        sessionNumber: slot.number,
        colour: pinned.colour,
      })
    }
    this.#onQueryId?.(pinned.queryId)
  }

  static #ids(p: Pinned): { engineIP: string; sessionId: string; queryId: string } {
    return p.ids
  }

  #pinnedOptions(
    attempt: Attempt,
    o: {
      ctx?: OpContext
      signal?: AbortSignal | null
      canceller?: CallCanceller
      timeoutMs?: number
    } = {},
    p: Pinned = this.#pinned as Pinned,
  ): CoreRpcOptions {
    return {
      ctx: o.ctx ?? this.ctx,
      strategy: p.colour,
      plannerip: p.engineIP,
      queryId: p.queryId,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
      canceller: o.canceller,
      attempt,
    }
  }

  /** For explain. */
  async prepareOnly(): Promise<void> {
    await this.#prepare()
  }

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
      async (attempt) => {
        if (attempt.n > 1 && RETRY_TABLE[rpc].reprepare) {
          // the engine refused the execute unrun: drop the orphan, prepare afresh
          await this.#dropOrphan()
          await this.#prepare()
        }
        this.#at('execute', rpc)
        this.#phase = 'executing'
        const p = this.#pinned as Pinned
        // execute blocks while the query runs: no per-call limit, no budget cap
        const send = (owner: CallCanceller) => {
          const o = this.#pinnedOptions(
            { n: attempt.n, deadline: undefined },
            { signal: null, canceller: owner },
            p,
          )
          if (rpc === 'executeStatementV2') {
            const params = [...this.#bound]
            return core.rpc(rpc, { ...QueryRun.#ids(p), shouldNotCache: false, params }, o)
          }
          return core.rpc(rpc, { ...QueryRun.#ids(p), shouldNotCache: false }, o)
        }
        await this.#owned(rpc, send, undefined, async () => {})
        this.#phase = 'executed'
      },
    )
    this.#at('metadata', 'getResultMetadata')
    // the early batch first: an engine that wants the metadata read first sees it too early always
    const early = core.pipelining ? this.#earlyBatch() : undefined
    const p = this.#pinned as Pinned
    this.#metadataCall = runWithRetry(
      core.retryRun('getResultMetadata', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc('getResultMetadata', QueryRun.#ids(p), this.#pinnedOptions(attempt), (res) =>
          decodeMetadata(res.resultMetaData),
        ),
    )
    this.#metadata = await this.#metadataCall
    this.#early = early
  }

  /** Decodes once the metadata arrived. */
  #earlyBatch(): Promise<EarlyBatch> {
    const { core } = this.#d
    const p = this.#pinned as Pinned
    const decode = (res: { resultBatch: Uint8Array }): EarlyBatch | Promise<EarlyBatch> => {
      if (res.resultBatch.length === 0) return null
      return (this.#metadataCall as Promise<ResultMetadata>).then((m) =>
        decodeChunk(res.resultBatch, m.columns),
      )
    }
    const early = runWithRetry(
      core.retryRun('getNextResultBatch', this.ctx, {}, () => this.queryId),
      async (attempt) => {
        try {
          return (await core.rpc(
            'getNextResultBatch',
            QueryRun.#ids(p),
            this.#pinnedOptions(attempt, { canceller: this.#fetches }),
            decode,
          )) as EarlyBatch
        } catch (err) {
          if (err instanceof RpcStatusError && isRefusal(err)) {
            core.log('debug', 'early batch refused', { queryId: p.queryId, details: err.details })
            return REFUSED
          }
          throw err
        }
      },
    )
    // read by fetchBatch, or dropped when the metadata failed: never an unhandled rejection
    early.catch(() => {})
    return early
  }

  async #dropOrphan(): Promise<void> {
    const old = this.#pinned
    if (!old) return
    this.#d.registry.remove(old.queryId)
    this.#pinned = null
    this.#phase = 'new'
    await this.#cleanupCall('clearOrCancelQuery', old)
  }

  async #clearOrphan(p: Pinned): Promise<void> {
    this.#d.core.log('debug', 'clearing a query prepared after its caller left', {
      queryId: p.queryId,
    })
    await this.#cleanupCall('clearOrCancelQuery', p)
  }

  /** `null` at the end (empty bytes or chunk size ≤ 0). Never retried: a lost reply loses rows. */
  async fetchBatch(): Promise<ColumnarBatch | null> {
    if (this.#phase === 'drained') return null
    this.#at('fetch', 'getNextResultBatch')
    const early = this.#early
    let batch: ColumnarBatch | null
    if (early === undefined) batch = await this.#fetch()
    else {
      this.#early = undefined
      const got = await early
      if (got !== REFUSED) batch = got
      else {
        // the reference order: the metadata is read, ask again (the refused request served nothing)
        batch = await this.#fetch()
        this.#d.core.earlyBatchesRefused(`query ${this.queryId}`)
      }
    }
    if (batch === null) this.#phase = 'drained'
    return batch
  }

  /** The consumer stopped reading: fetches end CANCELLED; {@link close} ends the query. */
  stopFetching(): void {
    this.#fetches.cancel()
  }

  #fetch(): Promise<ColumnarBatch | null> {
    const { core } = this.#d
    const columns = this.metadata.columns
    const p = this.#pinned as Pinned
    return runWithRetry(
      core.retryRun('getNextResultBatch', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'getNextResultBatch',
          QueryRun.#ids(p),
          this.#pinnedOptions(attempt, { canceller: this.#fetches }),
          (res) => (res.resultBatch.length === 0 ? null : decodeChunk(res.resultBatch, columns)),
        ),
    )
  }

  async status(signal?: AbortSignal): Promise<{ finished: boolean; rowCount: bigint }> {
    const { core } = this.#d
    const link = signal ? new LinkedAbort([this.ctx.signal, signal]) : undefined
    const ctx = link ? { ...this.ctx, signal: link.signal } : this.ctx
    try {
      const res = await runWithRetry(
        core.retryRun('status', ctx, {}, () => this.queryId),
        (attempt) =>
          core.rpc(
            'status',
            QueryRun.#ids(this.#pinned as Pinned),
            this.#pinnedOptions(attempt, { ctx }),
          ),
      )
      return { finished: res.status, rowCount: res.rowCount }
    } finally {
      link?.dispose()
    }
  }

  async explain(): Promise<string> {
    const { core } = this.#d
    this.#at('explain', 'explain')
    const res = await runWithRetry(
      core.retryRun('explain', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc('explain', QueryRun.#ids(this.#pinned as Pinned), this.#pinnedOptions(attempt)),
    )
    return res.explain
  }

  async explainAnalyze(): Promise<{
    explainAnalyze: string
    isCached: boolean
    parsingTime: bigint
    queueingTime: bigint
  }> {
    const { core } = this.#d
    this.#at('explain', 'explainAnalyze')
    return runWithRetry(
      core.retryRun('explainAnalyze', this.ctx, {}, () => this.queryId),
      (attempt) =>
        core.rpc(
          'explainAnalyze',
          QueryRun.#ids(this.#pinned as Pinned),
          this.#pinnedOptions(attempt),
        ),
    )
  }

  /** For `client.cancel`: the local abort's cleanup then clears the query. */
  async cancel(reason?: unknown): Promise<void> {
    // the engine may answer the blocked call with CANCELLED before the local abort below: the
    // owner must still see an AbortError, not a QueryError
    this.#cancelReason = reason ?? new E6dataAbortError('cancelled', this.queryId)
    const p = this.#pinned
    if (p && this.#phase !== 'closed') {
      this.#cancelSent = true
      await this.#cleanupCall('cancelQuery', p)
    }
    this.#link.abort(this.#cancelReason)
  }

  /** Bounded by the cleanup deadline; gives up quietly (logged). */
  async #cleanupCall(rpc: 'cancelQuery' | 'clearOrCancelQuery', p: Pinned): Promise<void> {
    const { core } = this.#d
    const until = this.#cleanupUntil ?? Date.now() + core.options.timeouts.cleanupMs
    const ctx: OpContext = { signal: NEVER, span: this.ctx.span }
    try {
      await runWithRetry(
        core.retryRun(rpc, ctx, {}, () => p.queryId),
        (attempt) => {
          const left = until - Date.now()
          if (left <= 0) {
            throw new RpcStatusError(rpc, GrpcStatus.DEADLINE_EXCEEDED, 'cleanup deadline passed')
          }
          return core.rpc(
            rpc,
            QueryRun.#ids(p),
            // no signal at all: a listener on the shared NEVER signal per cleanup call adds up
            this.#pinnedOptions(attempt, { ctx, signal: null, timeoutMs: left }, p),
          )
        },
      )
    } catch (err) {
      core.log('debug', `${rpc} gave up`, {
        queryId: p.queryId,
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }

  /** Waits for the owned calls the caller left, ending those still silent at the deadline. */
  async #settleTails(until: number): Promise<void> {
    if (this.#tails.size === 0) return
    const timer = setTimeout(
      () => {
        for (const owner of this.#tails.values()) owner.cancel()
      },
      Math.max(0, until - Date.now()),
    )
    try {
      while (this.#tails.size > 0) await Promise.all([...this.#tails.keys()])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Every step ends within `timeouts.cleanupMs`. Idempotent; never throws. */
  close(outcome: 'done' | 'error' | 'aborted', error?: unknown): Promise<void> {
    this.#closing ??= this.#close(outcome, error)
    return this.#closing
  }

  async #close(outcome: 'done' | 'error' | 'aborted', error: unknown): Promise<void> {
    const phase = this.#phase
    this.#phase = 'closed'
    // the caller is done with the signal and the deadline (cleanup runs under its own limits)
    this.#link.dispose()
    const { core, registry } = this.#d
    const until = Date.now() + core.options.timeouts.cleanupMs
    this.#cleanupUntil = until
    const p = this.#pinned
    try {
      if (p) registry.remove(p.queryId)
      const mayRun = phase === 'executing' || phase === 'executed'
      if (p && outcome !== 'done' && mayRun && !this.#cancelSent) {
        await this.#cleanupCall('cancelQuery', p)
      }
      await this.#settleTails(until)
      if (p) {
        await this.#cleanupCall('clearOrCancelQuery', p)
        if (core.listens('query:end')) core.emit('query:end', { queryId: p.queryId, outcome })
      }
    } catch (err) {
      core.log('debug', 'query cleanup failed', {
        queryId: p?.queryId,
        error: err instanceof Error ? err.message : String(err),
      })
    } finally {
      core.endSpan(this.ctx.span, outcome === 'done' ? undefined : (error ?? outcome))
      core.runEnded()
    }
  }

  /** The query deadline's {@link TimeoutError}, else an `AbortError` when aborted or cancelled. */
  normalizeError(err: unknown): unknown {
    const signal = this.ctx.signal
    if (signal.aborted && signal.reason instanceof TimeoutError) return signal.reason
    if (signal.aborted && !(err instanceof E6dataAbortError)) {
      return new E6dataAbortError(signal.reason, this.queryId)
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
