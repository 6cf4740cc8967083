/**
 * A slot of the session pool. Three words, three meanings, everywhere in the driver:
 * - **engine session**: the engine's `sessionId` from `authenticate` ({@link AuthResult});
 * - **slot** ({@link PoolSlot}): a pool place that holds at most one engine session at a time and
 *   replaces it on expiry, colour change or resume;
 * - **session** (`Session`, public): a caller's lease of one slot, from `acquireSession()` until
 *   `release()`.
 *
 * @module
 */

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

  /** Whether the slot holds an engine session (no authenticate needed before the next call). */
  get authenticated(): boolean {
    return this.#session !== null
  }

  /** Returns the session, authenticating first if needed (concurrent callers share one call). */
  ensure(ctx: OpContext): Promise<AuthResult> {
    if (this.#session) return Promise.resolve(this.#session)
    return this.#authenticate(ctx, 'lazy')
  }

  /**
   * The single-flight authenticate. It belongs to the slot, not to the caller that started it:
   * a caller's abort only stops that caller's wait, so that the engine session the reply creates
   * is kept (and used) rather than orphaned on the engine.
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

  /**
   * The session `expiredSessionId` was refused (Access denied) or must change colour: authenticate
   * again unless another caller already replaced it.
   */
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

  /** HTTP 456 for `colour`: mark it stale and re-detect + re-authenticate. */
  redetect(
    ctx: OpContext,
    colour: StrategyColour | null,
    sessionId: string | undefined,
  ): Promise<AuthResult> {
    if (colour) this.#core.entry.reject(colour)
    return this.reauth(ctx, sessionId, 'strategy')
  }

  /** Forget the session (it will re-authenticate lazily). */
  invalidate(): void {
    if (this.#session) this.#core.forgetSecret(this.#session.sessionId)
    this.#session = null
  }

  /**
   * Idle point (no open query on this connection): adopt an announced or re-detected colour by
   * re-authenticating with it.
   */
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
