import { ClientClosedError, PoolTimeoutError } from '../errors.js'
import type { PoolSlot } from './pool-slot.js'
import { abortErrorFrom } from './run-with-retry.js'

interface Waiter {
  resolve(slot: PoolSlot): void
  reject(err: unknown): void
}

/** Pool counters, from `client.poolStats`. */
export interface PoolStats {
  /** Connections created (≤ pool size). */
  readonly size: number
  readonly idle: number
  readonly leased: number
  readonly waiting: number
}

/** FIFO waiters; slots reused most-recently-released first (the likeliest to be authenticated). */
export class SessionPool {
  readonly #max: number
  readonly #timeoutMs: number
  readonly #create: () => PoolSlot
  readonly #idle: PoolSlot[] = []
  readonly #leased = new Set<PoolSlot>()
  readonly #waiters: Waiter[] = []
  #size = 0
  #closed = false
  #drained: (() => void) | null = null

  constructor(options: { size: number; acquireTimeoutMs: number; create: () => PoolSlot }) {
    this.#max = options.size
    this.#timeoutMs = options.acquireTimeoutMs
    this.#create = options.create
  }

  get stats(): PoolStats {
    return {
      size: this.#size,
      idle: this.#idle.length,
      leased: this.#leased.size,
      waiting: this.#waiters.length,
    }
  }

  /** `option` is the limit a timeout error names. */
  acquire(
    options: {
      signal?: AbortSignal | undefined
      timeoutMs?: number | undefined
      option?: string | undefined
    } = {},
  ): Promise<PoolSlot> {
    if (this.#closed) return Promise.reject(new ClientClosedError())
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortErrorFrom(signal))
    const idle = this.#idle.pop()
    if (idle) return Promise.resolve(this.#lease(idle))
    if (this.#size < this.#max) {
      this.#size++
      return Promise.resolve(this.#lease(this.#create()))
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs
    const option =
      options.timeoutMs === undefined ? 'acquireTimeoutMs' : (options.option ?? 'timeoutMs')
    const started = performance.now()
    return new Promise<PoolSlot>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        const i = this.#waiters.indexOf(waiter)
        if (i >= 0) this.#waiters.splice(i, 1)
      }
      const waiter: Waiter = {
        resolve: (c) => {
          cleanup()
          resolve(c)
        },
        reject: (e) => {
          cleanup()
          reject(e)
        },
      }
      const onAbort = () => waiter.reject(abortErrorFrom(signal))
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(
            () =>
              waiter.reject(
                new PoolTimeoutError({
                  option,
                  limitMs: timeoutMs,
                  elapsedMs: performance.now() - started,
                  detail: `no e6data session became free (pool size ${this.#max})`,
                }),
              ),
            timeoutMs,
          )
        : undefined
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiters.push(waiter)
    })
  }

  #lease(slot: PoolSlot): PoolSlot {
    this.#leased.add(slot)
    return slot
  }

  release(slot: PoolSlot): void {
    if (!this.#leased.delete(slot)) return
    const waiter = this.#waiters[0]
    if (waiter && !this.#closed) {
      this.#leased.add(slot)
      waiter.resolve(slot)
      return
    }
    this.#idle.push(slot)
    if (this.#leased.size === 0) this.#drained?.()
  }

  /** Drops a broken slot instead of returning it. */
  destroy(slot: PoolSlot): void {
    if (this.#leased.delete(slot)) this.#size--
    slot.invalidate()
    const waiter = this.#waiters[0]
    if (waiter && !this.#closed && this.#size < this.#max) {
      this.#size++
      waiter.resolve(this.#lease(this.#create()))
    }
    if (this.#leased.size === 0) this.#drained?.()
  }

  /** Stops leasing (waiters get {@link ClientClosedError}); resolves once nothing is leased. */
  close(): Promise<void> {
    this.#closed = true
    for (const w of [...this.#waiters]) w.reject(new ClientClosedError())
    if (this.#leased.size === 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      this.#drained = resolve
    })
  }
}
