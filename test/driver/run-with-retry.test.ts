import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import type { RpcName } from '../../src/driver/rpc-methods.js'
import { RpcStatusError } from '../../src/driver/rpc-status-error.js'
import {
  type RecoveryHooks,
  type RetryDecision,
  runWithRetry,
} from '../../src/driver/run-with-retry.js'
import {
  ClusterSuspendedError,
  ConnectionError,
  QueryError,
  QueryInterruptedError,
  TimeoutError,
} from '../../src/errors.js'

const policy = { attempts: 5, baseDelayMs: 1, maxDelayMs: 4, budgetMs: 1000 }

function run(
  rpc: RpcName,
  hooks: RecoveryHooks = {},
  extra: { signal?: AbortSignal; deadline?: number } = {},
) {
  const decisions: RetryDecision[] = []
  return {
    decisions,
    run: { rpc, policy, hooks, onRetry: (d: RetryDecision) => decisions.push(d), ...extra },
  }
}

const unavailable = (rpc: RpcName) =>
  new RpcStatusError(rpc, status.UNAVAILABLE, 'Connection dropped')

describe('runWithRetry', () => {
  it('retries transport failures of idempotent calls and reports each decision', async () => {
    const { run: r, decisions } = run('prepareStatementV2')
    let n = 0
    const res = await runWithRetry(r, async () => {
      if (++n < 3) throw unavailable('prepareStatementV2')
      return 'ok'
    })
    expect(res).toBe('ok')
    expect(decisions.map((d) => [d.attempt, d.kind, d.action])).toEqual([
      [1, 'transport', 'retry'],
      [2, 'transport', 'retry'],
    ])
  })

  it('stops after the attempt budget and keeps the first error as cause', async () => {
    const { run: r } = run('status')
    let n = 0
    const err = await runWithRetry(r, async () => {
      throw new RpcStatusError('status', status.UNAVAILABLE, `fail ${++n}`)
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(n).toBe(5)
    expect((err.cause as RpcStatusError).details).toBe('fail 1')
    expect(err.message).toContain('fail 5')
  })

  it('never retries a transport failure on execute or batch fetch', async () => {
    for (const rpc of ['executeStatementV2', 'getNextResultBatch'] as const) {
      const { run: r, decisions } = run(rpc)
      let n = 0
      const err = await runWithRetry(r, async () => {
        n++
        throw unavailable(rpc)
      }).catch((e) => e)
      expect(err).toBeInstanceOf(QueryInterruptedError)
      expect(err.retryable).toBe(true)
      expect(n).toBe(1)
      expect(decisions).toEqual([])
    }
  })

  it('re-authenticates on Access denied, re-detects on 456, resumes once on 503', async () => {
    const calls: string[] = []
    const hooks: RecoveryHooks = {
      reauth: async () => void calls.push('reauth'),
      redetect: async () => void calls.push('redetect'),
      resume: async () => void calls.push('resume'),
    }
    const faults = [
      new RpcStatusError('executeStatementV2', status.INTERNAL, 'Access denied: session expired'),
      new RpcStatusError('executeStatementV2', status.UNKNOWN, 'Received HTTP status code 456'),
      new RpcStatusError('executeStatementV2', status.UNAVAILABLE, 'Received HTTP status code 503'),
    ]
    const { run: r } = run('executeStatementV2', hooks)
    const res = await runWithRetry(r, async ({ n }) => {
      calls.push(`attempt ${n}`)
      const f = faults.shift()
      if (f) throw f
      return n
    })
    expect(res).toBe(4)
    expect(calls).toEqual([
      'attempt 1',
      'reauth',
      'attempt 2',
      'redetect',
      'attempt 3',
      'resume',
      'attempt 4',
    ])

    const { run: r2 } = run('prepareStatementV2', hooks)
    const err = await runWithRetry(r2, async () => {
      throw new RpcStatusError(
        'prepareStatementV2',
        status.UNAVAILABLE,
        'Received HTTP status code 503',
      )
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ClusterSuspendedError)
  })

  it('throws ClusterSuspendedError at once when auto-resume is off', async () => {
    const { run: r } = run('prepareStatementV2', {})
    let n = 0
    const err = await runWithRetry(r, async () => {
      n++
      throw new RpcStatusError(
        'prepareStatementV2',
        status.UNAVAILABLE,
        'Received HTTP status code 503',
      )
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ClusterSuspendedError)
    expect(n).toBe(1)
  })

  it('surfaces engine errors with the server message, without retrying', async () => {
    const { run: r } = run('prepareStatementV2')
    let n = 0
    const err = await runWithRetry(r, async () => {
      n++
      throw new RpcStatusError(
        'prepareStatementV2',
        status.INVALID_ARGUMENT,
        'Parser Error: syntax error at "selec"',
      )
    }).catch((e) => e)
    expect(err).toBeInstanceOf(QueryError)
    expect(err.message).toBe('Parser Error: syntax error at "selec"')
    expect(err.grpcCode).toBe(status.INVALID_ARGUMENT)
    expect(n).toBe(1)
  })

  it('turns aborts into AbortError, and rethrows the query deadline as its TimeoutError', async () => {
    const ac = new AbortController()
    const { run: r } = run('status', {}, { signal: ac.signal })
    const p = runWithRetry(r, async () => {
      ac.abort()
      throw new RpcStatusError('status', status.CANCELLED, 'Cancelled on client')
    })
    await expect(p).rejects.toMatchObject({ name: 'AbortError' })

    const timeout = new TimeoutError({
      phase: 'fetch',
      rpc: 'getNextResultBatch',
      option: 'timeoutMs',
      limitMs: 5,
      elapsedMs: 6,
    })
    const ac2 = new AbortController()
    const { run: r2 } = run('getNextResultBatch', {}, { signal: ac2.signal })
    const err = await runWithRetry(r2, async () => {
      ac2.abort(timeout)
      throw new RpcStatusError('getNextResultBatch', status.CANCELLED, 'Cancelled on client')
    }).catch((e) => e)
    expect(err).toBe(timeout)
  })

  it('per-call deadlines: retried, then a TimeoutError naming phase, RPC, limit and attempts', async () => {
    const { run: r, decisions } = run('prepareStatementV2')
    const limited = { ...r, limit: { option: 'timeouts.prepareMs', ms: 40 } }
    let n = 0
    const err = await runWithRetry(limited, async () => {
      n++
      throw new RpcStatusError('prepareStatementV2', status.DEADLINE_EXCEEDED, 'Deadline exceeded')
    }).catch((e) => e)
    expect(n).toBe(5)
    expect(decisions.map((d) => d.kind)).toEqual(['deadline', 'deadline', 'deadline', 'deadline'])
    expect(err).toBeInstanceOf(TimeoutError)
    expect(err).toMatchObject({
      phase: 'prepare',
      rpc: 'prepareStatementV2',
      option: 'timeouts.prepareMs',
      limitMs: 40,
    })
    expect(err.message).toMatch(
      /^prepare timed out after \d+ ms \(timeouts\.prepareMs = 40 ms, during prepareStatementV2\): 5 attempts: Deadline exceeded$/,
    )
  })

  it('a connect timeout is a TimeoutError of phase connect', async () => {
    const { run: r } = run('authenticate')
    const err = await runWithRetry({ ...r, connectMs: 25 }, async () => {
      throw new RpcStatusError('authenticate', status.DEADLINE_EXCEEDED, 'no connection', 'connect')
    }).catch((e) => e)
    expect(err).toMatchObject({
      name: 'TimeoutError',
      phase: 'connect',
      option: 'timeouts.connectMs',
      limitMs: 25,
    })
  })

  it('retry.budgetMs is wall-clock time for attempts plus backoff; retries get its end as deadline', async () => {
    const { run: r } = run('status')
    const budgeted = { ...r, policy: { ...policy, attempts: 100, budgetMs: 120 } }
    const seen: { n: number; deadline: number | undefined }[] = []
    const started = Date.now()
    const err = await runWithRetry(budgeted, async (a) => {
      seen.push(a)
      await new Promise((res) => setTimeout(res, 30)) // each attempt takes time, not only the backoff
      throw unavailable('status')
    }).catch((e) => e)
    const elapsed = Date.now() - started
    expect(err).toBeInstanceOf(ConnectionError)
    expect(err.message).toContain('retries exhausted')
    expect(elapsed).toBeLessThan(2_000) // not 100 attempts × 30 ms
    expect(seen.length).toBeLessThanOrEqual(5)
    expect(seen[0]?.deadline).toBeUndefined()
    const end = seen[1]?.deadline as number
    expect(end).toBeGreaterThanOrEqual(started + 120)
    expect(end).toBeLessThanOrEqual(started + 1_000)
    for (const a of seen.slice(1)) expect(a.deadline).toBe(end)

    const err2 = await runWithRetry(budgeted, async () => {
      await new Promise((res) => setTimeout(res, 30))
      throw new RpcStatusError('status', status.DEADLINE_EXCEEDED, 'Deadline exceeded')
    }).catch((e) => e)
    expect(err2).toMatchObject({ name: 'TimeoutError', option: 'retry.budgetMs', limitMs: 120 })
  })

  it('re-authenticates once after Access denied even when transport retries used up the attempts', async () => {
    const calls: string[] = []
    const hooks: RecoveryHooks = { reauth: async () => void calls.push('reauth') }
    const { run: r } = run('prepareStatementV2', hooks)
    const few = { ...r, policy: { ...policy, attempts: 3 } }
    const res = await runWithRetry(few, async ({ n }) => {
      calls.push(`attempt ${n}`)
      if (n < 3) throw unavailable('prepareStatementV2') // the engine is restarting
      if (n === 3)
        throw new RpcStatusError(
          'prepareStatementV2',
          status.INTERNAL,
          'Access denied: invalid session',
        )
      return 'ok'
    })
    expect(res).toBe('ok')
    expect(calls).toEqual(['attempt 1', 'attempt 2', 'attempt 3', 'reauth', 'attempt 4'])

    // a second Access denied right after a fresh session is not re-authenticated for free
    const { run: r2 } = run('prepareStatementV2', hooks)
    let n2 = 0
    const err = await runWithRetry({ ...r2, policy: { ...policy, attempts: 2 } }, async () => {
      n2++
      throw new RpcStatusError('prepareStatementV2', status.INTERNAL, 'Access denied: expired')
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(n2).toBe(3)
  })

  it('never sleeps past the deadline', async () => {
    const { run: r } = run('status', {}, { deadline: Date.now() + 2 })
    const slow = {
      ...r,
      policy: { ...policy, baseDelayMs: 1000, maxDelayMs: 1000 },
      random: () => 0.99,
    }
    const started = Date.now()
    const err = await runWithRetry(slow, async () => {
      throw unavailable('status')
    }).catch((e) => e)
    expect(err).toBeInstanceOf(ConnectionError)
    expect(Date.now() - started).toBeLessThan(500)
  })
})
