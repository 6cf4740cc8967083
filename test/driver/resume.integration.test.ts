import { afterEach, describe, expect, it } from 'vitest'
import {
  type ClientEvents,
  ClusterResumeError,
  ClusterResumeTimeoutError,
  ClusterSuspendedError,
} from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { eventually } from '../helpers/eventually.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

const env = useEngine(ENGINE_DEFAULTS)
afterEach(async () => {
  if (env.engine.control.clusterState !== 'active') await env.engine.control.resume()
})

describe('auto-resume (protocol §7)', () => {
  it('resumes a suspended cluster once for many concurrent calls, then re-authenticates and retries', async () => {
    const c = env.newClient({ poolSize: 4 })
    await c.query('select 1')
    env.engine.control.suspend()
    env.engine.control.resetCounters()
    const events: string[] = []
    let end: ClientEvents['resume:end'] | undefined
    c.on('resume:start', () => events.push('start'))
    c.on('resume:end', (e) => {
      events.push('end')
      end = e
    })
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => c.query(`select ${i} as i`)),
    )
    expect(results.map((r) => r.rows[0]?.i)).toEqual([0, 1, 2, 3, 4, 5])
    expect(events).toEqual(['start', 'end'])
    expect(end?.ok).toBe(true)
    expect(env.engine.control.calls('cluster.resume')).toBe(1)
    expect(env.engine.control.clusterState).toBe('active')
    await c.close()
  })

  it('autoResume: false → ClusterSuspendedError', async () => {
    const c = env.newClient({ autoResume: false })
    env.engine.control.suspend()
    await expect(c.query('select 1')).rejects.toBeInstanceOf(ClusterSuspendedError)
    expect(await c.cluster.status()).toBe('suspended')
    expect(await c.cluster.resume()).toBe('resuming')
    await eventually(() => env.engine.control.clusterState === 'active')
    expect((await c.query('select 1 as one')).rows).toEqual([{ one: 1 }])
    await c.close()
  })

  it('a failed resume → ClusterResumeError; a slow one → ClusterResumeTimeoutError', async () => {
    const c = env.newClient()
    env.engine.control.suspend()
    env.engine.control.failNextResume()
    await expect(c.query('select 1')).rejects.toBeInstanceOf(ClusterResumeError)
    await env.engine.control.resume()
    env.engine.control.suspend()
    const slow = env.newClient({ autoResumeTimeoutMs: 15, resumePollMs: 5 })
    await expect(slow.query('select 1')).rejects.toBeInstanceOf(ClusterResumeTimeoutError)
    await Promise.all([c.close(), slow.close()])
  })

  it('cluster.suspend() through the client; a 456 on ClusterService switches colour once', async () => {
    const c = env.newClient()
    await c.query('select 1')
    await env.engine.control.switchStrategy({ immediate: true }) // blue now answers 456
    expect(await c.cluster.status()).toBe('active')
    await env.engine.control.switchStrategy({ immediate: true })
    expect(await c.cluster.suspend()).toBe('suspended')
    expect((await c.query('select 3 as three')).rows).toEqual([{ three: 3 }])
    await c.close()
  })
})
