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
    const res = await runWithRetry(r, async (n) => {
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

  it('turns aborts and the query deadline into AbortError', async () => {
    const ac = new AbortController()
    const { run: r } = run('status', {}, { signal: ac.signal })
    const p = runWithRetry(r, async () => {
      ac.abort()
      throw new RpcStatusError('status', status.CANCELLED, 'Cancelled on client')
    })
    await expect(p).rejects.toMatchObject({ name: 'AbortError' })

    const { run: r2 } = run('getNextResultBatch', {}, { deadline: Date.now() - 1 })
    const err = await runWithRetry(r2, async () => {
      throw new RpcStatusError('getNextResultBatch', status.DEADLINE_EXCEEDED, 'Deadline exceeded')
    }).catch((e) => e)
    expect(err.name).toBe('AbortError')
    expect(err.cause.name).toBe('TimeoutError')
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
