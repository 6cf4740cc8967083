/**
 * The client's string-escape rule against the engine's, over real gRPC: the matrix client
 * auto/backslash/standard × engine backslash/standard with the injection corpus, the probe's
 * single-flight and cache, refusals before the statement is sent, and re-probing after a
 * blue/green switch.
 */

import { describe, expect, it } from 'vitest'
import {
  E6dataAbortError,
  type E6dataClient,
  type E6dataClientOptions,
  InvalidArgumentError,
  StrategyCache,
  StringEscapeMismatchError,
  StringEscapeProbeError,
} from '../../src/driver/index.js'
import type { LocalEngine } from '../../src/local/index.js'
import type { StringEscapeMode } from '../../src/sql/index.js'
import { type EngineFixture, useEngine, withEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { INJECTION_CORPUS } from '../sql/injection-corpus.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

const fixtures: Record<StringEscapeMode, EngineFixture> = {
  backslash: useEngine({ ...ENGINE_DEFAULTS, bigTableRows: 100, stringEscape: 'backslash' }),
  standard: useEngine({ ...ENGINE_DEFAULTS, bigTableRows: 100, stringEscape: 'standard' }),
}
const engines = {
  get backslash(): LocalEngine {
    return fixtures.backslash.engine
  },
  get standard(): LocalEngine {
    return fixtures.standard.engine
  },
}

/** A client of the engine with rule `rule` (fast test settings, private strategy cache). */
function clientOf(
  rule: StringEscapeMode,
  options: Partial<E6dataClientOptions> = {},
): E6dataClient {
  return fixtures[rule].newClient(options)
}

/** Counts the probes a client runs (each one emits `stringEscape:detected`). */
function probeCounter(client: E6dataClient): () => number {
  let n = 0
  client.on('stringEscape:detected', () => n++)
  return () => n
}

/** Every call that reached the engine's handlers, summed. */
function totalCalls(engine: LocalEngine): number {
  return Object.values(engine.control.calls()).reduce((a, b) => a + b, 0)
}

const RULE_DEPENDENT = INJECTION_CORPUS.filter(({ value }) => /['\\]/.test(value))

describe.each(['backslash', 'standard'] as const)('an engine with the %s rule', (engineRule) => {
  const other: StringEscapeMode = engineRule === 'backslash' ? 'standard' : 'backslash'

  for (const clientRule of ['auto', engineRule] as const) {
    it(`client '${clientRule}': the injection corpus round-trips exactly and injects nothing`, async () => {
      const engine = engines[engineRule]
      const client = clientOf(engineRule, { stringEscape: clientRule })
      const probes = probeCounter(client)
      const prepares = engine.control.calls('prepareStatementV2')
      try {
        for (const { name, value } of INJECTION_CORPUS) {
          const { rows } = await client.query('select ? as v, ? as w, 1 as one', [value, [value]])
          expect(rows, name).toEqual([{ v: value, w: value, one: 1 }])
          const hits = await client.query(
            'select count(*) as n from customers where name = ? or name in ?',
            [value, [value, 'x']],
          )
          expect(hits.rows, name).toEqual([{ n: 0n }])
        }
        expect(client.stringEscape).toEqual({ configured: clientRule, detected: engineRule })
        expect(probes()).toBe(1)
        expect(engine.control.calls('prepareStatementV2') - prepares).toBe(
          2 * INJECTION_CORPUS.length + 1,
        )
      } finally {
        await client.close()
      }
    })
  }

  it(`client '${other}': a statement that depends on the rule is refused before it is sent`, async () => {
    const engine = engines[engineRule]
    const client = clientOf(engineRule, { stringEscape: other })
    try {
      // the attacks: they would return every row under the wrong rule
      const attacks = [["x' OR 1=1 --"], ["x\\' OR 1=1 --"], ['\\', ' OR 1=1 --']]
      const before = engine.control.calls('prepareStatementV2')
      for (const params of attacks) {
        const sql = `select count(*) as n from customers where name = ?${params.length > 1 ? ' and name = ?' : ''}`
        const error = await client.query(sql, params).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(StringEscapeMismatchError)
        expect((error as Error).message).toContain(`'${other}'`)
        expect((error as Error).message).toContain(`'${engineRule}'`)
        expect(error).toMatchObject({ configured: other, detected: engineRule })
      }
      // one prepare: the probe; no attack reached the engine
      expect(engine.control.calls('prepareStatementV2') - before).toBe(1)
      // once measured, the refusal costs no RPC at all
      const calls = totalCalls(engine)
      await expect(client.query('select ? as v', ["it's"])).rejects.toThrow(
        StringEscapeMismatchError,
      )
      expect(totalCalls(engine)).toBe(calls)
      // values that render the same under both rules still run
      const { rows } = await client.query('select ? as v, ? as w', ['plain text\nline 2', 42])
      expect(rows).toEqual([{ v: 'plain text\nline 2', w: 42 }])
    } finally {
      await client.close()
    }
  })
})

describe("'auto' probes only when needed, once", () => {
  it('never probes for a statement whose strings hold neither a quote nor a backslash', async () => {
    const engine = engines.standard
    const client = clientOf('standard')
    const probes = probeCounter(client)
    const prepares = engine.control.calls('prepareStatementV2')
    try {
      const { rows } = await client.query(
        "select ? as a, ? as b, ? as c, 'it''s' as e, 'x\\y' as f, ? as g from customers where name in ? limit 1",
        ['tab\tnew line\n/* -- ?', 12.5, new Date(0), 9007199254740993n, ['a', 'b']],
      )
      expect(rows).toEqual([])
      const one = await client.query("select ? as a, 'it''s' as e, 'x\\y' as f", ['a\r\nb'])
      expect(one.rows).toEqual([{ a: 'a\r\nb', e: "it's", f: 'x\\y' }])
      expect(probes()).toBe(0)
      expect(engine.control.calls('prepareStatementV2') - prepares).toBe(2)
      expect(client.stringEscape.detected).toBeUndefined()
    } finally {
      await client.close()
    }
  })

  it('runs one probe for many concurrent statements and clients of an endpoint', async () => {
    const cache = new StrategyCache()
    const a = clientOf('backslash', { strategyCache: cache, poolSize: 3 })
    const b = clientOf('backslash', { strategyCache: cache, poolSize: 3 })
    const detected: unknown[] = []
    a.on('stringEscape:detected', (e) => detected.push(e))
    b.on('stringEscape:detected', (e) => detected.push(e))
    try {
      const values = Array.from({ length: 12 }, (_, i) => `it's #${i} \\`)
      const results = await Promise.all(
        values.map((v, i) => (i % 2 ? a : b).query('select ? as v', [v])),
      )
      expect(results.map((r) => r.rows[0]?.v)).toEqual(values)
      expect(detected).toEqual([
        { rule: 'backslash', configured: 'auto', durationMs: expect.any(Number) },
      ])
      expect(a.stringEscape.detected).toBe('backslash')
      expect(b.toJSON()).toMatchObject({ stringEscape: 'auto', detectedStringEscape: 'backslash' })
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('logs the detected rule and lets callers ask for it', async () => {
    const lines: unknown[][] = []
    const client = clientOf('standard', {
      logger: { info: (...args: unknown[]) => lines.push(args) },
    })
    try {
      expect(await client.detectStringEscape()).toBe('standard')
      expect(lines).toContainEqual([
        'string escape rule detected',
        expect.objectContaining({ rule: 'standard', configured: 'auto' }),
      ])
      // cached: no second probe, no RPC
      const calls = totalCalls(engines.standard)
      expect(await client.detectStringEscape()).toBe('standard')
      expect(totalCalls(engines.standard)).toBe(calls)
    } finally {
      await client.close()
    }
  })

  it('needs no probe with server-side binding, also for values with quotes', async () => {
    const client = clientOf('standard')
    const probes = probeCounter(client)
    const session = await client.acquireSession()
    try {
      for (const { value } of RULE_DEPENDENT) {
        const { rows } = await session.execute('select ? as v', { bindParams: [value] })
        expect(rows).toEqual([{ v: value }])
      }
      expect(probes()).toBe(0)
    } finally {
      session.release()
      await client.close()
    }
  })

  it('a caller that aborts while its probe runs does not fail the callers waiting on it', async () => {
    const engine = engines.backslash
    const client = clientOf('backslash', { poolSize: 2 })
    engine.control.injectFault('prepareStatementV2', { kind: 'delay', ms: 400 })
    try {
      const first = client.query('select ? as v', ["a'"], { signal: AbortSignal.timeout(100) })
      await new Promise((r) => setTimeout(r, 20))
      const second = client.query('select ? as v', ["b'"])
      await expect(first).rejects.toBeInstanceOf(E6dataAbortError)
      expect((await second).rows).toEqual([{ v: "b'" }])
      expect(client.stringEscape.detected).toBe('backslash')
      // the aborted probe's late prepare is cancelled and cleared on the engine
      await eventually(() => engine.control.openQueries() === 0)
    } finally {
      engine.control.clearFaults()
      await client.close()
    }
  })

  it('a probe that fails is a typed error, not a guess, and is retried by the next statement', async () => {
    const engine = engines.standard
    const client = clientOf('standard', { retry: { attempts: 1 } })
    engine.control.injectFault('prepareStatementV2', {
      kind: 'grpc',
      code: 3,
      message: 'no length function here',
    })
    try {
      const error = await client.query('select ? as v', ["it's"]).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StringEscapeProbeError)
      expect((error as Error).message).toMatch(/length/)
      expect((await client.query('select ? as v', ["it's"])).rows).toEqual([{ v: "it's" }])
    } finally {
      engine.control.clearFaults()
      await client.close()
    }
  })
})

describe('re-probing after a blue/green switch', () => {
  it('forgets the rule when the colour changes and measures the new deployment', async () => {
    await withEngine({ sampleData: false, stringEscape: 'standard' }, async (f) => {
      const { engine } = f
      const client = f.newClient()
      const detected: unknown[] = []
      client.on('stringEscape:detected', (e) => detected.push(e.rule))
      expect((await client.query('select ? as v', ["it's"])).rows).toEqual([{ v: "it's" }])
      expect(client.stringEscape.detected).toBe('standard')
      await engine.control.switchStrategy({ immediate: true })
      // the next call on the old colour is refused (456); the client re-detects the colour …
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }])
      expect(client.stringEscape.detected).toBeUndefined()
      // … and the next statement that needs the rule measures it again
      expect((await client.query('select ? as v', ['a\\b'])).rows).toEqual([{ v: 'a\\b' }])
      expect(detected).toEqual(['standard', 'standard'])
    })
  })
})

describe('statement text is checked before the rule is needed', () => {
  it("refuses the issue's nested-comment template instead of filling a placeholder inside it", async () => {
    const client = clientOf('backslash')
    const calls = totalCalls(engines.backslash)
    try {
      await expect(
        client.query('select 1 as a /* /* */, ? as v', ['*/, 42 as injected --']),
      ).rejects.toBeInstanceOf(InvalidArgumentError)
      await expect(client.query('select /* /* ? */ ? */ ? as v', [1, 2])).rejects.toThrow(
        /1 \? placeholder\(s\) but 2 parameter\(s\)/,
      )
      expect(totalCalls(engines.backslash)).toBe(calls)
      const { rows } = await client.query('select /* /* ? */ ? */ ? as v', ["'"])
      expect(rows).toEqual([{ v: "'" }])
    } finally {
      await client.close()
    }
  })
})
