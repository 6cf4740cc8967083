import { type Expression, type RawBuilder, sql } from 'kysely'
import { type Dehydrated, jsonObjectArgs } from './json-object-args.js'

/**
 * A subquery's first row as a JSON object, or `null` without a row:
 * `(select to_json(named_struct('col', obj.col, …)) from (…) as obj)`. Same rules as
 * {@link jsonArrayFrom}: named columns, JSON value types.
 *
 * @example
 * ```ts
 * const orders = await db.withPlugin(new ParseJSONResultsPlugin()).selectFrom('orders as o')
 *   .select((eb) => ['o.order_id', jsonObjectFrom(eb.selectFrom('customers as c').select('c.name')
 *     .whereRef('c.customer_id', '=', 'o.customer_id')).as('customer')])
 *   .execute() // [{ order_id: 1n, customer: { name: 'Ada' } }, …]
 * ```
 */
export function jsonObjectFrom<O>(expr: Expression<O>): RawBuilder<Dehydrated<O> | null> {
  const args = jsonObjectArgs(expr.toOperationNode(), 'obj', 'jsonObjectFrom')
  return sql`(select to_json(named_struct(${sql.join(args)})) from ${expr} as obj)`
}
