/**
 * Signal composition without `AbortSignal.any`: on Node 20 every composite signal leaves a
 * `WeakRef` in each source's dependant set that is never pruned, so composing over a long-lived
 * signal (the client's closing signal, an app-wide shutdown signal) grows the heap per query.
 * Here the sources get a plain listener that {@link LinkedAbort.dispose} removes again.
 *
 * @module
 */

/** Largest delay a Node timer honours (larger values fire at once). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * An abort controller that follows other signals and an optional deadline.
 *
 * @example
 * ```ts
 * const link = new LinkedAbort([client.closing, options.signal])
 * link.abortAfter(5_000, () => new Error('timed out'))
 * try { await work(link.signal) } finally { link.dispose() }
 * ```
 */
export class LinkedAbort {
  readonly #controller = new AbortController()
  readonly #sources: AbortSignal[] = []
  #timer: ReturnType<typeof setTimeout> | undefined
  readonly #follow = (event: Event): void => {
    this.abort((event.target as AbortSignal).reason)
  }

  constructor(sources: readonly (AbortSignal | undefined)[]) {
    for (const source of sources) {
      if (!source) continue
      if (source.aborted) {
        this.abort(source.reason)
        return
      }
      source.addEventListener('abort', this.#follow, { once: true })
      this.#sources.push(source)
    }
  }

  /** The linked signal. */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** Aborts with `reason()` after `ms` (no timer for a non-finite or over-long delay). */
  abortAfter(ms: number, reason: () => unknown): void {
    if (!Number.isFinite(ms) || ms > MAX_TIMER_MS || this.#controller.signal.aborted) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.abort(reason()), Math.max(0, ms))
  }

  /** Aborts the linked signal (once) and detaches from the sources. */
  abort(reason?: unknown): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason)
    this.dispose()
  }

  /** Detaches from the sources and stops the timer; the signal keeps its state. */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    for (const source of this.#sources.splice(0)) source.removeEventListener('abort', this.#follow)
  }
}
