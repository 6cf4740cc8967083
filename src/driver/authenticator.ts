// Blue/green detection (protocol.md §5.1, §6.3) is single-flight per endpoint. An OK response with
// an empty session id is an AuthenticationError, never retried.
import { AuthenticationError, StrategyError } from '../errors.js'
import { parseColour, type StrategyColour } from '../wire/index.js'
import type { ClientCore, OpContext } from './client-core.js'
import type { Credentials } from './client-options.js'
import type { ClusterController } from './cluster-controller.js'
import { backoffDelay } from './retry-policy.js'
import { raceSignal, runWithRetry, sleep } from './run-with-retry.js'
import type { StrategyChange } from './strategy-cache.js'

export interface AuthResult {
  readonly sessionId: string
  readonly colour: StrategyColour
}

class Detection {
  readonly result: AuthResult
  #claimed = false
  constructor(result: AuthResult) {
    this.result = result
  }
  claim(): boolean {
    if (this.#claimed) return false
    this.#claimed = true
    return true
  }
}

/** Creates engine sessions for one client. */
export class Authenticator {
  readonly #core: ClientCore
  readonly #cluster: ClusterController
  readonly #credentials: () => Promise<Credentials>

  constructor(
    core: ClientCore,
    cluster: ClusterController,
    credentials: () => Promise<Credentials>,
  ) {
    this.#core = core
    this.#cluster = cluster
    this.#credentials = credentials
  }

  async authenticate(ctx: OpContext): Promise<AuthResult> {
    const entry = this.#core.entry
    for (let round = 0; round < 4; round++) {
      if (entry.detecting) {
        const d = (await raceSignal(entry.detecting, ctx.signal)) as Detection
        if (d.claim()) return d.result
      }
      const guess = entry.pending ?? (entry.isFresh() ? entry.active : null)
      if (!guess) return this.#detect(ctx)
      const reason = guess === entry.pending ? 'announced' : 'detected'
      try {
        return await this.#authWith(ctx, guess, true, reason)
      } catch (err) {
        if (!(err instanceof StrategyError)) throw err
        entry.reject(guess)
      }
    }
    return this.#detect(ctx)
  }

  async #detect(ctx: OpContext): Promise<AuthResult> {
    const core = this.#core
    const entry = core.entry
    const { promise } = entry.detectOnce(async () => {
      const wanted: (StrategyColour | null)[] = [entry.pending, entry.active, 'blue', 'green']
      const candidates = [...new Set(wanted.filter((c): c is StrategyColour => c !== null))]
      core.log('debug', 'detecting blue/green strategy', { candidates: candidates.join(',') })
      // detection is shared: it must not die with the caller that happened to start it
      const shared: OpContext = { signal: core.closing.signal, span: ctx.span }
      let last: StrategyError | undefined
      // two rounds: a switch may flip the accepted colour between our attempts
      for (let round = 0; round < 2; round++) {
        if (round > 0) await sleep(backoffDelay(0, core.options.retry), shared.signal)
        for (const c of candidates) {
          try {
            return new Detection(await this.#authWith(shared, c, true))
          } catch (err) {
            if (!(err instanceof StrategyError)) throw err
            last = err
            entry.reject(c)
          }
        }
      }
      throw new StrategyError('neither the blue nor the green deployment accepted authenticate', {
        cause: last,
      })
    })
    const d = await raceSignal(promise, ctx.signal)
    if (d.claim()) return d.result
    return this.#authWith(ctx, d.result.colour, true)
  }

  async #authWith(
    ctx: OpContext,
    colour: StrategyColour,
    followAnnouncement: boolean,
    reason: StrategyChange['reason'] = 'detected',
  ): Promise<AuthResult> {
    const core = this.#core
    let creds: Credentials
    try {
      creds = await this.#credentials()
    } catch (err) {
      throw new AuthenticationError('the credentials provider failed', { cause: err })
    }
    core.addSecret(creds.password)
    const res = await runWithRetry(
      core.retryRun('authenticate', ctx, {
        resume: core.options.autoResume
          ? () => this.#cluster.ensureActive(ctx, 'authenticate')
          : undefined,
      }),
      (attempt) =>
        core.rpc(
          'authenticate',
          { user: creds.username, password: creds.password },
          { ctx, strategy: colour, attempt },
        ),
    )
    if (!res.sessionId) {
      core.log('warn', 'authentication failed: invalid user or access token', {
        user: creds.username,
      })
      throw new AuthenticationError()
    }
    core.addSecret(res.sessionId)
    core.entry.confirm(colour, reason)
    const announced = parseColour(res.newStrategy)
    if (followAnnouncement && announced && announced !== colour) {
      // a differing new_strategy on authenticate applies at once: this session has no query yet
      try {
        const moved = await this.#authWith(ctx, announced, false)
        core.entry.confirm(announced, 'announced')
        core.forgetSecret(res.sessionId)
        return moved
      } catch (err) {
        if (!(err instanceof StrategyError)) throw err
        core.entry.reject(announced)
      }
    }
    return { sessionId: res.sessionId, colour }
  }
}
