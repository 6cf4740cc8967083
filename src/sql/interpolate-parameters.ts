// The one place where `?` placeholders become literals, for the plain client and the dialect alike.

import { E6dataError, InvalidArgumentError, UnsupportedValueError } from '../errors.js'
import { LiteralParameter } from './literal-parameter.js'
import {
  finishLiteral,
  type LiteralSnapshot,
  needsEscapeRule,
  snapshotLiteral,
} from './literal-renderer.js'
import { needsSeparator } from './needs-separator.js'
import { normalizeStatement } from './normalize-statement.js'
import type { StringEscapeMode } from './string-escape.js'
import { findPlaceholders, lexingDependsOnRule } from './tokenize-sql.js'

/** `bindValues`: the values left for server-side binding (`undefined` when nothing is bound). */
export interface StatementText {
  readonly sql: string
  readonly bindValues: readonly unknown[] | undefined
}

interface PreparedStatement {
  readonly needsRule: boolean
  finish(rule: StringEscapeMode): StatementText
}

/**
 * Values are read once, here, and everything the escape rule does not decide is checked here too,
 * so that `needsRule` (only a `'` or `\` in a value, or a text the two rules lex differently) can
 * defer the rest until the engine's rule is known. `LiteralParameter`s go into the text even with
 * `bind`; without `parameters` a `?` stays a `?`.
 */
export function prepareStatement(
  sql: string,
  parameters: readonly unknown[] | undefined,
  options: { readonly bind: boolean },
): PreparedStatement {
  const literals = parameters?.map((value, i) =>
    options.bind &&
    !(typeof value === 'object' && value !== null && LiteralParameter.textOf(value) !== undefined)
      ? BOUND
      : snapshot(value, i),
  )
  const lexing = lexingDependsOnRule(sql)
  const needsRule = lexing || (literals?.some((l) => l !== BOUND && needsEscapeRule(l)) ?? false)
  const build = (rule: StringEscapeMode): StatementText => {
    const text = normalizeStatement(sql, { stringEscape: rule })
    if (literals === undefined || parameters === undefined) {
      return { sql: text, bindValues: undefined }
    }
    const positions = findPlaceholders(text, { stringEscape: rule })
    const result = splice(text, positions, literals, rule)
    const bound = parameters.filter((_, i) => literals[i] === BOUND)
    return { sql: result.sql, bindValues: options.bind ? bound : undefined }
  }
  // with no rule-dependent lexing, mistakes are reported now, before the rule is measured
  const early = lexing ? undefined : build('backslash')
  return {
    needsRule,
    finish: (rule) => (early !== undefined && !needsRule ? early : build(rule)),
  }
}

const BOUND: LiteralSnapshot = Object.freeze(['?'])

function snapshot(value: unknown, index: number) {
  try {
    return snapshotLiteral(value, undefined)
  } catch (error) {
    if (error instanceof E6dataError) {
      throw new UnsupportedValueError(`parameter ${index + 1}: ${error.message}`, { cause: error })
    }
    throw error
  }
}

function splice(
  sql: string,
  positions: readonly number[],
  literals: readonly LiteralSnapshot[],
  rule: StringEscapeMode,
): { sql: string } {
  if (positions.length !== literals.length) {
    throw new InvalidArgumentError(
      `the SQL has ${positions.length} ? placeholder(s) but ${literals.length} parameter(s) were given`,
    )
  }
  if (positions.length === 0) return { sql }
  let out = ''
  let from = 0
  positions.forEach((at, index) => {
    const literal = finishLiteral(literals[index] as LiteralSnapshot, rule)
    out += sql.slice(from, at)
    if (needsSeparator(out.slice(-1), literal[0] ?? '')) out += ' '
    out += literal
    if (needsSeparator(literal.slice(-1), sql[at + 1] ?? '')) out += ' '
    from = at + 1
  })
  return { sql: out + sql.slice(from) }
}
