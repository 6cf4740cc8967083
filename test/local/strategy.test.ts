import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine, withEngine } from '../helpers/engine-fixture.js'
import { callError, delay, prepare, unary } from './helpers.js'

describe('local engine: blue/green strategy', () => {
  const auth = (strategy?: string) =>
    unary(env.rpc, 'authenticate', { ...env.engine.credentials }, { strategy })

  const env = useEngine({ sampleData: false })

  it('serves the active colour (blue) with or without a header; the other colour gets HTTP 456', async () => {
    expect(env.engine.strategy).toBe('blue')
    expect((await auth()).sessionId).not.toBe('')
    expect((await auth('blue')).sessionId).not.toBe('')
    expect((await auth('BLUE')).sessionId).not.toBe('')
    const err = await callError(auth('green'))
    expect(err.code).toBe(status.UNKNOWN)
    expect(err.details).toContain('Received HTTP status code 456')
    expect((await callError(auth('purple'))).details).toContain('456')
  })

  it('announces, hints new_strategy on the old colour, then cuts over when drained', async () => {
    const blueSession = (await auth('blue')).sessionId
    const q = await prepare(env.rpc, env.engine, blueSession, 'SELECT 1 AS one', {
      strategy: 'blue',
    })
    const switched = env.engine.control.switchStrategy({ drainMs: 10_000 })
    let cutOver = false
    void switched.then(() => {
      cutOver = true
    })

    // announce phase: both colours accepted
    const blueAuth = await auth('blue')
    expect(blueAuth.newStrategy).toBe('green')
    const st = await unary(env.rpc, 'status', q, { strategy: 'blue' })
    expect(st.newStrategy).toBe('green')
    const schemas = await unary(
      env.rpc,
      'getSchemaNamesV2',
      { sessionId: blueSession, catalog: '' },
      { strategy: 'blue' },
    )
    expect(schemas.newStrategy).toBe('green')
    const green = await auth('green')
    expect(green.sessionId).not.toBe('')
    expect(green.newStrategy).toBeUndefined()
    const greenSchemas = await unary(
      env.rpc,
      'getSchemaNamesV2',
      { sessionId: green.sessionId, catalog: '' },
      { strategy: 'green' },
    )
    expect(greenSchemas.newStrategy).toBeUndefined()
    // sessions are bound to their colour
    const cross = await callError(
      unary(
        env.rpc,
        'getSchemaNamesV2',
        { sessionId: blueSession, catalog: '' },
        { strategy: 'green' },
      ),
    )
    expect(cross.details).toMatch(/^Access denied/)

    await delay(60)
    expect(cutOver).toBe(false)
    await unary(env.rpc, 'clear', q, { strategy: 'blue' })
    await switched
    expect(env.engine.strategy).toBe('green')

    // after cutover: blue → 456, no header → green
    expect((await callError(auth('blue'))).details).toContain('Received HTTP status code 456')
    expect((await auth()).newStrategy).toBeUndefined()
    const ok = await unary(
      env.rpc,
      'getSchemaNamesV2',
      { sessionId: green.sessionId, catalog: '' },
      { strategy: 'green' },
    )
    expect(ok.schemas.length).toBeGreaterThan(0)
  })

  it('cuts over after drainMs even with open queries, dropping them', async () => {
    const greenSession = (await auth('green')).sessionId
    await prepare(env.rpc, env.engine, greenSession, 'SELECT 1', { strategy: 'green' })
    const open = env.engine.control.openQueries()
    const started = Date.now()
    await env.engine.control.switchStrategy({ drainMs: 150 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(env.engine.strategy).toBe('blue')
    await delay(10)
    expect(env.engine.control.openQueries()).toBe(open - 1)
    const err = await callError(
      unary(
        env.rpc,
        'getSchemaNamesV2',
        { sessionId: greenSession, catalog: '' },
        { strategy: 'green' },
      ),
    )
    expect(err.details).toContain('456')
  })

  it('switches immediately without an announce', async () => {
    const blueSession = (await auth()).sessionId
    await env.engine.control.switchStrategy({ immediate: true })
    expect(env.engine.strategy).toBe('green')
    expect((await callError(auth('blue'))).details).toContain('456')
    const err = await callError(
      unary(
        env.rpc,
        'getSchemaNamesV2',
        { sessionId: blueSession, catalog: '' },
        { strategy: 'green' },
      ),
    )
    expect(err.details).toMatch(/^Access denied/)
    await env.engine.control.switchStrategy({ immediate: true })
    expect(env.engine.strategy).toBe('blue')
  })

  it('changes colour on every one of several back-to-back drain and immediate switches', async () => {
    const expectServes = async (colour: 'blue' | 'green') => {
      expect(env.engine.strategy).toBe(colour)
      expect((await auth(colour)).sessionId).not.toBe('')
      const other = colour === 'blue' ? 'green' : 'blue'
      expect((await callError(auth(other))).details).toContain('456')
    }
    let colour = env.engine.strategy
    const flip = () => {
      colour = colour === 'blue' ? 'green' : 'blue'
      return colour
    }
    // drain switches with nothing open: each completes at once and must still change colour
    for (let i = 0; i < 3; i++) {
      await env.engine.control.switchStrategy({ drainMs: 5_000 })
      await expectServes(flip())
    }
    // immediate and drain switches interleaved
    for (const immediate of [true, false, true, true, false, false]) {
      await env.engine.control.switchStrategy({ immediate, drainMs: 5_000 })
      await expectServes(flip())
    }
    // drain switches with an open query that is cleared while the switch waits
    for (let i = 0; i < 2; i++) {
      const session = (await auth(colour)).sessionId
      const q = await prepare(env.rpc, env.engine, session, 'SELECT 1', { strategy: colour })
      const switched = env.engine.control.switchStrategy({ drainMs: 10_000 })
      expect(env.engine.control.switchStrategy()).toBe(switched) // joined, not a second switch
      await delay(40)
      expect(env.engine.strategy).toBe(colour)
      await unary(env.rpc, 'clear', q, { strategy: colour })
      await switched
      await expectServes(flip())
    }
    // a drain switch with an open query, overtaken by an immediate switch
    const session = (await auth(colour)).sessionId
    await prepare(env.rpc, env.engine, session, 'SELECT 1', { strategy: colour })
    const pending = env.engine.control.switchStrategy({ drainMs: 10_000 })
    await env.engine.control.switchStrategy({ immediate: true })
    await pending
    await expectServes(flip())
    await env.engine.control.switchStrategy({ drainMs: 5_000 })
    await expectServes(flip())
  })

  it('starts on green when configured', async () => {
    await withEngine(
      { sampleData: false, strategy: 'green' },
      async ({ engine: green, rpc: c }) => {
        const err = await callError(
          unary(c, 'authenticate', { ...green.credentials }, { strategy: 'blue' }),
        )
        expect(err.details).toContain('456')
        const res = await unary(c, 'authenticate', { ...green.credentials }, { strategy: 'green' })
        expect(res.sessionId).not.toBe('')
      },
    )
  })
})
