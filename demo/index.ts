/**
 * `npm run demo`: starts the embedded local e6data engine with its sample data, then uses
 * kysely-e6data the three ways — typed Kysely queries (a join with aggregates, a streamed scan
 * of the 1M-row table with progress), schema introspection, and the plain driver.
 */
import { Kysely, sql } from 'kysely'
import type { ReadonlyKysely } from 'kysely/readonly'
import { createClient, E6dataDialect } from '../src/index.js'
import { startLocalEngine } from '../src/local/index.js'
import type { DB } from './db.js'
import { printTable } from './print-table.js'

const started = performance.now()
const engine = await startLocalEngine({ port: 0 })
const startupMs = performance.now() - started
console.log(
  `local e6data engine on ${engine.address} (catalog ${engine.catalog}, schema ${engine.schema}), ` +
    `started with sample data in ${startupMs.toFixed(0)} ms`,
)

// engine.connection = { host, port, username, password, catalog, database }
const { connection } = engine

// 1. Kysely: the recommended type for a read-only engine is ReadonlyKysely<DB>.
const db: ReadonlyKysely<DB> = new Kysely<DB>({ dialect: new E6dataDialect(connection) }) as never

try {
  const tables = await db.introspection.getTables()
  printTable(
    'Introspection (schema RPCs): tables of the sample catalog',
    tables.map((t) => ({
      schema: t.schema ?? '',
      table: t.name,
      columns: t.columns.length,
      first_columns: t.columns
        .slice(0, 3)
        .map((c) => `${c.name} ${c.dataType}`)
        .join(', '),
    })),
  )

  const topCustomers = await db
    .selectFrom('customers as c')
    .innerJoin('orders as o', 'o.customer_id', 'c.customer_id')
    .innerJoin('line_items as li', 'li.order_id', 'o.order_id')
    .select(['c.name', 'c.city', 'c.country'])
    .select((eb) => [
      eb.fn.count<bigint>('o.order_id').distinct().as('orders'),
      eb.fn.sum<string>(sql`li.quantity * li.unit_price`).as('revenue'),
    ])
    .where('o.status', 'in', ['shipped', 'delivered'])
    .groupBy(['c.name', 'c.city', 'c.country'])
    .orderBy('revenue', 'desc')
    .limit(8)
    .execute()
  printTable('Top customers by revenue (join + aggregates, exact DECIMAL as string)', topCustomers)

  const byCountry = await db
    .selectFrom('customers as c')
    .innerJoin('orders as o', 'o.customer_id', 'c.customer_id')
    .select('c.country')
    .select((eb) => [
      eb.fn.countAll<bigint>().as('orders'),
      eb.fn.min('o.order_date').as('first_order'),
      eb.fn.max('o.shipped_at').as('last_shipment'),
    ])
    .groupBy('c.country')
    .orderBy('orders', 'desc')
    .execute()
  printTable('Orders per country (DATE as string, TIMESTAMP as Date)', byCountry)

  const bestSellers = await db
    .selectFrom('line_items as li')
    .innerJoin('products as p', 'p.product_id', 'li.product_id')
    .select(['p.name', 'p.category'])
    .select((eb) => [
      eb.fn.sum<bigint>('li.quantity').as('units'),
      sql<string>`CAST(sum(li.quantity * li.unit_price * (1 - li.discount)) AS DECIMAL(12,2))`.as(
        'net_revenue',
      ),
    ])
    .groupBy(['p.name', 'p.category'])
    .orderBy('net_revenue', 'desc')
    .limit(5)
    .execute()
  printTable('Best sellers (net of discounts)', bestSellers)

  // e6 SQL in a raw fragment: FORMAT_DATE with a Java pattern runs through the engine's macros
  const monthly = await db
    .selectFrom('orders')
    .select([
      sql<string>`format_date(order_date, 'yyyy-MM')`.as('month'),
      (eb) => eb.fn.countAll<bigint>().as('orders'),
    ])
    .where('order_date', '>=', sql<string>`CAST('2024-07-01' AS DATE)`)
    .groupBy(sql`format_date(order_date, 'yyyy-MM')`)
    .orderBy('month')
    .execute()
  printTable('Orders per month, second half of 2024 (seasonality)', monthly)

  // Streaming: real engine batches, bounded memory, progress as rows arrive.
  const total = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .executeTakeFirstOrThrow()
  const totalRows = Number(total.n)
  const perType = new Map<string, { events: number; priced: number; amount: number }>()
  const scanStart = performance.now()
  let seen = 0
  for await (const row of db.selectFrom('events').select(['event_type', 'amount']).stream(10_000)) {
    const agg = perType.get(row.event_type ?? 'NULL') ?? { events: 0, priced: 0, amount: 0 }
    agg.events++
    if (row.amount !== null) {
      agg.priced++
      agg.amount += row.amount
    }
    perType.set(row.event_type ?? 'NULL', agg)
    if (++seen % 50_000 === 0 || seen === totalRows) progress(seen, totalRows, scanStart)
  }
  process.stdout.write('\n')
  printTable(
    `Streamed scan of events: ${seen.toLocaleString('en-US')} rows aggregated client-side`,
    [...perType.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([event_type, v]) => ({
        event_type,
        events: v.events,
        amount: v.priced > 0 ? v.amount.toFixed(2) : '—',
      })),
  )

  const showcase = await db
    .selectFrom('type_showcase')
    .select(['label', 'big_col', 'dec_38_10', 'date_col', 'ts_col', 'blob_col'])
    .where('label', 'in', ['max', 'min', 'special'])
    .orderBy('id')
    .execute()
  printTable('Exact values: int64 as bigint, DECIMAL(38,10), dates never shifted', showcase)

  const compiled = db
    .selectFrom('orders')
    .select(['order_id', 'status'])
    .where('status', '=', "it's \\ shipped")
    .orderBy('order_id', (ob) => ob.nullsLast())
    .limit(3)
    .offset(10)
    .compile()
  console.log(
    `\n\x1b[1mCompiled SQL\x1b[0m (parameters rendered client-side by one audited literal renderer)`,
  )
  console.log(`  ${compiled.sql}\n  parameters: ${JSON.stringify(compiled.parameters)}`)
} finally {
  await db.destroy()
}

// 2. The plain driver, without the query builder.
const client = createClient(connection)
try {
  const { rows, queryId } = await client.query(
    'select segment, count(*) as customers from customers where is_active = ? group by segment order by segment',
    [true],
  )
  printTable(`Plain driver: client.query (engine query id ${queryId.slice(0, 8)}…)`, rows)
  const analysis = await client.explainAnalyze('select count(*) from events where amount > 500')
  console.log(
    `\n\x1b[1mexplainAnalyze\x1b[0m total_query_time ${analysis.totalQueryTimeMs} ms, parsing ${analysis.parsingTime} ms, cached ${analysis.isCached}`,
  )
  const columns = await client.columns(engine.schema, 'line_items')
  printTable(
    'Plain driver: client.columns (raw engine type names)',
    columns.map((c) => ({ ...c })),
  )
} finally {
  await client.close()
  await engine.close()
}
console.log(`\ndemo finished in ${((performance.now() - started) / 1000).toFixed(1)} s`)

function progress(done: number, total: number, since: number): void {
  const width = 30
  const filled = Math.round((done / total) * width)
  const secs = (performance.now() - since) / 1000
  const rate = Math.round(done / Math.max(secs, 1e-3))
  const line = `  streaming events [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s`
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`)
  else if (done === total || done % 250_000 === 0) console.log(line)
}
