import {
  createClient,
  type E6dataClient,
  type E6dataClientOptions,
  StrategyCache,
} from '../../../src/driver/index.js'
import {
  type LocalEngine,
  type LocalEngineOptions,
  startLocalEngine,
} from '../../../src/local/index.js'

/** Engine settings shared by the driver's integration tests: small tables, multi-batch results. */
export const ENGINE_DEFAULTS: LocalEngineOptions = Object.freeze({
  bigTableRows: 5_000,
  batchSize: 1_000,
  resumeDelayMs: 60,
})

export function startEngine(options: LocalEngineOptions = {}): Promise<LocalEngine> {
  return startLocalEngine({ ...ENGINE_DEFAULTS, ...options })
}

/** Fast settings: short backoffs and polls, private strategy cache. */
export function clientFor(
  engine: LocalEngine,
  options: Partial<E6dataClientOptions> = {},
): E6dataClient {
  return createClient({
    ...engine.connection,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    resumePollMs: 20,
    strategyCache: new StrategyCache(),
    ...options,
  })
}

/** Waits until `predicate` holds (polling), or fails after `ms`. */
export async function eventually(predicate: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** `select event_id … where event_id < n order by event_id` and its expected ids. */
export function rangeQuery(n: number): { sql: string; ids: bigint[] } {
  return {
    sql: `select event_id, event_type from events where event_id < ${n} order by event_id`,
    ids: Array.from({ length: n }, (_, i) => BigInt(i)),
  }
}
