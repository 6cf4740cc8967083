import { describe, expect, it } from 'vitest'
import { backoffDelay, RETRY_TABLE, retryAction } from '../../src/driver/retry-policy.js'
import { RPC_METHODS } from '../../src/driver/rpc-methods.js'

const policy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 60_000 }

describe('retry table (protocol §5.3)', () => {
  it('has a rule for every RPC the driver sends', () => {
    expect(Object.keys(RETRY_TABLE).sort()).toEqual(Object.keys(RPC_METHODS).sort())
  })

  it('never retries execute or getNextResultBatch after a transport failure', () => {
    expect(retryAction('executeStatementV2', 'transport')).toBe('interrupt')
    expect(retryAction('executeStatement', 'transport')).toBe('interrupt')
    expect(retryAction('getNextResultBatch', 'transport')).toBe('interrupt')
    expect(retryAction('getNextResultBatch', 'deadline')).toBe('interrupt')
  })

  it('recovers refused executes by re-preparing', () => {
    expect(RETRY_TABLE.executeStatementV2.reprepare).toBe(true)
    expect(retryAction('executeStatementV2', 'session-expired')).toBe('reauth')
    expect(retryAction('executeStatementV2', 'strategy-rejected')).toBe('redetect')
    expect(retryAction('executeStatementV2', 'cluster-suspended')).toBe('resume')
  })

  it('interrupts pinned calls when the session, colour or cluster is gone', () => {
    for (const rpc of [
      'getResultMetadata',
      'status',
      'explain',
      'explainAnalyze',
      'getNextResultBatch',
    ] as const) {
      expect(retryAction(rpc, 'session-expired')).toBe('interrupt')
      expect(retryAction(rpc, 'strategy-rejected')).toBe('interrupt')
      expect(retryAction(rpc, 'cluster-suspended')).toBe('interrupt')
    }
    expect(retryAction('getResultMetadata', 'transport')).toBe('retry')
  })

  it('retries new work and gives up quietly on cleanup', () => {
    expect(retryAction('prepareStatementV2', 'transport')).toBe('retry')
    expect(retryAction('getTablesV2', 'strategy-rejected')).toBe('redetect')
    expect(retryAction('clearOrCancelQuery', 'session-expired')).toBe('retry')
    expect(RETRY_TABLE.clearOrCancelQuery.maxAttempts).toBe(2)
    expect(retryAction('authenticate', 'session-expired')).toBe('fail')
    expect(retryAction('prepareStatementV2', 'engine')).toBe('fail')
  })

  it('backs off with full jitter, exponentially, capped', () => {
    expect(backoffDelay(0, policy, () => 0.999)).toBe(199)
    expect(backoffDelay(3, policy, () => 0.5)).toBe(800)
    expect(backoffDelay(10, policy, () => 0.999)).toBe(4995)
    expect(backoffDelay(2, policy, () => 0)).toBe(0)
  })
})
