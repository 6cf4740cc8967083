import type { ClusterState } from '../wire/index.js'

/**
 * Suspend/resume (protocol.md §7, §13.6): `active` → `suspended` → `resuming` → `active` after
 * `resumeDelayMs`, or `failed` when armed. QueryEngineService answers HTTP 503 unless `active`.
 */
export class ClusterLifecycle {
  readonly #resumeDelayMs: number
  readonly #onSuspend: () => void
  #state: ClusterState = 'active'
  #failNext = false
  #timer: NodeJS.Timeout | undefined
  #waiters: Array<() => void> = []

  constructor(resumeDelayMs: number, onSuspend: () => void) {
    this.#resumeDelayMs = resumeDelayMs
    this.#onSuspend = onSuspend
  }

  /** The current state. */
  get state(): ClusterState {
    return this.#state
  }

  /** Suspends (drops sessions and queries); returns the new state. */
  suspend(): ClusterState {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#state !== 'suspended') {
      this.#state = 'suspended'
      this.#onSuspend()
    }
    return this.#state
  }

  /** Starts a resume (from `suspended` or `failed`); returns the new state. */
  resume(): ClusterState {
    if (this.#state === 'suspended' || this.#state === 'failed') {
      this.#state = 'resuming'
      const fail = this.#failNext
      this.#failNext = false
      this.#timer = setTimeout(() => {
        this.#timer = undefined
        this.#state = fail ? 'failed' : 'active'
        const waiters = this.#waiters
        this.#waiters = []
        for (const w of waiters) w()
      }, this.#resumeDelayMs)
      this.#timer.unref()
    }
    return this.#state
  }

  /** Resolves when a resume in progress has ended (at once when not resuming). */
  settled(): Promise<ClusterState> {
    if (this.#state !== 'resuming') return Promise.resolve(this.#state)
    return new Promise((resolve) => this.#waiters.push(() => resolve(this.#state)))
  }

  /** The next resume ends in `failed`. */
  failNextResume(): void {
    this.#failNext = true
  }

  /** Cancels timers (engine shutdown). */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    const waiters = this.#waiters
    this.#waiters = []
    for (const w of waiters) w()
  }
}
