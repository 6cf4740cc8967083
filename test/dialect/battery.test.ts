/**
 * The Kysely battery (battery/cases.ts): every query runs through E6dataDialect against the local
 * engine (serving Parquet files written by an independent DuckDB) and through a reference Kysely
 * over that DuckDB with Kysely's own Postgres compiler; the results must be equal. Refused
 * constructs must raise UnsupportedSqlError naming the construct, before any round trip.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { E6dataDialect, StrategyCache, UnsupportedSqlError } from '../../src/index.js'
import { e6MacroStatements } from '../../src/local/e6-macros.js'
import { type LocalEngine, startLocalEngine } from '../../src/local/index.js'
import { BATTERY, type BatteryCase, type Runnable, type ShopDB } from './battery/cases.js'
import { canonical, referenceKysely } from './battery/duckdb-reference.js'
import { writeShop } from './battery/shop-data.js'

const dir = mkdtempSync(join(tmpdir(), 'kysely-e6data-battery-'))
let duck: DuckDBInstance
let connection: DuckDBConnection
let engine: LocalEngine
let e6: Kysely<ShopDB>
let reference: Kysely<ShopDB>

beforeAll(async () => {
  duck = await DuckDBInstance.create(':memory:')
  connection = await duck.connect()
  await writeShop(connection, dir)
  // the helpers' e6 functions (named_struct) as the local engine defines them
  for (const statement of e6MacroStatements()) await connection.run(statement)
  await connection.run(`set search_path = 'main,e6_functions.main'`)
  engine = await startLocalEngine({ port: 0, sampleData: false, data: [`shop=${dir}`] })
  e6 = new Kysely<ShopDB>({
    dialect: new E6dataDialect({
      ...engine.connection,
      database: 'shop',
      timestampAs: 'iso',
      strategyCache: new StrategyCache(),
    }),
  })
  reference = referenceKysely<ShopDB>(connection)
}, 120_000)

afterAll(async () => {
  await e6?.destroy()
  await engine?.close()
  connection?.closeSync()
  duck?.closeSync()
  rmSync(dir, { recursive: true, force: true })
})

async function rows(c: BatteryCase, runnable: Runnable): Promise<unknown[]> {
  if (c.stream === undefined) return runnable.execute()
  const out: unknown[] = []
  for await (const row of runnable.stream!(c.stream)) out.push(row)
  return out
}

function normalized(c: BatteryCase, list: unknown[]): unknown[] {
  const values = list.map(canonical)
  if (c.ordered) return values
  return values
    .map((v) => JSON.stringify(v))
    .sort()
    .map((v) => JSON.parse(v) as unknown)
}

describe('Kysely battery: e6data dialect + local engine vs an independent DuckDB', () => {
  it('has the documented size', () => {
    expect(BATTERY.length).toBe(147)
    expect(new Set(BATTERY.map((c) => `${c.category}/${c.name}`)).size).toBe(BATTERY.length)
  })

  for (const c of BATTERY) {
    it(`${c.category}: ${c.name}`, async () => {
      if (c.refused !== undefined) {
        const error = await rows(c, c.query(e6)).then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(UnsupportedSqlError)
        expect((error as UnsupportedSqlError).feature).toBe(c.refused)
        return
      }
      const [actual, expected] = await Promise.all([
        rows(c, c.query(e6)),
        rows(c, c.query(reference)),
      ])
      expect(normalized(c, actual)).toEqual(normalized(c, expected))
    })
  }
})
