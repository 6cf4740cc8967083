/**
 * Parameter interpolation, the one place where `?` placeholders become literals (protocol.md
 * §11.3), for both entry points (the plain client and the Kysely driver). Placeholders inside
 * string literals, quoted identifiers and comments are not placeholders.
 *
 * @module
 */

import { E6dataError, InvalidArgumentError, UnsupportedValueError } from '../errors.js'
import { LiteralParameter } from './literal-parameter.js'
import {
  finishLiteral,
  type LiteralOptions,
  type LiteralSnapshot,
  needsEscapeRule,
  resolveStringEscape,
  snapshotLiteral,
} from './literal-renderer.js'
import { needsSeparator } from './needs-separator.js'
import { normalizeStatement } from './normalize-statement.js'
import type { StringEscapeMode } from './string-escape.js'
import { findPlaceholders, lexingDependsOnRule } from './tokenize-sql.js'

/**
 * Options of {@link interpolateParameters}: the string escape rule (default `'backslash'`).
 *
 * @example
 * ```ts
 * const options: InterpolateOptions = { stringEscape: 'standard' }
 * interpolateParameters('select ?', ["it's"], options) // "select 'it''s'"
 * ```
 */
export type InterpolateOptions = LiteralOptions

/**
 * Returns `sql` with every `?` placeholder replaced by its parameter rendered as a literal. A
 * space is inserted where the literal would otherwise merge with its neighbour (`-?` with `-1`
 * becomes `- -1`, not the comment `--1`). Throws {@link InvalidArgumentError} when the number of
 * placeholders differs from the number of parameters, and {@link UnsupportedValueError} (naming
 * the parameter) for a value that cannot be rendered.
 *
 * @example
 * ```ts
 * interpolateParameters('select * from "t" where "name" = ? and "id" in ?', ["O'Hara", [1, 2]])
 * // select * from "t" where "name" = 'O\'Hara' and "id" in (1, 2)
 * ```
 */
export function interpolateParameters(
  sql: string,
  parameters: readonly unknown[],
  options: InterpolateOptions = {},
): string {
  const rule = resolveStringEscape(options.stringEscape)
  const literals = parameters.map((value, i) => snapshot(value, i, rule))
  return splice(sql, findPlaceholders(sql, { stringEscape: rule }), literals, rule).sql
}

/**
 * A statement ready to send: its text and the values left for server-side binding (`undefined`
 * when nothing is bound).
 */
export interface StatementText {
  readonly sql: string
  readonly bindValues: readonly unknown[] | undefined
}

/**
 * The result of {@link prepareStatement}: `needsRule` tells whether the text depends on the
 * engine's escape rule; `finish` renders it under that rule (any rule when it does not).
 */
export interface PreparedStatement {
  readonly needsRule: boolean
  finish(rule: StringEscapeMode): StatementText
}

/**
 * Options of {@link prepareStatement}.
 */
export interface PrepareOptions {
  /** Send the parameters through the server-side binding channel, leaving their `?` in the text. */
  readonly bind: boolean
}

/**
 * Normalises one statement (trim, one trailing `;` dropped, one statement only) and fills its
 * `?` placeholders from `parameters`: rendered as literals, or (`bind`) kept as `?` with the value
 * returned for binding, except {@link LiteralParameter}s, which always go into the text. Without
 * `parameters` the text is sent as written (a `?` stays a `?`).
 *
 * Every value is read once, here. Whether the result depends on the engine's escape rule is
 * decided now too: only a string holding `'` or `\`, or a text whose literals the two rules split
 * differently, does; everything that can be checked without the rule (placeholder count, values)
 * is checked before this returns.
 *
 * @example
 * ```ts
 * const p = prepareStatement('select ? as v;', ["it's"], { bind: false })
 * p.needsRule // true
 * p.finish('standard').sql // "select 'it''s' as v"
 * ```
 */
export function prepareStatement(
  sql: string,
  parameters: readonly unknown[] | undefined,
  options: PrepareOptions,
): PreparedStatement {
  const literals = parameters?.map((value, i) =>
    options.bind &&
    !(typeof value === 'object' && value !== null && LiteralParameter.textOf(value) !== undefined)
      ? BOUND
      : snapshot(value, i, undefined),
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

/** Marks a parameter left for server-side binding. */
const BOUND: LiteralSnapshot = Object.freeze(['?'])

function snapshot(value: unknown, index: number, rule: StringEscapeMode | undefined) {
  try {
    return snapshotLiteral(value, rule)
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
