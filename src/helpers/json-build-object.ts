import { type Expression, type RawBuilder, sql } from 'kysely'
import { InvalidArgumentError } from '../errors.js'
import type { Dehydrated } from './json-object-args.js'

/**
 * A JSON object from named expressions: `to_json(named_struct('key', expr, …))`; values take their
 * JSON types, as in {@link jsonArrayFrom}.
 *
 * @example
 * ```ts
 * const people = await db.withPlugin(new ParseJSONResultsPlugin()).selectFrom('customers')
 *   .select((eb) => jsonBuildObject({ name: eb.ref('name'), country: eb.ref('country') }).as('p'))
 *   .execute() // [{ p: { name: 'Ada', country: 'DE' } }, …]
 * ```
 */
export function jsonBuildObject<O extends Record<string, Expression<unknown>>>(
  object: O,
): RawBuilder<Dehydrated<{ [K in keyof O]: O[K] extends Expression<infer V> ? V : never }>> {
  const keys = Object.keys(object)
  if (keys.length === 0) {
    throw new InvalidArgumentError('jsonBuildObject needs at least one key')
  }
  return sql`to_json(named_struct(${sql.join(keys.flatMap((k) => [sql.lit(k), object[k]!]))}))`
}
