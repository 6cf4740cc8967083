type Settled<T> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly error: unknown }

/**
 * Read-ahead of at most one fetch in flight and `limit` results buffered, so a slow consumer
 * pauses fetching. `fetch` returns `null` at the end.
 */
export class BatchPrefetcher<T> {
  readonly #fetch: () => Promise<T | null>
  readonly #limit: number
  readonly #onClose: ((reason: unknown) => void) | undefined
  readonly #queue: Settled<T>[] = []
  #inFlight = false
  #done = false
  #closed = false
  #wake: (() => void) | null = null

  /** `onClose` ends the fetch in flight, if any, when the prefetcher is closed. */
  constructor(fetch: () => Promise<T | null>, limit = 1, onClose?: (reason: unknown) => void) {
    this.#fetch = fetch
    this.#limit = Math.max(1, limit)
    this.#onClose = onClose
  }

  get fetching(): boolean {
    return this.#inFlight
  }

  get exhausted(): boolean {
    return this.#done
  }

  get buffered(): number {
    return this.#queue.length
  }

  start(): void {
    this.#pump()
  }

  #pump(): void {
    if (this.#inFlight || this.#done || this.#closed || this.#queue.length >= this.#limit) return
    this.#inFlight = true
    this.#fetch().then(
      (value) => {
        this.#inFlight = false
        if (this.#closed) return
        this.#queue.push({ ok: true, value })
        if (value === null) this.#done = true
        this.#notify()
        this.#pump()
      },
      (error: unknown) => {
        this.#inFlight = false
        this.#done = true
        if (this.#closed) return
        this.#queue.push({ ok: false, error })
        this.#notify()
      },
    )
  }

  #notify(): void {
    const w = this.#wake
    this.#wake = null
    w?.()
  }

  /** The next result (`null` at the end); rethrows a fetch failure. */
  async next(): Promise<T | null> {
    for (;;) {
      if (this.#closed) return null
      const item = this.#queue.shift()
      if (item) {
        this.#pump()
        if (!item.ok) throw item.error
        return item.value
      }
      this.#pump()
      await new Promise<void>((resolve) => {
        this.#wake = resolve
      })
    }
  }

  /** Stops fetching and ends the fetch in flight; buffered results are dropped. */
  close(reason?: unknown): void {
    if (this.#closed) return
    this.#closed = true
    this.#queue.length = 0
    if (this.#inFlight) this.#onClose?.(reason)
    this.#notify()
  }
}
