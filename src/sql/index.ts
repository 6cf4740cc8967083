/**
 * SQL text utilities shared by the driver, the Kysely compiler and the local engine: the literal
 * renderer, identifier quoting, the lexer, parameter interpolation and statement normalisation.
 *
 * @example
 * ```ts
 * import { interpolateParameters, normalizeStatement } from './sql/index.js'
 * const text = interpolateParameters(normalizeStatement('select ? as "v";'), ['x'])
 * ```
 *
 * @module
 */

export { type BoundParameter, bindParameterValues } from './bind-parameter-values.js'
export { DECIMAL_BRAND, type DecimalValue, decimal, isDecimal } from './decimal.js'
export {
  type InterpolateOptions,
  interpolateParameters,
  type PreparedStatement,
  type PrepareOptions,
  prepareStatement,
  type StatementText,
} from './interpolate-parameters.js'
export { LiteralParameter } from './literal-parameter.js'
export {
  escapeStringContent,
  type LiteralOptions,
  needsEscapeRule,
  renderLiteral,
  resolveStringEscape,
  snapshotLiteral,
} from './literal-renderer.js'
export { needsSeparator } from './needs-separator.js'
export { normalizeStatement } from './normalize-statement.js'
export { escapeIdentifier, quoteIdentifier } from './quote-identifier.js'
export {
  parseStringEscape,
  ruleFromProbeLength,
  STRING_ESCAPE_PROBE_SQL,
  type StringEscapeMode,
  type StringEscapeOption,
} from './string-escape.js'
export {
  findPlaceholders,
  lexingDependsOnRule,
  type SqlSegment,
  type SqlSegmentKind,
  type TokenizeOptions,
  tokenizeSql,
} from './tokenize-sql.js'
