import {
  CollateNode,
  createQueryId,
  ExplainNode,
  FetchNode,
  type Kysely,
  OnConflictNode,
  OnDuplicateKeyNode,
  OrActionNode,
  OutputNode,
  ReturningNode,
  type RootOperationNode,
  sql,
  TopNode,
  UsingNode,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { E6dataAdapter } from '../../src/dialect/e6data-adapter.js'
import { E6dataQueryCompiler, MAX_LIMIT } from '../../src/dialect/e6data-query-compiler.js'
import { withCatalog } from '../../src/dialect/with-catalog.js'
import {
  InvalidArgumentError,
  MigrationsNotSupportedError,
  UnsupportedSqlError,
  UnsupportedValueError,
} from '../../src/errors.js'
import { decimal, decimalText } from '../../src/sql/decimal.js'
import { LiteralParameter } from '../../src/sql/literal-parameter.js'
import { interpolateParameters } from '../helpers/interpolate.js'
import { createDb, type Database, testRawSql, testSql } from './compile-setup.js'

const db = createDb()

/** Asserts that compiling throws one UnsupportedSqlError for `feature`. */
function expectUnsupported(compile: () => unknown, feature: string): void {
  let caught: unknown
  try {
    compile()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(UnsupportedSqlError)
  expect((caught as UnsupportedSqlError).feature).toBe(feature)
  expect((caught as UnsupportedSqlError).code).toBe('UNSUPPORTED_SQL')
}

describe('select', () => {
  it('selects all columns', () => {
    testSql(db.selectFrom('person').selectAll(), { sql: 'select * from "person"', parameters: [] })
  })

  it('selects columns with aliases and table aliases', () => {
    testSql(db.selectFrom('person as p').select(['p.id', 'p.first_name as fn']), {
      sql: 'select "p"."id", "p"."first_name" as "fn" from "person" as "p"',
      parameters: [],
    })
  })

  it('selects from several tables and without from', () => {
    testSql(db.selectFrom(['person', 'pet']).select(['person.id', 'pet.name']), {
      sql: 'select "person"."id", "pet"."name" from "person", "pet"',
      parameters: [],
    })
    testSql(
      db.selectNoFrom((eb) => [eb.val(1).as('one'), eb.lit(2).as('two')]),
      {
        sql: 'select ? as "one", 2 as "two"',
        parameters: [1],
      },
    )
  })

  it('supports distinct and distinct on', () => {
    testSql(db.selectFrom('person').select('gender').distinct(), {
      sql: 'select distinct "gender" from "person"',
      parameters: [],
    })
    testSql(db.selectFrom('person').distinctOn('gender').select(['gender', 'age']), {
      sql: 'select distinct on ("gender") "gender", "age" from "person"',
      parameters: [],
    })
  })

  it('keeps raw modifiers', () => {
    testSql(db.selectFrom('person').select('id').modifyEnd(sql`-- tail`), {
      sql: 'select "id" from "person" -- tail',
      parameters: [],
    })
  })
})

describe('where', () => {
  it('compares with parameters', () => {
    testSql(db.selectFrom('person').selectAll().where('first_name', '=', 'Jennifer'), {
      sql: 'select * from "person" where "first_name" = ?',
      parameters: ['Jennifer'],
    })
  })

  it('combines with and / or / not', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('age', '>', 65),
            eb.and([eb('gender', '=', 'female'), eb.not(eb('age', '<', 18))]),
          ]),
        )
        .where('last_name', 'is not', null),
      {
        sql: [
          'select "id" from "person"',
          'where ("age" > ? or ("gender" = ? and not "age" < ?))',
          'and "last_name" is not NULL',
        ],
        parameters: [65, 'female', 18],
      },
    )
  })

  it('supports in, not in, between, like, ilike', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .where('id', 'in', [1, 2, 3])
        .where('gender', 'not in', ['other'])
        .where((eb) => eb.between('age', 18, 65))
        .where('first_name', 'like', 'J%')
        .where('last_name', 'ilike', '%son'),
      {
        sql: [
          'select "id" from "person"',
          'where "id" in (?, ?, ?) and "gender" not in (?)',
          'and "age" between ? and ? and "first_name" like ? and "last_name" ilike ?',
        ],
        parameters: [1, 2, 3, 'other', 18, 65, 'J%', '%son'],
      },
    )
  })

  it('rejects an empty IN list at compile time', () => {
    expect(() => db.selectFrom('person').select('id').where('id', 'in', []).compile()).toThrow(
      InvalidArgumentError,
    )
  })

  it('supports exists and not exists with correlated subqueries', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .where((eb) =>
          eb.exists(
            eb.selectFrom('pet').select('pet.id').whereRef('pet.owner_id', '=', 'person.id'),
          ),
        )
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('toy').select('toy.id').where('toy.price', '>', 100))),
        ),
      {
        sql: [
          'select "id" from "person"',
          'where exists (select "pet"."id" from "pet" where "pet"."owner_id" = "person"."id")',
          'and not exists (select "toy"."id" from "toy" where "toy"."price" > ?)',
        ],
        parameters: [100],
      },
    )
  })

  it('passes Dates, bigints, decimals and arrays as parameters', () => {
    const date = new Date('2024-01-02T03:04:05Z')
    const query = db
      .selectFrom('person')
      .select('id')
      .where('created_at', '>', date)
      .where('age', '=', 5n as never)
      .where('age', '<', decimal('9.5') as never)
    const compiled = query.compile()
    expect(compiled.sql).toBe(
      'select "id" from "person" where "created_at" > ? and "age" = ? and "age" < ?',
    )
    expect(compiled.parameters.slice(0, 2)).toEqual([date, 5n])
    expect(decimalText(compiled.parameters[2] as object)).toBe('9.5')
    expect(String(compiled.parameters[2])).toBe('9.5')
  })
})

describe('joins', () => {
  it('supports every plain join type', () => {
    testSql(
      db
        .selectFrom('person')
        .innerJoin('pet', 'pet.owner_id', 'person.id')
        .leftJoin('toy', 'toy.pet_id', 'pet.id')
        .rightJoin('person as p2', 'p2.id', 'person.id')
        .fullJoin('pet as pet2', 'pet2.owner_id', 'p2.id')
        .crossJoin('toy as t2')
        .select(['person.id', 'pet.name']),
      {
        sql: [
          'select "person"."id", "pet"."name" from "person"',
          'inner join "pet" on "pet"."owner_id" = "person"."id"',
          'left join "toy" on "toy"."pet_id" = "pet"."id"',
          'right join "person" as "p2" on "p2"."id" = "person"."id"',
          'full join "pet" as "pet2" on "pet2"."owner_id" = "p2"."id"',
          'cross join "toy" as "t2"',
        ],
        parameters: [],
      },
    )
  })

  it('supports on callbacks, subquery joins and on true', () => {
    testSql(
      db
        .selectFrom('person')
        .innerJoin('pet', (join) =>
          join.onRef('pet.owner_id', '=', 'person.id').on('pet.species', '=', 'dog'),
        )
        .leftJoin(
          (eb) => eb.selectFrom('toy').select(['pet_id', 'price']).where('price', '>', 10).as('t'),
          (join) => join.onRef('t.pet_id', '=', 'pet.id'),
        )
        .innerJoin('toy', (join) => join.onTrue())
        .select(['person.id', 't.price']),
      {
        sql: [
          'select "person"."id", "t"."price" from "person"',
          'inner join "pet" on "pet"."owner_id" = "person"."id" and "pet"."species" = ?',
          'left join (select "pet_id", "price" from "toy" where "price" > ?) as "t"',
          'on "t"."pet_id" = "pet"."id"',
          'inner join "toy" on true',
        ],
        parameters: ['dog', 10],
      },
    )
  })

  it('passes JOIN … USING through raw SQL (Kysely has no builder for it)', () => {
    testRawSql(
      db,
      sql`select * from ${sql.table('person')} join ${sql.table('pet')} using (${sql.ref('id')})`,
      { sql: 'select * from "person" join "pet" using ("id")', parameters: [] },
    )
  })
})

describe('order by', () => {
  it('supports asc, desc and several items', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .orderBy('first_name')
        .orderBy('age', 'desc')
        .orderBy('id', 'asc'),
      {
        sql: 'select "id" from "person" order by "first_name", "age" desc, "id" asc',
        parameters: [],
      },
    )
  })

  it('adds an explicit asc before nulls first/last without a direction', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .orderBy('last_name', (ob) => ob.nullsFirst())
        .orderBy('age', (ob) => ob.nullsLast())
        .orderBy('first_name', (ob) => ob.desc().nullsLast())
        .orderBy('gender', (ob) => ob.asc().nullsFirst()),
      {
        sql: [
          'select "id" from "person" order by "last_name" asc nulls first,',
          '"age" asc nulls last, "first_name" desc nulls last, "gender" asc nulls first',
        ],
        parameters: [],
      },
    )
  })

  it('orders by expressions', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .orderBy((eb) => eb.fn('lower', ['first_name']), 'desc'),
      { sql: 'select "id" from "person" order by lower("first_name") desc', parameters: [] },
    )
  })

  it('rejects collate', () => {
    expectUnsupported(
      () =>
        db
          .selectFrom('person')
          .select('id')
          .orderBy('first_name', (ob) => ob.collate('C'))
          .compile(),
      'COLLATE',
    )
  })
})

describe('group by and having', () => {
  it('groups and filters groups', () => {
    testSql(
      db
        .selectFrom('person')
        .select((eb) => ['gender', eb.fn.countAll().as('n'), eb.fn.avg('age').as('avg_age')])
        .groupBy(['gender', 'last_name'])
        .having((eb) => eb.fn.countAll(), '>', 1),
      {
        sql: [
          'select "gender", count(*) as "n", avg("age") as "avg_age" from "person"',
          'group by "gender", "last_name" having count(*) > ?',
        ],
        parameters: [1],
      },
    )
  })

  it('supports aggregate filters and distinct aggregates', () => {
    testSql(
      db
        .selectFrom('person')
        .select((eb) => [
          eb.fn.count('id').filterWhere('age', '>', 18).as('adults'),
          eb.fn.count('gender').distinct().as('genders'),
        ]),
      {
        sql: [
          'select count("id") filter(where "age" > ?) as "adults",',
          'count(distinct "gender") as "genders" from "person"',
        ],
        parameters: [18],
      },
    )
  })
})

describe('common table expressions', () => {
  it('compiles with', () => {
    testSql(
      db
        .with('adults', (qb) =>
          qb.selectFrom('person').select(['id', 'first_name']).where('age', '>=', 18),
        )
        .with('adult_pets', (qb) =>
          qb.selectFrom('pet').innerJoin('adults', 'adults.id', 'pet.owner_id').select('pet.name'),
        )
        .selectFrom('adult_pets')
        .selectAll(),
      {
        sql: [
          'with "adults" as (select "id", "first_name" from "person" where "age" >= ?),',
          '"adult_pets" as (select "pet"."name" from "pet" inner join "adults" on "adults"."id" = "pet"."owner_id")',
          'select * from "adult_pets"',
        ],
        parameters: [18],
      },
    )
  })

  it('compiles with recursive and column lists', () => {
    testSql(
      db
        .withRecursive('t(n)', (qb) =>
          qb
            .selectNoFrom(sql<number>`1`.as('n'))
            .unionAll((qb) =>
              qb.selectFrom('t').select(sql<number>`n + 1`.as('n')).where('n', '<', 5),
            ),
        )
        .selectFrom('t')
        .selectAll(),
      {
        sql: [
          'with recursive "t"("n") as (select 1 as "n"',
          'union all select n + 1 as "n" from "t" where "n" < ?) select * from "t"',
        ],
        parameters: [5],
      },
    )
  })

  it('rejects materialization hints', () => {
    expectUnsupported(
      () =>
        db
          .with(
            (cte) => cte('p').materialized(),
            (qb) => qb.selectFrom('person').select('id'),
          )
          .selectFrom('p')
          .selectAll()
          .compile(),
      'MATERIALIZED CTEs',
    )
  })
})

describe('set operations', () => {
  it('compiles union, union all, intersect, except', () => {
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .union(db.selectFrom('pet').select('owner_id as id'))
        .unionAll(db.selectFrom('pet').select('id'))
        .intersect(db.selectFrom('toy').select('pet_id as id'))
        .except(db.selectFrom('toy').select('id').where('price', '>', 5))
        .orderBy('id')
        .limit(10),
      {
        sql: [
          'select "id" from "person"',
          'union select "owner_id" as "id" from "pet"',
          'union all select "id" from "pet"',
          'intersect select "pet_id" as "id" from "toy"',
          'except select "id" from "toy" where "price" > ?',
          'order by "id" limit ?',
        ],
        parameters: [5, 10],
      },
    )
  })
})

describe('subqueries', () => {
  it('in select, from and where', () => {
    testSql(
      db
        .selectFrom((eb) => eb.selectFrom('person').select(['id', 'age']).as('p'))
        .select((eb) => [
          'p.id',
          eb
            .selectFrom('pet')
            .select((eb) => eb.fn.countAll<number>().as('c'))
            .whereRef('pet.owner_id', '=', 'p.id')
            .as('pet_count'),
        ])
        .where('p.id', 'in', (eb) =>
          eb.selectFrom('pet').select('owner_id').where('species', '=', 'cat'),
        )
        .where('p.age', '>', (eb) =>
          eb.selectFrom('person').select((eb) => eb.fn.avg<number>('age').as('a')),
        ),
      {
        sql: [
          'select "p"."id", (select count(*) as "c" from "pet" where "pet"."owner_id" = "p"."id") as "pet_count"',
          'from (select "id", "age" from "person") as "p"',
          'where "p"."id" in (select "owner_id" from "pet" where "species" = ?)',
          'and "p"."age" > (select avg("age") as "a" from "person")',
        ],
        parameters: ['cat'],
      },
    )
  })
})

describe('window functions', () => {
  it('compiles over with partition by and order by', () => {
    testSql(
      db.selectFrom('person').select((eb) => [
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('gender').orderBy('age', 'desc'))
          .as('rn'),
        eb.fn.sum('age').over().as('total'),
        eb.fn
          .avg('age')
          .over((ob) => ob.partitionBy(['gender', 'last_name']))
          .as('avg_age'),
      ]),
      {
        sql: [
          'select row_number() over(partition by "gender" order by "age" desc) as "rn",',
          'sum("age") over() as "total",',
          'avg("age") over(partition by "gender", "last_name") as "avg_age" from "person"',
        ],
        parameters: [],
      },
    )
  })
})

describe('raw sql', () => {
  it('supports sql.ref, sql.id, sql.table, sql.lit, sql.val, sql.join, sql.raw', () => {
    testRawSql(
      db,
      sql`select ${sql.ref('person.first_name')}, ${sql.lit("it's")}, ${sql.val("it's")}, ${sql.raw('1 + 1')} from ${sql.table('person')} where ${sql.id('a"b')} in (${sql.join([1, 'x'])})`,
      {
        sql: `select "person"."first_name", ?, ?, 1 + 1 from "person" where "a""b" in (?, ?)`,
        parameters: [new LiteralParameter("it's"), "it's", 1, 'x'],
      },
    )
  })

  it('renders immediate values through the literal renderer', () => {
    testRawSql(
      db,
      sql`select ${sql.lit(-1)}, ${sql.lit(1.5)}, ${sql.lit(10n)}, ${sql.lit(true)}, ${sql.lit(null)}, ${sql.lit(new Date(0))}, ${sql.lit('a b\n')}`,
      {
        sql: `select -1, 1.5e0, CAST(10 AS BIGINT), TRUE, NULL, CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP), 'a b\n'`,
        parameters: [],
      },
    )
  })

  it("leaves immediate strings whose escaping depends on the engine's rule to the driver", () => {
    const compiled = sql`select ${sql.lit("it's a\\b")}, ${sql.lit('plain')}`.compile(db)
    expect(compiled.sql).toBe("select ?, 'plain'")
    expect(compiled.parameters).toEqual([expect.any(LiteralParameter)])
    expect(String(compiled.parameters[0])).toBe("it's a\\b")
    expect(
      interpolateParameters(compiled.sql, compiled.parameters, { stringEscape: 'standard' }),
    ).toBe("select 'it''s a\\b', 'plain'")
    expect(interpolateParameters(compiled.sql, compiled.parameters)).toBe(
      "select 'it\\'s a\\\\b', 'plain'",
    )
    testSql(db.selectNoFrom(sql.lit("'").as('q')), {
      sql: 'select ? as "q"',
      parameters: [new LiteralParameter("'")],
    })
  })

  it('rejects immediate values that cannot be rendered', () => {
    expect(() => sql`select ${sql.lit(Number.NaN)}`.compile(db)).toThrow(UnsupportedValueError)
    expect(() => sql`select ${sql.lit('a\0b')}`.compile(db)).toThrow(UnsupportedValueError)
    expect(() => sql`select ${sql.lit({})}`.compile(db)).toThrow(UnsupportedValueError)
  })

  it('never glues a negative immediate value into a comment', () => {
    testSql(
      db.selectNoFrom((eb) => eb.neg(eb.lit(-5)).as('x')),
      {
        sql: 'select - -5 as "x"',
        parameters: [],
      },
    )
  })
})

describe('identifiers', () => {
  it('doubles embedded quotes', () => {
    testSql(
      db.selectFrom('person as p"x' as 'person').select('first_name as we"ird' as 'first_name'),
      {
        sql: 'select "first_name" as "we""ird" from "person" as "p""x"',
        parameters: [],
      },
    )
  })

  it('keeps dots inside schema names given with withSchema', () => {
    testSql(db.withSchema('my.schema').selectFrom('person').select('id'), {
      sql: 'select "id" from "my.schema"."person"',
      parameters: [],
    })
  })

  it('quotes each part of sql.id(catalog, schema, table)', () => {
    testRawSql(db, sql`select * from ${sql.id('Cat', 'sch.ema', 'tbl')}`, {
      sql: 'select * from "Cat"."sch.ema"."tbl"',
      parameters: [],
    })
  })

  it('rejects NUL, lone surrogates and empty names', () => {
    expect(() => sql`select ${sql.id('a\0b')}`.compile(db)).toThrow(InvalidArgumentError)
    expect(() => sql`select ${sql.id('a\ud800')}`.compile(db)).toThrow(InvalidArgumentError)
    expect(() => sql`select ${sql.id('')}`.compile(db)).toThrow(InvalidArgumentError)
  })
})

describe('limit and offset', () => {
  it('parameterises validated limit and offset', () => {
    testSql(db.selectFrom('person').select('id').limit(10).offset(20), {
      sql: 'select "id" from "person" limit ? offset ?',
      parameters: [10, 20],
    })
    testSql(db.selectFrom('person').select('id').limit(0).offset(9007199254740991), {
      sql: 'select "id" from "person" limit ? offset ?',
      parameters: [0, 9007199254740991],
    })
    testSql(db.selectFrom('person').select('id').limit(MAX_LIMIT), {
      sql: 'select "id" from "person" limit ?',
      parameters: [MAX_LIMIT],
    })
  })

  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
    ['unsafe', 2 ** 53],
    ['negative bigint', -1n],
    ['huge bigint', MAX_LIMIT + 1n],
    ['string', '10'],
  ])('rejects a %s limit and offset', (_, value) => {
    expect(() =>
      db
        .selectFrom('person')
        .select('id')
        .limit(value as number)
        .compile(),
    ).toThrow(/^LIMIT must be a non-negative integer/)
    expect(() =>
      db
        .selectFrom('person')
        .select('id')
        .limit(1)
        .offset(value as number)
        .compile(),
    ).toThrow(InvalidArgumentError)
  })

  it('reads limit(null) and offset(null) as no limit and no offset', () => {
    const size: number | null = null
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .limit(size)
        .offset(null as unknown as number),
      {
        sql: 'select "id" from "person"',
        parameters: [],
      },
    )
    testSql(db.selectFrom('person').select('id').limit(sql.val(null)), {
      sql: 'select "id" from "person"',
      parameters: [],
    })
    testSql(db.selectFrom('person').select('id').limit(null).offset(3), {
      sql: 'select "id" from "person" limit 9223372036854775807 offset ?',
      parameters: [3],
    })
    testSql(
      db
        .selectFrom('person')
        .select('id')
        .limit(2)
        .offset(null as unknown as number),
      {
        sql: 'select "id" from "person" limit ?',
        parameters: [2],
      },
    )
  })

  it('writes validated LIMIT/OFFSET values as literals in bind mode', () => {
    const bindDb = createDb({ parameterMode: 'bind' })
    testSql(bindDb.selectFrom('person').select('id').where('id', '>', 1).limit(10).offset(20n), {
      sql: 'select "id" from "person" where "id" > ? limit 10 offset 20',
      parameters: [1],
    })
    testSql(
      bindDb
        .selectFrom('person')
        .select((eb) =>
          eb
            .selectFrom('pet')
            .select('pet.name')
            .whereRef('pet.owner_id', '=', 'person.id')
            .limit(1)
            .as('first_pet'),
        ),
      {
        sql: 'select (select "pet"."name" from "pet" where "pet"."owner_id" = "person"."id" limit 1) as "first_pet" from "person"',
        parameters: [],
      },
    )
    testSql(bindDb.selectFrom('person').select('id').offset(4), {
      sql: 'select "id" from "person" limit 9223372036854775807 offset 4',
      parameters: [],
    })
    expect(() => bindDb.selectFrom('person').select('id').limit(-1).compile()).toThrow(
      InvalidArgumentError,
    )
  })

  it('validates immediate values and leaves raw SQL alone', () => {
    testSql(db.selectFrom('person').select('id').limit(sql.lit(5)), {
      sql: 'select "id" from "person" limit 5',
      parameters: [],
    })
    expect(() => db.selectFrom('person').select('id').limit(sql.lit(-5)).compile()).toThrow(
      InvalidArgumentError,
    )
    expect(() => db.selectFrom('person').select('id').limit(sql.val(1.5)).compile()).toThrow(
      InvalidArgumentError,
    )
    testSql(db.selectFrom('person').select('id').limit(sql<number>`(select 1)`), {
      sql: 'select "id" from "person" limit (select 1)',
      parameters: [],
    })
  })

  it('adds the maximal LIMIT to OFFSET without LIMIT by default', () => {
    testSql(db.selectFrom('person').select('id').offset(5), {
      sql: 'select "id" from "person" limit 9223372036854775807 offset ?',
      parameters: [5],
    })
    testSql(
      db
        .selectFrom((eb) => eb.selectFrom('person').select('id').orderBy('id').offset(1).as('p'))
        .selectAll(),
      {
        sql: 'select * from (select "id" from "person" order by "id" limit 9223372036854775807 offset ?) as "p"',
        parameters: [1],
      },
    )
  })

  it('can emit a bare OFFSET or reject it', () => {
    testSql(createDb({ offsetWithoutLimit: 'bare' }).selectFrom('person').select('id').offset(5), {
      sql: 'select "id" from "person" offset ?',
      parameters: [5],
    })
    expectUnsupported(
      () =>
        createDb({ offsetWithoutLimit: 'reject' })
          .selectFrom('person')
          .select('id')
          .offset(5)
          .compile(),
      'OFFSET without LIMIT',
    )
  })

  it('rejects invalid compiler options', () => {
    expect(() => new E6dataQueryCompiler({ offsetWithoutLimit: 'x' as never })).toThrow(
      InvalidArgumentError,
    )
  })
})

describe('casts', () => {
  it.each([
    ['varchar', 'varchar'],
    ['text', 'varchar'],
    ['varchar(20)', 'varchar(20)'],
    ['char', 'char'],
    ['char(3)', 'char(3)'],
    ['integer', 'int'],
    ['int4', 'int'],
    ['bigint', 'bigint'],
    ['int8', 'bigint'],
    ['boolean', 'boolean'],
    ['date', 'date'],
    ['real', 'float'],
    ['float4', 'float'],
    ['float8', 'double'],
    ['double precision', 'double'],
    ['decimal', 'decimal'],
    ['numeric', 'decimal'],
    ['decimal(10, 2)', 'decimal(10, 2)'],
    ['numeric(38, 0)', 'decimal(38, 0)'],
    ['timestamp', 'timestamp'],
    ['timestamptz', 'timestamp_tz'],
    ['json', 'json'],
    ['varbinary', 'varbinary'],
    ['binary', 'varbinary'],
    ['bytea', 'varbinary'],
    ['blob', 'varbinary'],
  ] as const)('cast to %s emits %s', (from, to) => {
    testSql(
      db.selectFrom('person').select((eb) => eb.cast('age', from).as('c')),
      {
        sql: `select cast("age" as ${to}) as "c" from "person"`,
        parameters: [],
      },
    )
  })

  it.each([
    'smallint',
    'int2',
    'uuid',
    'jsonb',
    'time',
    'timetz',
    'datetime',
    'serial',
    'bigserial',
    'timestamp(3)',
    'timestamptz(3)',
    'varbinary(10)',
    'binary(4)',
    'int4range',
    'datetime2',
  ] as const)('rejects a cast to %s', (type) => {
    expectUnsupported(
      () =>
        db
          .selectFrom('person')
          .select((eb) => eb.cast('age', type).as('c'))
          .compile(),
      `CAST to ${type}`,
    )
  })

  it('passes raw type expressions through', () => {
    testSql(
      db.selectFrom('person').select((eb) => eb.cast('age', sql`DOUBLE`).as('c')),
      {
        sql: 'select cast("age" as DOUBLE) as "c" from "person"',
        parameters: [],
      },
    )
  })

  it('$castTo changes only types', () => {
    testSql(db.selectFrom('person').select('id').$castTo<{ id: string }>(), {
      sql: 'select "id" from "person"',
      parameters: [],
    })
  })
})

describe('JSON', () => {
  it('renders JSON paths as one escaped string literal', () => {
    testSql(
      db
        .selectFrom('person')
        .select((eb) =>
          eb
            .fn('json_extract', [
              'profile',
              eb.jsonPath<'profile'>().key('addresses').at(0).key('city'),
            ])
            .as('city'),
        ),
      {
        sql: `select json_extract("profile", '$."addresses"[0]."city"') as "city" from "person"`,
        parameters: [],
      },
    )
  })

  it('escapes hostile JSON path members at both levels', () => {
    const hostile = `a'"\\b`
    const query = db
      .selectFrom('person')
      .select((eb) =>
        eb
          .fn('json_extract', ['profile', eb.jsonPath<'profile'>().key(hostile as 'addresses')])
          .as('x'),
      )
    // the path holds ' and \, so its literal waits for the engine's rule
    testSql(query, {
      sql: 'select json_extract("profile", ?) as "x" from "person"',
      parameters: [new LiteralParameter(`$."a'\\"\\\\b"`)],
    })
    const { sql: text, parameters } = query.compile()
    expect(interpolateParameters(text, parameters)).toBe(
      `select json_extract("profile", '$."a\\'\\\\"\\\\\\\\b"') as "x" from "person"`,
    )
    expect(interpolateParameters(text, parameters, { stringEscape: 'standard' })).toBe(
      `select json_extract("profile", '$."a''\\"\\\\b"') as "x" from "person"`,
    )
  })

  it('rejects JSON reference operators', () => {
    expectUnsupported(
      () =>
        db
          .selectFrom('person')
          .select((eb) => eb.ref('profile', '->').key('addresses').as('a'))
          .compile(),
      'JSON reference operators (->, ->>, ->$)',
    )
  })
})

describe('unsupported statements', () => {
  const cases: [string, string, (db: Kysely<Database>) => { compile(): unknown }][] = [
    [
      'insertInto',
      'INSERT',
      (db) => db.insertInto('pet').values({ name: 'x', owner_id: 1, species: 'dog' }),
    ],
    [
      'insert … returning',
      'INSERT',
      (db) =>
        db.insertInto('pet').values({ name: 'x', owner_id: 1, species: 'dog' }).returning('id'),
    ],
    [
      'insert … on conflict',
      'INSERT',
      (db) =>
        db
          .insertInto('pet')
          .values({ name: 'x', owner_id: 1, species: 'dog' })
          .onConflict((oc) => oc.column('id').doNothing()),
    ],
    ['updateTable', 'UPDATE', (db) => db.updateTable('person').set({ age: 1 }).where('id', '=', 1)],
    ['deleteFrom', 'DELETE', (db) => db.deleteFrom('person').where('id', '=', 1)],
    [
      'mergeInto',
      'MERGE',
      (db) =>
        db.mergeInto('person').using('pet', 'pet.owner_id', 'person.id').whenMatched().thenDelete(),
    ],
    ['createTable', 'CREATE TABLE', (db) => db.schema.createTable('t').addColumn('id', 'integer')],
    ['dropTable', 'DROP TABLE', (db) => db.schema.dropTable('t')],
    ['alterTable', 'ALTER TABLE', (db) => db.schema.alterTable('t').addColumn('c', 'integer')],
    ['createIndex', 'CREATE INDEX', (db) => db.schema.createIndex('i').on('t').column('c')],
    ['dropIndex', 'DROP INDEX', (db) => db.schema.dropIndex('i')],
    ['createSchema', 'CREATE SCHEMA', (db) => db.schema.createSchema('s')],
    ['dropSchema', 'DROP SCHEMA', (db) => db.schema.dropSchema('s')],
    [
      'createView',
      'CREATE VIEW',
      (db) => db.schema.createView('v').as(db.selectFrom('person').select('id')),
    ],
    ['dropView', 'DROP VIEW', (db) => db.schema.dropView('v')],
    [
      'refreshMaterializedView',
      'REFRESH MATERIALIZED VIEW',
      (db) => db.schema.refreshMaterializedView('v'),
    ],
    ['createType', 'CREATE TYPE', (db) => db.schema.createType('e').asEnum(['a'])],
    ['dropType', 'DROP TYPE', (db) => db.schema.dropType('e')],
    ['top', 'TOP', (db) => db.selectFrom('person').top(10).select('id')],
    [
      'fetch',
      'FETCH',
      (db) => db.selectFrom('person').select('id').orderBy('id').offset(0).fetch(10),
    ],
    [
      'innerJoinLateral',
      'INNER JOIN LATERAL',
      (db) =>
        db
          .selectFrom('person')
          .innerJoinLateral(
            (eb) =>
              eb
                .selectFrom('pet')
                .select('name')
                .whereRef('pet.owner_id', '=', 'person.id')
                .as('p'),
            (join) => join.onTrue(),
          )
          .select('p.name'),
    ],
    [
      'leftJoinLateral',
      'LEFT JOIN LATERAL',
      (db) =>
        db
          .selectFrom('person')
          .leftJoinLateral(
            (eb) =>
              eb
                .selectFrom('pet')
                .select('name')
                .whereRef('pet.owner_id', '=', 'person.id')
                .as('p'),
            (join) => join.onTrue(),
          )
          .select('p.name'),
    ],
    [
      'crossJoinLateral',
      'CROSS JOIN LATERAL',
      (db) =>
        db
          .selectFrom('person')
          .crossJoinLateral((eb) =>
            eb.selectFrom('pet').select('name').whereRef('pet.owner_id', '=', 'person.id').as('p'),
          )
          .select('p.name'),
    ],
    [
      'crossApply',
      'CROSS APPLY',
      (db) =>
        db
          .selectFrom('person')
          .crossApply((eb) => eb.selectFrom('pet').select('name').as('p'))
          .select('p.name'),
    ],
    [
      'outerApply',
      'OUTER APPLY',
      (db) =>
        db
          .selectFrom('person')
          .outerApply((eb) => eb.selectFrom('pet').select('name').as('p'))
          .select('p.name'),
    ],
    ['forUpdate', 'FOR UPDATE', (db) => db.selectFrom('person').select('id').forUpdate()],
    ['forShare', 'FOR SHARE', (db) => db.selectFrom('person').select('id').forShare()],
    [
      'forNoKeyUpdate',
      'FOR NO KEY UPDATE',
      (db) => db.selectFrom('person').select('id').forNoKeyUpdate(),
    ],
    ['forKeyShare', 'FOR KEY SHARE', (db) => db.selectFrom('person').select('id').forKeyShare()],
    ['skipLocked', 'SKIP LOCKED', (db) => db.selectFrom('person').select('id').skipLocked()],
    ['noWait', 'NOWAIT', (db) => db.selectFrom('person').select('id').noWait()],
    [
      'insert in a raw template',
      'INSERT',
      (db) => ({
        compile: () =>
          sql`${db.insertInto('pet').values({ name: 'x', owner_id: 1, species: 'dog' })}`.compile(
            db,
          ),
      }),
    ],
  ]

  it.each(cases)('%s raises UnsupportedSqlError', (_, feature, build) => {
    expectUnsupported(() => build(db).compile(), feature)
  })

  it.each(cases)(
    '%s says why it is refused (read-only only for writes and DDL)',
    (_, feature, build) => {
      const error = (() => {
        try {
          build(db).compile()
        } catch (e) {
          return e as UnsupportedSqlError
        }
        throw new Error('expected an error')
      })()
      const isWrite = /^(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|REFRESH|ADD)\b/.test(feature)
      expect(error.reason.length).toBeGreaterThan(20)
      expect(error.message).toContain(error.reason)
      if (isWrite) expect(error.reason).toMatch(/read-only/)
      else expect(error.reason).not.toMatch(/read-only/)
    },
  )

  it('explain rejects before anything is executed', async () => {
    const error = await db
      .selectFrom('person')
      .selectAll()
      .explain()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnsupportedSqlError)
    expect((error as UnsupportedSqlError).feature).toBe('EXPLAIN')
  })

  it.each([
    ['RETURNING', ReturningNode.create([])],
    ['ON CONFLICT', OnConflictNode.create()],
    ['ON DUPLICATE KEY UPDATE', OnDuplicateKeyNode.create([])],
    ['OUTPUT', OutputNode.create([])],
    ['TOP', TopNode.create(1)],
    ['FETCH', FetchNode.create(1, 'only')],
    ['EXPLAIN', ExplainNode.create()],
    ['COLLATE', CollateNode.create('C')],
    ['DELETE … USING', UsingNode.create([])],
    ['INSERT OR …', OrActionNode.create('ignore')],
  ])('the %s hook throws on its own', (feature, node) => {
    const compiler = new E6dataQueryCompiler()
    expectUnsupported(
      () => compiler.compileQuery(node as unknown as RootOperationNode, createQueryId()),
      feature,
    )
  })

  it('mentions that e6data is read-only', () => {
    expect(() => db.deleteFrom('person').compile()).toThrow(/read-only/)
  })
})

describe('E6dataAdapter', () => {
  const adapter = new E6dataAdapter()

  it('declares e6data capabilities', () => {
    expect(adapter.supportsReturning).toBe(false)
    expect(adapter.supportsTransactionalDdl).toBe(false)
    expect(adapter.supportsCreateIfNotExists).toBe(false)
    expect(adapter.supportsOutput).toBe(false)
    expect(adapter.supportsMultipleConnections).toBe(true)
  })

  it('refuses migration locks', async () => {
    const options = { lockTable: 'kysely_migration_lock', lockRowId: 'migration_lock' }
    await expect(adapter.acquireMigrationLock(db, options)).rejects.toBeInstanceOf(
      MigrationsNotSupportedError,
    )
    await expect(adapter.releaseMigrationLock(db, options)).rejects.toBeInstanceOf(
      MigrationsNotSupportedError,
    )
  })
})

describe('three-part names', () => {
  const catalogDb = createDb({ catalog: 'local' })
  interface SchemaDb {
    'demo.person': Database['person']
    'demo.pet': Database['pet']
  }

  it('withCatalog qualifies schema-qualified tables: "catalog"."schema"."table"', () => {
    testSql(
      withCatalog(createDb() as unknown as Kysely<SchemaDb>, 'local')
        .selectFrom('demo.person as p')
        .innerJoin('demo.pet', 'demo.pet.owner_id', 'p.id')
        .select(['p.first_name', 'demo.pet.name']),
      {
        sql: 'select "p"."first_name", "demo"."pet"."name" from "local"."demo"."person" as "p" inner join "local"."demo"."pet" on "demo"."pet"."owner_id" = "p"."id"',
        parameters: [],
      },
    )
  })

  it('withCatalog(db, catalog, schema) gives unqualified tables the schema, in either plugin order', () => {
    const expected = {
      sql: 'select "id" from "cat"."sales"."person" where "id" in (select "owner_id" from "cat"."sales"."pet")',
      parameters: [],
    }
    const query = (db: typeof catalogDb) =>
      db
        .selectFrom('person')
        .select('id')
        .where('id', 'in', (eb) => eb.selectFrom('pet').select('owner_id'))
    testSql(query(withCatalog(createDb(), 'cat', 'sales')), expected)
    testSql(query(withCatalog(createDb().withSchema('sales'), 'cat')), expected)
    testSql(query(withCatalog(createDb(), 'cat').withSchema('sales')), expected)
  })

  it('leaves CTE names, aliases and column references alone', () => {
    testSql(
      withCatalog(createDb(), 'c', 's')
        .with('young', (db) => db.selectFrom('person').select('id').where('age', '<', 30))
        .selectFrom('young')
        .innerJoin('pet as x', 'x.owner_id', 'young.id')
        .select(['young.id', 'x.name']),
      {
        sql: 'with "young" as (select "id" from "c"."s"."person" where "age" < ?) select "young"."id", "x"."name" from "young" inner join "c"."s"."pet" as "x" on "x"."owner_id" = "young"."id"',
        parameters: [30],
      },
    )
  })

  it('quotes each part on its own', () => {
    testSql(withCatalog(createDb(), 'my "cat"', 'e6.schema').selectFrom('person').select('id'), {
      sql: 'select "id" from "my ""cat"""."e6.schema"."person"',
      parameters: [],
    })
  })

  it('an unqualified table without a schema is an error naming the fix', () => {
    expect(() =>
      withCatalog(createDb(), 'local').selectFrom('person').select('id').compile(),
    ).toThrow(/table "person" has no schema.*withCatalog\(db, "local", '<schema>'\)/)
    expect(() => withCatalog(createDb(), '')).toThrow(InvalidArgumentError)
  })

  it("'catalog.schema.table' strings that Kysely cut to two parts fail with the fix", () => {
    expect(() =>
      catalogDb
        .selectFrom('local.demo.person' as 'person')
        .select('id')
        .compile(),
    ).toThrow(/lost its table.*withCatalog\(db, "local"\)/)
    expect(() =>
      catalogDb.withSchema('local.demo').selectFrom('person').select('id').compile(),
    ).toThrow(/ONE quoted identifier.*withSchema\("demo"\).*withCatalog\(db, "local", "demo"\)/)
    // other schemas, dotted ones included, are fine
    testSql(catalogDb.withSchema('e6.demo').selectFrom('person').select('id'), {
      sql: 'select "id" from "e6.demo"."person"',
      parameters: [],
    })
    // a schema really named like the catalog is reachable through withCatalog
    testSql(withCatalog(catalogDb, 'local', 'local').selectFrom('person').select('id'), {
      sql: 'select "id" from "local"."local"."person"',
      parameters: [],
    })
  })
})

describe("Kysely's Migrator", () => {
  it('fails with MigrationsNotSupportedError at its first step, before any SQL or connection', async () => {
    const { Kysely } = await import('kysely')
    const { Migrator } = await import('kysely/migration')
    const { E6dataDialect } = await import('../../src/dialect/index.js')
    const db = new Kysely<unknown>({
      // nothing listens on port 1: reaching the network would fail differently
      dialect: new E6dataDialect({ host: '127.0.0.1', port: 1, username: 'u', password: 'p' }),
    })
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => ({}) } })
      const { error } = await migrator.migrateToLatest()
      expect(error).toBeInstanceOf(MigrationsNotSupportedError)
      await expect(migrator.getMigrations()).rejects.toBeInstanceOf(MigrationsNotSupportedError)
      // other introspection calls are unaffected (they would go to the engine)
      expect(typeof db.introspection.getSchemas).toBe('function')
    } finally {
      await db.destroy()
    }
  })
})
