/**
 * Registry of the client's open queries, by engine query id, so that `client.cancel(queryId)` can
 * go through the owning session, `plannerip` and colour from any session. Internal.
 *
 * @module
 */

/**
 * What the registry needs from an open query.
 *
 * @example
 * ```ts
 * registry.add(queryId, { cancel: (reason) => run.cancel(reason) })
 * ```
 */
export interface RegisteredQuery {
  /** Sends cancelQuery through the owning session and aborts the local operation. */
  cancel(reason?: unknown): Promise<void>
  /** `status` of the query through its owning session. */
  status(signal?: AbortSignal): Promise<{ finished: boolean; rowCount: bigint }>
}

/**
 * Open queries by engine query id.
 *
 * @example
 * ```ts
 * const q = registry.get(queryId)
 * await q?.cancel()
 * ```
 */
export class QueryRegistry {
  readonly #queries = new Map<string, RegisteredQuery>()

  add(queryId: string, query: RegisteredQuery): void {
    this.#queries.set(queryId, query)
  }

  remove(queryId: string): void {
    this.#queries.delete(queryId)
  }

  get(queryId: string): RegisteredQuery | undefined {
    return this.#queries.get(queryId)
  }

  /** Number of open queries. */
  get size(): number {
    return this.#queries.size
  }

  /** Every open query (for `close()`). */
  all(): RegisteredQuery[] {
    return [...this.#queries.values()]
  }
}
