import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnsupportedValueError } from '../../src/errors.js'
import { DECIMAL_BRAND, decimal, decimalText } from '../../src/sql/decimal.js'
import { escapeStringContent, renderLiteral } from '../../src/sql/literal-renderer.js'
import { escapeIdentifier, quoteIdentifier } from '../../src/sql/quote-identifier.js'
import type { StringEscapeMode } from '../../src/sql/string-escape.js'
import { tokenizeSql } from '../../src/sql/tokenize-sql.js'
import { DuckDbProbe, toDuckDbSql } from './duckdb-probe.js'
import { INJECTION_CORPUS, REJECTED_STRINGS } from './injection-corpus.js'

const MODES: readonly StringEscapeMode[] = ['backslash', 'standard']

let duck: DuckDbProbe
beforeAll(async () => {
  duck = await DuckDbProbe.open()
})
afterAll(() => duck.close())

/** Lexes `SELECT <literal>` and asserts the literal is exactly one terminated string token. */
function expectSingleStringToken(literal: string, mode: StringEscapeMode): void {
  const sql = `SELECT ${literal}`
  const segments = tokenizeSql(sql, { stringEscape: mode })
  expect(segments).toEqual([
    { kind: 'code', start: 0, end: 7, terminated: true, ambiguous: false },
    { kind: 'string', start: 7, end: sql.length, terminated: true, ambiguous: false },
  ])
}

describe('renderLiteral: scalars', () => {
  it('renders null and undefined as NULL', () => {
    expect(renderLiteral(null)).toBe('NULL')
    expect(renderLiteral(undefined)).toBe('NULL')
  })

  it('renders booleans as TRUE/FALSE', () => {
    expect(renderLiteral(true)).toBe('TRUE')
    expect(renderLiteral(false)).toBe('FALSE')
  })

  it('renders integers as digits', () => {
    expect(renderLiteral(0)).toBe('0')
    expect(renderLiteral(42)).toBe('42')
    expect(renderLiteral(-7)).toBe('-7')
    expect(renderLiteral(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991')
    expect(renderLiteral(Number.MIN_SAFE_INTEGER)).toBe('-9007199254740991')
  })

  it('renders -0 as 0', () => {
    expect(renderLiteral(-0)).toBe('0')
  })

  it('renders non-integers and unsafe integers as shortest round-trip exponent form', () => {
    expect(renderLiteral(0.1)).toBe('1e-1')
    expect(renderLiteral(-2.5)).toBe('-2.5e0')
    expect(renderLiteral(0.1 + 0.2)).toBe('3.0000000000000004e-1')
    expect(renderLiteral(123456.789)).toBe('1.23456789e5')
    expect(renderLiteral(2 ** 53)).toBe('9.007199254740992e15')
    expect(renderLiteral(2 ** 60)).toBe('1.152921504606847e18')
    expect(renderLiteral(1e21)).toBe('1e21')
    expect(renderLiteral(-1.5e300)).toBe('-1.5e300')
    expect(renderLiteral(1.5e-7)).toBe('1.5e-7')
    expect(renderLiteral(Number.MIN_VALUE)).toBe('5e-324')
    expect(renderLiteral(Number.MAX_VALUE)).toBe('1.7976931348623157e308')
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %s', (n) => {
    expect(() => renderLiteral(n)).toThrow(UnsupportedValueError)
    expect(() => renderLiteral(n)).toThrow(/finite/)
  })

  it('renders int64 bigints as BIGINT casts and refuses the rest', () => {
    expect(renderLiteral(0n)).toBe('CAST(0 AS BIGINT)')
    expect(renderLiteral(-9223372036854775808n)).toBe('CAST(-9223372036854775808 AS BIGINT)')
    expect(renderLiteral(9223372036854775807n)).toBe('CAST(9223372036854775807 AS BIGINT)')
    expect(() => renderLiteral(9223372036854775808n)).toThrow(/64-bit integer range/)
    expect(() => renderLiteral(10n ** 40n)).toThrow(UnsupportedValueError)
    expect(() => renderLiteral(-(2n ** 63n) - 1n)).toThrow(/use decimal/)
  })

  it('renders Dates as a UTC TIMESTAMP cast with microseconds', () => {
    expect(renderLiteral(new Date(0))).toBe("CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP)")
    expect(renderLiteral(new Date('2024-02-29T23:59:58.123+05:30'))).toBe(
      "CAST('2024-02-29 18:29:58.123000' AS TIMESTAMP)",
    )
    expect(renderLiteral(new Date('0000-01-01T00:00:00Z'))).toBe(
      "CAST('0000-01-01 00:00:00.000000' AS TIMESTAMP)",
    )
    expect(renderLiteral(new Date('9999-12-31T23:59:59.999Z'))).toBe(
      "CAST('9999-12-31 23:59:59.999000' AS TIMESTAMP)",
    )
  })

  it('rejects invalid Dates and years outside 0000-9999', () => {
    expect(() => renderLiteral(new Date(Number.NaN))).toThrow(/invalid Date/)
    expect(() => renderLiteral(new Date('+010000-01-01T00:00:00Z'))).toThrow(/year 10000/)
    expect(() => renderLiteral(new Date('-000001-01-01T00:00:00Z'))).toThrow(/year -1/)
  })

  it('renders decimals unquoted', () => {
    expect(renderLiteral(decimal('123.45'))).toBe('123.45')
    expect(renderLiteral(decimal('-0.000001'))).toBe('-0.000001')
    expect(renderLiteral(decimal('12345678901234567890123456789012345678'))).toBe(
      '12345678901234567890123456789012345678',
    )
  })

  it.each([
    '',
    '1.',
    '.5',
    '+1',
    '1e5',
    '1.2.3',
    ' 1',
    '1 ',
    '0x10',
    'NaN',
    '1; DROP TABLE x',
    '١٢',
  ])('decimal(%j) is rejected', (text) => {
    expect(() => decimal(text)).toThrow(UnsupportedValueError)
  })

  it('decimal values are frozen, branded and print their digits', () => {
    const d = decimal('-12.50')
    expect(Object.isFrozen(d)).toBe(true)
    expect(decimalText(d)).toBe('-12.50')
    expect(decimalText(Object('12.50'))).toBeUndefined()
    expect(String(d)).toBe('-12.50')
    expect(JSON.stringify({ d })).toBe('{"d":"-12.50"}')
    expect(d).toEqual(decimal('-12.50'))
    expect(d).not.toEqual(decimal('-12.5'))
  })

  it('rejects a forged decimal brand instead of rendering it unquoted', () => {
    const forged = { [DECIMAL_BRAND]: '1; DROP TABLE x' }
    expect(() => decimalText(forged)).toThrow(/forged decimal/)
    expect(() => renderLiteral(forged)).toThrow(/forged decimal/)
  })
})

describe('renderLiteral: arrays', () => {
  it('renders flat arrays as parenthesised lists', () => {
    expect(renderLiteral([1, 'a', null, true, 2n, decimal('1.5')])).toBe(
      "(1, 'a', NULL, TRUE, CAST(2 AS BIGINT), 1.5)",
    )
    expect(renderLiteral(["it's"], { stringEscape: 'standard' })).toBe("('it''s')")
    expect(renderLiteral(['x'])).toBe("('x')")
  })

  it('rejects empty and nested arrays', () => {
    expect(() => renderLiteral([])).toThrow(/empty IN list/)
    expect(() => renderLiteral([[1]])).toThrow(/nested array/)
    expect(() => renderLiteral([1, [2, 3]])).toThrow(UnsupportedValueError)
  })

  it('rejects unsupported elements, naming the type', () => {
    expect(() => renderLiteral([1, {}])).toThrow(/array element of type plain object/)
  })
})

describe('renderLiteral: unsupported values', () => {
  it.each([
    ['Uint8Array', new Uint8Array([1, 2])],
    ['Buffer', Buffer.from('ab')],
    ['ArrayBuffer', new ArrayBuffer(2)],
    ['plain object', { a: 1 }],
    ['plain object', Object.create(null)],
    ['Map', new Map()],
    ['Set', new Set()],
    ['RegExp', /x/],
    ['String', new String('boxed')],
    ['symbol', Symbol('s')],
    ['function', () => 1],
  ])('rejects a %s', (name, value) => {
    expect(() => renderLiteral(value)).toThrow(UnsupportedValueError)
    expect(() => renderLiteral(value)).toThrow(name)
  })

  it('hints at a workaround for binary data', () => {
    expect(() => renderLiteral(Buffer.from('x'))).toThrow(/binary parameters are not supported/)
  })

  it('rejects an unknown escape mode', () => {
    expect(() => renderLiteral('x', { stringEscape: 'mysql' as never })).toThrow(
      InvalidArgumentError,
    )
  })
})

describe('renderLiteral: strings', () => {
  it('uses the backslash rule by default', () => {
    expect(renderLiteral('abc')).toBe("'abc'")
    expect(renderLiteral("it's")).toBe("'it\\'s'")
    expect(renderLiteral('a\\b')).toBe("'a\\\\b'")
    expect(renderLiteral("\\'")).toBe("'\\\\\\''")
    expect(renderLiteral('a\nb\rc\td')).toBe("'a\\nb\\rc\\td'")
  })

  it('escapes the backslash before the quote (no double processing)', () => {
    expect(escapeStringContent("\\'")).toBe("\\\\\\'")
    expect(escapeStringContent('\\n')).toBe('\\\\n')
  })

  it('keeps other control characters and all non-ASCII characters as they are', () => {
    const value = 'a\u0001\b\f\u000b\u001b\u007f\u0085é😀'
    expect(renderLiteral(value)).toBe(`'${value}'`)
    expect(renderLiteral(value, { stringEscape: 'standard' })).toBe(`'${value}'`)
  })

  it('doubles quotes and leaves backslashes and newlines alone in standard mode', () => {
    expect(renderLiteral("it's", { stringEscape: 'standard' })).toBe("'it''s'")
    expect(renderLiteral('a\\b\n', { stringEscape: 'standard' })).toBe("'a\\b\n'")
  })

  for (const mode of MODES) {
    it.each(REJECTED_STRINGS)(`rejects $name (${mode})`, ({ value }) => {
      expect(() => renderLiteral(value, { stringEscape: mode })).toThrow(UnsupportedValueError)
    })
  }

  it('accepts well-formed surrogate pairs', () => {
    expect(renderLiteral('😀')).toBe("'😀'")
  })
})

describe('quoteIdentifier', () => {
  it('double-quotes and doubles embedded quotes, never splitting on dots', () => {
    expect(quoteIdentifier('person')).toBe('"person"')
    expect(quoteIdentifier('my.schema')).toBe('"my.schema"')
    expect(quoteIdentifier('a"b')).toBe('"a""b"')
    expect(quoteIdentifier('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"')
    expect(quoteIdentifier("it's")).toBe('"it\'s"')
    expect(quoteIdentifier('MixedCase 😀')).toBe('"MixedCase 😀"')
    expect(escapeIdentifier('x""y')).toBe('x""""y')
  })

  it('rejects empty names, NUL and lone surrogates', () => {
    expect(() => quoteIdentifier('')).toThrow(InvalidArgumentError)
    expect(() => quoteIdentifier('a\0b')).toThrow(/NUL/)
    expect(() => quoteIdentifier('a\ud800')).toThrow(/surrogate/)
    expect(() => quoteIdentifier(42 as never)).toThrow(InvalidArgumentError)
  })

  it('produces one identifier token that DuckDB resolves', async () => {
    for (const name of ['a"b', 'x.y', '"', '" OR 1=1 --', "it's", '--', '/*']) {
      const quoted = quoteIdentifier(name)
      const segments = tokenizeSql(`SELECT 1 AS ${quoted}`)
      expect(segments.map((s) => s.kind)).toEqual(['code', 'identifier'])
      const rows = await duck.rows(`SELECT ${quoted} FROM (SELECT 42 AS ${quoted})`)
      expect(rows).toEqual([[42]])
    }
  })
})

describe('injection corpus', () => {
  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      it.each(INJECTION_CORPUS)('$name lexes as exactly one string token', ({ value }) => {
        expectSingleStringToken(renderLiteral(value, { stringEscape: mode }), mode)
      })

      it.each(INJECTION_CORPUS)('$name round-trips through DuckDB', async ({ value }) => {
        const literal = renderLiteral(value, { stringEscape: mode })
        expect(await duck.selectLiteral(literal, mode)).toBe(value)
      })

      it('random strings of dangerous characters lex as one token and round-trip', async () => {
        const dangerous = fc
          .array(
            fc.constantFrom(
              "'",
              '\\',
              '"',
              '\n',
              '\r',
              '\t',
              '-',
              '/',
              '*',
              '?',
              ';',
              'a',
              'é',
              '😀',
              ' ',
            ),
            { maxLength: 24 },
          )
          .map((chars) => chars.join(''))
        await fc.assert(
          fc.asyncProperty(dangerous, async (value) => {
            const literal = renderLiteral(value, { stringEscape: mode })
            expectSingleStringToken(literal, mode)
            expect(await duck.selectLiteral(literal, mode)).toBe(value)
          }),
          { numRuns: 300 },
        )
      })

      it('random Unicode strings either render safely or are rejected for NUL/surrogates', async () => {
        await fc.assert(
          fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 16 }), async (value) => {
            let literal: string
            try {
              literal = renderLiteral(value, { stringEscape: mode })
            } catch (error) {
              expect(error).toBeInstanceOf(UnsupportedValueError)
              expect(value.includes('\0') || /[\uD800-\uDFFF]/u.test(value)).toBe(true)
              return
            }
            expectSingleStringToken(literal, mode)
            expect(await duck.selectLiteral(literal, mode)).toBe(value)
          }),
          { numRuns: 200 },
        )
      })
    })
  }

  it('the two modes disagree exactly where they must: standard literals are not backslash-safe', () => {
    // A backslash-mode literal read with standard rules (or vice versa) changes meaning; the
    // driver and the compiler must therefore use the same mode.
    const backslash = renderLiteral("\\' OR 1=1 --")
    const standardView = tokenizeSql(`SELECT ${backslash}`, { stringEscape: 'standard' })
    expect(standardView.map((s) => s.kind)).not.toEqual(['code', 'string'])
  })
})

describe('literals in DuckDB', () => {
  it('integers keep their exact value', async () => {
    expect(await duck.valueAndType(renderLiteral(Number.MAX_SAFE_INTEGER))).toEqual([
      9007199254740991n,
      'BIGINT',
    ])
    expect(await duck.valueAndType(renderLiteral(-7))).toEqual([-7, 'INTEGER'])
  })

  it.each([
    0.1,
    -2.5,
    0.1 + 0.2,
    1 / 3,
    1e21,
    2 ** 60,
    -(2 ** 53),
    -1.5e300,
    1.5e-7,
    Number.MIN_VALUE,
    Number.MAX_VALUE,
    123456.789,
  ])('%s parses as the same DOUBLE', async (n) => {
    expect(await duck.valueAndType(renderLiteral(n))).toEqual([n, 'DOUBLE'])
  })

  it('random doubles round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (n) => {
        const [value] = await duck.valueAndType(renderLiteral(n))
        expect(Number(value)).toBe(n === 0 ? 0 : n)
      }),
      { numRuns: 200 },
    )
  })

  it('bigints and decimals are exact', async () => {
    const [[big, dec]] = (await duck.rows(
      `SELECT CAST(${renderLiteral(-9223372036854775808n)} AS VARCHAR), CAST(${renderLiteral(decimal('-12345678901234.5678'))} AS VARCHAR)`,
    )) as [[string, string]]
    expect(big).toBe('-9223372036854775808')
    expect(dec).toBe('-12345678901234.5678')
  })

  it('Dates come back as the same instant', async () => {
    for (const date of [
      new Date(0),
      new Date('2024-02-29T18:29:58.123Z'),
      new Date('0001-01-01T00:00:00Z'),
    ]) {
      const [value, type] = await duck.valueAndType(renderLiteral(date))
      expect(type).toBe('TIMESTAMP')
      expect(value).toEqual(date)
    }
  })

  it('booleans, NULL and IN lists work', async () => {
    for (const mode of MODES) {
      const lit = (value: unknown) => renderLiteral(value, { stringEscape: mode })
      const rows = await duck.rows(
        toDuckDbSql(
          `SELECT ${lit(true)}, ${lit(null)}, 2 IN ${lit([1, 2, 3])}, ${lit("a'")} IN ${lit(["a'", 'b'])}, 'c' IN ${lit(['a\\', 'b'])}`,
          mode,
        ),
      )
      expect(rows).toEqual([[true, null, true, true, false]])
    }
  })
})
