/**
 * Compile-only test setup in the style of Kysely's own suite: a `Kysely` over a `DummyDriver`
 * with the e6data adapter and compiler, and a `testSql` helper.
 *
 * @module
 */

import {
  type Compilable,
  DummyDriver,
  type Generated,
  Kysely,
  type RawBuilder,
  SqliteIntrospector,
} from 'kysely'
import { expect } from 'vitest'
import { E6dataAdapter } from '../../src/dialect/e6data-adapter.js'
import {
  E6dataQueryCompiler,
  type E6dataQueryCompilerOptions,
} from '../../src/dialect/e6data-query-compiler.js'
import { LiteralParameter } from '../../src/sql/literal-parameter.js'

export interface Person {
  id: Generated<number>
  first_name: string
  last_name: string | null
  age: number
  gender: 'male' | 'female' | 'other'
  created_at: Date
  profile: { addresses: { city: string }[] } | null
}

export interface Pet {
  id: Generated<number>
  name: string
  owner_id: number
  species: 'dog' | 'cat' | 'hamster'
}

export interface Toy {
  id: Generated<number>
  name: string
  pet_id: number
  price: number
}

export interface Database {
  person: Person
  pet: Pet
  toy: Toy
}

/** A compile-only Kysely instance for e6data. */
export function createDb(options: E6dataQueryCompilerOptions = {}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new E6dataAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new E6dataQueryCompiler(options),
    },
  })
}

/** Expected output of a compiled query; `sql` lines are joined with single spaces. */
export interface ExpectedSql {
  readonly sql: string | readonly string[]
  readonly parameters: readonly unknown[]
}

/** Compiles `query` and compares its SQL and parameters. */
export function testSql(query: Compilable, expected: ExpectedSql): void {
  const compiled = query.compile()
  const sql = typeof expected.sql === 'string' ? expected.sql : expected.sql.join(' ')
  expect(compiled.sql).toBe(sql)
  expect(compiled.parameters.map(shown)).toEqual(expected.parameters.map(shown))
}

/** A {@link LiteralParameter} as a comparable object (its text is private). */
function shown(value: unknown): unknown {
  return value instanceof LiteralParameter ? { literal: String(value) } : value
}

/** Compiles a raw `sql` template against `db`. */
export function testRawSql(
  db: Kysely<Database>,
  query: RawBuilder<unknown>,
  expected: ExpectedSql,
): void {
  testSql({ compile: () => query.compile(db) }, expected)
}
