import { prepareStatement } from '../../src/sql/interpolate-parameters.js'
import type { StringEscapeMode } from '../../src/sql/string-escape.js'

/** `sql` with its `?` filled by literals under `stringEscape`, through the driver's own path. */
export function interpolateParameters(
  sql: string,
  parameters: readonly unknown[],
  options: { readonly stringEscape?: StringEscapeMode } = {},
): string {
  const rule = options.stringEscape ?? 'backslash'
  return prepareStatement(sql, parameters, { bind: false }).finish(rule).sql
}
