/**
 * What the local engine knowingly does differently from (or not knowably like) e6data, asserted so
 * a change is noticed; the e6 constructs themselves are tested one by one in e6-catalogue.test.ts.
 */

import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'
import { callError, runQuery } from './helpers.js'

type Row = Record<string, unknown>

interface Differs {
  readonly feature: string
  readonly sql: string
  readonly rows: readonly Row[]
  /** What e6data does instead (e6-sql.md), for the reader. */
  readonly e6: string
}

const DIFFERS: readonly Differs[] = [
  {
    feature: 'quoted identifiers are case-insensitive',
    sql: 'SELECT "NAME" AS n FROM customers WHERE customer_id = 1',
    rows: [{ n: 'Zara Nair' }],
    e6: 'unknown (Calcite-style engines are case-sensitive for quoted names)',
  },
  {
    feature: 'default null order (NULLS LAST for ASC and DESC)',
    sql: 'SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x DESC',
    rows: [{ x: 2 }, { x: 1 }, { x: null }],
    e6: 'unknown: write NULLS FIRST/LAST explicitly',
  },
]

describe('e6 SQL: known local differences and statement-level refusals', () => {
  const env = useEngine({ port: 0, bigTableRows: 2_000, login: true })

  it.each(DIFFERS)('differs from e6: $feature', async ({ sql, rows }) => {
    const result = await runQuery(env, sql)
    expect(result.rows).toEqual(rows)
  })

  it.each([
    ['SELECT 1;', /statement terminator ';' is not supported/],
    ['SELECT 1; SELECT 2', /multiple statements are not supported/],
    ['INSERT INTO orders VALUES (1)', /INSERT statements are not supported/],
  ])('refuses %s', async (sql, message) => {
    const error = await callError(runQuery(env, sql))
    expect({ code: error.code, details: error.details }).toEqual({
      code: status.INVALID_ARGUMENT,
      details: expect.stringMatching(message),
    })
  })

  it('leaves no query open', () => {
    expect(env.engine.control.openQueries()).toBe(0)
  })
})
