import type { StrategyColour } from '../wire/index.js'
import { DetectedStringEscape } from './string-escape-probe.js'

/** A change of the active colour (the `strategy:changed` event). */
export interface StrategyChange {
  readonly from: StrategyColour | null
  readonly to: StrategyColour | null
  /** `announced`: a `new_strategy` was adopted; `rejected`: HTTP 456. */
  readonly reason: 'detected' | 'announced' | 'rejected'
}

/**
 * What every client of one endpoint shares (protocol.md §6.3): the colours, single-flight
 * detection and auto-resume, the measured string-escape rule and whether pipelining is refused.
 */
export class StrategyEntry {
  /** `tls|host|port|cluster-name`. */
  readonly key: string
  /** Forgotten whenever the active colour changes. */
  readonly stringEscape = new DetectedStringEscape()
  readonly #ttlMs: number
  readonly #now: () => number
  #active: StrategyColour | null = null
  #confirmedAt = 0
  #pending: StrategyColour | null = null
  #detecting: Promise<unknown> | null = null
  #resuming: Promise<void> | null = null
  #earlyBatches = true
  readonly #listeners = new Set<(change: StrategyChange) => void>()

  constructor(key: string, ttlMs: number, now: () => number) {
    this.key = key
    this.#ttlMs = ttlMs
    this.#now = now
  }

  /** The colour last confirmed by a successful call. */
  get active(): StrategyColour | null {
    return this.#active
  }

  /** Announced through `new_strategy` and not yet adopted. */
  get pending(): StrategyColour | null {
    return this.#pending
  }

  /** Whether `active` was confirmed within the TTL. */
  isFresh(): boolean {
    return this.#active !== null && this.#now() - this.#confirmedAt < this.#ttlMs
  }

  /** `pending`, else `active`. */
  preferred(): StrategyColour | null {
    return this.#pending ?? this.#active
  }

  /** A call with `colour` succeeded: it becomes active and its TTL restarts. */
  confirm(colour: StrategyColour, reason: StrategyChange['reason'] = 'detected'): void {
    const from = this.#active
    this.#active = colour
    this.#confirmedAt = this.#now()
    if (this.#pending === colour) this.#pending = null
    if (from !== colour)
      this.#emit({ from, to: colour, reason: from === null ? 'detected' : reason })
  }

  /** Restarts the TTL when `colour` is the active one. */
  touch(colour: StrategyColour | null | undefined): void {
    if (colour && colour === this.#active) this.#confirmedAt = this.#now()
  }

  /** A response carried `new_strategy`; another colour than the active one becomes pending. */
  announce(colour: StrategyColour): boolean {
    if (colour === this.#active || colour === this.#pending) return false
    this.#pending = colour
    return true
  }

  /** HTTP 456 for `colour`: forgotten as active or pending. */
  reject(colour: StrategyColour): void {
    if (this.#pending === colour) this.#pending = null
    if (this.#active === colour) {
      this.#active = null
      this.#emit({ from: colour, to: null, reason: 'rejected' })
    }
  }

  /** Until the endpoint refused once, the first batch is requested with the metadata. */
  get acceptsEarlyBatches(): boolean {
    return this.#earlyBatches
  }

  /** Every client of the endpoint uses the reference order from now on; `true` the first time. */
  refuseEarlyBatches(): boolean {
    const was = this.#earlyBatches
    this.#earlyBatches = false
    return was
  }

  /** Single-flight. */
  detectOnce<T>(detect: () => Promise<T>): { promise: Promise<T>; started: boolean } {
    if (this.#detecting) return { promise: this.#detecting as Promise<T>, started: false }
    const promise = detect().finally(() => {
      if (this.#detecting === promise) this.#detecting = null
    })
    this.#detecting = promise
    return { promise, started: true }
  }

  /** The detection in flight, if any. */
  get detecting(): Promise<unknown> | null {
    return this.#detecting
  }

  /** Single-flight. */
  resumeOnce(resume: () => Promise<void>): { promise: Promise<void>; started: boolean } {
    if (this.#resuming) return { promise: this.#resuming, started: false }
    const promise = resume().finally(() => {
      if (this.#resuming === promise) this.#resuming = null
    })
    this.#resuming = promise
    return { promise, started: true }
  }

  /** Subscribes to changes of the active colour; returns the unsubscribe function. */
  subscribe(listener: (change: StrategyChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #emit(change: StrategyChange): void {
    // another deployment answers now: its string-escape rule must be measured again
    if (change.from !== null) this.stringEscape.forget()
    for (const l of this.#listeners) {
      try {
        l(change)
      } catch {
        // listeners must not break the driver
      }
    }
  }
}

/** Options of a {@link StrategyCache}. */
export interface StrategyCacheOptions {
  /** How long a confirmed colour is trusted without re-confirmation (default 300 000 ms). */
  readonly ttlMs?: number
  /** Clock (tests). */
  readonly now?: () => number
}

/** Entries by endpoint; give a client its own through `strategyCache` to isolate it (tests). */
export class StrategyCache {
  readonly #entries = new Map<string, StrategyEntry>()
  readonly #ttlMs: number
  readonly #now: () => number

  constructor(options: StrategyCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 300_000
    this.#now = options.now ?? Date.now
  }

  /** The entry for `key`, created on first use. */
  entry(key: string): StrategyEntry {
    let e = this.#entries.get(key)
    if (!e) {
      e = new StrategyEntry(key, this.#ttlMs, this.#now)
      this.#entries.set(key, e)
    }
    return e
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear()
  }
}

export function strategyKey(endpoint: {
  tls: boolean
  host: string
  port: number
  clusterName?: string | undefined
}): string {
  return [
    endpoint.tls ? 'tls' : 'plain',
    endpoint.host.toLowerCase(),
    String(endpoint.port),
    (endpoint.clusterName ?? '').toLowerCase(),
  ].join('|')
}

/** The process-wide cache used by every client that is not given its own. */
export const sharedStrategyCache: StrategyCache = new StrategyCache()
