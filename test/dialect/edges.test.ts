/**
 * Rough edges of the dialect against the local engine: `limit(null)`, bind-mode LIMIT in a
 * correlated subquery, narrowest bound number types.
 */
import { Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { generateTypes } from '../../src/codegen/index.js'
import {
  createClient,
  E6dataDialect,
  InvalidArgumentError,
  StrategyCache,
  withCatalog,
} from '../../src/index.js'
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

describe('three-part names, live', () => {
  interface QualifiedDB {
    'demo.customers': DB['customers']
    'demo.orders': DB['orders']
  }

  it('withCatalog sends "catalog"."schema"."table" and the engine runs it', async () => {
    const db = dbFor('interpolate') as unknown as Kysely<QualifiedDB>
    const local = withCatalog(db, 'local')
    const query = local
      .selectFrom('demo.customers as c')
      .innerJoin('demo.orders as o', 'o.customer_id', 'c.customer_id')
      .select((eb) => ['c.customer_id', eb.fn.countAll<bigint>().as('n')])
      .groupBy('c.customer_id')
      .orderBy('c.customer_id')
      .limit(3)
    expect(query.compile().sql).toContain('from "local"."demo"."customers" as "c"')
    const rows = await query.execute()
    const plain = await dbFor('interpolate')
      .selectFrom('customers as c')
      .innerJoin('orders as o', 'o.customer_id', 'c.customer_id')
      .select((eb) => ['c.customer_id', eb.fn.countAll<bigint>().as('n')])
      .groupBy('c.customer_id')
      .orderBy('c.customer_id')
      .limit(3)
      .execute()
    expect(rows).toEqual(plain)
    const bySchema = await withCatalog(dbFor('bind'), 'local', 'demo')
      .selectFrom('customers')
      .select('customer_id')
      .orderBy('customer_id')
      .limit(3)
      .execute()
    expect(bySchema.map((r) => r.customer_id)).toEqual(plain.map((r) => r.customer_id))
  })

  it("a mistyped 'local.demo.customers' fails before any round trip, naming the fix", async () => {
    const db = dbFor('interpolate')
    const error = await db
      .selectFrom('local.demo.customers' as 'customers')
      .selectAll()
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidArgumentError)
    expect((error as Error).message).toMatch(/withCatalog\(db, "local"\)/)
  })

  it('codegen --qualify-catalog keys every table "schema.table" for withCatalog', async () => {
    const client = createClient({ ...env.engine.connection, strategyCache: new StrategyCache() })
    try {
      const code = await generateTypes({
        source: client,
        qualifyCatalog: true,
        include: ['customers', 'orders'],
      })
      expect(code).toMatch(/"demo\.customers": DemoCustomers;/)
      expect(code).toMatch(/"demo\.orders": DemoOrders;/)
      expect(code).toContain('withCatalog(db, "local")')
    } finally {
      await client.close()
    }
  })
})
