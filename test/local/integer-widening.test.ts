/**
 * DuckDB widens integer results where e6data does not (README, "Integer widening"):
 * integer sums, hash(), unsigned and 128-bit columns travel as LONG, and a value beyond int64 fails
 * the query like an e6data BIGINT overflow. Other aggregates keep their type.
 */
import { describe, expect, it } from 'vitest'
import { QueryError } from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'

const env = useEngine({ sampleData: false })

const T =
  '(values (1::tinyint, 2::smallint, 3::integer, 4::bigint, 5::hugeint, 6::ubigint, 7::uhugeint, 1.25::decimal(10,2))) t(ti, si, i, b, h, ub, uh, d)'

async function typed(expr: string): Promise<{ type: string; value: unknown }> {
  const r = await env.client.query(`select ${expr} as v from ${T}`)
  return { type: r.columns[0]!.typeName, value: r.rows[0]!.v }
}

describe('integer results travel as e6data returns them', () => {
  it.each([
    ['sum(ti)', 1n],
    ['sum(si)', 2n],
    ['sum(i)', 3n],
    ['sum(b)', 4n],
    ['sum(h)', 5n],
    ['sum(DISTINCT i)', 3n],
    ['sum(i) over ()', 3n],
    ['h', 5n],
    ['ub', 6n],
    ['uh', 7n],
    ['max(h)', 5n],
    ['min(ub)', 6n],
    ['abs(h)', 5n],
    ['count(*)', 1n],
    ['count(DISTINCT i)', 1n],
    ['row_number() over ()', 1n],
    ["length('abc')", 3n],
    ["extract(year from date '2024-05-06')", 2024n],
  ])('%s → LONG', async (expr, value) => {
    expect(await typed(expr)).toEqual({ type: 'LONG', value })
  })

  it('hash() (UBIGINT) → LONG when it fits, else an overflow error', async () => {
    const r = await env.client.query(
      'select count(*) as n, count(*) filter (where hash(x) <= 9223372036854775807::ubigint) as fits from range(200) t(x)',
    )
    const fits = r.rows[0]!.fits as bigint
    expect(fits).toBeGreaterThan(0n)
    const one = await env.client.query(
      'select hash(x) as h from range(200) t(x) where hash(x) <= 9223372036854775807::ubigint limit 1',
    )
    expect(one.columns[0]!.typeName).toBe('LONG')
    expect(typeof one.rows[0]!.h).toBe('bigint')
  })

  it.each([
    ['avg(i)', 'DOUBLE', 3],
    ['i / 2', 'DOUBLE', 1.5],
    ['sum(d)', 'DECIMAL128', '1.25'],
    ['i + i', 'INTEGER', 6],
    ['max(i)', 'INTEGER', 3],
  ])('%s keeps its type (%s)', async (expr, type, value) => {
    expect(await typed(expr)).toEqual({ type, value })
  })

  it.each([
    [
      'an integer sum beyond int64',
      'select sum(x) as s from (values (9223372036854775807::bigint), (1::bigint)) t(x)',
    ],
    ['a UBIGINT beyond int64', 'select 18446744073709551615::ubigint as u'],
    ['a HUGEINT beyond int64', 'select (2::hugeint ** 100)::hugeint as h'],
  ])('%s fails the query with an overflow error naming the fix', async (_, sql) => {
    const error = await env.client.query(sql).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(QueryError)
    expect((error as Error).message).toMatch(/integer overflow/)
    expect((error as Error).message).toMatch(/DECIMAL\(38,0\)/)
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('a cast to DECIMAL(38,0) keeps wider values', async () => {
    const r = await env.client.query(
      'select cast(sum(x) as decimal(38,0)) as s from (values (9223372036854775807::bigint), (1::bigint)) t(x)',
    )
    expect(r.rows).toEqual([{ s: '9223372036854775808' }])
  })
})
