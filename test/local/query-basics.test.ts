import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'
import { callError, login, runQuery, unary } from './helpers.js'

describe('local engine: basic query sequence', () => {
  const env = useEngine({ bigTableRows: 20_000 })

  it('authenticates with the default account', async () => {
    const res = await unary(env.rpc, 'authenticate', { ...env.engine.credentials })
    expect(res.sessionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers OK with an empty session id for a wrong password', async () => {
    const res = await unary(env.rpc, 'authenticate', {
      user: env.engine.credentials.user,
      password: 'wrong',
    })
    expect(res.sessionId).toBe('')
  })

  it('runs prepare → execute → metadata → batches → clear', async () => {
    const sessionId = await login(env.rpc, env.engine)
    const result = await runQuery(
      env.rpc,
      env.engine,
      sessionId,
      'SELECT customer_id, name, signup_date FROM customers ORDER BY customer_id LIMIT 3',
    )
    expect(result.metadata.columns.map((c) => [c.name, c.typeName])).toEqual([
      ['customer_id', 'LONG'],
      ['name', 'STRING'],
      ['signup_date', 'DATE'],
    ])
    expect(result.metadata.rowCount).toBe(3n)
    expect(result.rows.map((r) => r.customer_id)).toEqual([1n, 2n, 3n])
    expect(result.rows[0]?.name).toBe('Zara Nair')
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('rejects unknown query ids with NOT_FOUND', async () => {
    const sessionId = await login(env.rpc, env.engine)
    const err = await callError(
      unary(env.rpc, 'executeStatementV2', {
        engineIP: '127.0.0.1',
        sessionId,
        queryId: 'nope',
        shouldNotCache: false,
        params: [],
      }),
    )
    expect(err.code).toBe(status.NOT_FOUND)
  })
})
