import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runLocalCli } from '../../src/cli/local-command.js'
import { generateTypes } from '../../src/codegen/index.js'
import { E6dataDialect } from '../../src/dialect/index.js'
import { createClient } from '../../src/driver/index.js'
import { DataSourceError, type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { openEngine, withEngine } from '../helpers/engine-fixture.js'

let dir: string

/** Fixtures written by DuckDB itself: a partitioned Parquet directory, CSV, JSON, a DuckDB file. */
async function writeFixtures(root: string): Promise<void> {
  mkdirSync(join(root, 'lake', 'sales'), { recursive: true })
  mkdirSync(join(root, 'logs'))
  const instance = await DuckDBInstance.create(':memory:')
  const c = await instance.connect()
  const lake = join(root, 'lake', 'sales')
  await c.run(`COPY (SELECT i::BIGINT AS order_id, (1 + i % 7)::INTEGER AS customer_id,
      (10 + i * 1.25)::DECIMAL(10,2) AS total, DATE '2024-12-20' + (i * 3)::INTEGER AS order_date,
      year(DATE '2024-12-20' + (i * 3)::INTEGER) AS year
    FROM range(20) t(i)) TO '${lake}/orders' (FORMAT parquet, PARTITION_BY (year))`)
  await c.run(`COPY (SELECT * FROM (VALUES (1, 'North'), (2, 'South')) v(region_id, region))
    TO '${lake}/regions.parquet' (FORMAT parquet)`)
  await c.run(`COPY (SELECT i AS customer_id, 'Customer ' || i AS name,
      TIMESTAMP '2024-01-01 09:00:00' + to_hours(i) AS signed_up FROM range(1, 8) t(i))
    TO '${root}/customers.csv' (HEADER)`)
  await c.run(`COPY (SELECT i AS product_id, 'Product ' || i AS title, [i, i * 2] AS tags
    FROM range(3) t(i)) TO '${root}/products.json' (FORMAT json)`)
  for (const day of [1, 2]) {
    await c.run(`COPY (SELECT ${day} AS day, 'GET' AS method FROM range(${day}))
      TO '${root}/logs/day-${day}.csv' (HEADER)`)
  }
  c.closeSync()
  instance.closeSync()
  const warehouse = await DuckDBInstance.create(join(root, 'warehouse.duckdb'))
  const w = await warehouse.connect()
  await w.run('CREATE SCHEMA finance')
  await w.run(
    'CREATE TABLE finance.ledger AS SELECT i AS entry, i * 10 AS amount FROM range(4) t(i)',
  )
  w.closeSync()
  warehouse.closeSync()
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e6-data-'))
  await writeFixtures(dir)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('local engine: --data serves your own files in place', () => {
  const data = () => [
    `sales=${join(dir, 'lake', 'sales')}`,
    join(dir, 'customers.csv'),
    { name: 'ref.products', path: join(dir, 'products.json') },
    `web.logs=${join(dir, 'logs', '*.csv')}`,
    join(dir, 'warehouse.duckdb'),
  ]

  it('maps directories, part directories, files, globs and DuckDB files by the naming rule', async () => {
    await withEngine({ sampleData: false, data: data() }, async ({ engine, client }) => {
      expect(engine.catalog).toBe('local')
      expect(engine.schema).toBe('sales')
      expect(
        engine.dataSources.map((s) => [s.catalog, s.schema, s.table, s.format].join('.')),
      ).toEqual([
        'local.sales.orders.parquet',
        'local.sales.regions.parquet',
        'local.default.customers.csv',
        'local.ref.products.json',
        'local.web.logs.csv',
        'warehouse...duckdb',
      ])
      expect(await client.schemas()).toEqual(
        expect.arrayContaining(['sales', 'default', 'ref', 'web']),
      )
      expect(await client.tables('sales')).toEqual(['orders', 'regions'])
      expect(await client.tables('default')).toEqual(['customers'])
      // e6 type names, partition column included
      expect(
        (await client.columns('sales', 'orders')).map((c) => `${c.name} ${c.rawType}`),
      ).toEqual([
        'order_id bigint',
        'customer_id int',
        'total decimal(10,2)',
        'order_date date',
        'year bigint',
      ])
      expect((await client.columns('ref', 'products')).map((c) => c.rawType)).toEqual([
        'bigint',
        'string',
        'array<bigint>',
      ])
      const { rows } = await client.query(
        `SELECT year, count(*) AS n, sum(total) AS revenue FROM orders GROUP BY year ORDER BY year`,
      )
      expect(rows).toEqual([
        { year: 2024n, n: 4n, revenue: '47.50' },
        { year: 2025n, n: 16n, revenue: '390.00' },
      ])
      expect((await client.query('SELECT count(*) AS n FROM web.logs')).rows).toEqual([{ n: 3n }])
      const ledger = createClient({
        ...engine.connection,
        catalog: 'warehouse',
        database: 'finance',
      })
      try {
        expect(await ledger.schemas()).toContain('finance')
        expect((await ledger.query('SELECT sum(amount) AS s FROM ledger')).rows).toEqual([
          { s: 60n },
        ])
      } finally {
        await ledger.close()
      }
    })
  })

  it('reads the files in place on every query (no copy at startup)', async () => {
    const csv = join(dir, 'late.csv')
    appendFileSync(csv, 'id,label\n1,first\n')
    const f = await openEngine({ sampleData: false, data: [csv] })
    try {
      const count = async () =>
        (await f.client.query('SELECT count(*) AS n FROM "default".late')).rows[0]?.n
      expect(await count()).toBe(1n)
      appendFileSync(csv, '2,second\n')
      expect(await count()).toBe(2n)
    } finally {
      await f.close()
    }
  })

  it('lets Kysely query the data and codegen type it', async () => {
    await withEngine({ sampleData: false, data: data() }, async ({ client }) => {
      interface DB {
        orders: { order_id: bigint; customer_id: number; total: string; order_date: string }
        'default.customers': { customer_id: bigint; name: string; signed_up: Date }
      }
      const db = new Kysely<DB>({ dialect: new E6dataDialect({ client }) })
      const top = await db
        .selectFrom('orders as o')
        .innerJoin('default.customers as c', 'c.customer_id', 'o.customer_id')
        .select(['c.name', sql<string>`sum(o.total)`.as('spent')])
        .groupBy('c.name')
        .orderBy('spent', 'desc')
        .limit(2)
        .execute()
      expect(top).toEqual([
        // customer_id = 1 + i % 7, total = 10 + 1.25 i: customer 6 has i = 5, 12, 19
        { name: 'Customer 6', spent: '75.00' },
        { name: 'Customer 5', spent: '71.25' },
      ])
      await db.destroy()
      const code = await generateTypes({ source: client, schemas: ['sales', 'default', 'ref'] })
      // the engine's default schema (sales) is unqualified, the others are schema-qualified
      expect(code).toMatch(
        /export interface Orders \{[\s\S]*?order_id: bigint \| null;[\s\S]*?total: string \| null;/,
      )
      expect(code).toMatch(/ {2}orders: Orders;/)
      expect(code).toMatch(/"default\.customers": \w+;/)
      expect(code).toMatch(/signed_up: Date \| null;/)
      expect(code).toMatch(/"ref\.products": \w+;/)
    })
  })

  it('coexists with the sample data and refuses names in use or unmappable paths', async () => {
    await withEngine(
      { bigTableRows: 1_000, data: [`sales=${join(dir, 'lake', 'sales')}`] },
      async ({ engine, client }) => {
        expect([engine.catalog, engine.schema]).toEqual(['local', 'demo'])
        expect(await client.schemas()).toEqual(expect.arrayContaining(['demo', 'sales']))
      },
    )
    const refused = async (options: Parameters<typeof startLocalEngine>[0], message: RegExp) => {
      const error = await startLocalEngine(options).then(
        async (e) => {
          await e.close()
          return undefined
        },
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(DataSourceError)
      expect((error as Error).message).toMatch(message)
    }
    await refused(
      { bigTableRows: 0, data: [`demo=${join(dir, 'lake', 'sales')}`] },
      /local\.demo already exists/,
    )
    await refused({ sampleData: false, data: [join(dir, 'nope.parquet')] }, /cannot read/)
    await refused({ sampleData: false, data: [join(dir, 'logs', '*.csv')] }, /a glob needs a name/)
    await refused(
      {
        sampleData: false,
        data: [join(dir, 'customers.csv'), `customers=${join(dir, 'logs', 'day-1.csv')}`],
      },
      /local\.default\.customers is already mapped/,
    )
    await refused(
      { sampleData: false, data: [`local=${join(dir, 'warehouse.duckdb')}`] },
      /catalog name local is already used/,
    )
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    await refused({ sampleData: false, data: [empty] }, /no Parquet, CSV or JSON files/)
  })

  it('kysely-e6data local --data prints what it maps and serves it', async () => {
    let out = ''
    const stdin = new PassThrough()
    let started: LocalEngine | undefined
    const running = runLocalCli(
      [
        '--port',
        '0',
        '--no-sample-data',
        '--data',
        `sales=${join(dir, 'lake', 'sales')}`,
        '--data',
        join(dir, 'customers.csv'),
      ],
      {
        stdin,
        stdout: { write: (t: string) => (out += t) },
        stderr: { write: (t: string) => (out += t) },
        handleSignals: false,
        onStarted: (e) => {
          started = e
        },
      },
    )
    await vi.waitUntil(() => started !== undefined, { timeout: 20_000 })
    expect(out).toContain('schema:    sales')
    expect(out).toMatch(/data: {6}local\.sales\.orders ← .*orders\/\*\*\/\*\.parquet \(parquet\)/)
    expect(out).toMatch(/data: {6}local\.default\.customers ← .*customers\.csv \(csv\)/)
    const client = createClient((started as LocalEngine).connection)
    try {
      expect((await client.query('SELECT count(*) AS n FROM "default".customers')).rows).toEqual([
        { n: 7n },
      ])
    } finally {
      await client.close()
      stdin.write('quit\n')
      await running
    }
  })

  it('serves the README example directory (examples/data/shop)', async () => {
    const shop = fileURLToPath(new URL('../../examples/data/shop', import.meta.url))
    await withEngine({ sampleData: false, data: [`shop=${shop}`] }, async ({ client }) => {
      expect(await client.tables('shop')).toEqual(['customers', 'orders', 'products'])
      const { rows } = await client.query(
        `SELECT c.name, sum(o.quantity * p.price) AS spent
         FROM orders o JOIN customers c USING (customer_id) JOIN products p USING (product_id)
         GROUP BY c.name ORDER BY spent DESC LIMIT 2`,
      )
      // Amara: 2 × 34.5 + 3 × 41.9; Lukas: 1 × 24.0 + 4 × 34.5
      expect(rows).toEqual([
        { name: 'Amara Okafor', spent: 194.7 },
        { name: 'Lukas Bauer', spent: 162 },
      ])
    })
  })
})
