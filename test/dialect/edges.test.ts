/**
 * Rough edges of the dialect against the local engine: `limit(null)`, bind-mode LIMIT in a
 * correlated subquery, narrowest bound number types.
 */
import { Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { E6dataDialect, StrategyCache } from '../../src/index.js'
import { useEngine } from '../helpers/engine-fixture.js'

interface DB {
  customers: { customer_id: bigint; name: string; country: string }
  orders: { order_id: bigint; customer_id: bigint; status: string }
}

const env = useEngine({ bigTableRows: 1_000 })
const dbs: Kysely<DB>[] = []

function dbFor(parameterMode: 'interpolate' | 'bind'): Kysely<DB> {
  const db = new Kysely<DB>({
    dialect: new E6dataDialect({
      ...env.engine.connection,
      strategyCache: new StrategyCache(),
      parameterMode,
    }),
  })
  dbs.push(db)
  return db
}

afterAll(async () => {
  await Promise.all(dbs.map((db) => db.destroy()))
})

describe.each(['interpolate', 'bind'] as const)('parameterMode %s', (mode) => {
  it('limit(null) and offset(null) mean no limit and no offset', async () => {
    const db = dbFor(mode)
    const all = await db
      .selectFrom('customers')
      .select(sql<bigint>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    const size: number | null = null
    const rows = await db
      .selectFrom('customers')
      .select('customer_id')
      .limit(size)
      .offset(null as unknown as number) // JS callers; Kysely types null only for limit
      .execute()
    expect(BigInt(rows.length)).toBe(all.n)
  })

  it('LIMIT inside a correlated subquery runs', async () => {
    const db = dbFor(mode)
    const rows = await db
      .selectFrom('customers as c')
      .select((eb) => [
        'c.customer_id',
        eb
          .selectFrom('orders as o')
          .select('o.order_id')
          .whereRef('o.customer_id', '=', 'c.customer_id')
          .orderBy('o.order_id')
          .limit(1)
          .as('first_order'),
      ])
      .orderBy('c.customer_id')
      .limit(5)
      .execute()
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      const expected = await db
        .selectFrom('orders')
        .select((eb) => eb.fn.min('order_id').as('m'))
        .where('customer_id', '=', row.customer_id)
        .executeTakeFirstOrThrow()
      expect(row.first_order).toBe(expected.m)
    }
  })

  it('a JS number binds with the narrowest exact type (lpad finds its INTEGER overload)', async () => {
    const db = dbFor(mode)
    const row = await db
      .selectNoFrom((eb) => [
        eb.fn<string>('lpad', [eb.val('7'), eb.val(3), eb.val('0')]).as('padded'),
        eb.val(2 ** 40).as('big'),
        eb.val(1.5).as('half'),
        eb.val(-2147483648).as('int_min'),
      ])
      .executeTakeFirstOrThrow()
    expect(row.padded).toBe('007')
    expect(row.half).toBe(1.5)
    if (mode === 'bind') {
      // bound: INTEGER → number, BIGINT → bigint
      expect(row.int_min).toBe(-2147483648)
      expect(row.big).toBe(2n ** 40n)
    }
  })
})
