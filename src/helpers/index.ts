/**
 * `kysely-e6data/helpers`: Kysely's JSON helpers built from functions e6data has (`named_struct`,
 * `array_agg`, `to_json`) instead of Postgres' `json_agg`. The engine returns JSON text: add
 * Kysely's `ParseJSONResultsPlugin` to get nested rows.
 * @module
 */
export { jsonArrayFrom } from './json-array-from.js'
export { jsonBuildObject } from './json-build-object.js'
export { jsonObjectFrom } from './json-object-from.js'
