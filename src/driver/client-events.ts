import type { StringEscapeMode, StringEscapeOption } from '../sql/index.js'
import type { StrategyColour } from '../wire/index.js'
import type { FailureKind } from './failure-kind.js'
import type { RetryAction } from './retry-policy.js'
import type { RpcName } from './rpc-methods.js'
import type { StrategyChange } from './strategy-cache.js'

/** Payloads of the client's events (`client.on`). */
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
  /** The engine's string-escape rule was measured (once per endpoint and colour). */
  'stringEscape:detected': {
    readonly rule: StringEscapeMode
    readonly configured: StringEscapeOption
    readonly durationMs: number
  }
}

/** Name of a client event. */
export type ClientEventName = keyof ClientEvents

/** Listener exceptions are swallowed so that they cannot break a query. */
export class TypedEmitter<E extends object> {
  readonly #listeners = new Map<keyof E, Set<(payload: never) => void>>()

  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as (payload: never) => void)
    return () => this.off(event, listener)
  }

  once<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    const off = this.on(event, (p) => {
      off()
      listener(p)
    })
    return off
  }

  off<K extends keyof E>(event: K, listener: (payload: E[K]) => void): void {
    this.#listeners.get(event)?.delete(listener as (payload: never) => void)
  }

  has<K extends keyof E>(event: K): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0
  }

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

  removeAll(): void {
    this.#listeners.clear()
  }
}
