/**
 * The blue/green strategy cache (protocol.md §6.3): one {@link StrategyEntry} per endpoint
 * (`tls|host|port|cluster-name`), shared by every client of the process through
 * {@link sharedStrategyCache} unless a client is given its own cache.
 *
 * @module
 */

import type { StrategyColour } from '../wire/index.js'
import { DetectedStringEscape } from './string-escape-probe.js'

/**
 * Why the active colour changed.
 *
 * @example
 * ```ts
 * client.on('strategy:changed', (c) => console.log(c.from, '→', c.to, c.reason))
 * ```
 */
export interface StrategyChange {
  readonly from: StrategyColour | null
  readonly to: StrategyColour | null
  /** `detected` (first detection or re-detection), `announced` (a `new_strategy` was adopted), `rejected` (HTTP 456). */
  readonly reason: 'detected' | 'announced' | 'rejected'
}

/**
 * Shared state of one endpoint: active colour, announced colour, the single-flight slots for
 * detection and auto-resume, and whether the endpoint takes a batch request sent together with the
 * metadata request (pipelining; remembered once it refused one).
 *
 * @example
 * ```ts
 * const entry = sharedStrategyCache.entry('plain|localhost|80|')
 * entry.preferred() // 'blue' | 'green' | null
 * ```
 */
export class StrategyEntry {
  /** The cache key, `tls|host|port|cluster-name`. */
  readonly key: string
  /** The endpoint's measured string-escape rule; forgotten whenever the active colour changes. */
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

  /** The colour last confirmed by a successful call, or null. */
  get active(): StrategyColour | null {
    return this.#active
  }

  /** A colour announced through `new_strategy` and not yet adopted, or null. */
  get pending(): StrategyColour | null {
    return this.#pending
  }

  /** Whether `active` was confirmed within the TTL (5 min by default). */
  isFresh(): boolean {
    return this.#active !== null && this.#now() - this.#confirmedAt < this.#ttlMs
  }

  /** The colour new sessions should use: `pending`, else `active`. */
  preferred(): StrategyColour | null {
    return this.#pending ?? this.#active
  }

  /** A call with `colour` succeeded: it becomes (or stays) active and its TTL restarts. */
  confirm(colour: StrategyColour, reason: StrategyChange['reason'] = 'detected'): void {
    const from = this.#active
    this.#active = colour
    this.#confirmedAt = this.#now()
    if (this.#pending === colour) this.#pending = null
    if (from !== colour)
      this.#emit({ from, to: colour, reason: from === null ? 'detected' : reason })
  }

  /** A call with `colour` succeeded: restarts the TTL when it is the active colour. */
  touch(colour: StrategyColour | null | undefined): void {
    if (colour && colour === this.#active) this.#confirmedAt = this.#now()
  }

  /** A response carried `new_strategy`; a colour other than the active one becomes pending. */
  announce(colour: StrategyColour): boolean {
    if (colour === this.#active || colour === this.#pending) return false
    this.#pending = colour
    return true
  }

  /** The gateway answered 456 for `colour`: forget it as active or pending. */
  reject(colour: StrategyColour): void {
    if (this.#pending === colour) this.#pending = null
    if (this.#active === colour) {
      this.#active = null
      this.#emit({ from: colour, to: null, reason: 'rejected' })
    }
  }

  /**
   * Whether the first batch may be requested together with the result metadata (until the
   * endpoint refused such a request once).
   */
  get acceptsEarlyBatches(): boolean {
    return this.#earlyBatches
  }

  /**
   * The endpoint refused a batch requested before its metadata was read: every client of the
   * endpoint uses the reference order (metadata, then batches) from now on. `true` the first time.
   */
  refuseEarlyBatches(): boolean {
    const was = this.#earlyBatches
    this.#earlyBatches = false
    return was
  }

  /** Runs `detect` unless a detection is already in flight, in which case that one is joined. */
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

  /** Runs `resume` unless a resume is already in flight for this endpoint. */
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

/**
 * Options of a {@link StrategyCache}.
 *
 * @example
 * ```ts
 * new StrategyCache({ ttlMs: 1_000 })
 * ```
 */
export interface StrategyCacheOptions {
  /** How long a confirmed colour is trusted without re-confirmation (default 300 000 ms). */
  readonly ttlMs?: number
  /** Clock (tests). */
  readonly now?: () => number
}

/**
 * A registry of {@link StrategyEntry} objects by endpoint key. Inject a private one through the
 * client's `strategyCache` option to isolate tests.
 *
 * @example
 * ```ts
 * const client = createClient({ host, port, username, password, strategyCache: new StrategyCache() })
 * ```
 */
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

/**
 * Builds the cache key of an endpoint: `tls|host|port|cluster-name` (cluster name lower-cased).
 *
 * @example
 * ```ts
 * strategyKey({ tls: true, host: 'e6.example', port: 443, clusterName: 'Prod' }) // 'tls|e6.example|443|prod'
 * ```
 */
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

/**
 * The process-wide cache used by every client that is not given its own.
 *
 * @example
 * ```ts
 * sharedStrategyCache.clear()
 * ```
 */
export const sharedStrategyCache: StrategyCache = new StrategyCache()
