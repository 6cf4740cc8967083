// + @duckdb/node-api: the local engine, the plain client and the Kysely dialect end to end.
import assert from 'node:assert/strict'
import { Kysely, sql } from 'kysely'
import { E6dataDialect } from 'kysely-e6data'
import { createClient } from 'kysely-e6data/driver'
import { startLocalEngine } from 'kysely-e6data/local'

const engine = await startLocalEngine({ port: 0, bigTableRows: 1000 })
try {
  const client = createClient(engine.connection)
  const { rows } = await client.query('select 9223372036854775807 as big, ? as s', ["it's"])
  assert.deepEqual(rows, [{ big: 9223372036854775807n, s: "it's" }])
  await client.close()
  const db = new Kysely({ dialect: new E6dataDialect(engine.connection) })
  const r = await db.selectFrom('customers').select(sql`count(*)`.as('n')).executeTakeFirst()
  assert.equal(r.n, 1000n)
  await db.destroy()
} finally {
  await engine.close()
}
console.log('local engine, client, dialect: ok')
