// Type-checked with strict and skipLibCheck: false against the installed package.
import { Kysely } from 'kysely'
import { E6dataDialect, type E6dataDialectConfig, withCatalog } from 'kysely-e6data'
import {
  createClient,
  type E6dataClientOptions,
  type QueryResult,
  type TracerLike,
} from 'kysely-e6data/driver'
import { jsonArrayFrom } from 'kysely-e6data/helpers'
import { E6dataIntrospector } from 'kysely-e6data/introspection'

interface DB {
  t: { id: bigint | null }
}
const options: E6dataClientOptions = { host: 'h', username: 'u', password: 'p', tracer: false }
const tracer: TracerLike | undefined = undefined
const config: E6dataDialectConfig = { ...options, tracer }
export const db = new Kysely<DB>({ dialect: new E6dataDialect(config) })
export const client = createClient(options)
export const first: Promise<QueryResult<{ id: bigint }>> = client.query<{ id: bigint }>('select 1')
export const introspector: typeof E6dataIntrospector = E6dataIntrospector
export const nested = withCatalog(db, 'c', 's')
  .selectFrom('t')
  .select((eb) => [jsonArrayFrom(eb.selectFrom('t as u').select('u.id')).as('ids')])
