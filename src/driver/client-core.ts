import { setMaxListeners } from 'node:events'
import { parseColour, type StrategyColour } from '../wire/index.js'
import { type ClientEventName, type ClientEvents, TypedEmitter } from './client-events.js'
import type { ResolvedClientOptions } from './client-options.js'
import { type CallCanceller, GrpcTransport } from './grpc-transport.js'
import { type Logger, redact } from './logger.js'
import { RPC_LIMITS, type RpcName, type RpcRequest, type RpcResponse } from './rpc-methods.js'
import { RpcStatusError } from './rpc-status-error.js'
import type { Attempt, RecoveryHooks, RetryRun } from './run-with-retry.js'
import { type StrategyEntry, strategyKey } from './strategy-cache.js'
import type { SpanLike } from './tracer.js'
import { type OperationKind, Tracing } from './tracing.js'

/** `deadline` is enforced through `signal`; it is there so that backoffs never reach past it. */
export interface OpContext {
  readonly signal: AbortSignal
  readonly deadline?: number | undefined
  readonly span: SpanLike
}

export interface CoreRpcOptions {
  readonly ctx?: OpContext | undefined
  readonly strategy?: StrategyColour | null | undefined
  readonly plannerip?: string | undefined
  /** Overrides the RPC's per-call limit from {@link RPC_LIMITS} (`Infinity`: none). */
  readonly timeoutMs?: number | undefined
  readonly queryId?: string | undefined
  /** Overrides `ctx.signal`: calls the driver owns must survive the caller's abort. */
  readonly signal?: AbortSignal | null | undefined
  readonly canceller?: CallCanceller | undefined
  readonly attempt?: Attempt | undefined
}

/** State shared by a client, its pool, sessions and queries. */
export class ClientCore {
  readonly options: ResolvedClientOptions
  readonly transport: GrpcTransport
  readonly entry: StrategyEntry
  readonly events = new TypedEmitter<ClientEvents>()
  /** Aborted by `client.close()` once draining is over. */
  readonly closing = new AbortController()
  readonly #secrets = new Set<string>()
  #activeRuns = 0
  #idle: (() => void)[] = []
  readonly #logger: Logger
  readonly #tracing: Tracing
  readonly #unsubscribe: () => void

  constructor(options: ResolvedClientOptions) {
    this.options = options
    // every in-flight call of the pool may listen to it: not a leak
    setMaxListeners(0, this.closing.signal)
    for (const s of options.staticSecrets) this.#secrets.add(s)
    this.#logger = options.logger
    this.#tracing = new Tracing({
      tracer: options.tracer,
      host: options.host,
      port: options.port,
      catalog: options.catalog,
      database: options.database,
      queryText: options.traceQueryText,
      stringEscape: options.stringEscape,
    })
    this.transport = new GrpcTransport({
      host: options.host,
      port: options.port,
      tls: options.tls,
      clusterName: options.clusterName,
      channelOptions: options.channelOptions,
      connectMs: options.timeouts.connectMs,
      reconnect: options.reconnect,
      redact: (t) => this.redact(t),
    })
    this.entry = options.strategyCache.entry(
      strategyKey({
        tls: options.tls !== null,
        host: options.host,
        port: options.port,
        clusterName: options.clusterName,
      }),
    )
    this.#unsubscribe = this.entry.subscribe((change) => {
      this.log('info', 'blue/green strategy changed', {
        from: change.from,
        to: change.to,
        reason: change.reason,
      })
      this.events.emit('strategy:changed', change)
    })
  }

  /** The first batch is requested with the metadata when the option and the endpoint agree. */
  get pipelining(): boolean {
    return this.options.pipelining && this.entry.acceptsEarlyBatches
  }

  earlyBatchesRefused(details: string): void {
    if (this.entry.refuseEarlyBatches()) {
      this.log(
        'info',
        'the engine refused a batch requested before its metadata: reading the metadata first from now on',
        { details },
      )
    }
  }

  runStarted(): void {
    this.#activeRuns++
  }

  runEnded(): void {
    this.#activeRuns = Math.max(0, this.#activeRuns - 1)
    if (this.#activeRuns === 0) for (const w of this.#idle.splice(0)) w()
  }

  whenIdle(): Promise<void> {
    if (this.#activeRuns === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  addSecret(secret: string): void {
    if (secret) this.#secrets.add(secret)
  }

  forgetSecret(secret: string): void {
    if (!this.options.staticSecrets.includes(secret)) this.#secrets.delete(secret)
  }

  redact(text: string): string {
    return redact(text, this.#secrets)
  }

  log(level: keyof Logger, message: string, context?: Record<string, unknown>): void {
    const fn = this.#logger[level]
    if (!fn) return
    try {
      if (context) {
        const safe: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(context))
          safe[k] = typeof v === 'string' ? this.redact(v) : v
        fn.call(this.#logger, this.redact(message), safe)
      } else fn.call(this.#logger, this.redact(message))
    } catch {
      // a logger's failure is not the driver's
    }
  }

  /** `statement` is the SQL as written, before parameters were rendered into it. */
  startSpan(kind: OperationKind, statement?: string, session?: number): SpanLike {
    return this.#tracing.operation(kind, statement, session)
  }

  recording(span: SpanLike): boolean {
    return this.#tracing.recording(span)
  }

  endSpan(span: SpanLike, error?: unknown): void {
    this.#tracing.end(span, error)
  }

  /** Hot paths build event and log payloads only when this says someone listens. */
  listens(event: ClientEventName | null, level?: keyof Logger): boolean {
    return (
      (event !== null && this.events.has(event)) || (level !== undefined && !!this.#logger[level])
    )
  }

  emit<K extends ClientEventName>(event: K, payload: ClientEvents[K]): void {
    this.events.emit(event, payload)
  }

  /** Sends one RPC; never retries (callers wrap it in `runWithRetry`). */
  rpc<M extends RpcName>(
    rpc: M,
    request: RpcRequest<M>,
    o?: CoreRpcOptions,
  ): Promise<RpcResponse<M>>
  /** Decodes inside the RPC's span, so that a decoding failure marks that span. */
  rpc<M extends RpcName, T>(
    rpc: M,
    request: RpcRequest<M>,
    o: CoreRpcOptions,
    decode: (response: RpcResponse<M>) => T,
  ): Promise<T>
  async rpc<M extends RpcName, T>(
    rpc: M,
    request: RpcRequest<M>,
    o: CoreRpcOptions = {},
    decode?: (response: RpcResponse<M>) => T,
  ): Promise<RpcResponse<M> | T> {
    const started = this.#logger.debug ? performance.now() : 0
    const signal = o.signal === null ? undefined : (o.signal ?? o.ctx?.signal)
    const span = this.#tracing.rpc(o.ctx?.span, rpc, o.attempt?.n ?? 1, o.strategy, o.queryId)
    const limit = RPC_LIMITS[rpc].limit
    let res: RpcResponse<M>
    try {
      res = await this.transport.call(rpc, request, {
        strategy: o.strategy,
        plannerip: o.plannerip,
        timeoutMs: o.timeoutMs ?? (limit ? this.options.timeouts[limit] : undefined),
        deadline: o.attempt?.deadline,
        signal,
        canceller: o.canceller,
      })
      if (this.#logger.debug) {
        this.log('debug', `rpc ${rpc} ok`, {
          rpc,
          ms: Math.round((performance.now() - started) * 10) / 10,
          queryId: o.queryId,
          strategy: o.strategy ?? undefined,
        })
      }
      this.entry.touch(o.strategy)
      const announced = parseColour((res as { newStrategy?: string }).newStrategy)
      if (announced) this.#announce(announced)
    } catch (err) {
      const e =
        err instanceof RpcStatusError
          ? err
          : new RpcStatusError(rpc, 2, this.redact(String((err as Error)?.message ?? err)))
      this.log('debug', `rpc ${rpc} failed`, {
        rpc,
        grpcCode: e.grpcCode,
        details: e.details,
        queryId: o.queryId,
      })
      if (span) this.#tracing.endRpc(span, e.grpcCode, e)
      throw e
    }
    if (!span) return decode ? decode(res) : res
    let value: RpcResponse<M> | T = res
    try {
      this.#describeResponse(span, res)
      if (decode) {
        // a decoder may wait (an early batch waits for its metadata): the span covers it
        value = await decode(res)
        this.#describeDecoded(span, value)
      }
    } catch (err) {
      this.#tracing.endRpc(span, 0, err)
      throw err
    }
    this.#tracing.endRpc(span, 0)
    return value
  }

  #describeResponse(span: SpanLike, res: unknown): void {
    try {
      const r = res as { queryId?: unknown; resultBatch?: unknown }
      if (typeof r.queryId === 'string' && r.queryId)
        span.setAttribute('e6data.query_id', r.queryId)
      if (r.resultBatch instanceof Uint8Array)
        span.setAttribute('e6data.batch_bytes', r.resultBatch.length)
    } catch {
      // ignore tracer failures
    }
  }

  #describeDecoded(span: SpanLike, value: unknown): void {
    try {
      const rows = (value as { rowCount?: unknown } | null)?.rowCount
      span.setAttribute('e6data.batch_rows', typeof rows === 'number' ? rows : 0)
    } catch {
      // ignore tracer failures
    }
  }

  #announce(colour: StrategyColour): void {
    if (this.entry.announce(colour)) {
      this.log('info', 'blue/green strategy announced', { colour })
      this.emit('strategy:announced', { colour })
    }
  }

  readonly #limits = new Map<
    RpcName,
    { readonly option: string; readonly ms: number } | undefined
  >()

  #limitOf(rpc: RpcName): { readonly option: string; readonly ms: number } | undefined {
    if (this.#limits.has(rpc)) return this.#limits.get(rpc)
    const limit = RPC_LIMITS[rpc].limit
    const value = limit
      ? Object.freeze({ option: `timeouts.${limit}`, ms: this.options.timeouts[limit] })
      : undefined
    this.#limits.set(rpc, value)
    return value
  }

  retryRun(
    rpc: RpcName,
    ctx: OpContext | undefined,
    hooks: RecoveryHooks,
    queryId?: () => string | undefined,
  ): RetryRun {
    return {
      rpc,
      policy: this.options.retry,
      signal: ctx?.signal,
      deadline: ctx?.deadline,
      limit: this.#limitOf(rpc),
      connectMs: this.options.timeouts.connectMs,
      queryId,
      hooks,
      onRetry: (d) => {
        this.log('warn', `retrying ${d.rpc} after ${d.kind}`, {
          rpc: d.rpc,
          attempt: d.attempt,
          kind: d.kind,
          action: d.action,
          delayMs: d.delayMs,
          queryId: d.queryId,
          details: d.error.details,
        })
        if (ctx && this.#tracing.recording(ctx.span))
          ctx.span.addEvent('retry', {
            'e6data.rpc': d.rpc,
            'e6data.retry.attempt': d.attempt,
            'e6data.retry.kind': d.kind,
            'e6data.retry.action': d.action,
            'e6data.retry.delay_ms': d.delayMs,
          })
        this.emit('retry', d)
      },
    }
  }

  shutdown(): void {
    this.#unsubscribe()
    this.transport.close()
    this.events.removeAll()
  }
}
