// Only kysely installed: every entry but the two codegen ones imports; those name their missing peer.
import assert from 'node:assert/strict'

const root = await import('kysely-e6data')
const driver = await import('kysely-e6data/driver')
const local = await import('kysely-e6data/local')
const introspection = await import('kysely-e6data/introspection')
const helpers = await import('kysely-e6data/helpers')
const pkg = await import('kysely-e6data/package.json', { with: { type: 'json' } })
assert.equal(typeof root.E6dataDialect, 'function')
assert.equal(typeof driver.createClient, 'function')
assert.equal(typeof local.startLocalEngine, 'function')
assert.equal(typeof introspection.E6dataIntrospector, 'function')
assert.equal(typeof helpers.jsonArrayFrom, 'function')
assert.equal(typeof root.withCatalog, 'function')
assert.equal(pkg.default.name, 'kysely-e6data')
await assert.rejects(import('kysely-e6data/codegen'), /kysely-codegen/)
await assert.rejects(import('kysely-e6data/kysely-codegen'), /kysely-codegen/)
await assert.rejects(
  local.startLocalEngine({ port: 0 }),
  /npm install --save-dev @duckdb\/node-api/,
)
const client = driver.createClient({ host: '127.0.0.1', port: 1, username: 'u', password: 'p' })
await client.close()
console.log('core entries: ok')
