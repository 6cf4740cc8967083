/**
 * The Kysely dialect against the local engine over real loopback gRPC: exact values of every
 * sample type, streaming with chunk sizes, 'cancel query' aborts, introspection, parameter modes,
 * and the errors e6data's read-only nature implies.
 */
import { Kysely, sql } from 'kysely'
import type { ReadonlyKysely } from 'kysely/readonly'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  createClient,
  decimal,
  E6dataDialect,
  type E6dataDialectConfig,
  InvalidArgumentError,
  QueryError,
  StrategyCache,
  StringEscapeMismatchError,
  TransactionsNotSupportedError,
  UnsupportedSqlError,
} from '../../src/index.js'
import type { LocalEngine } from '../../src/local/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { INJECTION_CORPUS } from '../sql/injection-corpus.js'

interface TypeShowcase {
  id: number
  label: string
  tiny_col: number | null
  small_col: number | null
  int_col: number | null
  big_col: bigint | null
  huge_col: bigint | null
  ubig_col: bigint | null
  uint_col: bigint | null
  float_col: number | null
  double_col: number | null
  dec_38_0: string | null
  dec_38_10: string | null
  dec_10_2: string | null
  dec_18_6: string | null
  bool_col: boolean | null
  str_col: string | null
  blob_col: Uint8Array | null
  date_col: string | null
  ts_col: Date | null
  tstz_col: Date | null
  list_col: string | null
}
interface Customer {
  customer_id: bigint
  name: string
  country: string
}
interface Order {
  order_id: bigint
  customer_id: bigint
  status: string
}
interface LineItem {
  order_id: bigint
  quantity: number
  unit_price: string
}
interface Event {
  event_id: bigint
  event_type: string
  amount: number | null
}
interface DB {
  type_showcase: TypeShowcase
  customers: Customer
  orders: Order
  line_items: LineItem
  events: Event
}

const BIG_ROWS = 30_000
const env = useEngine({ bigTableRows: BIG_ROWS, batchSize: 4_000 })
const standard = useEngine({ bigTableRows: 1_000, stringEscape: 'standard' })

function dialectFor(e: LocalEngine, extra: Partial<E6dataDialectConfig> = {}): E6dataDialect {
  return new E6dataDialect({
    ...e.connection,
    strategyCache: new StrategyCache(),
    ...extra,
  } as E6dataDialectConfig)
}

describe('E6dataDialect over the local engine', () => {
  let db: ReadonlyKysely<DB>

  beforeAll(() => {
    db = new Kysely<DB>({ dialect: dialectFor(env.engine) }) as never
  })
  afterAll(async () => {
    await db.destroy()
  })

  it('reads every sample type with exact values', async () => {
    const rows = await db.selectFrom('type_showcase').selectAll().orderBy('id').execute()
    expect(rows).toHaveLength(8)
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]))
    const max = byLabel.max!
    expect(max.tiny_col).toBe(127)
    expect(max.small_col).toBe(32767)
    expect(max.int_col).toBe(2147483647)
    expect(max.big_col).toBe(9223372036854775807n)
    expect(max.huge_col).toBe(9223372036854775807n)
    expect(max.ubig_col).toBe(9223372036854775807n)
    expect(max.uint_col).toBe(4294967295n)
    expect(max.double_col).toBe(1.7976931348623157e308)
    expect(max.dec_38_0).toBe('99999999999999999999999999999999999999')
    expect(max.dec_38_10).toBe('9999999999999999999999999999.9999999999')
    expect(max.dec_10_2).toBe('99999999.99')
    expect(max.dec_18_6).toBe('999999999999.999999')
    expect(max.bool_col).toBe(true)
    expect(max.blob_col).toEqual(new Uint8Array([0, 1, 255]))
    expect(max.date_col).toBe('9999-12-31')
    expect(max.ts_col).toEqual(new Date(Date.UTC(2038, 0, 19, 3, 14, 8, 0)))
    expect(max.list_col).toEqual(expect.any(String))

    const min = byLabel.min!
    expect(min.big_col).toBe(-9223372036854775808n)
    expect(min.huge_col).toBe(-9223372036854775808n)
    expect(min.dec_38_10).toBe('-9999999999999999999999999999.9999999999')
    expect(min.date_col).toBe('0001-01-01')
    expect(min.str_col).toBe('')
    expect(min.blob_col).toEqual(new Uint8Array([]))
    expect(min.tstz_col).toEqual(new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)))

    const special = byLabel.special!
    expect(special.double_col).toBeNaN()
    expect(special.dec_38_10).toBe('0.0000000001')
    expect(special.dec_10_2).toBe('0.01')
    expect(special.str_col).toBe('😀 漢字 é Ω')
    expect(special.date_col).toBe('1969-12-31')
    expect(special.ts_col).toEqual(new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)))
    // 2026-02-12 05:30:00.123456+05:30 is 00:00:00.123456 UTC
    expect(special.tstz_col).toEqual(new Date(Date.UTC(2026, 1, 12, 0, 0, 0, 123)))

    expect(byLabel.infinity!.double_col).toBe(Number.POSITIVE_INFINITY)
    expect(byLabel.infinity!.dec_38_0).toBe('12345678901234567890123456789012345678')
    expect(byLabel.infinity!.str_col).toBe('nul\u0000byte')
    expect(byLabel.infinity!.date_col).toBe('2040-02-29')
    expect(byLabel['-infinity']!.double_col).toBe(Number.NEGATIVE_INFINITY)
    expect(byLabel['-infinity']!.dec_38_0).toBe('-1234567890123456789012345678901234567')
    expect(byLabel['-infinity']!.str_col).toBe('ｆｕｌｌ｜ｗｉｄｔｈ ñ 𝄞')
    expect(byLabel.epoch!.dec_38_0).toBe('2451072')
    expect(byLabel.typical!.dec_38_10).toBe('42.4200000000')
    expect(byLabel.typical!.ts_col).toEqual(new Date(Date.UTC(2026, 1, 12, 0, 0, 0, 123)))

    const nulls = byLabel.nulls!
    for (const [key, value] of Object.entries(nulls)) {
      if (key !== 'id' && key !== 'label') expect(value, key).toBeNull()
    }
  })

  it('runs a join with aggregates', async () => {
    const top = await db
      .selectFrom('customers as c')
      .innerJoin('orders as o', 'o.customer_id', 'c.customer_id')
      .innerJoin('line_items as li', 'li.order_id', 'o.order_id')
      .select(['c.customer_id', 'c.name'])
      .select((eb) => [
        eb.fn.countAll<bigint>().as('items'),
        eb.fn.sum<string>(sql`li.quantity * li.unit_price`).as('revenue'),
      ])
      .groupBy(['c.customer_id', 'c.name'])
      .orderBy('revenue', 'desc')
      .orderBy('c.customer_id')
      .limit(5)
      .execute()
    expect(top).toHaveLength(5)
    expectTypeOf(top[0]!.customer_id).toEqualTypeOf<bigint>()
    for (const row of top) {
      expect(typeof row.customer_id).toBe('bigint')
      expect(row.items).toBeTypeOf('bigint')
      expect(row.revenue).toMatch(/^\d+\.\d+$/)
    }
    const revenues = top.map((r) => Number(r.revenue))
    expect([...revenues].sort((a, b) => b - a)).toEqual(revenues)
  })

  it('binds parameters of every kind through the literal renderer', async () => {
    const when = new Date(Date.UTC(2031, 4, 6, 7, 8, 9, 123))
    const row = await db
      .selectNoFrom((eb) => [
        eb.val('it\'s a "test" \\ ?').as('s'),
        eb.val(9007199254740993n).as('big'),
        eb.val(123n).as('small_big'),
        eb.val(-(2n ** 63n)).as('min_big'),
        sql<bigint>`${sql.lit(7n)}`.as('lit_big'),
        eb.val(1.5).as('dbl'),
        eb.val(true).as('flag'),
        eb.val(when).as('ts'),
        eb.val(decimal('-12345678901234567890.123456789')).as('dec'),
        eb.val(null).as('nothing'),
      ])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      s: 'it\'s a "test" \\ ?',
      big: 9007199254740993n,
      small_big: 123n,
      min_big: -(2n ** 63n),
      lit_big: 7n,
      dbl: 1.5,
      flag: true,
      ts: when,
      dec: '-12345678901234567890.123456789',
      nothing: null,
    })
    const some = await db
      .selectFrom('customers')
      .select('customer_id')
      .where('customer_id', 'in', [3n, 1n, 2n])
      .orderBy('customer_id')
      .execute()
    expect(some.map((r) => r.customer_id)).toEqual([1n, 2n, 3n])
  })

  it('streams with chunk sizes that do not divide the engine batches', async () => {
    for (const chunkSize of [1_000, 4_000, 7_777]) {
      let next = 0n
      for await (const row of db
        .selectFrom('events')
        .select(['event_id', 'event_type'])
        .orderBy('event_id')
        .stream(chunkSize)) {
        expect(row.event_id).toBe(next)
        next++
      }
      expect(next).toBe(BigInt(BIG_ROWS))
    }
  })

  it('the driver yields chunks of exactly chunkSize rows (the last one shorter)', async () => {
    const compiled = db.selectFrom('events').select('event_id').orderBy('event_id').compile()
    for (const chunkSize of [1, 999, 4_000, 7_777, 100_000]) {
      const sizes: number[] = []
      let next = 0n
      await (db as unknown as Kysely<DB>).getExecutor().provideConnection(async (connection) => {
        for await (const chunk of connection.streamQuery<{ event_id: bigint }>(
          compiled,
          chunkSize,
        )) {
          sizes.push(chunk.rows.length)
          for (const row of chunk.rows) expect(row.event_id).toBe(next++)
          if (chunkSize === 1 && sizes.length === 5) break
        }
      })
      if (chunkSize === 1) {
        expect(sizes).toEqual([1, 1, 1, 1, 1])
        continue
      }
      const full = Math.floor(BIG_ROWS / chunkSize)
      const rest = BIG_ROWS % chunkSize
      expect(sizes).toEqual([
        ...Array.from({ length: full }, () => chunkSize),
        ...(rest > 0 ? [rest] : []),
      ])
      expect(next).toBe(BigInt(BIG_ROWS))
    }
    await expect.poll(() => env.engine.control.openQueries()).toBe(0)
    await expect(
      (db as unknown as Kysely<DB>).getExecutor().provideConnection(async (connection) => {
        for await (const _ of connection.streamQuery(compiled, 0)) {
          // never reached
        }
      }),
    ).rejects.toThrow(/chunkSize must be a positive integer/)
  })

  it('breaking out of a stream frees the query on the engine', async () => {
    let seen = 0
    for await (const _row of db.selectFrom('events').select('event_id').stream(100)) {
      if (++seen === 150) break
    }
    expect(seen).toBe(150)
    await expect.poll(() => env.engine.control.openQueries()).toBe(0)
  })

  it("aborting with 'cancel query' leaves nothing running on the engine", async () => {
    const ac = new AbortController()
    const heavy = db
      .selectFrom('events as a')
      .crossJoin('events as b')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .where(sql<boolean>`a.amount * b.amount > -1`)
      .execute({ signal: ac.signal, inflightQueryAbortStrategy: 'cancel query' })
    await expect
      .poll(() => env.engine.control.runningQueries(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    ac.abort()
    await expect(heavy).rejects.toThrow()
    await expect.poll(() => env.engine.control.runningQueries(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => env.engine.control.openQueries(), { timeout: 10_000 }).toBe(0)
    // the dialect keeps working after an abort
    const one = await db.selectNoFrom(sql<number>`1`.as('one')).executeTakeFirstOrThrow()
    expect(one.one).toBe(1)
  })

  it('introspects the catalog through the schema RPCs', async () => {
    const schemas = await db.introspection.getSchemas()
    expect(schemas.map((s) => s.name)).toContain(env.engine.schema)
    const tables = await db.introspection.getTables()
    const orders = tables.find((t) => t.name === 'orders' && t.schema === env.engine.schema)
    expect(orders).toBeDefined()
    expect(orders!.isView).toBe(false)
    expect(orders!.columns.map((c) => [c.name, c.dataType])).toEqual([
      ['order_id', 'bigint'],
      ['customer_id', 'bigint'],
      ['order_date', 'date'],
      ['status', 'string'],
      ['shipped_at', 'timestamp'],
    ])
    expect(orders!.columns.every((c) => c.isNullable)).toBe(true)
  })

  it('engine errors pass through as QueryError with the engine message', async () => {
    const err = await db
      .selectFrom('no_such_table' as 'orders')
      .selectAll()
      .execute()
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(QueryError)
    expect((err as QueryError).message).toMatch(/no_such_table/)
    expect((err as QueryError).grpcCode).toBeTypeOf('number')
  })

  it('writes and transactions fail before any round trip', async () => {
    const writable = db as unknown as Kysely<DB>
    const before = env.engine.control.calls('prepareStatementV2') as number
    await expect(
      writable
        .insertInto('orders')
        .values({ order_id: 1n, customer_id: 1n, status: 'x' })
        .execute(),
    ).rejects.toBeInstanceOf(UnsupportedSqlError)
    await expect(writable.deleteFrom('orders').execute()).rejects.toBeInstanceOf(
      UnsupportedSqlError,
    )
    await expect(writable.transaction().execute(async () => 1)).rejects.toBeInstanceOf(
      TransactionsNotSupportedError,
    )
    expect(env.engine.control.calls('prepareStatementV2')).toBe(before)
  })
})

describe('parameter modes and escape rules, live', () => {
  for (const [rule, target] of [
    ['backslash', () => env.engine],
    ['standard', () => standard.engine],
  ] as const) {
    it(`every injection-corpus value comes back as data (auto, ${rule}-rule engine)`, async () => {
      const db = new Kysely<DB>({ dialect: dialectFor(target()) })
      try {
        for (const { value } of INJECTION_CORPUS) {
          const row = await db
            .selectNoFrom((eb) => [eb.val(value).as('v'), sql<number>`1`.as('one')])
            .executeTakeFirstOrThrow()
          expect(row, JSON.stringify(value)).toEqual({ v: value, one: 1 })
          const lit = await db.selectNoFrom(sql.lit(value).as('v')).executeTakeFirstOrThrow()
          expect(lit.v, JSON.stringify(value)).toBe(value)
          const hits = await db
            .selectFrom('customers')
            .select('customer_id')
            .where('name', '=', value)
            .execute()
          expect(hits, JSON.stringify(value)).toEqual([])
        }
      } finally {
        await db.destroy()
      }
    })
  }

  it('the escape rule matters: the same SQL text means different things', async () => {
    const c1 = createClient(env.engine.connection)
    const c2 = createClient(standard.engine.connection)
    try {
      const probe = "select length('\\\\') as n"
      expect((await c1.query(probe)).rows).toEqual([{ n: 1n }])
      expect((await c2.query(probe)).rows).toEqual([{ n: 2n }])
    } finally {
      await Promise.all([c1.close(), c2.close()])
    }
  })

  it('a client factory whose explicit rule the engine does not follow is refused before the statement is sent', async () => {
    const db = new Kysely<DB>({
      dialect: new E6dataDialect({
        client: () =>
          createClient({
            ...standard.engine.connection,
            stringEscape: 'backslash',
            strategyCache: new StrategyCache(),
          }),
      }),
    })
    const before = standard.engine.control.calls('prepareStatementV2')
    try {
      const error = await db
        .selectNoFrom((eb) => [eb.val('a\\b').as('v')])
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StringEscapeMismatchError)
      expect(error).toMatchObject({ configured: 'backslash', detected: 'standard' })
      // only the probe reached the engine
      expect(standard.engine.control.calls('prepareStatementV2')).toBe(before + 1)
      // a value that renders the same under both rules needs no probe and runs
      const row = await db.selectNoFrom((eb) => [eb.val('a b').as('v')]).executeTakeFirstOrThrow()
      expect(row.v).toBe('a b')
    } finally {
      await db.destroy()
    }
  })

  it('stringEscape next to a ready client is refused: the client decides the rule', async () => {
    const client = createClient(env.engine.connection)
    try {
      expect(
        () => new E6dataDialect({ client, stringEscape: 'standard' } as E6dataDialectConfig),
      ).toThrow(InvalidArgumentError)
    } finally {
      await client.close()
    }
  })

  it("parameterMode 'bind' sends values through ExecuteStatementV2Request.params", async () => {
    const db = new Kysely<DB>({ dialect: dialectFor(env.engine, { parameterMode: 'bind' }) })
    try {
      for (const { value } of INJECTION_CORPUS) {
        const row = await db.selectNoFrom((eb) => [eb.val(value).as('v')]).executeTakeFirstOrThrow()
        expect(row.v, JSON.stringify(value)).toBe(value)
      }
      const compiled = db
        .selectFrom('customers')
        .select('name')
        .where('customer_id', '=', 7n)
        .compile()
      expect(compiled.sql).toContain('?')
      const rows = await db
        .selectFrom('customers')
        .select('name')
        .where('customer_id', '=', 7n)
        .execute()
      expect(rows).toEqual([{ name: 'Yuki Wang' }])
    } finally {
      await db.destroy()
    }
  })

  it('a dialect over a ready client never closes it', async () => {
    const client = createClient(env.engine.connection)
    const db = new Kysely<DB>({ dialect: new E6dataDialect({ client }) })
    expect((await db.selectFrom('customers').select('customer_id').limit(1).execute()).length).toBe(
      1,
    )
    await db.destroy()
    expect(client.closed).toBe(false)
    expect((await client.query('select 2 as two')).rows).toEqual([{ two: 2 }])
    await client.close()
  })
})
