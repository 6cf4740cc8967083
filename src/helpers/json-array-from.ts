/**
 * {@link jsonArrayFrom} for e6data.
 *
 * @module
 */

import {
  type Expression,
  type RawBuilder,
  type ShallowDehydrateObject,
  type Simplify,
  sql,
} from 'kysely'
import { jsonObjectArgs } from './json-object-args.js'

/**
 * A subquery's rows as one JSON array of objects, built from e6 functions:
 * `(select coalesce(to_json(array_agg(named_struct('col', agg.col, …))), '[]') from (…) as agg)`.
 * The engine returns JSON text; add Kysely's `ParseJSONResultsPlugin` to get parsed arrays.
 * The subquery must select named columns (no `selectAll()`). Values take their JSON types (Kysely's
 * `ShallowDehydrateObject`: `bigint` → `number`, `Date` → `string`); int64 values beyond ±2^53−1
 * lose digits in `JSON.parse` and decimal columns (typed `string`) arrive as JSON numbers, so cast
 * such columns to `varchar` in the subquery to keep them exact.
 *
 * @example
 * ```ts
 * import { ParseJSONResultsPlugin } from 'kysely'
 * import { jsonArrayFrom } from 'kysely-e6data/helpers'
 *
 * const rows = await db
 *   .withPlugin(new ParseJSONResultsPlugin())
 *   .selectFrom('customers as c')
 *   .select((eb) => [
 *     'c.name',
 *     jsonArrayFrom(
 *       eb.selectFrom('orders as o').select(['o.order_id', 'o.status']).whereRef('o.customer_id', '=', 'c.customer_id'),
 *     ).as('orders'),
 *   ])
 *   .execute()
 * // [{ name: 'Ada', orders: [{ order_id: 7, status: 'shipped' }, …] }, …]
 * ```
 */
export function jsonArrayFrom<O>(
  expr: Expression<O>,
): RawBuilder<Simplify<ShallowDehydrateObject<O>>[]> {
  const args = jsonObjectArgs(expr.toOperationNode(), 'agg', 'jsonArrayFrom')
  return sql`(select coalesce(to_json(array_agg(named_struct(${sql.join(args)}))), '[]') from ${expr} as agg)`
}
