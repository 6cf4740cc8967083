/**
 * The battery's data: generated deterministically by an independent DuckDB, written as Parquet
 * files that the local engine serves (`data: ['shop=<dir>']`) and the reference DuckDB reads.
 */
import type { DuckDBConnection } from '@duckdb/node-api'

/** Table → generating SELECT (DuckDB SQL). */
export const SHOP_TABLES: Readonly<Record<string, string>> = {
  customers: `select i::bigint as customer_id, 'Customer ' || lpad(i::varchar, 3, '0') as name,
    (['DE', 'FR', 'US', 'IN', 'JP'])[1 + (i * 7) % 5] as country,
    (['retail', 'smb', 'enterprise'])[1 + (i * 3) % 3 + (i % 2) * (i % 3 = 0)::int] as segment,
    date '2020-01-01' + ((i * 37) % 1500)::int as signup_date, i % 4 <> 0 as is_active,
    (case when i % 9 = 0 then null else ((i * 131) % 100000) / 100.0 end)::decimal(10, 2) as credit
    from range(1, 201) t(i)`,
  products: `select i::int as product_id, 'Product ' || i as name,
    (['books', 'games', 'tools', 'food'])[1 + i % 4] as category,
    ((i * 977) % 20000 / 100.0 + 1)::decimal(10, 2) as unit_price from range(1, 31) t(i)`,
  orders: `select i::bigint as order_id, (1 + (i * 53) % 200)::bigint as customer_id,
    date '2023-01-01' + ((i * 11) % 700)::int as order_date,
    (['new', 'paid', 'shipped', 'delivered', 'cancelled'])[1 + (i * 13) % 5] as status,
    case when (i * 13) % 5 in (2, 3) then make_timestamp(1672531200000000 + ((i * 7919123) % 60480000000000)::bigint) end as shipped_at
    from range(1, 1501) t(i)`,
  line_items: `select o.order_id, l.n::int as line_no, p.product_id,
    (1 + (o.order_id + l.n) % 5)::int as quantity, p.unit_price,
    ((o.order_id * l.n) % 4 * 5 / 100.0)::decimal(4, 2) as discount
    from gen_orders o, range(1, 4) l(n), gen_products p
    where l.n <= 1 + o.order_id % 3 and p.product_id = 1 + (o.order_id * l.n * 7) % 30`,
  events: `select i::bigint as event_id,
    case when i % 50 = 0 then null else (1 + (i * 17) % 200)::bigint end as customer_id,
    make_timestamp(1704067200000000 + i * 31536000001) as event_time,
    (['view', 'click', 'buy', 'view', 'view'])[1 + i % 5] as event_type,
    case when i % 7 = 0 then null else ((i * 37) % 1000) / 10.0 end::double as amount
    from range(0, 3000) t(i)`,
}

/** Writes every table to `<dir>/<table>.parquet` and leaves views of those files in `main` and `shop`. */
export async function writeShop(connection: DuckDBConnection, dir: string): Promise<void> {
  for (const [table, select] of Object.entries(SHOP_TABLES)) {
    await connection.run(`create table gen_${table} as ${select}`)
    await connection.run(`copy gen_${table} to '${dir}/${table}.parquet' (format parquet)`)
  }
  for (const table of Object.keys(SHOP_TABLES)) {
    await connection.run(`drop table gen_${table}`)
  }
  await connection.run('create schema shop')
  for (const table of Object.keys(SHOP_TABLES)) {
    for (const schema of ['main', 'shop']) {
      await connection.run(
        `create view ${schema}.${table} as select * from read_parquet('${dir}/${table}.parquet')`,
      )
    }
  }
}
