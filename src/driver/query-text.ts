import { lexingDependsOnRule, type StringEscapeOption, tokenizeSql } from '../sql/index.js'

/** What a span records as `db.query.text` (see the `traceQueryText` option). */
export type TraceQueryText = 'sanitized' | 'raw' | 'off'

const NUMBER = /(?<![\w$.])(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w$])/g
const KEYWORD = /^\s*(\w+)/

/** Literals become `?` and comments go, as OpenTelemetry asks when literals may be sensitive. */
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

/** `db.operation.name`: the first keyword (`WITH` counts as `SELECT`: e6data runs queries only). */
export function operationName(sql: string): string {
  const word = KEYWORD.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
  return word === 'WITH' ? 'SELECT' : word
}
