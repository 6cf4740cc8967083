import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DummyDriver, Kysely, SqliteAdapter, SqliteQueryCompiler } from 'kysely'
import { generate } from 'kysely-codegen'
import { describe, expect, it } from 'vitest'
import { createTableFilter, e6dataTypeScriptTypes, generateTypes } from '../../src/codegen/index.js'
import {
  E6dataCodegenDialect,
  E6dataTypeScriptSerializer,
} from '../../src/codegen/kysely-codegen.js'
import { InvalidArgumentError } from '../../src/errors.js'
import { E6dataIntrospector } from '../../src/introspection/index.js'
import { FakeSchemaSource } from '../introspection/fake-schema-source.js'
import { DEMO_CATALOGS } from './demo-catalog.js'

const demoSource = () =>
  new FakeSchemaSource(DEMO_CATALOGS, { defaults: { catalog: 'local', database: 'demo' } })

/** The body of interface `name` in generated code. */
function iface(code: string, name: string): string {
  const match = code.match(new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`))
  if (match?.[1] === undefined) throw new Error(`interface ${name} not found in:\n${code}`)
  return match[1].replace(/\/\*\*[\s\S]*?\*\/\n\s*/g, '')
}

describe('generateTypes', () => {
  it('generates the demo catalog (file snapshot)', async () => {
    const code = await generateTypes({ source: demoSource(), schemas: ['demo', 'staging'] })
    await expect(code).toMatchFileSnapshot('./__snapshots__/db.ts.snap')
  })

  it('maps every e6 type to what the driver returns by default', async () => {
    const code = await generateTypes({ source: demoSource() })
    expect(iface(code, 'TypeShowcase').split('\n')).toEqual([
      '  big_col: bigint | null;',
      '  blob_col: Uint8Array | null;',
      '  bool_col: boolean | null;',
      '  date_col: string | null;',
      '  dec_38_10: string | null;',
      '  double_col: number | null;',
      '  float_col: number | null;',
      '  geo_col: unknown;',
      '  id: number | null;',
      '  label: string | null;',
      '  list_col: string | null;',
      '  long_col: bigint | null;',
      '  map_col: string | null;',
      '  short_col: number | null;',
      '  str_col: string | null;',
      '  struct_col: string | null;',
      '  ts_col: Date | null;',
      '  tstz_col: Date | null;',
    ])
  })

  it('follows int64As, timestampAs and decimalAs', async () => {
    const source = demoSource()
    const asNumber = await generateTypes({ source, int64As: 'number', timestampAs: 'iso' })
    expect(iface(asNumber, 'Orders')).toContain('order_id: number | null;')
    expect(iface(asNumber, 'Orders')).toContain('shipped_at: string | null;')
    const asString = await generateTypes({
      source,
      int64As: 'string',
      timestampAs: 'micros',
      decimalAs: 'unknown',
    })
    expect(iface(asString, 'Orders')).toContain('order_id: string | null;')
    expect(iface(asString, 'Orders')).toContain('shipped_at: bigint | null;')
    expect(iface(asString, 'LineItems')).toContain('unit_price: unknown;')
    expect(asString).toContain(' * int64As:       string')
    expect(asString).toContain(' * timestampAs:   micros')
    expect(asString).toContain(' * decimalAs:     unknown')
  })

  it('rejects unknown mapping values', async () => {
    const source = demoSource()
    // @ts-expect-error invalid on purpose
    await expect(generateTypes({ source, int64As: 'float' })).rejects.toThrow(InvalidArgumentError)
    expect(source.calls).toEqual([])
  })

  it('reads only the default schema by default, with unqualified keys', async () => {
    const source = demoSource()
    const code = await generateTypes({ source })
    expect(iface(code, 'DB').split('\n')).toEqual([
      '  customers: Customers;',
      '  line_items: LineItems;',
      '  orders: Orders;',
      '  products: Products;',
      '  type_showcase: TypeShowcase;',
    ])
    expect(source.calls.filter((c) => c.method === 'schemas')).toEqual([])
    expect(source.calls.every((c) => c.args.at(-1) === 'local')).toBe(true)
  })

  it('qualifies other schemas and everything when there is no default schema', async () => {
    const code = await generateTypes({ source: demoSource(), schemas: ['demo', 'staging'] })
    expect(iface(code, 'DB')).toContain('  orders: Orders;')
    expect(iface(code, 'DB')).toContain('  "staging.orders": StagingOrders;')
    expect(iface(code, 'DB')).toContain('  "staging.raw events": StagingRawEvents;')

    const none = new FakeSchemaSource(DEMO_CATALOGS, { defaultCatalog: 'local' })
    const all = await generateTypes({ source: none })
    expect(none.calls.filter((c) => c.method === 'schemas')).toHaveLength(1)
    expect(iface(all, 'DB')).toContain('  "demo.orders": DemoOrders;')
    expect(iface(all, 'DB')).toContain('  "staging.orders": StagingOrders;')
    expect(all).toContain(' * defaultSchema: (none: keys are "schema.table")')

    const forced = await generateTypes({ source: demoSource(), defaultSchema: null })
    expect(iface(forced, 'DB')).toContain('  "demo.orders": DemoOrders;')
  })

  it('applies include / exclude globs before describing tables', async () => {
    const source = demoSource()
    const code = await generateTypes({
      source,
      schemas: ['demo', 'staging'],
      include: ['*order*', 'demo.customers'],
      exclude: 'staging.*',
    })
    expect(iface(code, 'DB').split('\n')).toEqual(['  customers: Customers;', '  orders: Orders;'])
    const described = source.calls.filter((c) => c.method === 'columns').map((c) => c.args[1])
    expect(described.sort()).toEqual(['customers', 'orders'])
    expect(code).toContain(' * include:       "*order*", "demo.customers"')
    expect(code).toContain(' * exclude:       "staging.*"')
  })

  it('is deterministic whatever order the engine lists things in', async () => {
    const shuffled = structuredClone(DEMO_CATALOGS)
    const demo = shuffled.local?.demo ?? {}
    const reversed = Object.fromEntries(
      Object.entries(demo)
        .reverse()
        .map(([t, cols]) => [t, Object.fromEntries(Object.entries(cols).reverse())]),
    )
    const reversedSource = new FakeSchemaSource(
      { local: { staging: shuffled.local?.staging ?? {}, demo: reversed } },
      { defaults: { catalog: 'local', database: 'demo' } },
    )
    const a = await generateTypes({ source: demoSource(), schemas: ['demo', 'staging'] })
    const b = await generateTypes({ source: reversedSource, schemas: ['staging', 'demo'] })
    expect(b).toBe(a)
  })

  it('keeps a table called `date` from shadowing the Date type', async () => {
    const source = new FakeSchemaSource({
      c: {
        s: {
          date: { d: 'date', ts: 'timestamp' },
          uint8_array: { b: 'binary' },
          events: { at: 'timestamp', day: 'date' },
        },
      },
    })
    const code = await generateTypes({ source, catalog: 'c', defaultSchema: 's' })
    expect(iface(code, 'DateTable')).toBe('  d: string | null;\n  ts: Date | null;')
    expect(iface(code, 'Events')).toBe('  at: Date | null;\n  day: string | null;')
    expect(iface(code, 'Uint8ArrayTable')).toBe('  b: Uint8Array | null;')
    expect(iface(code, 'DB')).toContain('  date: DateTable;')
    expect(code).not.toMatch(/interface Date \{/)
  })

  it('supports typeMapping, columnTypes and customImports', async () => {
    const code = await generateTypes({
      source: demoSource(),
      schemas: ['demo', 'staging'],
      typeMapping: { DECIMAL: 'Decimal', geography: 'GeoJson' },
      customImports: { Decimal: 'decimal.js#Decimal', GeoJson: './geo.js' },
      columnTypes: {
        'orders.status': "'new' | 'shipped' | 'delivered'",
        'staging.orders.payload': 'Record<string, unknown> | null',
      },
    })
    expect(code).toContain('import type { Decimal } from "decimal.js";')
    expect(code).toContain('import type { GeoJson } from "./geo.js";')
    expect(iface(code, 'Products')).toContain('unit_price: Decimal | null;')
    expect(iface(code, 'TypeShowcase')).toContain('geo_col: GeoJson | null;')
    expect(iface(code, 'Orders')).toContain(`status: 'new' | 'shipped' | 'delivered';`)
    expect(iface(code, 'StagingOrders')).toContain('payload: Record<string, unknown> | null;')
  })

  it('writes camelCase keys on request', async () => {
    const code = await generateTypes({ source: demoSource(), camelCase: true })
    expect(iface(code, 'DB')).toContain('  lineItems: LineItems;')
    expect(iface(code, 'Orders')).toContain('  shippedAt: Date | null;')
  })

  it('can leave out the raw type comments', async () => {
    const withComments = await generateTypes({ source: demoSource() })
    expect(withComments).toContain('e6data type: decimal(10,2)')
    const without = await generateTypes({ source: demoSource(), rawTypeComments: false })
    expect(without).not.toContain('e6data type:')
  })

  it('writes outFile atomically, creating directories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e6codegen-'))
    try {
      const outFile = join(dir, 'nested', 'db.ts')
      const code = await generateTypes({ source: demoSource(), outFile })
      expect(await readFile(outFile, 'utf8')).toBe(code)
      expect(await readdir(join(dir, 'nested'))).toEqual(['db.ts'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('creates and closes its own source from connection options', async () => {
    let created: FakeSchemaSource | undefined
    const connection = { host: 'h', catalog: 'local', database: 'demo' }
    const code = await generateTypes({
      connection,
      createSource: async (c) => {
        expect(c).toBe(connection)
        created = new FakeSchemaSource(DEMO_CATALOGS, { defaults: c })
        return created
      },
    })
    expect(code).toContain('export interface Orders')
    expect(created?.closed).toBe(true)

    let failing: FakeSchemaSource | undefined
    await expect(
      generateTypes({
        connection,
        createSource: () => {
          failing = new FakeSchemaSource(DEMO_CATALOGS, {
            defaults: connection,
            failColumnsOf: 'demo.orders',
          })
          return failing
        },
      }),
    ).rejects.toThrow('columns failed for demo.orders')
    expect(failing?.closed).toBe(true)
  })

  it('honours an abort signal', async () => {
    const signal = AbortSignal.abort(new Error('stop'))
    await expect(generateTypes({ source: demoSource(), signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('matches what kysely-codegen generate() produces through a Kysely db', async () => {
    const source = demoSource()
    const db = new Kysely<any>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createQueryCompiler: () => new SqliteQueryCompiler(),
        createIntrospector: () => new E6dataIntrospector({ source, schemas: ['demo', 'staging'] }),
      },
    })
    const dialect = new E6dataCodegenDialect({ defaultSchema: 'demo' })
    const viaGenerate = await generate({
      db,
      dialect,
      serializer: new E6dataTypeScriptSerializer(),
      defaultSchemas: dialect.adapter.defaultSchemas,
      outFile: null,
      includePattern: '*',
    })
    const viaGenerateTypes = await generateTypes({ source, schemas: ['demo', 'staging'] })
    expect(viaGenerateTypes.endsWith(viaGenerate)).toBe(true)
    expect(viaGenerateTypes.slice(0, -viaGenerate.length)).toMatch(/^\/\*\*[\s\S]*\*\/\n\n$/)
    await db.destroy()
  })

  it('refuses kysely-codegen connection strings unless given a factory', async () => {
    await expect(
      new E6dataCodegenDialect().createKyselyDialect({ connectionString: 'x' }),
    ).rejects.toThrow(InvalidArgumentError)
  })
})

describe('createTableFilter', () => {
  it('matches table names, or schema.table when the pattern has a dot, case-insensitively', () => {
    expect(createTableFilter()).toBeUndefined()
    expect(createTableFilter([], '')).toBeUndefined()
    const keep = createTableFilter(['ORDER*', 'sales.*'], ['*_tmp', 'sales.secret'])
    expect(keep?.('any', 'orders')).toBe(true)
    expect(keep?.('any', 'orders_tmp')).toBe(false)
    expect(keep?.('sales', 'anything')).toBe(true)
    expect(keep?.('sales', 'secret')).toBe(false)
    expect(keep?.('hr', 'people')).toBe(false)
    const excludeOnly = createTableFilter(undefined, 'staging.*')
    expect(excludeOnly?.('staging', 'x')).toBe(false)
    expect(excludeOnly?.('demo', 'x')).toBe(true)
  })
})

describe('e6dataTypeScriptTypes', () => {
  it('lists the driver types per mapping', () => {
    const defaults = e6dataTypeScriptTypes()
    expect(defaults).toMatchObject({
      int: 'number',
      integer: 'number',
      smallint: 'number',
      tinyint: 'number',
      byte: 'number',
      short: 'number',
      bigint: 'bigint',
      long: 'bigint',
      decimal: 'string',
      numeric: 'string',
      float: 'number',
      double: 'number',
      real: 'number',
      boolean: 'boolean',
      bool: 'boolean',
      string: 'string',
      varchar: 'string',
      char: 'string',
      text: 'string',
      binary: 'Uint8Array',
      varbinary: 'Uint8Array',
      date: 'string',
      timestamp: 'Date',
      datetime: 'Date',
      timestamp_tz: 'Date',
      array: 'string',
      map: 'string',
      struct: 'string',
      variant: 'string',
      json: 'string',
    })
    expect(Object.isFrozen(defaults)).toBe(true)
    expect(e6dataTypeScriptTypes({ int64As: 'number' }).long).toBe('number')
    expect(e6dataTypeScriptTypes({ int64As: 'string' }).bigint).toBe('string')
    expect(e6dataTypeScriptTypes({ timestampAs: 'iso' }).timestamp_tz).toBe('string')
    expect(e6dataTypeScriptTypes({ timestampAs: 'micros' }).datetime).toBe('bigint')
    expect(e6dataTypeScriptTypes({ decimalAs: 'unknown' }).numeric).toBe('unknown')
  })
})
