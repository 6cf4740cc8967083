import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateTypes } from '../../src/codegen/index.js'
import { FakeSchemaSource } from '../introspection/fake-schema-source.js'
import { DEMO_CATALOGS } from './demo-catalog.js'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const generatedRoot = join(here, '.generated')
const tscPath = createRequire(import.meta.url).resolve('typescript/bin/tsc')

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  include: ['*.ts'],
}

/** Typed queries over the generated default-mapping `DB`; every assertion must hold. */
const PASSING_QUERIES = `
import type { Kysely } from 'kysely'
import { expectTypeOf } from 'vitest'
import type { DB } from './db.js'
import type { DB as NumberDB } from './db-number.js'

declare const db: Kysely<DB>
declare const numberDb: Kysely<NumberDB>

export async function queries(): Promise<void> {
  const customers = await db
    .selectFrom('customers')
    .select(['customer_id', 'name', 'signup_date', 'is_active'])
    .where('is_active', '=', true)
    .execute()
  expectTypeOf(customers).toEqualTypeOf<
    {
      customer_id: bigint | null
      name: string | null
      signup_date: string | null
      is_active: boolean | null
    }[]
  >()

  const revenue = await db
    .selectFrom('orders as o')
    .innerJoin('customers as c', 'c.customer_id', 'o.customer_id')
    .innerJoin('line_items as li', 'li.order_id', 'o.order_id')
    .innerJoin('products as p', 'p.product_id', 'li.product_id')
    .select(['o.order_id', 'c.name', 'li.unit_price', 'li.quantity', 'o.shipped_at', 'p.category'])
    .where('o.status', '=', 'shipped')
    .where('o.order_id', '>', 10n)
    .where('o.shipped_at', '<', new Date())
    .orderBy('o.order_id')
    .limit(10)
    .execute()
  expectTypeOf(revenue[0]!).toEqualTypeOf<{
    order_id: bigint | null
    name: string | null
    unit_price: string | null
    quantity: number | null
    shipped_at: Date | null
    category: string | null
  }>()

  const showcase = await db.selectFrom('type_showcase').selectAll().executeTakeFirstOrThrow()
  expectTypeOf(showcase.big_col).toEqualTypeOf<bigint | null>()
  expectTypeOf(showcase.long_col).toEqualTypeOf<bigint | null>()
  expectTypeOf(showcase.short_col).toEqualTypeOf<number | null>()
  expectTypeOf(showcase.double_col).toEqualTypeOf<number | null>()
  expectTypeOf(showcase.dec_38_10).toEqualTypeOf<string | null>()
  expectTypeOf(showcase.bool_col).toEqualTypeOf<boolean | null>()
  expectTypeOf(showcase.blob_col).toEqualTypeOf<Uint8Array | null>()
  expectTypeOf(showcase.date_col).toEqualTypeOf<string | null>()
  expectTypeOf(showcase.ts_col).toEqualTypeOf<Date | null>()
  expectTypeOf(showcase.tstz_col).toEqualTypeOf<Date | null>()
  expectTypeOf(showcase.list_col).toEqualTypeOf<string | null>()
  expectTypeOf(showcase.map_col).toEqualTypeOf<string | null>()
  expectTypeOf(showcase.struct_col).toEqualTypeOf<string | null>()
  expectTypeOf(showcase.geo_col).toEqualTypeOf<unknown>()

  const staged = await db
    .selectFrom('staging.orders')
    .innerJoin('staging.raw events as e', 'e.id', 'staging.orders.order_id')
    .select(['staging.orders.payload', 'staging.orders.loaded_at', 'e.id'])
    .execute()
  expectTypeOf(staged[0]!).toEqualTypeOf<{
    payload: string | null
    loaded_at: Date | null
    id: bigint | null
  }>()

  const counted = await db
    .selectFrom('orders')
    .select((eb) => ['status', eb.fn.countAll<bigint>().as('n')])
    .groupBy('status')
    .execute()
  expectTypeOf(counted[0]!).toEqualTypeOf<{ status: string | null; n: bigint }>()

  // filters: int64 columns compare with bigint values, decimals with decimal strings; with
  // int64As 'number' int64 columns compare with numbers (see the README's "filters")
  const filtered = await db
    .selectFrom('orders as o')
    .innerJoin('line_items as li', 'li.order_id', 'o.order_id')
    .select(['o.order_id', 'li.unit_price'])
    .where('o.customer_id', '=', 42n)
    .where('o.order_id', 'in', [1n, BigInt(2)])
    .where((eb) => eb('li.unit_price', '>', '10.50'))
    .where('li.unit_price', '<=', String(99.5))
    .execute()
  expectTypeOf(filtered[0]!).toEqualTypeOf<{ order_id: bigint | null; unit_price: string | null }>()
  const filteredAsNumbers = await numberDb
    .selectFrom('orders')
    .select('order_id')
    .where('customer_id', '=', 42)
    .executeTakeFirstOrThrow()
  expectTypeOf(filteredAsNumbers.order_id).toEqualTypeOf<number | null>()

  const asNumbers = await numberDb
    .selectFrom('orders')
    .select(['order_id', 'shipped_at'])
    .executeTakeFirstOrThrow()
  expectTypeOf(asNumbers).toEqualTypeOf<{ order_id: number | null; shipped_at: string | null }>()
}
`

/** Each must fail to compile with the given TypeScript error code. */
const FAILING_QUERIES: Record<string, { readonly code: string; readonly source: string }> = {
  'bad-column.ts': {
    code: 'TS2769',
    source: `
import type { Kysely } from 'kysely'
import type { DB } from './db.js'
declare const db: Kysely<DB>
export const q = db.selectFrom('orders').select(['order_id', 'no_such_column'])
`,
  },
  'bad-assignment.ts': {
    code: 'TS2322',
    source: `
import type { Kysely } from 'kysely'
import type { DB } from './db.js'
declare const db: Kysely<DB>
export async function f(): Promise<number> {
  const row = await db.selectFrom('orders').select('order_id').executeTakeFirstOrThrow()
  const id: number = row.order_id
  return id
}
`,
  },
  // Kysely types a comparison's value with the column's SELECT type (SelectType of ColumnType),
  // so a number cannot be accepted for a column that selects as bigint: write 42n (or generate
  // with int64As 'number'). If Kysely ever types filters separately, this starts to compile.
  'number-for-int64.ts': {
    code: 'TS2345',
    source: `
import type { Kysely } from 'kysely'
import type { DB } from './db.js'
declare const db: Kysely<DB>
export const q = db.selectFrom('orders').select('order_id').where('customer_id', '=', 42)
`,
  },
  'number-for-decimal.ts': {
    code: 'TS2345',
    source: `
import type { Kysely } from 'kysely'
import type { DB } from './db.js'
declare const db: Kysely<DB>
export const q = db.selectFrom('line_items').select('order_id').where('unit_price', '>', 10.5)
`,
  },
  'bad-table.ts': {
    code: 'TS2345',
    source: `
import type { Kysely } from 'kysely'
import type { DB } from './db.js'
declare const db: Kysely<DB>
export const q = db.selectFrom('kysely_migration').selectAll()
`,
  },
}

async function tsc(dir: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tscPath, '-p', join(dir, 'tsconfig.json')], {
      cwd: dir,
      timeout: 60_000,
    })
    return { ok: true, output: stdout }
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: unknown }
    if (typeof failure.code !== 'number') throw error
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` }
  }
}

async function writeProject(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(generatedRoot, name)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text)
  return dir
}

describe('generated types type-check against Kysely', () => {
  let output = ''
  let ok = true

  beforeAll(async () => {
    const source = new FakeSchemaSource(DEMO_CATALOGS, {
      defaults: { catalog: 'local', database: 'demo' },
    })
    const db = await generateTypes({ source, schemas: ['demo', 'staging'] })
    const numberDb = await generateTypes({
      source,
      schemas: ['demo', 'staging'],
      int64As: 'number',
      timestampAs: 'iso',
    })
    const failing = Object.fromEntries(
      Object.entries(FAILING_QUERIES).map(([file, q]) => [file, q.source]),
    )
    // One tsc run checks both kinds of file: errors may only come from the must-fail files.
    const dir = await writeProject('project', {
      'db.ts': db,
      'db-number.ts': numberDb,
      'queries.ts': PASSING_QUERIES,
      ...failing,
    })
    ;({ ok, output } = await tsc(dir))
  })

  it('compiles typed selects, joins and filters with the expected row types', () => {
    const errorFiles = new Set([...output.matchAll(/^([\w-]+\.ts)\(/gm)].map((m) => m[1]))
    expect([...errorFiles].sort(), output).toEqual(Object.keys(FAILING_QUERIES).sort())
  })

  it('rejects unknown columns and tables and lossy assignments', () => {
    expect(ok).toBe(false)
    for (const [file, { code }] of Object.entries(FAILING_QUERIES)) {
      const escaped = file.replace('.', '\\.')
      expect(output).toMatch(new RegExp(`^${escaped}\\(\\d+,\\d+\\): error ${code}`, 'm'))
    }
  })
})
