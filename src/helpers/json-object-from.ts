/**
 * {@link jsonObjectFrom} for e6data.
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
 * A subquery's (first) row as one JSON object, or `null` when it has no row, built from e6
 * functions: `(select to_json(named_struct('col', obj.col, …)) from (…) as obj)`. Add Kysely's
 * `ParseJSONResultsPlugin` to get parsed objects; values take their JSON types (Kysely's `ShallowDehydrateObject`: `bigint` → `number`, `Date` → `string`). The
 * subquery must select named columns and should return at most one row.
 *
 * @example
 * ```ts
 * const orders = await db
 *   .withPlugin(new ParseJSONResultsPlugin())
 *   .selectFrom('orders as o')
 *   .select((eb) => [
 *     'o.order_id',
 *     jsonObjectFrom(
 *       eb.selectFrom('customers as c').select(['c.name', 'c.country']).whereRef('c.customer_id', '=', 'o.customer_id'),
 *     ).as('customer'),
 *   ])
 *   .execute()
 * // [{ order_id: 1n, customer: { name: 'Ada', country: 'DE' } }, …]
 * ```
 */
export function jsonObjectFrom<O>(
  expr: Expression<O>,
): RawBuilder<Simplify<ShallowDehydrateObject<O>> | null> {
  const args = jsonObjectArgs(expr.toOperationNode(), 'obj', 'jsonObjectFrom')
  return sql`(select to_json(named_struct(${sql.join(args)})) from ${expr} as obj)`
}
