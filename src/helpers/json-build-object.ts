/**
 * {@link jsonBuildObject} for e6data.
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
import { InvalidArgumentError } from '../errors.js'

/**
 * A JSON object from named expressions, built from e6 functions:
 * `to_json(named_struct('key', expr, …))`. Add Kysely's `ParseJSONResultsPlugin` to get parsed
 * objects; values take their JSON types (Kysely's `ShallowDehydrateObject`: `bigint` → `number`, `Date` → `string`).
 *
 * @example
 * ```ts
 * const people = await db
 *   .withPlugin(new ParseJSONResultsPlugin())
 *   .selectFrom('customers')
 *   .select((eb) => [
 *     'customer_id',
 *     jsonBuildObject({ name: eb.ref('name'), country: eb.ref('country') }).as('person'),
 *   ])
 *   .execute()
 * // [{ customer_id: 1n, person: { name: 'Ada', country: 'DE' } }, …]
 * ```
 */
export function jsonBuildObject<O extends Record<string, Expression<unknown>>>(
  object: O,
): RawBuilder<
  Simplify<ShallowDehydrateObject<{ [K in keyof O]: O[K] extends Expression<infer V> ? V : never }>>
> {
  const keys = Object.keys(object)
  if (keys.length === 0) {
    throw new InvalidArgumentError('jsonBuildObject needs at least one key')
  }
  return sql`to_json(named_struct(${sql.join(keys.flatMap((k) => [sql.lit(k), object[k]!]))}))`
}
