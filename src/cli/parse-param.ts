import { decimal } from '../sql/index.js'
import { CliUsageError } from './cli-usage-error.js'

const INTEGER = /^[-+]?\d+$/
const DECIMAL = /^[-+]?\d+\.\d+$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Turns one `--param` into the value bound to the next `?` (rendered by the driver's one literal
 * renderer). `type:value` picks the type — `string`, `int` (exact, any size), `number` (double),
 * `decimal`, `bool`, `date` (`'YYYY-MM-DD'` text), `timestamp` (ISO 8601, UTC when no zone),
 * `null`; without a known prefix, `null`, `true`/`false`, integers (exact) and plain decimals
 * (exact) are recognised and everything else is a string.
 *
 * @example
 * ```ts
 * parseParam('42') // 42n
 * parseParam('string:42') // '42'
 * parseParam('timestamp:2024-01-01T10:00:00Z') // Date
 * ```
 */
export function parseParam(text: string): unknown {
  const colon = text.indexOf(':')
  const type = colon > 0 ? text.slice(0, colon) : ''
  const rest = text.slice(colon + 1)
  switch (type) {
    case 'string':
    case 'str':
      return rest
    case 'int':
    case 'bigint':
      if (!INTEGER.test(rest)) throw bad(text, 'an integer')
      return BigInt(rest)
    case 'number':
    case 'double': {
      const n = Number(rest)
      if (rest.trim() === '' || !Number.isFinite(n)) throw bad(text, 'a finite number')
      return n
    }
    case 'decimal':
      if (!INTEGER.test(rest) && !DECIMAL.test(rest)) throw bad(text, 'a decimal like 12.30')
      return decimal(rest.replace(/^\+/, ''))
    case 'bool':
    case 'boolean':
      if (rest !== 'true' && rest !== 'false') throw bad(text, 'true or false')
      return rest === 'true'
    case 'date':
      if (!DATE.test(rest)) throw bad(text, 'a date YYYY-MM-DD')
      return rest
    case 'timestamp': {
      const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(rest) ? rest : `${rest}Z`
      const d = new Date(iso.replace(' ', 'T'))
      if (Number.isNaN(d.getTime())) throw bad(text, 'an ISO 8601 timestamp')
      return d
    }
    case 'null':
      return null
  }
  if (text === 'null') return null
  if (text === 'true' || text === 'false') return text === 'true'
  if (INTEGER.test(text)) return BigInt(text)
  if (DECIMAL.test(text)) return decimal(text.replace(/^\+/, ''))
  return text
}

function bad(text: string, what: string): CliUsageError {
  return new CliUsageError(`--param ${JSON.stringify(text)}: expected ${what}`)
}
