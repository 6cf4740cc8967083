/**
 * Duplicate and unnamed columns never lose a value: object rows throw DuplicateColumnError (on
 * the metadata, so also for empty results), array rows keep every column — in query(),
 * streamRows(), stream() batches and through the Kysely dialect.
 */
import { Kysely, sql } from 'kysely'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { DuplicateColumnError, E6dataDialect, type QueryResult } from '../../src/index.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { ENGINE_DEFAULTS } from './helpers/engine.js'

const TWO_IDS =
  'select a.id, b.id, a.v from (values (1, 10), (2, 20)) a(id, v) join (values (1), (2)) b(id) on a.id = b.id order by a.id'

const env = useEngine({ ...ENGINE_DEFAULTS, sampleData: false })

async function rejection(p: Promise<unknown>): Promise<DuplicateColumnError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DuplicateColumnError)
  return error as DuplicateColumnError
}

describe('plain driver', () => {
  it('query() throws DuplicateColumnError naming the columns and the fixes', async () => {
    const error = await rejection(env.client.query(TWO_IDS))
    expect(error.code).toBe('DUPLICATE_COLUMN')
    expect(error.duplicates).toEqual([{ name: 'id', positions: [1, 2] }])
    expect(error.message).toMatch(/columns 1 and 2 are both named "id"/)
    expect(error.message).toMatch(/alias/)
    expect(error.message).toMatch(/rowMode: 'array'/)
    expect(error.queryId).toEqual(expect.any(String))
    // nothing is left open on the engine
    expect(env.engine.control.openQueries()).toBe(0)
  })

  it('query() throws for an empty result too (the rule is on the metadata)', async () => {
    await rejection(env.client.query(`${TWO_IDS.replace(' order by', ' where a.id > 5 order by')}`))
  })

  it("rowMode 'array' keeps every column in order", async () => {
    const result = await env.client.query(TWO_IDS, [], { rowMode: 'array' })
    expectTypeOf(result).toEqualTypeOf<QueryResult<unknown[]>>()
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'id', 'v'])
    expect(result.rows).toEqual([
      [1, 1, 10],
      [2, 2, 20],
    ])
  })

  it('streamRows follows the same rule', async () => {
    await rejection(
      (async () => {
        for await (const _ of env.client.streamRows(TWO_IDS)) {
          // unreachable
        }
      })(),
    )
    const arrays: unknown[][] = []
    for await (const row of env.client.streamRows(TWO_IDS, [], { rowMode: 'array' }))
      arrays.push(row)
    expect(arrays).toEqual([
      [1, 1, 10],
      [2, 2, 20],
    ])
  })

  it('stream() batches: toRows() throws, toArrays() keeps both', async () => {
    for await (const batch of env.client.stream(TWO_IDS)) {
      expect(() => batch.toRows()).toThrow(DuplicateColumnError)
      expect(batch.toArrays()).toEqual([
        [1, 1, 10],
        [2, 2, 20],
      ])
    }
    await expect.poll(() => env.engine.control.openQueries()).toBe(0)
  })

  it('three columns of one name are listed together', async () => {
    const error = await rejection(env.client.query('select 1 as x, 2 as y, 3 as x, 4 as x'))
    expect(error.duplicates).toEqual([{ name: 'x', positions: [1, 3, 4] }])
    expect(error.message).toMatch(/columns 1, 3 and 4 are all named "x"/)
  })
})

describe('Kysely dialect', () => {
  interface DB {
    a: { id: number; v: number }
  }

  it('object rows throw DuplicateColumnError in execute() and stream()', async () => {
    const db = new Kysely<DB>({ dialect: new E6dataDialect({ client: env.client }) })
    try {
      await rejection(sql`${sql.raw(TWO_IDS)}`.execute(db))
      await rejection(
        (async () => {
          for await (const _ of db
            .selectNoFrom([sql<number>`1`.as('x'), sql<number>`2`.as('x')])
            .stream()) {
            // unreachable
          }
        })(),
      )
    } finally {
      await db.destroy()
    }
  })

  it("rowMode 'array' returns tuples for raw sql queries, streamed or not", async () => {
    const raw = new Kysely<DB>({
      dialect: new E6dataDialect({ client: env.client, rowMode: 'array' }),
    })
    try {
      const { rows } = await sql<[number, number, number]>`${sql.raw(TWO_IDS)}`.execute(raw)
      expect(rows).toEqual([
        [1, 1, 10],
        [2, 2, 20],
      ])
      const streamed: unknown[] = []
      for await (const row of raw
        .selectNoFrom([sql<number>`1`.as('x'), sql<number>`2`.as('x')])
        .stream()) {
        streamed.push(row)
      }
      expect(streamed).toEqual([[1, 2]])
    } finally {
      await raw.destroy()
    }
  })

  it('rejects an unknown rowMode when the Kysely instance is created', () => {
    expect(
      () =>
        new Kysely<DB>({
          dialect: new E6dataDialect({ client: env.client, rowMode: 'tuples' as never }),
        }),
    ).toThrow(/invalid rowMode "tuples"/)
  })
})
