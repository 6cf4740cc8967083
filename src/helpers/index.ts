/**
 * `kysely-e6data/helpers`: Kysely's JSON helpers (`jsonArrayFrom`, `jsonObjectFrom`,
 * `jsonBuildObject`) built from functions e6data has — `named_struct`, `array_agg`, `to_json` —
 * instead of Postgres' `json_agg` or MySQL's `json_arrayagg`. The engine returns JSON text; add
 * Kysely's `ParseJSONResultsPlugin` to get nested rows.
 *
 * @example
 * ```ts
 * import { ParseJSONResultsPlugin } from 'kysely'
 * import { jsonArrayFrom } from 'kysely-e6data/helpers'
 * const rows = await db
 *   .withPlugin(new ParseJSONResultsPlugin())
 *   .selectFrom('customers as c')
 *   .select((eb) => [
 *     'c.name',
 *     jsonArrayFrom(eb.selectFrom('orders as o').select('o.order_id').whereRef('o.customer_id', '=', 'c.customer_id')).as('orders'),
 *   ])
 *   .execute()
 * ```
 *
 * @module
 */
export { jsonArrayFrom } from './json-array-from.js'
export { jsonBuildObject } from './json-build-object.js'
export { jsonObjectFrom } from './json-object-from.js'
