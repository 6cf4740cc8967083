/**
 * Values that try to lie to the literal renderer: subclasses with overridden methods, Proxies,
 * getters that answer differently on each read, forged decimals, out-of-range numbers. Each either
 * renders its true primitive value or is rejected with UnsupportedValueError; none puts SQL into
 * the statement.
 */

import { describe, expect, it } from 'vitest'
import { UnsupportedValueError } from '../../src/errors.js'
import { bindParameterValues } from '../../src/sql/bind-parameter-values.js'
import { DECIMAL_BRAND, decimal, decimalText } from '../../src/sql/decimal.js'
import { formatTimestampText, renderLiteral } from '../../src/sql/literal-renderer.js'
import { interpolateParameters } from '../helpers/interpolate.js'

const INJECTION = "0' OR 1=1 --"
const both = (value: unknown) => [
  renderLiteral(value),
  renderLiteral(value, { stringEscape: 'standard' }),
]

describe('Date look-alikes', () => {
  it('a Date subclass renders its real time, whatever its methods say', () => {
    class LyingDate extends Date {
      override getUTCFullYear(): number {
        return INJECTION as never
      }
      override getTime(): number {
        return 0
      }
      override toISOString(): string {
        return INJECTION
      }
    }
    const d = new LyingDate(Date.UTC(2024, 1, 29, 12, 30, 45, 678))
    expect(both(d)).toEqual([
      "CAST('2024-02-29 12:30:45.678000' AS TIMESTAMP)",
      "CAST('2024-02-29 12:30:45.678000' AS TIMESTAMP)",
    ])
    expect(bindParameterValues([d])[0]?.value).toBe('2024-02-29 12:30:45.678000')
  })

  it('patching Date.prototype after load does not reach the renderer', () => {
    const saved = Date.prototype.getUTCFullYear
    try {
      Date.prototype.getUTCFullYear = () => INJECTION as never
      expect(renderLiteral(new Date(0))).toBe("CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP)")
    } finally {
      Date.prototype.getUTCFullYear = saved
    }
  })

  it('objects that only look like a Date, and Proxies of Dates, are rejected', () => {
    const fake = Object.create(Date.prototype) as Date
    const proxied = new Proxy(new Date(0), {})
    for (const value of [fake, proxied]) {
      expect(() => renderLiteral(value)).toThrow(UnsupportedValueError)
      expect(() => bindParameterValues([value])).toThrow(UnsupportedValueError)
    }
    expect(() => formatTimestampText(fake)).toThrow(UnsupportedValueError)
  })
})

describe('Array look-alikes', () => {
  it('an Array subclass renders its real elements, whatever its methods say', () => {
    class LyingArray extends Array<unknown> {
      override map(): never {
        return [INJECTION] as never
      }
      override join(): string {
        return INJECTION
      }
      override [Symbol.iterator](): ArrayIterator<unknown> {
        return [INJECTION][Symbol.iterator]()
      }
    }
    const list = LyingArray.from([1, 'a']) as LyingArray
    expect(both(list)).toEqual(["(1, 'a')", "(1, 'a')"])
    expect(interpolateParameters('select ? in ?', [1, list])).toBe("select 1 in (1, 'a')")
  })

  it('getters on elements, holes and Proxies are rejected without being run', () => {
    let reads = 0
    const withGetter = [1, 2]
    Object.defineProperty(withGetter, 1, {
      get: () => {
        reads++
        return reads === 1 ? 'safe' : INJECTION
      },
    })
    expect(() => renderLiteral(withGetter)).toThrow(/element 1 is a getter/)
    expect(reads).toBe(0)
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expect(() => renderLiteral([1, , 3])).toThrow(/sparse array/)
    const proxied = new Proxy([1, 2], {
      get: (target, key) => (key === '0' ? INJECTION : Reflect.get(target, key)),
    })
    expect(() => renderLiteral(proxied)).toThrow(/Proxy/)
    expect(() => renderLiteral([new Proxy({}, {})])).toThrow(/Proxy/)
  })
})

describe('forged decimals', () => {
  it('a brand getter that answers differently on a later read is rejected unread', () => {
    let reads = 0
    const forged = Object.create(Object.getPrototypeOf(decimal('1')), {
      [DECIMAL_BRAND]: {
        get: () => {
          reads++
          return reads === 1 ? '1' : '1; DROP TABLE x'
        },
      },
    }) as object
    expect(() => renderLiteral(forged)).toThrow(/forged decimal.*getter/)
    expect(() => bindParameterValues([forged])).toThrow(UnsupportedValueError)
    expect(() => decimalText(forged)).toThrow(/forged decimal.*getter/)
    expect(reads).toBe(0)
  })

  it('an inherited brand or non-decimal text is rejected; a Proxy of a decimal too', () => {
    const inherited = Object.create(decimal('1.5')) as object
    expect(() => renderLiteral(inherited)).toThrow(/inherited/)
    expect(() => renderLiteral({ [DECIMAL_BRAND]: '1; DROP TABLE x' })).toThrow(/forged decimal/)
    expect(() => renderLiteral({ [DECIMAL_BRAND]: 15 })).toThrow(/not a string/)
    expect(() => renderLiteral(new Proxy(decimal('1'), {}))).toThrow(/Proxy/)
    expect(() => bindParameterValues([{ [DECIMAL_BRAND]: '1 OR 1=1' }])).toThrow(
      UnsupportedValueError,
    )
  })

  it('more than 38 significant digits are rejected in every mode', () => {
    const digits39 = '1'.repeat(39)
    expect(() => decimal(digits39)).toThrow(/39 significant digits/)
    expect(() => decimal(`0.${'1'.repeat(39)}`)).toThrow(/at most 38/)
    expect(decimal(`000${'9'.repeat(38)}`).toString()).toBe(`000${'9'.repeat(38)}`)
    expect(renderLiteral(decimal(`-${'9'.repeat(30)}.${'9'.repeat(8)}`))).toBe(
      `-${'9'.repeat(30)}.${'9'.repeat(8)}`,
    )
    const forged = { [DECIMAL_BRAND]: digits39 }
    expect(() => renderLiteral(forged)).toThrow(/at most 38/)
    expect(() => interpolateParameters('select ?', [forged])).toThrow(/parameter 1/)
    expect(() => bindParameterValues([forged])).toThrow(/at most 38/)
  })
})

describe('numbers that would silently change', () => {
  it('a bigint renders as BIGINT, never through a double, and beyond int64 is refused', () => {
    expect(renderLiteral(2n ** 63n - 1n)).toBe('CAST(9223372036854775807 AS BIGINT)')
    expect(renderLiteral(-(2n ** 53n) - 1n)).toBe('CAST(-9007199254740993 AS BIGINT)')
    for (const big of [10n ** 40n, 2n ** 63n, -(2n ** 63n) - 1n]) {
      expect(() => renderLiteral(big)).toThrow(UnsupportedValueError)
      expect(() => bindParameterValues([big])).toThrow(/64-bit integer range/)
    }
  })
})

describe('other exotic values', () => {
  it('boxed primitives and class instances are rejected without running their getters', () => {
    let touched = false
    class Sneaky {
      get [Symbol.toStringTag](): string {
        touched = true
        return INJECTION
      }
      toString(): string {
        touched = true
        return INJECTION
      }
    }
    expect(() => renderLiteral(new Sneaky())).toThrow(/cannot render a Sneaky/)
    const own = Object.defineProperty({}, 'constructor', {
      get: () => {
        touched = true
        return Sneaky
      },
    })
    expect(() => renderLiteral(own)).toThrow(/plain object/)
    expect(touched).toBe(false)
    expect(() => renderLiteral(Object('x'))).toThrow(/primitive value/)
    expect(() => renderLiteral(Object(1n))).toThrow(UnsupportedValueError)
  })
})
