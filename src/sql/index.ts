// SQL text on the ground floor: the one lexer, the one literal renderer, interpolation.
export { type BoundParameter, bindParameterValues } from './bind-parameter-values.js'
export { type DecimalValue, decimal } from './decimal.js'
export { prepareStatement, type StatementText } from './interpolate-parameters.js'
export { LiteralParameter } from './literal-parameter.js'
export { renderLiteral, snapshotLiteral } from './literal-renderer.js'
export { needsSeparator } from './needs-separator.js'
export { escapeIdentifier, quoteIdentifier } from './quote-identifier.js'
export {
  parseStringEscape,
  ruleFromProbeLength,
  STRING_ESCAPE_PROBE_SQL,
  type StringEscapeMode,
  type StringEscapeOption,
} from './string-escape.js'
export { lexingDependsOnRule, type SqlSegment, tokenizeSql } from './tokenize-sql.js'
