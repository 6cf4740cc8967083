import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { useEngine, withEngine } from '../helpers/engine-fixture.js'
import { runQuery, unary } from './helpers.js'

describe('local engine: schema RPCs', () => {
  const env = useEngine({ bigTableRows: 100, login: true })

  it('exposes the default catalog and schema', () => {
    expect([env.engine.catalog, env.engine.schema]).toEqual(['local', 'demo'])
  })

  it('lists schemas (V2 by catalog, V1 of the default catalog)', async () => {
    const v2 = await unary(env.rpc, 'getSchemaNamesV2', {
      sessionId: env.sessionId,
      catalog: 'local',
    })
    expect(v2.schemas).toEqual(['demo', 'main'])
    expect(v2.sessionId).toBe(env.sessionId)
    const v1 = await unary(env.rpc, 'getSchemaNames', { sessionId: env.sessionId })
    expect(v1.schemas).toEqual(['demo', 'main'])
  })

  it('lists tables (V2 and V1)', async () => {
    const expected = ['customers', 'events', 'line_items', 'orders', 'products', 'type_showcase']
    const v2 = await unary(env.rpc, 'getTablesV2', {
      sessionId: env.sessionId,
      catalog: 'local',
      schema: 'demo',
    })
    expect(v2.tables).toEqual(expected)
    const v1 = await unary(env.rpc, 'getTablesV2', {
      sessionId: env.sessionId,
      catalog: '',
      schema: 'demo',
    })
    expect(v1.tables).toEqual(expected)
    const legacy = await unary(env.rpc, 'getTables', { sessionId: env.sessionId, schema: 'demo' })
    expect(legacy.tables).toEqual(expected)
  })

  it('lists columns with e6 type names (V2 and V1)', async () => {
    const v2 = await unary(env.rpc, 'getColumnsV2', {
      sessionId: env.sessionId,
      catalog: 'local',
      schema: 'demo',
      table: 'type_showcase',
    })
    const types = Object.fromEntries(v2.fieldInfo.map((f) => [f.fieldName, f.fieldType]))
    expect(types).toEqual({
      id: 'int',
      label: 'string',
      tiny_col: 'int',
      small_col: 'int',
      int_col: 'int',
      big_col: 'bigint',
      huge_col: 'bigint',
      ubig_col: 'bigint',
      uint_col: 'bigint',
      float_col: 'float',
      double_col: 'double',
      dec_38_0: 'decimal(38,0)',
      dec_38_10: 'decimal(38,10)',
      dec_10_2: 'decimal(10,2)',
      dec_18_6: 'decimal(18,6)',
      bool_col: 'boolean',
      str_col: 'string',
      blob_col: 'binary',
      date_col: 'date',
      ts_col: 'timestamp',
      tstz_col: 'timestamp_tz',
      time_col: 'string',
      interval_col: 'string',
      uuid_col: 'string',
      json_col: 'string',
      list_col: 'array<int>',
      map_col: 'map<string,int>',
      struct_col: 'struct<a:int,b:string>',
    })
    const v1 = await unary(env.rpc, 'getColumns', {
      sessionId: env.sessionId,
      schema: 'demo',
      table: 'orders',
    })
    expect(v1.fieldInfo).toEqual([
      { fieldName: 'order_id', fieldType: 'bigint' },
      { fieldName: 'customer_id', fieldType: 'bigint' },
      { fieldName: 'order_date', fieldType: 'date' },
      { fieldName: 'status', fieldType: 'string' },
      { fieldName: 'shipped_at', fieldType: 'timestamp' },
    ])
  })

  it('answers empty lists for unknown names', async () => {
    expect(
      (await unary(env.rpc, 'getSchemaNamesV2', { sessionId: env.sessionId, catalog: 'nope' }))
        .schemas,
    ).toEqual([])
    expect(
      (await unary(env.rpc, 'getSchemaNamesV2', { sessionId: env.sessionId, catalog: 'system' }))
        .schemas,
    ).toEqual([])
    expect(
      (
        await unary(env.rpc, 'getTablesV2', {
          sessionId: env.sessionId,
          catalog: 'local',
          schema: 'nope',
        })
      ).tables,
    ).toEqual([])
    expect(
      (
        await unary(env.rpc, 'getColumnsV2', {
          sessionId: env.sessionId,
          catalog: 'local',
          schema: 'demo',
          table: 'nope',
        })
      ).fieldInfo,
    ).toEqual([])
  })

  it('lists catalogs without DuckDB internals', async () => {
    const res = await unary(env.rpc, 'getCataloges', {})
    expect(res.catalogResponses).toContainEqual({ name: 'local', isDefault: true })
    expect(res.catalogResponses.map((c) => c.name)).not.toContain('e6_functions')
    expect(res.catalogResponses.map((c) => c.name)).not.toContain('system')
  })

  it('serves a DuckDB database file: its catalog is the file stem, schema main', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e6-local-'))
    const path = join(dir, 'warehouse.duckdb')
    const setup = await DuckDBInstance.create(path)
    const conn = await setup.connect()
    await conn.run('CREATE TABLE sales AS SELECT range AS id, range * 1.5 AS amount FROM range(5)')
    conn.closeSync()
    setup.closeSync()
    try {
      await withEngine(
        { database: path, sampleData: false, login: true },
        async ({ engine: fileEngine, rpc: c, sessionId: sid }) => {
          expect([fileEngine.catalog, fileEngine.schema]).toEqual(['warehouse', 'main'])
          expect(
            (await unary(c, 'getTablesV2', { sessionId: sid, catalog: '', schema: '' })).tables,
          ).toEqual(['sales'])
          const r = await runQuery(c, fileEngine, sid, 'SELECT sum(id) AS s FROM sales')
          expect(r.rows[0]?.s).toBe(10n) // an integer sum is a LONG, as on e6data
        },
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
