// Three words, three meanings, everywhere in the driver: **engine session** = the engine's
// `sessionId` from `authenticate`; **slot** = a pool place holding at most one engine session at a
// time; **session** (public `Session`) = a caller's lease of one slot until `release()`.

import type { StrategyColour } from '../wire/index.js'
import type { Authenticator, AuthResult } from './authenticator.js'
import type { ClientCore, OpContext } from './client-core.js'
import { raceSignal } from './run-with-retry.js'

let counter = 0

/** Lazily authenticated (single-flight); moved to an announced colour at its next idle point. */
export class PoolSlot {
  /** Local number for logs and events (never the engine's session id). */
  readonly number = ++counter
  readonly #core: ClientCore
  readonly #auth: Authenticator
  #session: AuthResult | null = null
  #pending: Promise<AuthResult> | null = null

  constructor(core: ClientCore, auth: Authenticator) {
    this.#core = core
    this.#auth = auth
  }

  get authenticated(): boolean {
    return this.#session !== null
  }

  ensure(ctx: OpContext): Promise<AuthResult> {
    if (this.#session) return Promise.resolve(this.#session)
    return this.#authenticate(ctx, 'lazy')
  }

  /**
   * The authenticate belongs to the slot, not to the caller that started it: a caller's abort only
   * ends its own wait, so the engine session the reply creates is used rather than orphaned.
   */
  #authenticate(ctx: OpContext, reason: string): Promise<AuthResult> {
    if (!this.#pending) {
      const owned: OpContext = { signal: this.#core.closing.signal, span: ctx.span }
      const p = this.#auth.authenticate(owned).then((s) => {
        const old = this.#session
        if (old && old.sessionId !== s.sessionId) this.#core.forgetSecret(old.sessionId)
        this.#session = s
        this.#core.log('debug', 'session authenticated', {
          session: this.number,
          colour: s.colour,
          reason,
        })
        this.#core.emit('session:created', { sessionNumber: this.number, colour: s.colour, reason })
        return s
      })
      const tracked: Promise<AuthResult> = p.finally(() => {
        if (this.#pending === tracked) this.#pending = null
      })
      tracked.catch(() => {})
      this.#pending = tracked
    }
    return raceSignal(this.#pending, ctx.signal)
  }

  /** Authenticates again unless another caller already replaced `expiredSessionId`. */
  reauth(
    ctx: OpContext,
    expiredSessionId: string | undefined,
    reason = 'expired',
  ): Promise<AuthResult> {
    if (
      this.#session &&
      (expiredSessionId === undefined || this.#session.sessionId === expiredSessionId)
    ) {
      if (reason === 'expired') this.#core.emit('session:expired', { sessionNumber: this.number })
      this.#core.forgetSecret(this.#session.sessionId)
      this.#session = null
    }
    return this.#session ? Promise.resolve(this.#session) : this.#authenticate(ctx, reason)
  }

  redetect(
    ctx: OpContext,
    colour: StrategyColour | null,
    sessionId: string | undefined,
  ): Promise<AuthResult> {
    if (colour) this.#core.entry.reject(colour)
    return this.reauth(ctx, sessionId, 'strategy')
  }

  invalidate(): void {
    if (this.#session) this.#core.forgetSecret(this.#session.sessionId)
    this.#session = null
  }

  /** Called at idle points (no open query): an announced colour is adopted only there. */
  async adoptStrategy(ctx: OpContext): Promise<void> {
    const s = this.#session
    if (!s) return
    const wanted = this.#core.entry.preferred()
    if (wanted && wanted !== s.colour) {
      this.#core.log('info', 'moving session to the announced strategy', {
        session: this.number,
        from: s.colour,
        to: wanted,
      })
      await this.reauth(ctx, s.sessionId, 'strategy')
    }
  }
}
