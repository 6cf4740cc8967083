import { type Expression, type RawBuilder, sql } from 'kysely'
import { type Dehydrated, jsonObjectArgs } from './json-object-args.js'

/**
 * A subquery's rows as one JSON array of objects:
 * `(select coalesce(to_json(array_agg(named_struct('col', agg.col, …))), '[]') from (…) as agg)`.
 * The subquery must select named columns (no `selectAll()`). Values take their JSON types
 * (`bigint` → `number`, `Date` → `string`): int64 beyond ±2^53−1 loses digits in `JSON.parse` and
 * decimals (typed `string`) arrive as numbers, so cast such columns to `varchar` to keep them exact.
 *
 * @example
 * ```ts
 * import { ParseJSONResultsPlugin } from 'kysely'
 * import { jsonArrayFrom } from 'kysely-e6data/helpers'
 *
 * const rows = await db.withPlugin(new ParseJSONResultsPlugin()).selectFrom('customers as c')
 *   .select((eb) => ['c.name', jsonArrayFrom(eb.selectFrom('orders as o').select('o.order_id')
 *     .whereRef('o.customer_id', '=', 'c.customer_id')).as('orders')])
 *   .execute() // [{ name: 'Ada', orders: [{ order_id: 7 }, …] }, …]
 * ```
 */
export function jsonArrayFrom<O>(expr: Expression<O>): RawBuilder<Dehydrated<O>[]> {
  const args = jsonObjectArgs(expr.toOperationNode(), 'agg', 'jsonArrayFrom')
  return sql`(select coalesce(to_json(array_agg(named_struct(${sql.join(args)}))), '[]') from ${expr} as agg)`
}
