/**
 * One pooled engine session ("connection"): lazily authenticated (single-flight), re-authenticated
 * after expiry, and moved to an announced blue/green colour at its next idle point. Internal.
 *
 * @module
 */

import type { Authenticator, AuthResult } from './authenticator.js'
import type { ClientCore, OpContext } from './client-core.js'
import type { Colour } from './strategy-cache.js'

let counter = 0

/**
 * A pooled session slot.
 *
 * @example
 * ```ts
 * const { sessionId, colour } = await connection.ensure(ctx)
 * ```
 */
export class Connection {
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

  /** The current session, if authenticated. */
  get session(): AuthResult | null {
    return this.#session
  }

  /** The colour of the current session. */
  get colour(): Colour | null {
    return this.#session?.colour ?? null
  }

  /** Returns the session, authenticating first if needed (concurrent callers share one call). */
  ensure(ctx: OpContext): Promise<AuthResult> {
    if (this.#session) return Promise.resolve(this.#session)
    return this.#authenticate(ctx, 'lazy')
  }

  #authenticate(ctx: OpContext, reason: string): Promise<AuthResult> {
    if (!this.#pending) {
      const p = this.#auth.authenticate(ctx).then((s) => {
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
    return this.#pending
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
    colour: Colour | null,
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
