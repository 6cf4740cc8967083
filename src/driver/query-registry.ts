export interface RegisteredQuery {
  /** Sends cancelQuery through the owning session and aborts the local operation. */
  cancel(reason?: unknown): Promise<void>
  /** `status` of the query through its owning session. */
  status(signal?: AbortSignal): Promise<{ finished: boolean; rowCount: bigint }>
}

/** Open queries by engine id, so that `client.cancel(queryId)` goes through the owning session. */
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

  get size(): number {
    return this.#queries.size
  }

  all(): RegisteredQuery[] {
    return [...this.#queries.values()]
  }
}
