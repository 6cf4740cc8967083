import { describe, expect, it } from 'vitest'
import { E6dataAbortError, InvalidArgumentError } from '../../src/errors.js'
import { E6dataIntrospector, normalizeE6dataType } from '../../src/introspection/index.js'
import { type FakeCatalogs, FakeSchemaSource } from './fake-schema-source.js'

const CATALOGS: FakeCatalogs = {
  hive: {
    sales: {
      orders: { id: 'LONG', amount: 'decimal(12,2)', placed_at: 'timestamp', note: 'varchar(64)' },
      customers: { id: 'bigint', name: 'string', tags: 'array<string>' },
      kysely_migration: { name: 'string', timestamp: 'string' },
      kysely_migration_lock: { id: 'string', is_locked: 'int' },
    },
    analytics: {
      events: { id: 'bigint', payload: 'map<string,string>' },
    },
  },
  other: { misc: { t: { x: 'int' } } },
}

describe('normalizeE6dataType', () => {
  it.each([
    ['DECIMAL(7,2)', 'decimal'],
    ['decimal', 'decimal'],
    ['array<int>', 'array'],
    ['map<string,array<int>>', 'map'],
    ['  LONG ', 'long'],
    ['varchar (16)', 'varchar'],
    ['', ''],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeE6dataType(raw)).toBe(expected)
    expect(normalizeE6dataType(normalizeE6dataType(raw))).toBe(expected)
  })
})

describe('E6dataIntrospector', () => {
  it('lists the schemas of the catalog, sorted and frozen', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({ source, catalog: 'hive' })
    const schemas = await introspector.getSchemas()
    expect(schemas).toEqual([{ name: 'analytics' }, { name: 'sales' }])
    expect(Object.isFrozen(schemas)).toBe(true)
    expect(Object.isFrozen(schemas[0])).toBe(true)
    expect(source.calls).toEqual([{ method: 'schemas', args: ['hive'], signal: undefined }])
  })

  it('restricts getSchemas to the schemas option without calling the engine', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({ source, catalog: 'hive', schemas: ['sales'] })
    expect(await introspector.getSchemas()).toEqual([{ name: 'sales' }])
    expect(source.calls).toEqual([])
  })

  it('reads tables and columns through the schema RPCs with conservative flags', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({ source, catalog: 'hive', schemas: ['sales'] })
    const tables = await introspector.getTables()
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['sales.customers', 'sales.orders'])
    const orders = tables[1]
    expect(orders).toEqual({
      name: 'orders',
      schema: 'sales',
      isView: false,
      isForeign: false,
      columns: [
        col('id', 'long', 'LONG'),
        col('amount', 'decimal', 'decimal(12,2)'),
        col('placed_at', 'timestamp', 'timestamp'),
        col('note', 'varchar', 'varchar(64)'),
      ],
    })
    expect(source.calls.filter((c) => c.method === 'columns').map((c) => c.args)).toEqual([
      ['sales', 'customers', 'hive'],
      ['sales', 'orders', 'hive'],
    ])
  })

  it('deep-freezes the metadata', async () => {
    const introspector = new E6dataIntrospector({ source: new FakeSchemaSource(CATALOGS) })
    expect(introspector.catalog).toBeUndefined()
    const tables = await new E6dataIntrospector({
      source: new FakeSchemaSource(CATALOGS),
      catalog: 'hive',
    }).getTables()
    expect(Object.isFrozen(tables)).toBe(true)
    for (const table of tables) {
      expect(Object.isFrozen(table)).toBe(true)
      expect(Object.isFrozen(table.columns)).toBe(true)
      for (const column of table.columns) expect(Object.isFrozen(column)).toBe(true)
    }
  })

  it('hides the Kysely migration tables unless asked for them', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({ source, catalog: 'hive', schemas: ['sales'] })
    const names = async (withInternalKyselyTables?: boolean) =>
      (await introspector.getTables({ withInternalKyselyTables })).map((t) => t.name)
    expect(await names()).toEqual(['customers', 'orders'])
    expect(await names(false)).toEqual(['customers', 'orders'])
    expect(await names(true)).toEqual([
      'customers',
      'kysely_migration',
      'kysely_migration_lock',
      'orders',
    ])
    const describedInternal = source.calls.filter(
      (c) => c.method === 'columns' && String(c.args[1]).startsWith('kysely_'),
    )
    expect(describedInternal).toHaveLength(2)
  })

  it('walks every schema of the catalog when no schemas are given', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const tables = await new E6dataIntrospector({ source, catalog: 'hive' }).getTables()
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'analytics.events',
      'sales.customers',
      'sales.orders',
    ])
  })

  it('falls back to the source default catalog', async () => {
    const source = new FakeSchemaSource(CATALOGS, { defaults: { catalog: 'other' } })
    const introspector = new E6dataIntrospector({ source })
    expect(introspector.catalog).toBe('other')
    const tables = await introspector.getTables()
    expect(tables.map((t) => t.name)).toEqual(['t'])
    expect(source.calls.every((c) => c.args.at(-1) === 'other')).toBe(true)
  })

  it('applies the table filter before fetching columns', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({
      source,
      catalog: 'hive',
      tableFilter: (schema, table) => schema === 'sales' && table !== 'customers',
    })
    const tables = await introspector.getTables()
    expect(tables.map((t) => t.name)).toEqual(['orders'])
    expect(source.calls.filter((c) => c.method === 'columns')).toHaveLength(1)
  })

  it('keeps at most `concurrency` column calls in flight', async () => {
    const wide: FakeCatalogs = {
      c: {
        s: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t${i}`, { id: 'int' }])),
      },
    }
    const source = new FakeSchemaSource(wide, { columnsDelayMs: 5 })
    const tables = await new E6dataIntrospector({ source, catalog: 'c' }).getTables()
    expect(tables).toHaveLength(20)
    expect(source.maxInFlight).toBe(4)

    const serial = new FakeSchemaSource(wide, { columnsDelayMs: 1 })
    await new E6dataIntrospector({ source: serial, catalog: 'c', concurrency: 1 }).getTables()
    expect(serial.maxInFlight).toBe(1)
  })

  it('rejects a bad concurrency', () => {
    const source = new FakeSchemaSource(CATALOGS)
    expect(() => new E6dataIntrospector({ source, concurrency: 0 })).toThrow(InvalidArgumentError)
    expect(() => new E6dataIntrospector({ source, concurrency: 1.5 })).toThrow(InvalidArgumentError)
  })

  it('passes the signal to every call and stops when it aborts', async () => {
    const wide: FakeCatalogs = {
      c: {
        s: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`t${i}`, { id: 'int' }])),
      },
    }
    const source = new FakeSchemaSource(wide, { columnsDelayMs: 20 })
    const controller = new AbortController()
    const introspector = new E6dataIntrospector({ source, catalog: 'c' })
    const pending = introspector.getTables({ signal: controller.signal })
    setTimeout(() => controller.abort(new Error('stop')), 30)
    await expect(pending).rejects.toThrow()
    expect(source.calls.filter((c) => c.method === 'columns').length).toBeLessThan(40)
    expect(source.calls.every((c) => c.signal !== undefined)).toBe(true)
  })

  it('fails fast with an abort error when the signal is already aborted', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({ source, catalog: 'hive' })
    const signal = AbortSignal.abort(new Error('no'))
    await expect(introspector.getTables({ signal })).rejects.toBeInstanceOf(E6dataAbortError)
    await expect(introspector.getSchemas({ signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(source.calls).toEqual([])
  })

  it('propagates the first column failure and cancels the rest', async () => {
    const wide: FakeCatalogs = {
      c: {
        s: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`t${i}`, { id: 'int' }])),
      },
    }
    const source = new FakeSchemaSource(wide, { columnsDelayMs: 2, failColumnsOf: 's.t1' })
    const introspector = new E6dataIntrospector({ source, catalog: 'c' })
    await expect(introspector.getTables()).rejects.toThrow('columns failed for s.t1')
    expect(source.calls.filter((c) => c.method === 'columns').length).toBeLessThan(12)
  })

  it('falls back to rawType when the source sends no normalised type', async () => {
    const source = new FakeSchemaSource(CATALOGS)
    const introspector = new E6dataIntrospector({
      source: {
        schemas: async () => ['s'],
        tables: async () => ['t'],
        columns: async () => [
          { name: 'a', type: '', rawType: 'DECIMAL(3,1)' },
          { name: 'b', type: 'INT', rawType: '' },
        ],
      },
    })
    expect(source.calls).toEqual([])
    const [table] = await introspector.getTables()
    expect(table?.columns).toEqual([col('a', 'decimal', 'DECIMAL(3,1)'), col('b', 'int', 'INT')])
  })
})

function col(name: string, dataType: string, rawDataType: string) {
  return {
    name,
    dataType,
    rawDataType,
    isNullable: true,
    hasDefaultValue: false,
    isAutoIncrementing: false,
  }
}
