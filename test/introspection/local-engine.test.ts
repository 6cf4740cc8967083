import { DummyDriver, Kysely, SqliteAdapter, SqliteQueryCompiler } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  type E6dataColumnMetadata,
  E6dataIntrospector,
  type E6dataSchemaSource,
} from '../../src/introspection/index.js'
import { useEngine } from '../helpers/engine-fixture.js'

describe('E6dataIntrospector against the local engine', () => {
  const env = useEngine({ bigTableRows: 20_000 })

  it('is satisfied by the real client', () => {
    const source: E6dataSchemaSource = env.client
    expect(source.options).toMatchObject({ catalog: 'local', database: 'demo' })
  })

  it('lists the schemas of the sample catalog', async () => {
    const introspector = new E6dataIntrospector({ source: env.client })
    expect(introspector.catalog).toBe('local')
    const names = (await introspector.getSchemas()).map((s) => s.name)
    expect(names).toContain('demo')
  })

  it('describes the sample tables through the schema RPCs', async () => {
    const introspector = new E6dataIntrospector({ source: env.client, schemas: ['demo'] })
    const tables = await introspector.getTables()
    expect(tables.map((t) => t.name)).toEqual([
      'customers',
      'events',
      'line_items',
      'orders',
      'products',
      'type_showcase',
    ])
    for (const table of tables) {
      expect(table).toMatchObject({ schema: 'demo', isView: false, isForeign: false })
      for (const column of table.columns) {
        expect(column).toMatchObject({
          isNullable: true,
          hasDefaultValue: false,
          isAutoIncrementing: false,
        })
      }
    }
    const byName = (table: string, column: string): E6dataColumnMetadata | undefined =>
      tables.find((t) => t.name === table)?.columns.find((c) => c.name === column)
    expect(tables.find((t) => t.name === 'orders')?.columns.map((c) => c.name)).toEqual([
      'order_id',
      'customer_id',
      'order_date',
      'status',
      'shipped_at',
    ])
    expect(byName('orders', 'order_id')).toMatchObject({
      dataType: 'bigint',
      rawDataType: 'bigint',
    })
    expect(byName('products', 'unit_price')).toMatchObject({
      dataType: 'decimal',
      rawDataType: 'decimal(10,2)',
    })
    expect(byName('type_showcase', 'list_col')).toMatchObject({
      dataType: 'array',
      rawDataType: 'array<int>',
    })
    expect(byName('type_showcase', 'tstz_col')).toMatchObject({ dataType: 'timestamp_tz' })
  })

  it('answers Kysely db.introspection when plugged into a dialect', async () => {
    const db = new Kysely<any>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createQueryCompiler: () => new SqliteQueryCompiler(),
        createIntrospector: () =>
          new E6dataIntrospector({ source: env.client, tableFilter: (_s, t) => t.endsWith('s') }),
      },
    })
    try {
      const tables = await db.introspection.getTables()
      expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
        'demo.customers',
        'demo.events',
        'demo.line_items',
        'demo.orders',
        'demo.products',
      ])
      expect((await db.introspection.getSchemas()).map((s) => s.name)).toContain('demo')
    } finally {
      await db.destroy()
    }
  })

  it('reports an empty list for unknown schemas and stops on abort', async () => {
    const unknown = new E6dataIntrospector({ source: env.client, schemas: ['no_such_schema'] })
    expect(await unknown.getTables()).toEqual([])
    const introspector = new E6dataIntrospector({ source: env.client, schemas: ['demo'] })
    await expect(
      introspector.getTables({ signal: AbortSignal.abort(new Error('stop')) }),
    ).rejects.toMatchObject({ name: 'AbortError' })
  })
})
