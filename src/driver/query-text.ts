import { lexingDependsOnRule, type StringEscapeOption, tokenizeSql } from '../sql/index.js'

/**
 * What a span records as `db.query.text`: `'sanitized'` (default: every literal replaced by `?`,
 * comments dropped), `'raw'` (the statement as written — `?` placeholders, never the parameter
 * values — with its inline literals), or `'off'`.
 *
 * @example
 * ```ts
 * createClient({ ...connection, traceQueryText: 'raw' })
 * ```
 */
export type TraceQueryText = 'sanitized' | 'raw' | 'off'

const NUMBER = /(?<![\w$.])(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w$])/g
const KEYWORD = /^\s*(\w+)/

/**
 * `sql` with every string and numeric literal replaced by `?` and comments removed, as the
 * OpenTelemetry database conventions ask for `db.query.text` when literal values may be
 * sensitive.
 *
 * @example
 * ```ts
 * sanitizeQueryText("select * from t where name = 'x' and id > 10 -- hi") // 'select * from t where name = ? and id > ?'
 * ```
 */
export function sanitizeQueryText(sql: string, stringEscape: StringEscapeOption): string {
  // with the rule not known, literals the two rules split differently could leak: withhold the text
  if (stringEscape === 'auto' && lexingDependsOnRule(sql)) return `${operationName(sql)} …`
  let out = ''
  const rule = stringEscape === 'auto' ? 'backslash' : stringEscape
  for (const s of tokenizeSql(sql, { stringEscape: rule })) {
    const text = sql.slice(s.start, s.end)
    if (s.kind === 'string') out += '?'
    else if (s.kind === 'comment') out += ' '
    else if (s.kind === 'code') out += text.replace(NUMBER, '?')
    else out += text
  }
  return out.replace(/\s+/g, ' ').trim()
}

/**
 * The operation a statement performs, for `db.operation.name`: its first keyword in upper case
 * (`WITH` counts as `SELECT`: e6data runs queries only).
 *
 * @example
 * ```ts
 * operationName('  with a as (select 1) select * from a') // 'SELECT'
 * ```
 */
export function operationName(sql: string): string {
  const word = KEYWORD.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
  return word === 'WITH' ? 'SELECT' : word
}
