/**
 * The battery: everyday Kysely read queries over the shop data, each run through the e6data
 * dialect + local engine and through the DuckDB reference (battery.test.ts). Refused cases name
 * the construct the compiler must reject with UnsupportedSqlError.
 */
import {
  CamelCasePlugin,
  DeduplicateJoinsPlugin,
  HandleEmptyInListsPlugin,
  type Kysely,
  ParseJSONResultsPlugin,
  replaceWithNoncontingentExpression,
  sql,
} from 'kysely'
import { jsonArrayFrom, jsonBuildObject, jsonObjectFrom } from '../../../src/helpers/index.js'

export interface ShopDB {
  customers: {
    customer_id: bigint
    name: string
    country: string
    segment: string
    signup_date: string
    is_active: boolean
    credit: string | null
  }
  products: { product_id: number; name: string; category: string; unit_price: string }
  orders: {
    order_id: bigint
    customer_id: bigint
    order_date: string
    status: string
    shipped_at: string | null
  }
  line_items: {
    order_id: bigint
    line_no: number
    product_id: number
    quantity: number
    unit_price: string
    discount: string
  }
  events: {
    event_id: bigint
    customer_id: bigint | null
    event_time: string
    event_type: string
    amount: number | null
  }
}

type DB = Kysely<ShopDB>

/** Anything with Kysely's `execute()` (and, for streaming cases, `stream()`). */
export interface Runnable {
  execute(): Promise<unknown[]>
  stream?(chunkSize?: number): AsyncIterableIterator<unknown>
}

export interface BatteryCase {
  readonly category: string
  readonly name: string
  readonly query: (db: DB) => Runnable
  /** Compare rows in order (the query orders them totally); else as a multiset. */
  readonly ordered?: boolean
  /** Read through `.stream(chunkSize)` instead of `.execute()`. */
  readonly stream?: number
  /** The feature named by the UnsupportedSqlError this query must raise. */
  readonly refused?: string
}

const raw =
  <R>(build: (db: DB) => { execute(db: DB): Promise<{ rows: R[] }> }) =>
  (db: DB): Runnable => ({ execute: async () => (await build(db).execute(db)).rows })

const cases: BatteryCase[] = []
const add = (
  category: string,
  name: string,
  query: BatteryCase['query'],
  o: Partial<BatteryCase> = {},
) => cases.push({ category, name, query, ...o })

// ---- filters ---------------------------------------------------------------------------------
const F = 'filters'
add(F, '= on a bigint column', (db) =>
  db.selectFrom('orders').selectAll().where('customer_id', '=', 42n),
)
add(F, '<> and <', (db) =>
  db
    .selectFrom('orders')
    .select(['order_id', 'status'])
    .where('status', '<>', 'new')
    .where('order_id', '<', 60n),
)
add(F, '>= and <= on dates', (db) =>
  db
    .selectFrom('orders')
    .select(['order_id', 'order_date'])
    .where('order_date', '>=', '2024-06-01')
    .where('order_date', '<=', '2024-06-30'),
)
add(F, 'between', (db) =>
  db
    .selectFrom('products')
    .select(['product_id', 'name'])
    .where((eb) => eb.between('product_id', 5, 12)),
)
add(F, 'in list', (db) =>
  db
    .selectFrom('customers')
    .select(['customer_id', 'country'])
    .where('country', 'in', ['DE', 'JP']),
)
add(F, 'not in list', (db) =>
  db.selectFrom('products').select('product_id').where('category', 'not in', ['books', 'food']),
)
add(F, 'like', (db) =>
  db.selectFrom('customers').select('name').where('name', 'like', 'Customer 1%'),
)
add(F, 'ilike', (db) =>
  db.selectFrom('customers').select('name').where('name', 'ilike', '%customer 05%'),
)
add(F, 'not like', (db) =>
  db.selectFrom('products').select('name').where('name', 'not like', 'Product 1%'),
)
add(F, 'is null', (db) =>
  db.selectFrom('customers').select('customer_id').where('credit', 'is', null),
)
add(F, 'is not null timestamps', (db) =>
  db
    .selectFrom('orders')
    .select(['order_id', 'shipped_at'])
    .where('shipped_at', 'is not', null)
    .where('order_id', '<', 100n),
)
add(F, 'and / or nesting', (db) =>
  db
    .selectFrom('customers')
    .select(['customer_id', 'segment', 'country'])
    .where((eb) =>
      eb.or([
        eb.and([eb('segment', '=', 'smb'), eb('country', '=', 'US')]),
        eb('customer_id', '<', 5n),
      ]),
    ),
)
add(F, 'not(...)', (db) =>
  db
    .selectFrom('products')
    .select('product_id')
    .where((eb) => eb.not(eb('category', '=', 'tools'))),
)
add(F, 'boolean column', (db) =>
  db.selectFrom('customers').select('customer_id').where('is_active', '=', false),
)
add(F, 'decimal compared with a decimal string', (db) =>
  db.selectFrom('products').select(['product_id', 'unit_price']).where('unit_price', '>', '100.00'),
)
add(F, 'whereRef between columns', (db) =>
  db.selectFrom('line_items').select(['order_id', 'line_no']).whereRef('line_no', '=', 'quantity'),
)
add(F, 'where exists', (db) =>
  db
    .selectFrom('customers as c')
    .select('c.customer_id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('orders as o')
          .select('o.order_id')
          .whereRef('o.customer_id', '=', 'c.customer_id')
          .where('o.status', '=', 'cancelled'),
      ),
    ),
)
add(F, 'where in subquery', (db) =>
  db
    .selectFrom('products')
    .select('name')
    .where('product_id', 'in', (eb) =>
      eb.selectFrom('line_items').select('product_id').where('quantity', '=', 5),
    ),
)
add(F, 'case expression in where', (db) =>
  db
    .selectFrom('orders')
    .select('order_id')
    .where((eb) => eb.case().when('status', '=', 'paid').then(1).else(0).end(), '=', 1)
    .where('order_id', '<', 200n),
)
add(F, 'coalesce in where', (db) =>
  db
    .selectFrom('events')
    .select('event_id')
    .where((eb) => eb.fn.coalesce('amount', eb.lit(0)), '>', 99)
    .where('event_id', '<', 500n),
)

// ---- select expressions ------------------------------------------------------------------------
const S = 'selections'
add(S, 'selectAll', (db) => db.selectFrom('products').selectAll())
add(S, 'aliases', (db) => db.selectFrom('products').select(['product_id as id', 'name as title']))
add(S, 'arithmetic', (db) =>
  db
    .selectFrom('line_items')
    .select((eb) => [
      'order_id',
      'line_no',
      eb('quantity', '*', 2).as('double_qty'),
      eb('quantity', '+', eb.ref('line_no')).as('s'),
    ])
    .where('order_id', '<', 20n),
)
add(S, 'decimal arithmetic', (db) =>
  db
    .selectFrom('line_items')
    .select(['order_id', 'line_no', sql<string>`unit_price * quantity`.as('gross')])
    .where('order_id', '<', 20n),
)
add(S, 'string concatenation', (db) =>
  db
    .selectFrom('customers')
    .select((eb) => [
      'customer_id',
      eb.fn<string>('concat', ['name', eb.val(' / '), 'country']).as('label'),
    ])
    .where('customer_id', '<', 10n),
)
add(S, 'upper / lower / length', (db) =>
  db
    .selectFrom('products')
    .select((eb) => [
      eb.fn<string>('upper', ['name']).as('u'),
      eb.fn<string>('lower', ['category']).as('l'),
      eb.fn<bigint>('length', ['name']).as('n'),
    ]),
)
add(S, 'cast to integer and varchar', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => [
      eb.cast<number>('order_id', 'integer').as('i'),
      eb.cast<string>('order_id', 'varchar').as('s'),
    ])
    .where('order_id', '<', 10n),
)
add(S, 'case / when / else', (db) =>
  db
    .selectFrom('products')
    .select((eb) => [
      'product_id',
      eb
        .case('category')
        .when('books')
        .then('read')
        .when('games')
        .then('play')
        .else('other')
        .end()
        .as('kind'),
    ]),
)
add(S, 'coalesce and nullif', (db) =>
  db
    .selectFrom('customers')
    .select((eb) => [
      'customer_id',
      eb.fn.coalesce('credit', eb.val('0')).as('c'),
      eb.fn('nullif', ['country', eb.val('DE')]).as('n'),
    ])
    .where('customer_id', '<', 30n),
)
add(S, 'distinct', (db) => db.selectFrom('customers').select('country').distinct())
add(
  S,
  'distinct on',
  (db) =>
    db
      .selectFrom('orders')
      .select(['customer_id', 'order_id'])
      .distinctOn('customer_id')
      .orderBy('customer_id')
      .orderBy('order_id', 'desc'),
  { ordered: true },
)
add(S, 'round and abs', (db) =>
  db
    .selectFrom('events')
    .select((eb) => [
      'event_id',
      eb.fn<number>('round', ['amount', eb.lit(0)]).as('r'),
      eb.fn<number>('abs', [eb('amount', '-', 50)]).as('a'),
    ])
    .where('event_id', '<', 40n),
)
add(S, 'date_trunc', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => ['order_id', sql<string>`date_trunc('month', ${eb.ref('order_date')})`.as('m')])
    .where('order_id', '<', 20n),
)
add(S, 'extract year', (db) =>
  db
    .selectFrom('customers')
    .select((eb) => [
      'customer_id',
      sql<bigint>`extract(year from ${eb.ref('signup_date')})`.as('y'),
    ])
    .where('customer_id', '<', 20n),
)
add(S, 'selectNoFrom constants', (db) =>
  db.selectNoFrom((eb) => [
    eb.val(1).as('one'),
    eb.val('two').as('two'),
    eb.lit(true).as('t'),
    sql<null>`null`.as('nothing'),
  ]),
)

// ---- joins ------------------------------------------------------------------------------------
const J = 'joins'
add(J, 'inner join', (db) =>
  db
    .selectFrom('orders as o')
    .innerJoin('customers as c', 'c.customer_id', 'o.customer_id')
    .select(['o.order_id', 'c.name'])
    .where('o.order_id', '<', 50n),
)
add(J, 'left join with unmatched rows', (db) =>
  db
    .selectFrom('customers as c')
    .leftJoin('orders as o', (j) =>
      j.onRef('o.customer_id', '=', 'c.customer_id').on('o.status', '=', 'cancelled'),
    )
    .select(['c.customer_id', 'o.order_id'])
    .where('c.customer_id', '<', 40n),
)
add(J, 'right join', (db) =>
  db
    .selectFrom('orders as o')
    .rightJoin('customers as c', 'c.customer_id', 'o.customer_id')
    .select(['c.customer_id', 'o.order_id'])
    .where('c.customer_id', '<', 15n),
)
add(J, 'full join', (db) =>
  db
    .selectFrom('customers as c')
    .fullJoin('orders as o', (j) =>
      j
        .onRef('o.customer_id', '=', 'c.customer_id')
        .on('o.order_id', '<', 30n)
        .on('c.customer_id', '<', 60n),
    )
    .select(['c.customer_id', 'o.order_id']),
)
add(J, 'cross join', (db) =>
  db
    .selectFrom('products as p')
    .crossJoin((eb) => eb.selectFrom('customers').select('country').distinct().as('k'))
    .select(['p.product_id', 'k.country'])
    .where('p.product_id', '<', 4),
)
add(J, 'self join', (db) =>
  db
    .selectFrom('customers as a')
    .innerJoin('customers as b', (j) =>
      j.onRef('a.country', '=', 'b.country').onRef('a.customer_id', '<', 'b.customer_id'),
    )
    .select(['a.customer_id as a_id', 'b.customer_id as b_id'])
    .where('a.customer_id', '<', 12n)
    .where('b.customer_id', '<', 30n),
)
add(J, 'three-way join', (db) =>
  db
    .selectFrom('line_items as li')
    .innerJoin('orders as o', 'o.order_id', 'li.order_id')
    .innerJoin('products as p', 'p.product_id', 'li.product_id')
    .select(['o.order_id', 'li.line_no', 'p.name', 'o.status'])
    .where('o.order_id', '<', 25n),
)
add(J, 'join on a derived table', (db) =>
  db
    .selectFrom('customers as c')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('orders')
          .select((e) => ['customer_id', e.fn.countAll<bigint>().as('n')])
          .groupBy('customer_id')
          .as('t'),
      (j) => j.onRef('t.customer_id', '=', 'c.customer_id'),
    )
    .select(['c.name', 't.n'])
    .where('t.n', '>', 9n),
)
add(J, 'anti join (left join + is null)', (db) =>
  db
    .selectFrom('products as p')
    .leftJoin('line_items as li', (j) =>
      j
        .onRef('li.product_id', '=', 'p.product_id')
        .on('li.quantity', '=', 5)
        .on('li.order_id', '<', 100n),
    )
    .select('p.product_id')
    .where('li.order_id', 'is', null),
)
add(J, 'join condition with a value', (db) =>
  db
    .selectFrom('orders as o')
    .innerJoin('line_items as li', (j) =>
      j.onRef('li.order_id', '=', 'o.order_id').on('li.line_no', '=', 2),
    )
    .select(['o.order_id', 'li.product_id'])
    .where('o.order_id', '<', 60n),
)
add(J, 'join + group by', (db) =>
  db
    .selectFrom('orders as o')
    .innerJoin('customers as c', 'c.customer_id', 'o.customer_id')
    .select((eb) => ['c.country', eb.fn.countAll<bigint>().as('orders')])
    .groupBy('c.country'),
)
add(J, 'left join + coalesce', (db) =>
  db
    .selectFrom('customers as c')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('events')
          .select((e) => ['customer_id', e.fn.sum<number>('amount').as('spent')])
          .groupBy('customer_id')
          .as('e'),
      (j) => j.onRef('e.customer_id', '=', 'c.customer_id'),
    )
    .select((eb) => ['c.customer_id', eb.fn.coalesce('e.spent', eb.lit(0)).as('spent')])
    .where('c.customer_id', '<', 50n),
)
add(
  J,
  'lateral join is refused',
  (db) =>
    db
      .selectFrom('customers as c')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('orders as o')
            .select('o.order_id')
            .whereRef('o.customer_id', '=', 'c.customer_id')
            .limit(1)
            .as('x'),
        (j) => j.onTrue(),
      )
      .select(['c.customer_id', 'x.order_id']),
  { refused: 'INNER JOIN LATERAL' },
)
add(J, 'join with multiple aliases of one table', (db) =>
  db
    .selectFrom('orders as o1')
    .innerJoin('orders as o2', (j) =>
      j.onRef('o1.customer_id', '=', 'o2.customer_id').onRef('o1.order_id', '<', 'o2.order_id'),
    )
    .select(['o1.order_id as first', 'o2.order_id as second'])
    .where('o1.customer_id', '=', 7n),
)
add(J, 'join on expressions', (db) =>
  db
    .selectFrom('events as e')
    .innerJoin('customers as c', (j) =>
      j.on((eb) => eb(eb.ref('e.customer_id'), '=', eb.ref('c.customer_id'))),
    )
    .select(['e.event_id', 'c.country'])
    .where('e.event_id', '<', 60n),
)

// ---- grouping -----------------------------------------------------------------------------------
const G = 'grouping'
add(G, 'countAll', (db) => db.selectFrom('orders').select((eb) => eb.fn.countAll<bigint>().as('n')))
add(G, 'count distinct', (db) =>
  db.selectFrom('orders').select((eb) => eb.fn.count<bigint>('customer_id').distinct().as('n')),
)
add(G, 'sum of integers', (db) =>
  db.selectFrom('line_items').select((eb) => eb.fn.sum<bigint>('quantity').as('q')),
)
add(G, 'sum of decimals', (db) =>
  db.selectFrom('line_items').select((eb) => eb.fn.sum<string>('unit_price').as('s')),
)
add(G, 'avg of doubles', (db) =>
  db.selectFrom('events').select((eb) => eb.fn.avg<number>('amount').as('a')),
)
add(G, 'min / max of dates and timestamps', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => [eb.fn.min('order_date').as('first'), eb.fn.max('shipped_at').as('last')]),
)
add(G, 'group by one column', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => ['status', eb.fn.countAll<bigint>().as('n')])
    .groupBy('status'),
)
add(G, 'group by two columns', (db) =>
  db
    .selectFrom('customers')
    .select((eb) => ['country', 'segment', eb.fn.countAll<bigint>().as('n')])
    .groupBy(['country', 'segment']),
)
add(G, 'having', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => ['customer_id', eb.fn.countAll<bigint>().as('n')])
    .groupBy('customer_id')
    .having((eb) => eb.fn.countAll(), '>', 10),
)
add(G, 'group by an expression', (db) =>
  db
    .selectFrom('events')
    .select((eb) => [
      sql<bigint>`extract(month from ${eb.ref('event_time')})`.as('m'),
      eb.fn.countAll<bigint>().as('n'),
    ])
    .groupBy(sql`extract(month from event_time)`),
)
add(
  G,
  'order by an aggregate',
  (db) =>
    db
      .selectFrom('line_items')
      .select((eb) => ['product_id', eb.fn.sum<bigint>('quantity').as('q')])
      .groupBy('product_id')
      .orderBy('q', 'desc')
      .orderBy('product_id')
      .limit(5),
  { ordered: true },
)
add(G, 'filter (where …) aggregate', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => [
      'customer_id',
      eb.fn.countAll<bigint>().filterWhere('status', '=', 'shipped').as('shipped'),
      eb.fn.countAll<bigint>().as('all'),
    ])
    .groupBy('customer_id')
    .where('customer_id', '<', 20n),
)
add(G, 'group by boolean', (db) =>
  db
    .selectFrom('customers')
    .select((eb) => ['is_active', eb.fn.countAll<bigint>().as('n')])
    .groupBy('is_active'),
)
add(G, 'sum of a product', (db) =>
  db
    .selectFrom('line_items')
    .select((_eb) => ['order_id', sql<string>`sum(unit_price * quantity)`.as('total')])
    .groupBy('order_id')
    .where('order_id', '<', 40n),
)
add(G, 'aggregate over an empty set', (db) =>
  db
    .selectFrom('orders')
    .select((eb) => [
      eb.fn.countAll<bigint>().as('n'),
      eb.fn.sum<bigint>('order_id').as('s'),
      eb.fn.max('order_date').as('m'),
    ])
    .where('order_id', '<', 0n),
)
add(
  G,
  'grouping sets (sql)',
  raw(
    (_db) =>
      sql<{
        country: string | null
        segment: string | null
        n: bigint
      }>`select country, segment, count(*) as n from ${sql.table('customers')} group by grouping sets ((country), (segment), ())`,
  ),
)

// ---- windows ----------------------------------------------------------------------------------
const W = 'windows'
const small = (db: DB) => db.selectFrom('orders').where('order_id', '<', 120n)
add(W, 'row_number over partition', (db) =>
  small(db).select((eb) => [
    'order_id',
    eb.fn
      .agg<bigint>('row_number')
      .over((ob) => ob.partitionBy('customer_id').orderBy('order_id'))
      .as('rn'),
  ]),
)
add(W, 'rank', (db) =>
  db.selectFrom('products').select((eb) => [
    'product_id',
    eb.fn
      .agg<bigint>('rank')
      .over((ob) => ob.partitionBy('category').orderBy('unit_price', 'desc'))
      .as('r'),
  ]),
)
add(W, 'dense_rank', (db) =>
  small(db).select((eb) => [
    'order_id',
    eb.fn
      .agg<bigint>('dense_rank')
      .over((ob) => ob.orderBy('status'))
      .as('r'),
  ]),
)
add(W, 'lag', (db) =>
  small(db).select((eb) => [
    'order_id',
    eb.fn
      .agg<bigint>('lag', ['order_id'])
      .over((ob) => ob.orderBy('order_id'))
      .as('prev'),
  ]),
)
add(W, 'lead with default', (db) =>
  small(db).select((_eb) => [
    'order_id',
    sql<bigint>`lead(order_id, 2, 0) over (order by order_id)`.as('next2'),
  ]),
)
add(W, 'running sum', (db) =>
  db
    .selectFrom('line_items')
    .where('order_id', '<', 30n)
    .select((eb) => [
      'order_id',
      'line_no',
      eb.fn
        .sum<bigint>('quantity')
        .over((ob) => ob.orderBy('order_id').orderBy('line_no'))
        .as('running'),
    ]),
)
add(W, 'ntile', (db) =>
  small(db).select((eb) => [
    'order_id',
    eb.fn
      .agg<bigint>('ntile', [eb.lit(4)])
      .over((ob) => ob.orderBy('order_id'))
      .as('q'),
  ]),
)
add(W, 'first_value', (db) =>
  small(db).select((eb) => [
    'order_id',
    eb.fn
      .agg<bigint>('first_value', ['order_id'])
      .over((ob) => ob.partitionBy('status').orderBy('order_id'))
      .as('f'),
  ]),
)
add(W, 'count over partition', (db) =>
  small(db).select((eb) => [
    'order_id',
    eb.fn
      .countAll<bigint>()
      .over((ob) => ob.partitionBy('status'))
      .as('n'),
  ]),
)
add(W, 'avg over partition', (db) =>
  db
    .selectFrom('events')
    .where('event_id', '<', 200n)
    .select((eb) => [
      'event_id',
      eb.fn
        .avg<number>('amount')
        .over((ob) => ob.partitionBy('event_type'))
        .as('a'),
    ]),
)
add(W, 'frame: moving sum (sql)', (db) =>
  small(db).select([
    'order_id',
    sql<bigint>`sum(order_id) over (order by order_id rows between 2 preceding and current row)`.as(
      'm',
    ),
  ]),
)
add(W, 'percent_rank', (db) =>
  db.selectFrom('products').select((eb) => [
    'product_id',
    eb.fn
      .agg<number>('percent_rank')
      .over((ob) => ob.orderBy('unit_price'))
      .as('p'),
  ]),
)
add(W, 'sum over () total', (db) =>
  small(db).select((eb) => ['order_id', eb.fn.sum<bigint>('order_id').over().as('total')]),
)
add(W, 'max over partition with a string', (db) =>
  db.selectFrom('customers').select((eb) => [
    'customer_id',
    eb.fn
      .max('name')
      .over((ob) => ob.partitionBy('country'))
      .as('last_name'),
  ]),
)

// ---- CTEs ----------------------------------------------------------------------------------------
const C = 'ctes'
add(C, 'one CTE', (db) =>
  db
    .with('big', (d) =>
      d.selectFrom('orders').select(['order_id', 'status']).where('order_id', '>', 1450n),
    )
    .selectFrom('big')
    .selectAll(),
)
add(C, 'two CTEs joined', (db) =>
  db
    .with('c', (d) => d.selectFrom('customers').select(['customer_id', 'country']))
    .with('o', (d) =>
      d
        .selectFrom('orders')
        .select((eb) => ['customer_id', eb.fn.countAll<bigint>().as('n')])
        .groupBy('customer_id'),
    )
    .selectFrom('c')
    .innerJoin('o', 'o.customer_id', 'c.customer_id')
    .select(['c.country', 'o.n'])
    .where('c.customer_id', '<', 40n),
)
add(C, 'CTE referenced twice', (db) =>
  db
    .with('t', (d) => d.selectFrom('products').select(['product_id', 'category']))
    .selectFrom('t as a')
    .innerJoin('t as b', (j) =>
      j.onRef('a.category', '=', 'b.category').onRef('a.product_id', '<', 'b.product_id'),
    )
    .select(['a.product_id as x', 'b.product_id as y']),
)
add(C, 'recursive CTE', (db) =>
  db
    .withRecursive('n(i)', (d) =>
      d.selectNoFrom(sql<number>`1`.as('i')).unionAll(
        d
          .selectFrom('n')
          .select((eb) => eb('i', '+', 1).as('i'))
          .where('i', '<', 10),
      ),
    )
    .selectFrom('n')
    .select('i'),
)
add(C, 'CTE with an aggregate', (db) =>
  db
    .with('totals', (d) =>
      d
        .selectFrom('line_items')
        .select((eb) => ['order_id', eb.fn.sum<bigint>('quantity').as('q')])
        .groupBy('order_id'),
    )
    .selectFrom('totals')
    .select((eb) => [eb.fn.max('q').as('max_q'), eb.fn.countAll<bigint>().as('n')]),
)
add(C, 'CTE with a window', (db) =>
  db
    .with('ranked', (d) =>
      d.selectFrom('products').select((eb) => [
        'product_id',
        'category',
        eb.fn
          .agg<bigint>('row_number')
          .over((ob) => ob.partitionBy('category').orderBy('unit_price', 'desc'))
          .as('rn'),
      ]),
    )
    .selectFrom('ranked')
    .select(['product_id', 'category'])
    .where('rn', '=', 1n),
)
add(C, 'CTE with column names', (db) =>
  db
    .with('t(a, b)', (d) => d.selectFrom('products').select(['product_id as a', 'name as b']))
    .selectFrom('t')
    .select(['a', 'b'])
    .where('a', '<', 5),
)
add(C, 'CTE feeding a union', (db) =>
  db
    .with('x', (d) => d.selectFrom('customers').select('country').where('customer_id', '<', 10n))
    .selectFrom('x')
    .select('country')
    .union((eb) => eb.selectFrom('x').select('country')),
)
add(
  C,
  'MATERIALIZED CTE is refused',
  (db) =>
    db
      .with(
        (w) => w('m').materialized(),
        (d) => d.selectFrom('products').select('product_id'),
      )
      .selectFrom('m')
      .selectAll(),
  { refused: 'MATERIALIZED CTEs' },
)

// ---- set operations ------------------------------------------------------------------------------
const U = 'set operations'
add(U, 'union', (db) =>
  db
    .selectFrom('customers')
    .select('country')
    .union(db.selectFrom('customers').select('segment as country')),
)
add(U, 'union all', (db) =>
  db
    .selectFrom('products')
    .select('category')
    .where('product_id', '<', 5)
    .unionAll(db.selectFrom('products').select('category').where('product_id', '<', 5)),
)
add(U, 'intersect', (db) =>
  db
    .selectFrom('orders')
    .select('customer_id')
    .where('status', '=', 'new')
    .intersect(db.selectFrom('orders').select('customer_id').where('status', '=', 'cancelled')),
)
add(U, 'except', (db) =>
  db
    .selectFrom('customers')
    .select('customer_id')
    .except(db.selectFrom('orders').select('customer_id')),
)
add(
  U,
  'union with order by and limit',
  (db) =>
    db
      .selectFrom('products')
      .select('product_id as id')
      .where('product_id', '<', 5)
      .union(
        db
          .selectFrom('customers')
          .select(sql<number>`cast(customer_id as int)`.as('id'))
          .where('customer_id', '<', 8n),
      )
      .orderBy('id', 'desc')
      .limit(4),
  { ordered: true },
)
add(U, 'intersect all', (db) =>
  db
    .selectFrom('line_items')
    .select('product_id')
    .where('order_id', '<', 50n)
    .intersectAll(db.selectFrom('line_items').select('product_id').where('order_id', '>', 1400n)),
)
add(U, 'except all', (db) =>
  db
    .selectFrom('line_items')
    .select('quantity')
    .where('order_id', '<', 30n)
    .exceptAll(db.selectFrom('line_items').select('quantity').where('order_id', '<', 10n)),
)
add(U, 'three-way union', (db) =>
  db
    .selectNoFrom(sql<string>`'a'`.as('v'))
    .union(db.selectNoFrom(sql<string>`'b'`.as('v')))
    .union(db.selectNoFrom(sql<string>`'a'`.as('v'))),
)

// ---- subqueries ----------------------------------------------------------------------------------
const Q = 'subqueries'
add(Q, 'scalar subquery in select', (db) =>
  db
    .selectFrom('products')
    .select((eb) => [
      'product_id',
      eb
        .selectFrom('line_items')
        .select((e) => e.fn.countAll<bigint>().as('n'))
        .as('all_lines'),
    ])
    .where('product_id', '<', 5),
)
add(Q, 'correlated scalar subquery', (db) =>
  db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.customer_id',
      eb
        .selectFrom('orders as o')
        .select((e) => e.fn.max('o.order_date').as('d'))
        .whereRef('o.customer_id', '=', 'c.customer_id')
        .as('last_order'),
    ])
    .where('c.customer_id', '<', 30n),
)
add(Q, 'not exists', (db) =>
  db
    .selectFrom('customers as c')
    .select('c.customer_id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('events as e')
            .select('e.event_id')
            .whereRef('e.customer_id', '=', 'c.customer_id'),
        ),
      ),
    ),
)
add(Q, 'derived table', (db) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('orders')
        .select(['customer_id', 'status'])
        .where('status', '=', 'delivered')
        .as('d'),
    )
    .select((eb) => ['d.customer_id', eb.fn.countAll<bigint>().as('n')])
    .groupBy('d.customer_id'),
)
add(Q, 'subquery in having', (db) =>
  db
    .selectFrom('line_items')
    .select((eb) => ['product_id', eb.fn.sum<bigint>('quantity').as('q')])
    .groupBy('product_id')
    .having(
      (eb) => eb.fn.sum('quantity'),
      '>',
      sql<number>`(select avg(quantity) from line_items)`,
    ),
)
add(Q, 'compare with an average', (db) =>
  db
    .selectFrom('products')
    .select(['product_id', 'unit_price'])
    .where('unit_price', '>', (eb) =>
      eb.selectFrom('products').select((e) => e.fn.avg<string>('unit_price').as('a')),
    ),
)
add(Q, 'nested three levels', (db) =>
  db
    .selectFrom('customers')
    .select('name')
    .where('customer_id', 'in', (eb) =>
      eb
        .selectFrom('orders')
        .select('customer_id')
        .where('order_id', 'in', (e2) =>
          e2.selectFrom('line_items').select('order_id').where('product_id', '=', 3),
        ),
    ),
)
add(Q, 'correlated subquery with limit', (db) =>
  db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.customer_id',
      eb
        .selectFrom('orders as o')
        .select('o.order_id')
        .whereRef('o.customer_id', '=', 'c.customer_id')
        .orderBy('o.order_id', 'desc')
        .limit(1)
        .as('latest'),
    ])
    .where('c.customer_id', '<', 25n),
)
add(Q, 'aggregates over a derived table', (db) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('line_items')
        .select((e) => ['order_id', e.fn.countAll<bigint>().as('lines')])
        .groupBy('order_id')
        .as('t'),
    )
    .select((eb) => ['t.lines', eb.fn.countAll<bigint>().as('orders')])
    .groupBy('t.lines'),
)
add(Q, 'exists in select', (db) =>
  db
    .selectFrom('products as p')
    .select((eb) => [
      'p.product_id',
      eb
        .exists(
          eb
            .selectFrom('line_items as li')
            .select('li.order_id')
            .whereRef('li.product_id', '=', 'p.product_id')
            .where('li.quantity', '=', 5),
        )
        .as('has_five'),
    ]),
)
add(Q, 'in with a tuple-free multi-column filter', (db) =>
  db
    .selectFrom('line_items')
    .select(['order_id', 'line_no'])
    .where('order_id', 'in', [3n, 5n, 7n])
    .where('line_no', 'in', [1, 2]),
)
add(Q, 'subquery in from with a window', (db) =>
  db
    .selectFrom((eb) =>
      eb
        .selectFrom('events')
        .select((e) => [
          'event_id',
          'event_type',
          e.fn
            .agg<bigint>('row_number')
            .over((ob) => ob.partitionBy('event_type').orderBy('event_id'))
            .as('rn'),
        ])
        .as('x'),
    )
    .select(['x.event_id', 'x.event_type'])
    .where('x.rn', '<=', 3n),
)

// ---- sql helpers ---------------------------------------------------------------------------------
const H = 'sql helpers'
add(
  H,
  'raw sql query with a value',
  raw(() => sql<{ order_id: bigint }>`select order_id from orders where customer_id = ${17n}`),
)
add(H, 'sql.ref and sql.lit', (db) =>
  db
    .selectFrom('products')
    .select([sql.ref<number>('product_id').as('id'), sql.lit('x').as('lit')])
    .where('product_id', '<', 4),
)
add(H, 'sql.val', (db) =>
  db.selectFrom('products').select('product_id').where(sql`unit_price`, '<', sql.val('20.00')),
)
add(
  H,
  'sql.join in an in-list',
  raw(
    () =>
      sql<{
        product_id: number
      }>`select product_id from products where product_id in (${sql.join([1, 2, 3])})`,
  ),
)
add(
  H,
  'sql.id and sql.table',
  raw(
    () => sql<{ n: bigint }>`select count(${sql.id('order_id')}) as n from ${sql.table('orders')}`,
  ),
)
add(H, 'sql template in where', (db) =>
  db
    .selectFrom('customers')
    .select('customer_id')
    .where(sql<boolean>`${sql.ref('country')} = ${'FR'} and ${sql.ref('customer_id')} < ${50n}`),
)
add(H, 'sql<number> expression with a parameter', (db) =>
  db
    .selectFrom('line_items')
    .select(['order_id', sql<number>`quantity * ${3}`.as('x')])
    .where('order_id', '<', 10n),
)
add(H, 'sql.raw fragment', (db) =>
  db
    .selectFrom('products')
    .select(sql.raw<number>('product_id + 100').as('shifted'))
    .where('product_id', '<', 5),
)
add(H, 'string values with quotes and backslashes', (db) =>
  db.selectNoFrom((eb) => [
    eb.val("it's").as('a'),
    eb.val('back\\slash').as('b'),
    eb.val('new\nline').as('c'),
    eb.val('"dq"').as('d'),
  ]),
)
add(H, '$if and $call', (db) =>
  db
    .selectFrom('orders')
    .select('order_id')
    .$if(true, (q) => q.where('status', '=', 'paid'))
    .$call((q) => q.where('order_id', '<', 100n)),
)

// ---- plugins -------------------------------------------------------------------------------------
const P = 'plugins'
const camel = (db: DB) =>
  db.withPlugin(new CamelCasePlugin()) as unknown as Kysely<{
    lineItems: { orderId: bigint; lineNo: number; unitPrice: string }
  }>
add(P, 'CamelCasePlugin', (db) =>
  camel(db)
    .selectFrom('lineItems')
    .select(['orderId', 'lineNo', 'unitPrice'])
    .where('orderId', '<', 10n),
)
add(P, 'withSchema', (db) =>
  db
    .withSchema('shop')
    .selectFrom('products')
    .select(['product_id', 'name'])
    .where('product_id', '<', 6),
)
add(P, 'ParseJSONResultsPlugin + jsonArrayFrom', (db) =>
  db
    .withPlugin(new ParseJSONResultsPlugin())
    .selectFrom('customers as c')
    .select((eb) => [
      'c.customer_id',
      jsonArrayFrom(
        eb
          .selectFrom('orders as o')
          .select(['o.order_id', 'o.status'])
          .whereRef('o.customer_id', '=', 'c.customer_id')
          .orderBy('o.order_id'),
      ).as('orders'),
    ])
    .where('c.customer_id', '<', 8n),
)
add(P, 'ParseJSONResultsPlugin + jsonObjectFrom', (db) =>
  db
    .withPlugin(new ParseJSONResultsPlugin())
    .selectFrom('orders as o')
    .select((eb) => [
      'o.order_id',
      jsonObjectFrom(
        eb
          .selectFrom('customers as c')
          .select(['c.name', 'c.country'])
          .whereRef('c.customer_id', '=', 'o.customer_id'),
      ).as('customer'),
    ])
    .where('o.order_id', '<', 10n),
)
add(P, 'ParseJSONResultsPlugin + jsonBuildObject', (db) =>
  db
    .withPlugin(new ParseJSONResultsPlugin())
    .selectFrom('products')
    .select((eb) => [
      'product_id',
      jsonBuildObject({ name: eb.ref('name'), category: eb.ref('category') }).as('o'),
    ]),
)
add(P, 'HandleEmptyInListsPlugin', (db) =>
  db
    .withPlugin(new HandleEmptyInListsPlugin({ strategy: replaceWithNoncontingentExpression }))
    .selectFrom('products')
    .select('product_id')
    .where('product_id', 'in', []),
)
add(P, 'DeduplicateJoinsPlugin', (db) =>
  db
    .withPlugin(new DeduplicateJoinsPlugin())
    .selectFrom('orders as o')
    .innerJoin('customers as c', 'c.customer_id', 'o.customer_id')
    .innerJoin('customers as c', 'c.customer_id', 'o.customer_id')
    .select(['o.order_id', 'c.country'])
    .where('o.order_id', '<', 30n),
)
add(P, 'two plugins stacked', (db) =>
  camel(db.withSchema('shop'))
    .selectFrom('lineItems')
    .select((eb) => ['orderId', eb.fn.countAll<bigint>().as('lineCount')])
    .groupBy('orderId')
    .where('orderId', '<', 20n),
)

// ---- ordering and paging ---------------------------------------------------------------------------
const O = 'ordering and paging'
add(O, 'limit', (db) => db.selectFrom('orders').select('order_id').orderBy('order_id').limit(7), {
  ordered: true,
})
add(
  O,
  'limit + offset',
  (db) => db.selectFrom('orders').select('order_id').orderBy('order_id').limit(5).offset(10),
  { ordered: true },
)
add(
  O,
  'offset alone',
  (db) => db.selectFrom('products').select('product_id').orderBy('product_id').offset(25),
  { ordered: true },
)
add(
  O,
  'desc nulls first',
  (db) =>
    db
      .selectFrom('customers')
      .select(['customer_id', 'credit'])
      .where('customer_id', '<', 30n)
      .orderBy('credit', (ob) => ob.desc().nullsFirst())
      .orderBy('customer_id'),
  { ordered: true },
)
add(
  O,
  'order by several columns',
  (db) =>
    db
      .selectFrom('customers')
      .select(['country', 'segment', 'customer_id'])
      .orderBy('country')
      .orderBy('segment', 'desc')
      .orderBy('customer_id')
      .limit(20),
  { ordered: true },
)
add(
  O,
  'limit(null)',
  (db) => db.selectFrom('products').select('product_id').orderBy('product_id').limit(null),
  { ordered: true },
)
add(
  O,
  'order by an expression',
  (db) =>
    db
      .selectFrom('products')
      .select(['product_id', 'unit_price'])
      .orderBy(sql`unit_price * -1`)
      .orderBy('product_id')
      .limit(8),
  { ordered: true },
)
add(
  O,
  'order by an alias of an aggregate',
  (db) =>
    db
      .selectFrom('orders')
      .select((eb) => ['status', eb.fn.countAll<bigint>().as('n')])
      .groupBy('status')
      .orderBy('n')
      .orderBy('status'),
  { ordered: true },
)

// ---- streaming -----------------------------------------------------------------------------------
const T = 'streaming'
add(
  T,
  'stream a table in chunks of 100',
  (db) => db.selectFrom('events').selectAll().orderBy('event_id'),
  { ordered: true, stream: 100 },
)
add(
  T,
  'stream with a filter, odd chunk size',
  (db) =>
    db
      .selectFrom('events')
      .select(['event_id', 'amount'])
      .where('event_type', '=', 'buy')
      .orderBy('event_id'),
  { ordered: true, stream: 7 },
)
add(
  T,
  'stream a join',
  (db) =>
    db
      .selectFrom('line_items as li')
      .innerJoin('products as p', 'p.product_id', 'li.product_id')
      .select(['li.order_id', 'li.line_no', 'p.category'])
      .orderBy('li.order_id')
      .orderBy('li.line_no'),
  { ordered: true, stream: 500 },
)
add(
  T,
  'stream with a limit',
  (db) => db.selectFrom('orders').selectAll().orderBy('order_id').limit(33),
  { ordered: true, stream: 10 },
)
add(
  T,
  'stream an aggregate',
  (db) =>
    db
      .selectFrom('events')
      .select((eb) => ['event_type', eb.fn.countAll<bigint>().as('n')])
      .groupBy('event_type'),
  { stream: 2 },
)
add(
  T,
  'stream an empty result',
  (db) => db.selectFrom('orders').selectAll().where('order_id', '<', 0n),
  { stream: 10 },
)

// ---- refused constructs ------------------------------------------------------------------------------
const R = 'refused'
add(
  R,
  'FETCH',
  (db) => db.selectFrom('orders').select('order_id').orderBy('order_id').offset(0).fetch(5),
  { refused: 'FETCH' },
)
add(R, 'FOR UPDATE', (db) => db.selectFrom('orders').select('order_id').forUpdate(), {
  refused: 'FOR UPDATE',
})
add(
  R,
  'JSON -> operator',
  (db) =>
    db.selectFrom('customers').select((eb) =>
      eb
        .ref('name', '->')
        .key('x' as never)
        .as('j'),
    ),
  { refused: 'JSON reference operators (->, ->>, ->$)' },
)
add(R, 'TOP', (db) => db.selectFrom('orders').top(3).select('order_id'), { refused: 'TOP' })
add(
  R,
  'cast to uuid',
  (db) => db.selectFrom('orders').select((eb) => eb.cast('order_id', 'uuid').as('u')),
  { refused: 'CAST to uuid' },
)
add(
  R,
  'COLLATE',
  (db) =>
    db
      .selectFrom('customers')
      .select('name')
      .orderBy('name', (ob) => ob.collate('C')),
  { refused: 'COLLATE' },
)

export const BATTERY: readonly BatteryCase[] = cases
