import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Kysely } from 'kysely'
import { generate } from 'kysely-codegen'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCodegenCli } from '../../src/cli/codegen-command.js'
import { generateTypes } from '../../src/codegen/index.js'
import {
  E6dataCodegenDialect,
  E6dataTypeScriptSerializer,
} from '../../src/codegen/kysely-codegen.js'
import { E6dataDialect } from '../../src/dialect/index.js'
import { createClient, type E6dataClientOptions } from '../../src/driver/index.js'
import { useEngine } from '../helpers/engine-fixture.js'

const here = dirname(fileURLToPath(import.meta.url))
const tscPath = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** `table → column → TypeScript type text` parsed from generated code. */
function parseInterfaces(code: string): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>()
  const bodies = code.replaceAll(/\/\*\*[\s\S]*?\*\/\n\s*/g, '')
  for (const [, name, body] of bodies.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const columns = new Map<string, string>()
    for (const [, key, type] of (body ?? '').matchAll(/^ {2}("?[^:]+"?): (.+);$/gm)) {
      columns.set(String(key), String(type))
    }
    result.set(String(name), columns)
  }
  return result
}

/** Whether a runtime value fits a generated type (`T | null`, `unknown`). */
function fits(value: unknown, type: string): boolean {
  return type.split(' | ').some((part) => {
    switch (part) {
      case 'null':
        return value === null
      case 'unknown':
        return true
      case 'bigint':
      case 'number':
      case 'string':
      case 'boolean':
        return typeof value === part
      case 'Date':
        return value instanceof Date
      case 'Uint8Array':
        return value instanceof Uint8Array
      default:
        throw new Error(`unexpected type ${part}`)
    }
  })
}

const INTERFACE_OF: Record<string, string> = {
  customers: 'Customers',
  events: 'Events',
  line_items: 'LineItems',
  orders: 'Orders',
  products: 'Products',
  type_showcase: 'TypeShowcase',
}

describe('codegen against the local engine', () => {
  const env = useEngine({ bigTableRows: 20_000 })
  let connection: E6dataClientOptions
  let code = ''

  beforeAll(async () => {
    connection = env.engine.connection
    code = await generateTypes({ source: env.client })
  })

  it('generates the sample schema (file snapshot)', async () => {
    await expect(code).toMatchFileSnapshot('./__snapshots__/local-demo.ts.snap')
  })

  it('types every sample column as exactly what the driver returns', async () => {
    const interfaces = parseInterfaces(code)
    for (const [table, name] of Object.entries(INTERFACE_OF)) {
      const columns = interfaces.get(name)
      expect(columns, table).toBeDefined()
      const { rows } = await env.client.query(`select * from "${table}" order by 1 limit 200`)
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual([...(columns?.keys() ?? [])].sort())
        for (const [column, value] of Object.entries(row)) {
          const type = columns?.get(column) ?? '?'
          if (!fits(value, type)) expect.fail(`${table}.${column}: ${String(value)} is not ${type}`)
        }
      }
    }
  })

  it('follows the client value mapping when it creates the client itself', async () => {
    const mapped = { ...connection, int64As: 'number', timestampAs: 'iso' } as const
    const generated = await generateTypes({ connection: mapped, include: 'type_showcase' })
    const showcase = parseInterfaces(generated).get('TypeShowcase')
    expect(showcase?.get('big_col')).toBe('number | null')
    expect(showcase?.get('ts_col')).toBe('string | null')
    const mappedClient = createClient(mapped)
    try {
      // rows 1 and 2 hold the int64 extremes, which int64As 'number' rightly refuses to decode
      const { rows } = await mappedClient.query('select * from type_showcase where id >= 3')
      expect(rows).toHaveLength(6)
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          expect(fits(value, showcase?.get(column) ?? '?'), column).toBe(true)
        }
      }
    } finally {
      await mappedClient.close()
    }
    const micros = await generateTypes({
      connection: { ...connection, timestampAs: 'micros', decimalAs: (u: bigint) => u },
      include: 'orders',
    })
    expect(parseInterfaces(micros).get('Orders')?.get('shipped_at')).toBe('bigint | null')
    expect(micros).toContain(' * decimalAs:     unknown')
  })

  it('matches kysely-codegen generate() over a Kysely db using E6dataDialect', async () => {
    const db = new Kysely<any>({
      dialect: new E6dataDialect({ client: env.client, introspection: { schemas: ['demo'] } }),
    })
    try {
      const dialect = new E6dataCodegenDialect({ defaultSchema: 'demo' })
      const viaGenerate = await generate({
        db,
        dialect,
        serializer: new E6dataTypeScriptSerializer(),
        defaultSchemas: dialect.adapter.defaultSchemas,
        outFile: null,
      })
      expect(code.endsWith(viaGenerate)).toBe(true)
    } finally {
      await db.destroy()
    }
  })

  it('runs the CLI end to end from E6DATA_* variables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e6cli-local-'))
    try {
      const out = join(dir, 'db.ts')
      const messages: string[] = []
      await runCodegenCli(['codegen', '--out', out], {
        env: {
          E6DATA_HOST: env.engine.host,
          E6DATA_PORT: String(env.engine.port),
          E6DATA_USER: env.engine.credentials.user,
          E6DATA_PASSWORD: env.engine.credentials.password,
          E6DATA_CATALOG: env.engine.catalog,
          E6DATA_DATABASE: env.engine.schema,
        },
        stderr: (text) => messages.push(text),
      })
      expect(await readFile(out, 'utf8')).toBe(code)
      expect(messages.join('')).toMatch(/wrote 6 tables to /)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('type-checks typed Kysely queries over the generated sample types', async () => {
    const dir = join(here, '.generated', 'local')
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'db.ts'), code)
    await writeFile(join(dir, 'queries.ts'), LOCAL_QUERIES)
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        include: ['*.ts'],
      }),
    )
    const output = await promisify(execFile)(process.execPath, [tscPath, '-p', dir], {
      timeout: 60_000,
    }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => `tsc failed:\n${error.stdout ?? String(error)}`,
    )
    expect(output).toBe('')
  })
})

const LOCAL_QUERIES = `
import type { Kysely } from 'kysely'
import { expectTypeOf } from 'vitest'
import type { DB } from './db.js'

declare const db: Kysely<DB>

export async function queries(): Promise<void> {
  const revenue = await db
    .selectFrom('customers as c')
    .innerJoin('orders as o', 'o.customer_id', 'c.customer_id')
    .innerJoin('line_items as li', 'li.order_id', 'o.order_id')
    .select(['c.name', 'o.order_date', 'o.shipped_at', 'li.unit_price', 'li.quantity'])
    .where('c.is_active', '=', true)
    .where('o.order_id', '>', 100n)
    .execute()
  expectTypeOf(revenue[0]!).toEqualTypeOf<{
    name: string | null
    order_date: string | null
    shipped_at: Date | null
    unit_price: string | null
    quantity: number | null
  }>()

  const events = await db
    .selectFrom('events')
    .select(['event_id', 'event_time', 'amount'])
    .where('event_time', '>=', new Date('2024-01-01T00:00:00Z'))
    .execute()
  expectTypeOf(events[0]!).toEqualTypeOf<{
    event_id: bigint | null
    event_time: Date | null
    amount: number | null
  }>()

  const t = await db.selectFrom('type_showcase').selectAll().executeTakeFirstOrThrow()
  expectTypeOf(t.tiny_col).toEqualTypeOf<number | null>()
  expectTypeOf(t.uint_col).toEqualTypeOf<bigint | null>()
  expectTypeOf(t.huge_col).toEqualTypeOf<bigint | null>()
  expectTypeOf(t.dec_10_2).toEqualTypeOf<string | null>()
  expectTypeOf(t.blob_col).toEqualTypeOf<Uint8Array | null>()
  expectTypeOf(t.date_col).toEqualTypeOf<string | null>()
  expectTypeOf(t.tstz_col).toEqualTypeOf<Date | null>()
  expectTypeOf(t.map_col).toEqualTypeOf<string | null>()
}
`
