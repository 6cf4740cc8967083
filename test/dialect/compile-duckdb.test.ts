/**
 * Compiled e6data SQL, interpolated by the driver's renderer, must also be valid SQL for the local
 * engine (DuckDB plus the E-string rewrite): a compile-and-run smoke test without a server.
 */

import { type Compilable, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StringEscapeMode } from '../../src/sql/string-escape.js'
import { interpolateParameters } from '../helpers/interpolate.js'
import { DuckDbProbe, toDuckDbSql } from '../sql/duckdb-probe.js'
import { INJECTION_CORPUS } from '../sql/injection-corpus.js'
import { createDb } from './compile-setup.js'

let duck: DuckDbProbe
beforeAll(async () => {
  duck = await DuckDbProbe.open()
  await duck.rows(`
    create table person (id integer, first_name varchar, last_name varchar, age integer,
      gender varchar, created_at timestamp, profile json);
    insert into person values
      (1, 'Jennifer', 'Aniston', 50, 'female', '2020-01-01 00:00:00', '{"addresses":[{"city":"LA"}]}'),
      (2, 'Arnold', null, 70, 'male', '2021-06-01 12:00:00', null),
      (3, 'Sylvester', 'Stallone', 17, 'male', '2022-01-01 00:00:00', null);
    create table pet (id integer, name varchar, owner_id integer, species varchar);
    insert into pet values (1, 'Catto', 1, 'cat'), (2, 'Doggo', 2, 'dog'), (3, 'Hammo', 2, 'hamster');
    create table toy (id integer, name varchar, pet_id integer, price double);
    insert into toy values (1, 'ball', 2, 9.5), (2, 'wheel', 3, 20);
  `)
})
afterAll(() => duck.close())

async function run(query: Compilable, mode: StringEscapeMode = 'backslash'): Promise<unknown[][]> {
  const compiled = query.compile()
  const text = interpolateParameters(compiled.sql, compiled.parameters, { stringEscape: mode })
  return duck.rows(toDuckDbSql(text, mode))
}

describe('compiled SQL runs on DuckDB', () => {
  const db = createDb()

  it('filters, joins, groups and orders', async () => {
    const query = db
      .selectFrom('person')
      .innerJoin('pet', 'pet.owner_id', 'person.id')
      .select((eb) => ['person.first_name', eb.fn.countAll<number>().as('pets')])
      .where('person.age', '>', 18)
      .where('pet.species', 'in', ['cat', 'dog', 'hamster'])
      .groupBy('person.first_name')
      .having((eb) => eb.fn.countAll(), '>=', 1)
      .orderBy('person.first_name', (ob) => ob.nullsLast())
    expect(await run(query)).toEqual([
      ['Arnold', 2n],
      ['Jennifer', 1n],
    ])
  })

  it('emits a LIMIT that DuckDB accepts for OFFSET without LIMIT', async () => {
    const query = db.selectFrom('person').select('id').orderBy('id').offset(1)
    expect(await run(query)).toEqual([[2], [3]])
  })

  it('orders nulls with an explicit direction', async () => {
    const query = db
      .selectFrom('person')
      .select('last_name')
      .orderBy('last_name', (ob) => ob.nullsFirst())
      .limit(2)
    expect(await run(query)).toEqual([[null], ['Aniston']])
  })

  it('runs CTEs, recursive CTEs, set operations and window functions', async () => {
    const recursive = db
      .withRecursive('t(n)', (qb) =>
        qb
          .selectNoFrom(sql<number>`1`.as('n'))
          .unionAll((qb) =>
            qb.selectFrom('t').select(sql<number>`n + 1`.as('n')).where('n', '<', 3),
          ),
      )
      .selectFrom('t')
      .select('n')
      .orderBy('n')
    expect(await run(recursive)).toEqual([[1], [2], [3]])

    const sets = db
      .selectFrom('person')
      .select('id')
      .union(db.selectFrom('pet').select('owner_id as id'))
      .except(db.selectFrom('toy').select('pet_id as id').where('price', '>', 10))
      .orderBy('id')
    expect(await run(sets)).toEqual([[1], [2]])

    const window = db
      .selectFrom('person')
      .select((eb) => [
        'first_name',
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('gender').orderBy('age', 'desc'))
          .as('rn'),
      ])
      .orderBy('first_name')
    expect(await run(window)).toEqual([
      ['Arnold', 1n],
      ['Jennifer', 1n],
      ['Sylvester', 2n],
    ])
  })

  it('runs casts to the e6 types DuckDB also knows', async () => {
    const query = db
      .selectFrom('toy')
      .select((eb) => [
        eb.cast('price', 'text').as('a'),
        eb.cast('price', 'integer').as('b'),
        eb.cast('price', 'int8').as('c'),
        eb.cast('price', 'real').as('d'),
        eb.cast('price', 'double precision').as('e'),
        eb.cast('price', 'decimal(10, 2)').as('f'),
        eb.cast(eb.val('2024-01-01'), 'date').as('g'),
        eb.cast('name', 'bytea').as('h'),
      ])
      .where('id', '=', 1)
    const [row] = await run(query)
    expect(row?.slice(0, 5)).toEqual(['9.5', 10, 10n, 9.5, 9.5])
  })

  it('runs JSON paths and Date parameters', async () => {
    const query = db
      .selectFrom('person')
      .select((eb) =>
        eb
          .fn<string>('json_extract_string', [
            'profile',
            eb.jsonPath<'profile'>().key('addresses').at(0).key('city'),
          ])
          .as('city'),
      )
      .where('created_at', '<', new Date('2020-06-01T00:00:00Z'))
    expect(await run(query)).toEqual([['LA']])
  })

  for (const mode of ['backslash', 'standard'] as const) {
    it(`keeps hostile parameters and literals inert (${mode})`, async () => {
      const modeDb = createDb()
      for (const { value } of INJECTION_CORPUS) {
        const query = modeDb
          .selectFrom('person')
          .select((eb) => [eb.val(value).as('v'), sql<string>`${sql.lit(value)}`.as('l')])
          .where('id', '=', 1)
          .where((eb) => eb.or([eb('first_name', '=', value), eb.val(true)]))
        expect(await run(query, mode)).toEqual([[value, value]])
      }
    })
  }
})
