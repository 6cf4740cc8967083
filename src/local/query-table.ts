import type { StrategyColour } from '../wire/index.js'
import type { LocalQuery } from './local-query.js'
import { GrpcStatus, RpcError } from './rpc-error.js'

export interface QueryTableOptions {
  readonly perSession: number
  readonly global: number
  readonly idleTimeoutMs: number
}

/** Open queries: each visible only to its session and colour, with limits and idle expiry. */
export class QueryTable {
  readonly #options: QueryTableOptions
  readonly #queries = new Map<string, LocalQuery>()
  // closes still running (DROP of a held result): the database must not close under them
  readonly #closing = new Set<Promise<void>>()
  readonly #perSession = new Map<string, number>()
  #reserved = 0

  constructor(options: QueryTableOptions) {
    this.#options = Object.freeze({ ...options })
  }

  /** Number of open queries. */
  get size(): number {
    return this.#queries.size
  }

  /** Every open query (diagnostics). */
  list(): LocalQuery[] {
    return [...this.#queries.values()]
  }

  /** Number of queries holding a DuckDB computation. */
  get runningCount(): number {
    let n = 0
    for (const q of this.#queries.values()) if (q.running) n++
    return n
  }

  /** Open queries of one colour. */
  countColour(colour: StrategyColour): number {
    let n = 0
    for (const q of this.#queries.values()) if (q.colour === colour) n++
    return n
  }

  /**
   * Reserves a slot for a query about to be prepared; returns the release function.
   *
   * @throws {@link RpcError} RESOURCE_EXHAUSTED when a limit is reached.
   */
  reserve(sessionId: string): () => void {
    const own = this.#perSession.get(sessionId) ?? 0
    if (own >= this.#options.perSession) {
      throw new RpcError(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `too many open queries in this session (limit ${this.#options.perSession}): clear finished queries`,
      )
    }
    if (this.#queries.size + this.#reserved >= this.#options.global) {
      throw new RpcError(
        GrpcStatus.RESOURCE_EXHAUSTED,
        `too many open queries on the engine (limit ${this.#options.global})`,
      )
    }
    this.#perSession.set(sessionId, own + 1)
    this.#reserved++
    let released = false
    return () => {
      if (released) return
      released = true
      this.#reserved--
      this.#decrement(sessionId)
    }
  }

  /** Registers a prepared query (release its reservation first, synchronously before this). */
  add(query: LocalQuery): void {
    this.#queries.set(query.id, query)
    this.#perSession.set(query.sessionId, (this.#perSession.get(query.sessionId) ?? 0) + 1)
  }

  /** The query when it belongs to this session and colour. */
  find(queryId: string, sessionId: string, colour: StrategyColour): LocalQuery | undefined {
    const q = this.#queries.get(queryId)
    return q && q.sessionId === sessionId && q.colour === colour ? q : undefined
  }

  /**
   * Like {@link find} but throws NOT_FOUND.
   *
   * @throws {@link RpcError} NOT_FOUND
   */
  get(queryId: string, sessionId: string, colour: StrategyColour): LocalQuery {
    const q = this.find(queryId, sessionId, colour)
    if (q === undefined) throw new RpcError(GrpcStatus.NOT_FOUND, `query ${queryId} not found`)
    return q
  }

  /** Removes and closes a query. */
  async remove(query: LocalQuery): Promise<void> {
    if (this.#queries.get(query.id) === query) {
      this.#queries.delete(query.id)
      this.#decrement(query.sessionId)
    }
    const closing = query.close()
    this.#closing.add(closing)
    try {
      await closing
    } finally {
      this.#closing.delete(closing)
    }
  }

  /** Resolves once no query close is in flight, whoever started it (sweep, expiry, a handler). */
  async settled(): Promise<void> {
    while (this.#closing.size > 0) await Promise.allSettled([...this.#closing])
  }

  /** Removes every query matching `predicate`. */
  async removeWhere(predicate: (query: LocalQuery) => boolean): Promise<void> {
    const victims = [...this.#queries.values()].filter(predicate)
    await Promise.all(victims.map((q) => this.remove(q)))
  }

  /** Removes queries untouched for longer than the idle timeout (never one with a call in flight). */
  async sweepIdle(now = Date.now()): Promise<void> {
    await this.removeWhere((q) => !q.busy && now - q.lastUsedAt > this.#options.idleTimeoutMs)
  }

  /** Removes every query of a session. */
  async removeSession(sessionId: string): Promise<void> {
    await this.removeWhere((q) => q.sessionId === sessionId)
  }

  #decrement(sessionId: string): void {
    const n = (this.#perSession.get(sessionId) ?? 1) - 1
    if (n <= 0) this.#perSession.delete(sessionId)
    else this.#perSession.set(sessionId, n)
  }
}
