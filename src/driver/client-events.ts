/**
 * The events an {@link E6dataClient} emits and the tiny typed emitter behind `client.on`.
 *
 * @module
 */

import type { StringEscapeMode, StringEscapeOption } from '../sql/index.js'
import type { StrategyColour } from '../wire/index.js'
import type { FailureKind } from './failure-kind.js'
import type { RetryAction } from './retry-policy.js'
import type { RpcName } from './rpc-methods.js'
import type { StrategyChange } from './strategy-cache.js'

/**
 * Payloads of the client's events.
 *
 * @example
 * ```ts
 * client.on('retry', (e) => console.log(`${e.rpc} attempt ${e.attempt} (${e.kind}) in ${e.delayMs} ms`))
 * ```
 */
export interface ClientEvents {
  /** A failed attempt will be repeated (after `delayMs`, and `action` recovery). */
  retry: {
    readonly rpc: RpcName
    /** The attempt that failed, from 1. */
    readonly attempt: number
    readonly kind: FailureKind
    readonly action: RetryAction
    readonly delayMs: number
    readonly queryId?: string
    readonly error: Error
  }
  /** The endpoint's active blue/green colour changed. */
  'strategy:changed': StrategyChange
  /** A `new_strategy` announcement was seen and will be adopted at the next idle point. */
  'strategy:announced': { readonly colour: StrategyColour }
  /** Auto-resume started (the cluster answered 503). */
  'resume:start': { readonly rpc: RpcName }
  /** Auto-resume finished. */
  'resume:end': { readonly ok: boolean; readonly durationMs: number; readonly error?: Error }
  /** A session authenticated (`sessionNumber` is a local counter, never the engine session id). */
  'session:created': {
    readonly sessionNumber: number
    readonly colour: StrategyColour | null
    readonly reason: string
  }
  /** A session was found expired (Access denied) and will re-authenticate. */
  'session:expired': { readonly sessionNumber: number }
  /** A query was prepared. */
  'query:start': {
    readonly queryId: string
    readonly sessionNumber: number
    readonly colour: StrategyColour | null
  }
  /** A query was cleared (finished, failed or cancelled). */
  'query:end': { readonly queryId: string; readonly outcome: 'done' | 'error' | 'aborted' }
  /**
   * The engine's string-escape rule was measured (once per endpoint and colour, by the first
   * statement whose text depends on it); `durationMs` is the probe's round trip.
   */
  'stringEscape:detected': {
    readonly rule: StringEscapeMode
    readonly configured: StringEscapeOption
    readonly durationMs: number
  }
}

/**
 * Name of a client event.
 *
 * @example
 * ```ts
 * const name: ClientEventName = 'resume:start'
 * ```
 */
export type ClientEventName = keyof ClientEvents

/**
 * A small typed event emitter; listener exceptions are swallowed so that they cannot break a query.
 *
 * @example
 * ```ts
 * const em = new TypedEmitter<ClientEvents>()
 * const off = em.on('retry', (e) => console.log(e.rpc))
 * off()
 * ```
 */
export class TypedEmitter<E extends object> {
  readonly #listeners = new Map<keyof E, Set<(payload: never) => void>>()

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as (payload: never) => void)
    return () => this.off(event, listener)
  }

  /** Adds a listener that runs once. */
  once<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    const off = this.on(event, (p) => {
      off()
      listener(p)
    })
    return off
  }

  /** Removes a listener. */
  off<K extends keyof E>(event: K, listener: (payload: E[K]) => void): void {
    this.#listeners.get(event)?.delete(listener as (payload: never) => void)
  }

  /** Whether `event` has a listener (so that a payload is built only for someone). */
  has<K extends keyof E>(event: K): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0
  }

  /** Calls every listener of `event` synchronously. */
  emit<K extends keyof E>(event: K, payload: E[K]): void {
    const set = this.#listeners.get(event)
    if (!set) return
    for (const l of [...set]) {
      try {
        ;(l as (p: E[K]) => void)(payload)
      } catch {
        // a listener's failure is not the driver's
      }
    }
  }

  /** Removes every listener. */
  removeAll(): void {
    this.#listeners.clear()
  }
}
