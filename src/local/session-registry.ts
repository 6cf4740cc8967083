import { randomUUID } from 'node:crypto'
import type { StrategyColour } from '../wire/index.js'
import { GrpcStatus, RpcError } from './rpc-error.js'

export interface LocalSession {
  readonly id: string
  readonly user: string
  readonly colour: StrategyColour
  readonly createdAt: number
  lastUsedAt: number
}

const MAX_TOMBSTONES = 10_000

/**
 * Live sessions (protocol.md §13.2), plus tombstones of recently ended ones so that their next
 * call is told `Access denied: session expired` rather than `invalid session`.
 */
export class SessionRegistry {
  readonly #ttlMs: number
  readonly #now: () => number
  readonly #onEnded: (session: LocalSession) => void
  readonly #sessions = new Map<string, LocalSession>()
  readonly #tombstones = new Map<string, string>()

  /**
   * @param ttlMs idle time after which a session expires
   * @param onEnded called for every session that ends (expiry, cutover, suspend), e.g. to free
   *   its queries
   */
  constructor(
    ttlMs: number,
    onEnded: (session: LocalSession) => void = () => {},
    now: () => number = Date.now,
  ) {
    this.#ttlMs = ttlMs
    this.#onEnded = onEnded
    this.#now = now
  }

  /** Number of live sessions. */
  get size(): number {
    return this.#sessions.size
  }

  /** Creates a session for `user` on `colour`. */
  create(user: string, colour: StrategyColour): LocalSession {
    const now = this.#now()
    const session: LocalSession = {
      id: randomUUID(),
      user,
      colour,
      createdAt: now,
      lastUsedAt: now,
    }
    this.#sessions.set(session.id, session)
    return session
  }

  /**
   * Validates a session id for a call served by `colour` and refreshes its idle timer.
   *
   * @throws {@link RpcError} INTERNAL `Access denied: …` when missing, unknown, expired or bound
   *   to the other colour.
   */
  touch(id: string, colour: StrategyColour): LocalSession {
    if (id === '') throw accessDenied('missing session id')
    const session = this.#sessions.get(id)
    if (session === undefined) {
      throw accessDenied(this.#tombstones.get(id) ?? 'invalid session')
    }
    const now = this.#now()
    if (now - session.lastUsedAt > this.#ttlMs) {
      this.#end(session, 'session expired')
      throw accessDenied('session expired')
    }
    if (session.colour !== colour) throw accessDenied('invalid session')
    session.lastUsedAt = now
    return session
  }

  /** Ends every session; returns them so their queries can be freed. */
  expireAll(reason = 'session expired'): LocalSession[] {
    const ended = [...this.#sessions.values()]
    for (const s of ended) this.#end(s, reason)
    return ended
  }

  /** Ends the sessions of one colour (blue/green cutover). */
  expireColour(colour: StrategyColour, reason = 'session expired'): LocalSession[] {
    const ended = [...this.#sessions.values()].filter((s) => s.colour === colour)
    for (const s of ended) this.#end(s, reason)
    return ended
  }

  /** Ends sessions idle for longer than the TTL; returns them. */
  sweep(): LocalSession[] {
    const now = this.#now()
    const ended = [...this.#sessions.values()].filter((s) => now - s.lastUsedAt > this.#ttlMs)
    for (const s of ended) this.#end(s, 'session expired')
    return ended
  }

  #end(session: LocalSession, reason: string): void {
    if (!this.#sessions.delete(session.id)) return
    this.#tombstones.set(session.id, reason)
    if (this.#tombstones.size > MAX_TOMBSTONES) {
      const oldest = this.#tombstones.keys().next().value
      if (oldest !== undefined) this.#tombstones.delete(oldest)
    }
    this.#onEnded(session)
  }
}

function accessDenied(reason: string): RpcError {
  return new RpcError(GrpcStatus.INTERNAL, `Access denied: ${reason}`)
}
