/**
 * Blue/green deployment state (protocol.md §6, §13.5). A switch announces the other colour (both
 * accepted, old-colour responses carry `new_strategy`) and cuts over when the old colour has no
 * open query or `drainMs` passed; then the old colour answers HTTP 456 and its sessions go.
 *
 * @module
 */

import { otherColour, type StrategyColour } from '../wire/index.js'

/**
 * Options of `engine.control.switchStrategy`.
 *
 * @example
 * ```ts
 * import { startLocalEngine } from 'kysely-e6data/local'
 *
 * const engine = await startLocalEngine()
 * await engine.control.switchStrategy({ drainMs: 2_000 })
 * ```
 */
export interface SwitchStrategyOptions {
  /** Longest announce phase before cutover (default 10 000 ms). */
  readonly drainMs?: number
  /** Cut over at once, without an announce phase. */
  readonly immediate?: boolean
}

export interface StrategyHooks {
  /** Open queries of a colour (the drain condition). */
  readonly openQueries: (colour: StrategyColour) => number
  /** Drops sessions and queries of the old colour at cutover. */
  readonly onCutover: (oldColour: StrategyColour, newColour: StrategyColour) => void
}

const DRAIN_POLL_MS = 20

export class StrategyController {
  readonly #hooks: StrategyHooks
  #active: StrategyColour
  #announced: StrategyColour | undefined
  #switching: Promise<void> | undefined
  #timer: NodeJS.Timeout | undefined
  #finish: (() => void) | undefined

  constructor(initial: StrategyColour, hooks: StrategyHooks) {
    this.#active = initial
    this.#hooks = hooks
  }

  /** The colour serving requests without a `strategy` header. */
  get active(): StrategyColour {
    return this.#active
  }

  /** The colour announced by a switch in progress, if any. */
  get announced(): StrategyColour | undefined {
    return this.#announced
  }

  /**
   * The colour serving a request with this `strategy` header value (case-insensitive), or
   * `undefined` when it is not accepted (→ HTTP 456).
   */
  resolve(header: string | undefined): StrategyColour | undefined {
    const value = (header ?? '').trim().toLowerCase()
    if (value === '') return this.#active
    if (value === this.#active || value === this.#announced) return value as StrategyColour
    return undefined
  }

  /** `new_strategy` to send on a response served by `colour` (only during an announce). */
  hintFor(colour: StrategyColour): StrategyColour | undefined {
    return this.#announced !== undefined && colour === this.#active ? this.#announced : undefined
  }

  /** Switches to the other colour; resolves at cutover. A switch in progress is joined. */
  switchStrategy(options: SwitchStrategyOptions = {}): Promise<void> {
    if (options.immediate) {
      const from = this.#active
      const to = this.#announced ?? otherColour(from)
      this.#cutover(from, to)
      return Promise.resolve()
    }
    if (this.#switching) return this.#switching
    const from = this.#active
    const to = otherColour(from)
    const deadline = Date.now() + (options.drainMs ?? 10_000)
    this.#announced = to
    // the promise is stored before the first check: a drain that completes at once must not
    // leave a settled promise behind as "the switch in progress"
    const switching = new Promise<void>((resolve) => {
      this.#finish = resolve
    })
    this.#switching = switching
    const check = () => {
      this.#timer = undefined
      if (this.#announced !== to) return
      if (this.#hooks.openQueries(from) === 0 || Date.now() >= deadline) {
        this.#cutover(from, to)
        return
      }
      this.#timer = setTimeout(check, DRAIN_POLL_MS)
      this.#timer.unref()
    }
    check()
    return switching
  }

  /** Stops a pending drain timer (engine shutdown); a pending switch resolves. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#settle()
  }

  #cutover(from: StrategyColour, to: StrategyColour): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#active = to
    this.#announced = undefined
    this.#hooks.onCutover(from, to)
    this.#settle()
  }

  #settle(): void {
    const finish = this.#finish
    this.#finish = undefined
    this.#switching = undefined
    finish?.()
  }
}
