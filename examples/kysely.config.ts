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
 * plugin is needed. Only `kysely sql` is useful: e6data is read-only, so `kysely migrate …` and
 * `kysely seed …` cannot work (the dialect's migration lock throws `MigrationsNotSupportedError`);
 * manage tables with the engine's own tooling.
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
 * This file is documentation: it is not type-checked with the package (kysely-ctl is not a
 * dependency).
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
})

export default defineConfig({
  // A Dialect instance: kysely-ctl uses it as is.
  dialect: new E6dataDialect({ client }),
})
