/**
 * The short, deterministic soak (`npm run soak` is the long one): statements through the plain
 * driver and the Kysely dialect, aborted at every phase — the phase forced with the engine's
 * fault-injection delays and read back from the driver's own RPC spans — interleaved with
 * statements that must return exactly the right rows, then a burst of randomly aborted ones with
 * sessions expiring underneath. Afterwards the engine holds no open query.
 */
import { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AbortPhase,
  drawSpec,
  PhaseTracker,
  prng,
  runSoakStatement,
  type SoakApi,
  type SoakOutcome,
  type SoakSpec,
  type SoakTarget,
} from '../../scripts/soak/workload.js'
import { E6dataDialect } from '../../src/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

const APIS: readonly SoakApi[] = ['query', 'stream', 'kysely', 'kysely-stream']
const STREAMS: readonly SoakApi[] = ['stream', 'kysely-stream']
const RPC_OF: Partial<Record<AbortPhase, string>> = {
  authenticate: 'authenticate',
  prepare: 'prepareStatementV2',
  execute: 'executeStatementV2',
  metadata: 'getResultMetadata',
  fetch: 'getNextResultBatch',
}

const env = useEngine({ ...ENGINE_DEFAULTS, batchSize: 500 })
let target: SoakTarget
// nothing on the console: no MaxListeners (or any other) process warning from many calls at once
const warnings: string[] = []
const onWarning = (w: Error) => void warnings.push(`${w.name}: ${w.message}`)
beforeAll(() => {
  process.on('warning', onWarning)
  const tracker = new PhaseTracker()
  const client = env.newClient({ poolSize: 4, tracer: tracker })
  target = { client, db: new Kysely({ dialect: new E6dataDialect({ client }) }), tracker }
})

function describeOutcome(o: SoakOutcome): string {
  if (o.kind === 'failed') return `failed: ${o.error.constructor.name}: ${o.error.message}`
  if (o.kind === 'wrong') return `wrong: ${o.detail}`
  return o.kind === 'aborted' ? `aborted: ${o.phase}` : 'ok'
}

describe('soak (short, deterministic)', () => {
  it('aborts forced at each phase leave the engine clean, and every other statement is exact', async () => {
    const hit = new Map<string, number>()
    const cases: [AbortPhase, SoakApi][] = []
    for (const phase of [
      'before start',
      'authenticate',
      'prepare',
      'execute',
      'metadata',
      'fetch',
    ] as const)
      for (const api of APIS) cases.push([phase, api])
    for (const phase of ['mid-stream', 'break'] as const)
      for (const api of STREAMS) cases.push([phase, api])
    let next = 0
    for (const [phase, api] of cases) {
      const rpc = RPC_OF[phase]
      if (phase === 'authenticate') env.engine.control.expireSessions()
      if (rpc) env.engine.control.injectFault(rpc, { kind: 'delay', ms: 80, after: true })
      const spec: SoakSpec =
        phase === 'break'
          ? { api, rows: 2_000, breakAfter: 700 }
          : { api, rows: 2_000, abortAt: phase, chunkSize: 300 }
      const outcome = await runSoakStatement(target, spec)
      env.engine.control.clearFaults()
      const expected = phase === 'break' ? 'aborted: break' : `aborted: ${phase}`
      expect(describeOutcome(outcome), `${api} aborted at ${phase}`).toBe(expected)
      hit.set(expected, (hit.get(expected) ?? 0) + 1)
      // the pool and the engine keep working: exact rows right after (each API in turn)
      const check = APIS[next++ % APIS.length] as SoakApi
      const ok = await runSoakStatement(target, { api: check, rows: 1_234, chunkSize: 100 })
      expect(describeOutcome(ok), `${check} after ${api}/${phase}`).toBe('ok')
    }
    expect(hit.size).toBe(8)
  }, 120_000)

  it('randomly aborted statements with sessions expiring underneath: no wrong row, typed failures only', async () => {
    const random = prng(7)
    const counts = new Map<string, number>()
    let n = 0
    const expiry = setInterval(() => env.engine.control.expireSessions(), 700)
    try {
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          while (n++ < 300) {
            const spec = drawSpec(random, 0.3, (rows) => 2 + rows / 400)
            const o = await runSoakStatement(target, { ...spec, rows: Math.min(spec.rows, 5_000) })
            const key =
              o.kind === 'failed'
                ? `failed: ${o.error.constructor.name}`
                : o.kind === 'wrong'
                  ? `wrong: ${o.detail}`
                  : o.kind
            counts.set(key, (counts.get(key) ?? 0) + 1)
          }
        }),
      )
    } finally {
      clearInterval(expiry)
    }
    const keys = [...counts.keys()]
    expect(keys.filter((k) => k.startsWith('wrong'))).toEqual([])
    // a statement whose session expired mid-stream is lost (retryable), nothing else may fail
    expect(
      keys.filter((k) => k.startsWith('failed') && k !== 'failed: QueryInterruptedError'),
    ).toEqual([])
    expect(counts.get('ok')).toBeGreaterThan(100)
    expect(counts.get('aborted')).toBeGreaterThan(30)
  }, 120_000)

  afterAll(() => {
    process.off('warning', onWarning)
  })

  it('many statements cleaning up at once (held cancels) leave no warning and nothing open', async () => {
    env.engine.control.injectFault('cancelQuery', { kind: 'delay', ms: 150 }, 24)
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        runSoakStatement(target, { api: APIS[i % 4] as SoakApi, rows: 2_000, abortAt: 'execute' }),
      ),
    )
    expect(new Set(outcomes.map(describeOutcome))).toEqual(new Set(['aborted: execute']))
    await expect.poll(() => env.engine.control.openQueries(), { timeout: 10_000 }).toBe(0)
    expect(warnings).toEqual([])
  })

  it('after close(): no open query on the engine, nothing left in the client, no warning', async () => {
    await target.db.destroy()
    await target.client.close()
    expect(target.client.openQueries).toBe(0)
    expect(env.engine.control.openQueryList()).toEqual([])
    expect(env.engine.control.runningQueries()).toBe(0)
    expect(warnings).toEqual([])
  })
})
