/**
 * kysely-e6data/helpers: jsonArrayFrom / jsonObjectFrom / jsonBuildObject compile to e6 functions
 * (named_struct, array_agg, to_json), type as their parsed JSON, and return nested rows from the
 * local engine through ParseJSONResultsPlugin. Expectations come from plain queries.
 */
import { Kysely, ParseJSONResultsPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { jsonArrayFrom, jsonBuildObject, jsonObjectFrom } from '../../src/helpers/index.js'
import {
  E6dataDialect,
  InvalidArgumentError,
  LiteralParameter,
  StrategyCache,
} from '../../src/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { createDb, testSql } from './compile-setup.js'

describe('compiled SQL', () => {
  const db = createDb()

  it('jsonArrayFrom aggregates named_struct rows with array_agg under to_json', () => {
    testSql(
      db
        .selectFrom('person')
        .select((eb) => [
          'id',
          jsonArrayFrom(
            eb
              .selectFrom('pet')
              .select(['pet.name', 'species as kind'])
              .whereRef('pet.owner_id', '=', 'person.id')
              .orderBy('pet.name'),
          ).as('pets'),
        ]),
      {
        sql:
          'select "id", (select coalesce(to_json(array_agg(named_struct(\'name\', "agg"."name", \'kind\', "agg"."kind"))), \'[]\') ' +
          'from (select "pet"."name", "species" as "kind" from "pet" where "pet"."owner_id" = "person"."id" order by "pet"."name") as agg) as "pets" from "person"',
        parameters: [],
      },
    )
  })

  it('jsonObjectFrom and jsonBuildObject', () => {
    testSql(
      db
        .selectFrom('pet')
        .select((eb) => [
          jsonObjectFrom(
            eb.selectFrom('person').select('first_name').whereRef('person.id', '=', 'pet.owner_id'),
          ).as('owner'),
          jsonBuildObject({ n: eb.ref('pet.name'), "it's": eb.val(1) }).as('o'),
        ]),
      {
        sql:
          'select (select to_json(named_struct(\'first_name\', "obj"."first_name")) from (select "first_name" from "person" where "person"."id" = "pet"."owner_id") as obj) as "owner", ' +
          // a key holding a quote waits for the engine's escape rule: the driver writes it in
          'to_json(named_struct(\'n\', "pet"."name", ?, ?)) as "o" from "pet"',
        parameters: [new LiteralParameter("it's"), 1],
      },
    )
  })

  it('refuses selectAll() and unaliased expressions, naming why', () => {
    expect(() => jsonArrayFrom(db.selectFrom('pet').selectAll())).toThrow(InvalidArgumentError)
    expect(() => jsonObjectFrom(db.selectFrom('pet').selectAll())).toThrow(/named_struct/)
    expect(() => jsonBuildObject({})).toThrow(InvalidArgumentError)
  })
})

interface DB {
  customers: { customer_id: bigint | null; name: string | null; country: string | null }
  orders: {
    order_id: bigint | null
    customer_id: bigint | null
    status: string | null
    order_date: string | null
  }
}

describe('live, with ParseJSONResultsPlugin', () => {
  const env = useEngine({ bigTableRows: 1_000 })
  let db: Kysely<DB>
  let json: Kysely<DB>

  beforeAll(() => {
    db = new Kysely<DB>({
      dialect: new E6dataDialect({ ...env.engine.connection, strategyCache: new StrategyCache() }),
    })
    json = db.withPlugin(new ParseJSONResultsPlugin())
  })
  afterAll(async () => {
    await db?.destroy()
  })

  it('jsonArrayFrom returns each customer’s orders as parsed, ordered arrays', async () => {
    const customers = await db
      .selectFrom('customers')
      .select(['customer_id', 'name'])
      .orderBy('customer_id')
      .limit(5)
      .execute()
    const ids = customers.map((c) => c.customer_id!)
    const rows = await json
      .selectFrom('customers as c')
      .select((eb) => [
        'c.customer_id',
        jsonArrayFrom(
          eb
            .selectFrom('orders as o')
            .select(['o.order_id', 'o.status', 'o.order_date'])
            .whereRef('o.customer_id', '=', 'c.customer_id')
            .orderBy('o.order_id'),
        ).as('orders'),
      ])
      .where('c.customer_id', 'in', ids)
      .orderBy('c.customer_id')
      .execute()
    expectTypeOf(rows[0]!.orders).toEqualTypeOf<
      { order_id: number | null; status: string | null; order_date: string | null }[]
    >()
    expect(rows.map((r) => r.customer_id)).toEqual(ids)
    for (const row of rows) {
      const expected = await db
        .selectFrom('orders')
        .select(['order_id', 'status', 'order_date'])
        .where('customer_id', '=', row.customer_id)
        .orderBy('order_id')
        .execute()
      expect(row.orders).toEqual(
        expected.map((o) => ({
          order_id: Number(o.order_id),
          status: o.status,
          order_date: o.order_date,
        })),
      )
    }
  })

  it('an empty subquery gives [] and jsonObjectFrom gives null', async () => {
    const row = await json
      .selectNoFrom((eb) => [
        jsonArrayFrom(eb.selectFrom('orders').select('order_id').where('order_id', '<', -1n)).as(
          'none',
        ),
        jsonObjectFrom(eb.selectFrom('orders').select('order_id').where('order_id', '<', -1n)).as(
          'nothing',
        ),
      ])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ none: [], nothing: null })
  })

  it('jsonObjectFrom nests a row; helpers nest in each other', async () => {
    const order = await db
      .selectFrom('orders')
      .select(['order_id', 'customer_id'])
      .orderBy('order_id')
      .limit(1)
      .executeTakeFirstOrThrow()
    const customer = await db
      .selectFrom('customers')
      .select(['name', 'country'])
      .where('customer_id', '=', order.customer_id)
      .executeTakeFirstOrThrow()
    const row = await json
      .selectFrom('orders as o')
      .select((eb) => [
        'o.order_id',
        jsonObjectFrom(
          eb
            .selectFrom('customers as c')
            .select((eb2) => [
              'c.name',
              'c.country',
              jsonArrayFrom(
                eb2
                  .selectFrom('orders as o2')
                  .select('o2.order_id')
                  .whereRef('o2.customer_id', '=', 'c.customer_id')
                  .orderBy('o2.order_id')
                  .limit(2),
              ).as('first_orders'),
            ])
            .whereRef('c.customer_id', '=', 'o.customer_id'),
        ).as('customer'),
        jsonBuildObject({ id: eb.ref('o.order_id'), label: eb.val('x"y\\z\'') }).as('built'),
      ])
      .where('o.order_id', '=', order.order_id)
      .executeTakeFirstOrThrow()
    expectTypeOf(row.built).toEqualTypeOf<{ id: number | null; label: string }>()
    const firstOrders = await db
      .selectFrom('orders')
      .select('order_id')
      .where('customer_id', '=', order.customer_id)
      .orderBy('order_id')
      .limit(2)
      .execute()
    expect(row.customer).toEqual({
      ...customer,
      first_orders: firstOrders.map((o) => ({ order_id: Number(o.order_id) })),
    })
    expect(row.built).toEqual({ id: Number(order.order_id), label: 'x"y\\z\'' })
  })

  it('without the plugin the engine returns JSON text', async () => {
    const row = await db
      .selectNoFrom((eb) => jsonBuildObject({ a: eb.val(1) }).as('o'))
      .executeTakeFirstOrThrow()
    expect(row.o).toBe('{"a":1}')
  })
})
