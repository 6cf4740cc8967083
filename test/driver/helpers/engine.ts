import type { LocalEngineOptions } from '../../../src/local/index.js'

/** Engine settings shared by the driver's integration tests: small tables, multi-batch results. */
export const ENGINE_DEFAULTS: LocalEngineOptions = Object.freeze({
  bigTableRows: 5_000,
  batchSize: 1_000,
  resumeDelayMs: 60,
})
/** `select event_id … where event_id < n order by event_id` and its expected ids. */
export function rangeQuery(n: number): { sql: string; ids: bigint[] } {
  return {
    sql: `select event_id, event_type from events where event_id < ${n} order by event_id`,
    ids: Array.from({ length: n }, (_, i) => BigInt(i)),
  }
}
