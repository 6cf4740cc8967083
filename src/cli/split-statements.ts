import { type StringEscapeMode, tokenizeSql } from '../sql/index.js'

/**
 * Splits shell input at the `;` that end statements (not inside strings, quoted identifiers or
 * comments). Returns the complete statements (without their `;`, empty ones dropped) and the
 * unfinished rest.
 *
 * @example
 * ```ts
 * splitStatements("select ';'; select 2;\nselect", 'backslash')
 * // { statements: ["select ';'", 'select 2'], rest: '\nselect' }
 * ```
 */
export function splitStatements(
  text: string,
  stringEscape: StringEscapeMode,
): { statements: string[]; rest: string } {
  const statements: string[] = []
  let from = 0
  for (const segment of tokenizeSql(text, { stringEscape })) {
    if (segment.kind !== 'code') continue
    for (let i = text.indexOf(';', segment.start); i >= 0 && i < segment.end; ) {
      const statement = text.slice(from, i).trim()
      if (statement !== '') statements.push(statement)
      from = i + 1
      i = text.indexOf(';', from)
    }
  }
  return { statements, rest: text.slice(from) }
}
