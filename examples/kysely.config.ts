/**
 * kysely-ctl configuration for e6data — lets `npx kysely sql` run queries against a cluster:
 *
 * ```sh
 * npm i -D kysely-ctl
 * cp node_modules/kysely-e6data/examples/kysely.config.ts .   # or .config/kysely.config.ts
 * export E6DATA_HOST=… E6DATA_USER=… E6DATA_PASSWORD=… E6DATA_CATALOG=… E6DATA_DATABASE=…
 * npx kysely sql "select count(*) from orders"
 * ```
 *
 * kysely-ctl accepts any Dialect *instance* (`dialect: new E6dataDialect(…)`), so no kysely-ctl
 * plugin is needed. Only `kysely sql` is useful: e6data is read-only, so `kysely migrate …` fails
 * with `MigrationsNotSupportedError` before any SQL is compiled (the Migrator's first step, asking
 * the dialect's introspector for its `kysely_migration` tables, raises it), and `kysely seed …`
 * fails with `UnsupportedSqlError` on its first INSERT; manage tables with the engine's own tooling.
 *
 * `int64As: 'string'`: kysely-ctl prints `-f json` with `JSON.stringify`, which throws on the
 * driver's default `bigint` for 64-bit integers (every `count(*)` is one); strings keep every
 * digit (`'number'` would throw beyond 2^53). `timestampAs: 'iso'` prints timestamps with their
 * microseconds instead of a `Date`'s milliseconds.
 *
 * Types: kysely-codegen's CLI cannot load third-party dialects, so generate `DB` types with
 * kysely-e6data's own command (same E6DATA_* variables):
 *
 * ```sh
 * npx kysely-e6data codegen --out src/db.ts              # default schema = E6DATA_DATABASE
 * npx kysely-e6data codegen --out src/db.ts --schema sales --schema staging --exclude '*_tmp'
 * ```
 *
 * or programmatically: `generateTypes({ source: client, outFile: 'src/db.ts' })` from
 * `kysely-e6data/codegen`.
 *
 * Tested as is (imports pointed at the sources) by `test/dialect/kysely-ctl.test.ts`, which
 * runs kysely-ctl's `sql -f json` and `migrate latest` against the local engine.
 */
import { defineConfig } from 'kysely-ctl'
import { E6dataDialect } from 'kysely-e6data'
import { createClient } from 'kysely-e6data/driver'

function env(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`set ${name} (see kysely.config.ts)`)
  return value
}

const client = createClient({
  host: env('E6DATA_HOST'),
  port: Number(process.env.E6DATA_PORT ?? 443),
  secure: process.env.E6DATA_SECURE !== 'false',
  username: env('E6DATA_USER'),
  password: env('E6DATA_PASSWORD'), // the access token from the e6data console
  catalog: env('E6DATA_CATALOG'),
  database: process.env.E6DATA_DATABASE,
  clusterName: process.env.E6DATA_CLUSTER,
  int64As: 'string', // JSON-safe and exact (see above)
  timestampAs: 'iso',
})

export default defineConfig({
  // A Dialect instance: kysely-ctl uses it as is.
  dialect: new E6dataDialect({ client }),
})
