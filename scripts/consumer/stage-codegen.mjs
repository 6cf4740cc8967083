// + kysely-codegen and typescript: generateTypes against the local engine; the kysely-codegen building blocks load.
import assert from 'node:assert/strict'
import { generateTypes } from 'kysely-e6data/codegen'
import {
  E6dataCodegenAdapter,
  E6dataCodegenDialect,
  E6dataCodegenIntrospector,
  E6dataTypeScriptSerializer,
} from 'kysely-e6data/kysely-codegen'
import { startLocalEngine } from 'kysely-e6data/local'

const engine = await startLocalEngine({ port: 0, bigTableRows: 10 })
try {
  const code = await generateTypes({ connection: engine.connection, include: ['orders'] })
  assert.match(code, /export interface Orders \{/)
  for (const block of [
    E6dataCodegenAdapter,
    E6dataCodegenDialect,
    E6dataCodegenIntrospector,
    E6dataTypeScriptSerializer,
  ])
    assert.equal(typeof block, 'function')
} finally {
  await engine.close()
}
console.log('codegen: ok')
