import { decimal } from '../sql/index.js'
import { CliUsageError } from './cli-usage-error.js'

const INTEGER = /^[-+]?\d+$/
const DECIMAL = /^[-+]?\d+\.\d+$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * One `--param` as the value of the next `?`: `type:value` (see `query --help`), else null,
 * booleans, integers and plain decimals (exact) are recognised and the rest is a string.
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
