/**
 * Cost of `stringEscape: 'auto'`: the first statement of an endpoint that needs the engine's
 * string-escape rule runs the probe query; later ones reuse the cached rule. Prints the probe's
 * RPCs (counted from the client's debug log) and time, and the first statement's time against the
 * same statement once the rule is known (baseline, same run), over fresh clients against the
 * local engine (child process) with each rule.
 *
 * @example
 * ```sh
 * npm run bench -- string-escape
 * ```
 *
 * @module
 */

import { createClient, StrategyCache } from '../src/driver/index.js'
import { connectionOf, ms, spawnEngineClient } from './e2e-support.js'

const ROUNDS = 30

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  for (const rule of ['backslash', 'standard'] as const) {
    const rpcs: string[] = []
    const logger = {
      debug: (message: string) => {
        if (message.startsWith('rpc ') && message.endsWith(' ok')) rpcs.push(message.slice(4, -3))
      },
    }
    const { endpoint, stop } = await spawnEngineClient(
      { sampleData: false, stringEscape: rule },
      { poolSize: 1 },
    )
    const probeRpcs: number[] = []
    const probeMs: number[] = []
    const first: number[] = []
    const later: number[] = []
    const extra: number[] = []
    let methods = ''
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const fresh = createClient({
          ...connectionOf(endpoint),
          poolSize: 1,
          strategyCache: new StrategyCache(),
          logger,
        })
        fresh.on('stringEscape:detected', (e) => probeMs.push(e.durationMs))
        try {
          await fresh.query('select 1') // authenticate: not part of the probe's cost
          rpcs.length = 0
          let t = performance.now()
          await fresh.query('select ? as v', ["it's"])
          first.push(performance.now() - t)
          // the statement itself: prepare, execute, metadata, batches, clear — the rest is the probe
          const statement = rpcs.length
          t = performance.now()
          rpcs.length = 0
          await fresh.query('select ? as v', ["it's"])
          later.push(performance.now() - t)
          probeRpcs.push(statement - rpcs.length)
          if (i === 0) methods = rpcs.join(', ')
          const cachedRpcs = rpcs.length
          rpcs.length = 0
          await fresh.query('select ? as v', ['its']) // needs no rule at all: the reference
          extra.push(cachedRpcs - rpcs.length)
        } finally {
          await fresh.close()
        }
      }
    } finally {
      await stop()
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
    console.log(
      `${rule}-rule engine, ${ROUNDS} fresh clients: probe ${median(probeRpcs)} RPCs (a statement is ${methods}), ` +
        `probe ${ms(median(probeMs))}; first statement needing the rule ${ms(median(first))} vs ` +
        `${ms(median(later))} once known (×${(median(first) / median(later)).toFixed(2)}); ` +
        `RPCs of a later statement beyond one that needs no rule: ${Math.max(...extra)}`,
    )
  }
}
