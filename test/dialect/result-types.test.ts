/**
 * The result-type table (README "Result types"): for every row, a type test of the recommended
 * Kysely form and a runtime test against the local engine under each `int64As` (and a custom
 * `decimalAs`). Expected values are computed from plain column reads, not from sample constants.
 */
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { E6dataDialect, StrategyCache } from '../../src/index.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'

/** The sample tables as codegen types them under the default mapping. */
interface DB {
  products: {
    product_id: number | null
    name: string | null
    unit_price: string | null
  }
  orders: {
    order_id: bigint | null
    customer_id: bigint | null
    order_date: string | null
    shipped_at: Date | null
  }
}

type Int64Mode = 'bigint' | 'number' | 'string'
const MODES: readonly Int64Mode[] = ['bigint', 'number', 'string']

let engine: LocalEngine
const dbs = new Map<Int64Mode, Kysely<DB>>()
let custom: Kysely<DB>
let products: { product_id: number; name: string; unit_price: string }[]
let orderIds: bigint[]

beforeAll(async () => {
  engine = await startLocalEngine({ port: 0, bigTableRows: 1_000 })
  for (const int64As of MODES) {
    dbs.set(
      int64As,
      new Kysely<DB>({
        dialect: new E6dataDialect({
          ...engine.connection,
          strategyCache: new StrategyCache(),
          int64As,
        }),
      }),
    )
  }
  custom = new Kysely<DB>({
    dialect: new E6dataDialect({
      ...engine.connection,
      strategyCache: new StrategyCache(),
      decimalAs: (unscaled, scale) => ({ unscaled, scale }),
    }),
  })
  const db = dbs.get('bigint')!
  products = (await db
    .selectFrom('products')
    .select(['product_id', 'name', 'unit_price'])
    .orderBy('product_id')
    .execute()) as typeof products
  orderIds = (await db.selectFrom('orders').select('order_id').orderBy('order_id').execute()).map(
    (r) => r.order_id!,
  )
})

afterAll(async () => {
  await Promise.all([...dbs.values(), custom].map((db) => db?.destroy()))
  await engine?.close()
})

/** A LONG value as each `int64As` returns it. */
function int64(value: bigint, mode: Int64Mode): bigint | number | string {
  return mode === 'bigint' ? value : mode === 'number' ? Number(value) : String(value)
}

/** Exact decimal sum of decimal strings with 2 fraction digits. */
function decimalSum(values: readonly string[]): string {
  const cents = values.reduce((acc, v) => acc + BigInt(v.replace('.', '')), 0n)
  const s = cents.toString().padStart(3, '0')
  return `${s.slice(0, -2)}.${s.slice(-2)}`
}

describe('aggregates', () => {
  it.each(MODES)('count / countAll / count(distinct) are LONG (int64As %s)', async (mode) => {
    const db = dbs.get(mode)!
    const row = await db
      .selectFrom('products')
      .select((eb) => [
        eb.fn.countAll<bigint>().as('all'),
        eb.fn.count<bigint>('product_id').as('n'),
        eb.fn.count<bigint>('product_id').distinct().as('distinct'),
      ])
      .executeTakeFirstOrThrow()
    expectTypeOf(row).toEqualTypeOf<{ all: bigint; n: bigint; distinct: bigint }>()
    const n = int64(BigInt(products.length), mode)
    expect(row).toEqual({ all: n, n, distinct: n })
  })

  it('count<number>() (the form in Kysely docs) is a bigint at runtime under the default mapping', async () => {
    const row = await dbs
      .get('bigint')!
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expectTypeOf(row.n).toEqualTypeOf<number>() // declared…
    expect(typeof row.n).toBe('bigint') // …but not true: write countAll<bigint>() or set int64As: 'number'
    const asNumber = await dbs
      .get('number')!
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(asNumber.n).toBe(products.length)
  })

  it.each(MODES)('sum of an INTEGER / BIGINT column is LONG (int64As %s)', async (mode) => {
    const row = await dbs
      .get(mode)!
      .selectFrom(['products', 'orders'])
      .select((eb) => [
        eb.fn.sum<bigint | null>('products.product_id').as('ints'),
        eb.fn.sum<bigint | null>('orders.order_id').as('bigints'),
      ])
      .where('products.product_id', '=', products[0]!.product_id)
      .executeTakeFirstOrThrow()
    expectTypeOf(row).toEqualTypeOf<{ ints: bigint | null; bigints: bigint | null }>()
    expect(row.ints).toEqual(int64(BigInt(products[0]!.product_id) * BigInt(orderIds.length), mode))
    expect(row.bigints).toEqual(
      int64(
        orderIds.reduce((a, b) => a + b, 0n),
        mode,
      ),
    )
  })

  it('sum over no rows is NULL (declare sum<bigint | null>)', async () => {
    const row = await dbs
      .get('bigint')!
      .selectFrom('products')
      .select((eb) => eb.fn.sum<bigint | null>('product_id').as('s'))
      .where('product_id', '<', -1)
      .executeTakeFirstOrThrow()
    expect(row.s).toBeNull()
  })

  it.each(MODES)(
    'sum of a DECIMAL column is an exact decimal string (int64As %s)',
    async (mode) => {
      const row = await dbs
        .get(mode)!
        .selectFrom('products')
        .select((eb) => eb.fn.sum<string | null>('unit_price').as('total'))
        .executeTakeFirstOrThrow()
      expectTypeOf(row.total).toEqualTypeOf<string | null>()
      expect(row.total).toBe(decimalSum(products.map((p) => p.unit_price)))
    },
  )

  it('a decimalAs mapper decides decimal aggregates', async () => {
    const row = await custom
      .selectFrom('products')
      .select((eb) => eb.fn.sum<never>('unit_price').as('total'))
      .executeTakeFirstOrThrow()
    expect(row.total).toEqual({
      unscaled: BigInt(decimalSum(products.map((p) => p.unit_price)).replace('.', '')),
      scale: 2,
    })
  })

  it.each(MODES)('avg is a DOUBLE (int64As %s)', async (mode) => {
    const row = await dbs
      .get(mode)!
      .selectFrom('products')
      .select((eb) => [
        eb.fn.avg<number | null>('product_id').as('ints'),
        eb.fn.avg<number | null>('unit_price').as('decimals'),
      ])
      .executeTakeFirstOrThrow()
    expectTypeOf(row.ints).toEqualTypeOf<number | null>()
    const ids = products.map((p) => p.product_id)
    expect(row.ints).toBeCloseTo(ids.reduce((a, b) => a + b, 0) / ids.length, 9)
    expect(typeof row.decimals).toBe('number')
  })

  it.each(MODES)("min / max have the column's type (int64As %s)", async (mode) => {
    const row = await dbs
      .get(mode)!
      .selectFrom(['products', 'orders'])
      .select((eb) => [
        eb.fn.max('products.product_id').as('int'),
        eb.fn.max('products.unit_price').as('dec'),
        eb.fn.min('orders.order_id').as('long'),
      ])
      .executeTakeFirstOrThrow()
    expectTypeOf(row).toEqualTypeOf<{
      int: number | null
      dec: string | null
      long: bigint | null
    }>()
    expect(row.int).toBe(Math.max(...products.map((p) => p.product_id)))
    expect(row.long).toEqual(int64(orderIds[0]!, mode))
    expect(typeof row.dec).toBe('string')
  })
})

describe('window functions', () => {
  it.each(MODES)(
    'row_number / rank / count over / sum over are LONG (int64As %s)',
    async (mode) => {
      const rows = await dbs
        .get(mode)!
        .selectFrom('products')
        .select((eb) => [
          'product_id',
          eb.fn
            .agg<bigint>('row_number')
            .over((ob) => ob.orderBy('product_id'))
            .as('rn'),
          eb.fn
            .agg<bigint>('rank')
            .over((ob) => ob.orderBy('product_id'))
            .as('rk'),
          eb.fn.countAll<bigint>().over().as('total'),
          eb.fn.sum<bigint>('product_id').over().as('id_sum'),
          eb.fn
            .agg<number>('percent_rank')
            .over((ob) => ob.orderBy('product_id'))
            .as('pr'),
        ])
        .orderBy('product_id')
        .execute()
      expectTypeOf(rows[0]!.rn).toEqualTypeOf<bigint>()
      const idSum = BigInt(products.reduce((a, p) => a + p.product_id, 0))
      rows.forEach((row, i) => {
        expect(row.rn).toEqual(int64(BigInt(i + 1), mode))
        expect(row.rk).toEqual(int64(BigInt(i + 1), mode))
        expect(row.total).toEqual(int64(BigInt(products.length), mode))
        expect(row.id_sum).toEqual(int64(idSum, mode))
        expect(typeof row.pr).toBe('number')
      })
    },
  )
})

describe('common scalar functions', () => {
  it.each(MODES)('length, strpos, extract, date_diff are LONG (int64As %s)', async (mode) => {
    const row = await dbs
      .get(mode)!
      .selectFrom('products')
      .select((eb) => [
        'name',
        eb.fn<bigint>('length', ['name']).as('len'),
        eb.fn<bigint>('strpos', ['name', sql.lit('')]).as('pos'),
        sql<bigint>`extract(year from date '2024-05-06')`.as('year'),
        sql<bigint>`date_diff('day', date '2024-01-01', date '2024-03-01')`.as('days'),
        sql<number>`cast(length(${sql.ref('name')}) as int)`.as('len_int'),
      ])
      .where('product_id', '=', products[0]!.product_id)
      .executeTakeFirstOrThrow()
    expectTypeOf(row.len).toEqualTypeOf<bigint>()
    expect(row.len).toEqual(int64(BigInt([...row.name!].length), mode))
    expect(row.year).toEqual(int64(2024n, mode))
    expect(row.days).toEqual(int64(60n, mode))
    expect(row.len_int).toBe([...row.name!].length)
  })

  it('arithmetic, casts, round, dates', async () => {
    const row = await dbs
      .get('bigint')!
      .selectFrom(['products', 'orders'])
      .select((eb) => [
        eb('products.product_id', '+', 1).as('int_plus'),
        eb('orders.order_id', '*', 2n).as('long_times'),
        sql<number>`${sql.ref('orders.order_id')} / 4`.as('divided'),
        sql<string>`${sql.ref('products.unit_price')} * 2`.as('dec_times'),
        eb.cast<number>('orders.order_id', 'integer').as('as_int'),
        eb.cast<string>('products.unit_price', 'varchar').as('as_text'),
        eb.cast<number>('products.unit_price', 'double precision').as('as_double'),
        eb.fn<string>('round', ['products.unit_price']).as('rounded'),
        sql<Date>`date_trunc('month', ${sql.ref('orders.order_date')})`.as('month'),
        sql<string>`current_date`.as('today'),
      ])
      .where('products.product_id', '=', products[0]!.product_id)
      .where('orders.order_id', '=', orderIds[0]!)
      .executeTakeFirstOrThrow()
    expectTypeOf(row.int_plus).toEqualTypeOf<number | null>()
    expect(row.int_plus).toBe(products[0]!.product_id + 1)
    expect(row.long_times).toBe(orderIds[0]! * 2n)
    expect(row.divided).toBe(Number(orderIds[0]!) / 4)
    expect(typeof row.dec_times).toBe('string')
    expect(row.as_int).toBe(Number(orderIds[0]!))
    expect(row.as_text).toBe(products[0]!.unit_price)
    expect(row.as_double).toBe(Number(products[0]!.unit_price))
    expect(row.rounded).toMatch(/^\d+$/)
    expect(row.month).toBeInstanceOf(Date)
    expect(row.today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})
