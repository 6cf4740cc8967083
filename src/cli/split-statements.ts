import { type StringEscapeMode, tokenizeSql } from '../sql/index.js'

/** Complete statements (split at `;` outside strings, identifiers, comments) and the rest. */
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
