// Not `AbortSignal.any`: on Node 20 each composite leaves a never-pruned WeakRef on its sources, so
// composing over a long-lived signal grows the heap per query. One listener per source, shared by
// all its links (no MaxListeners warning under concurrency), removed by `dispose`.

class Followers {
  readonly links = new Set<LinkedAbort>()
  readonly #source: AbortSignal
  readonly #onAbort = (): void => {
    followers.delete(this.#source)
    for (const link of [...this.links]) link.abort(this.#source.reason)
  }

  constructor(source: AbortSignal) {
    this.#source = source
    source.addEventListener('abort', this.#onAbort, { once: true })
  }

  remove(link: LinkedAbort): void {
    this.links.delete(link)
    if (this.links.size > 0) return
    this.#source.removeEventListener('abort', this.#onAbort)
    followers.delete(this.#source)
  }
}

const followers = new WeakMap<AbortSignal, Followers>()

/** Largest delay a Node timer honours (larger values fire at once). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** An abort controller that follows other signals and an optional deadline. */
export class LinkedAbort {
  readonly #controller = new AbortController()
  readonly #sources: Followers[] = []
  #timer: ReturnType<typeof setTimeout> | undefined

  /** Called once when the link aborts (cheaper than a listener on {@link signal}). */
  onAbort: ((reason: unknown) => void) | undefined

  constructor(sources: readonly (AbortSignal | undefined)[]) {
    for (const source of sources) {
      if (!source) continue
      if (source.aborted) {
        this.abort(source.reason)
        return
      }
      let f = followers.get(source)
      if (!f) {
        f = new Followers(source)
        followers.set(source, f)
      }
      f.links.add(this)
      this.#sources.push(f)
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** Aborts with `reason()` after `ms` (no timer for a non-finite or over-long delay). */
  abortAfter(ms: number, reason: () => unknown): void {
    if (!Number.isFinite(ms) || ms > MAX_TIMER_MS || this.#controller.signal.aborted) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.abort(reason()), Math.max(0, ms))
  }

  abort(reason?: unknown): void {
    if (!this.#controller.signal.aborted) {
      this.#controller.abort(reason)
      const hook = this.onAbort
      this.onAbort = undefined
      hook?.(this.#controller.signal.reason)
    }
    this.dispose()
  }

  /** Detaches from the sources and stops the timer; the signal keeps its state. */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    for (const f of this.#sources.splice(0)) f.remove(this)
  }
}
