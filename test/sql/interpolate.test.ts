import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnsupportedValueError } from '../../src/errors.js'
import { needsSeparator } from '../../src/sql/needs-separator.js'
import { normalizeStatement } from '../../src/sql/normalize-statement.js'
import type { StringEscapeMode } from '../../src/sql/string-escape.js'
import { findPlaceholders, lexingDependsOnRule, tokenizeSql } from '../../src/sql/tokenize-sql.js'
import { interpolateParameters } from '../helpers/interpolate.js'
import { DuckDbProbe, toDuckDbSql } from './duckdb-probe.js'
import { INJECTION_CORPUS } from './injection-corpus.js'

const MODES: readonly StringEscapeMode[] = ['backslash', 'standard']

let duck: DuckDbProbe
beforeAll(async () => {
  duck = await DuckDbProbe.open()
})
afterAll(() => duck.close())

const kinds = (sql: string, mode: StringEscapeMode = 'backslash') =>
  tokenizeSql(sql, { stringEscape: mode }).map((s) => [s.kind, sql.slice(s.start, s.end)])

describe('tokenizeSql', () => {
  it('partitions the text into contiguous segments', () => {
    const sql = `select 'a', "b" -- c\n/* d */ // e\r, ?`
    const segments = tokenizeSql(sql)
    expect(segments[0]?.start).toBe(0)
    expect(segments.at(-1)?.end).toBe(sql.length)
    for (let i = 1; i < segments.length; i++) {
      expect(segments[i]?.start).toBe(segments[i - 1]?.end)
    }
    expect(kinds(sql)).toEqual([
      ['code', 'select '],
      ['string', "'a'"],
      ['code', ', '],
      ['identifier', '"b"'],
      ['code', ' '],
      ['comment', '-- c'],
      ['code', '\n'],
      ['comment', '/* d */'],
      ['code', ' '],
      ['comment', '// e'],
      ['code', '\r, ?'],
    ])
  })

  it('handles backslash escapes only in backslash mode', () => {
    expect(kinds("'a\\'b' x")).toEqual([
      ['string', "'a\\'b'"],
      ['code', ' x'],
    ])
    expect(kinds("'a\\'b' x", 'standard')).toEqual([
      ['string', "'a\\'"],
      ['code', 'b'],
      ['string', "' x"],
    ])
    expect(kinds("'a\\\\' x")).toEqual([
      ['string', "'a\\\\'"],
      ['code', ' x'],
    ])
  })

  it("treats '' inside a literal as part of it in both modes", () => {
    for (const mode of MODES) {
      expect(kinds("'it''s' ?", mode)).toEqual([
        ['string', "'it''s'"],
        ['code', ' ?'],
      ])
    }
  })

  it('doubles quotes in identifiers and ignores backslashes there', () => {
    expect(kinds('"a""b\\" ?')).toEqual([
      ['identifier', '"a""b\\"'],
      ['code', ' ?'],
    ])
  })

  it('keeps comment markers inside strings and identifiers', () => {
    expect(kinds("'http://x' \"--\" '/*'")).toEqual([
      ['string', "'http://x'"],
      ['code', ' '],
      ['identifier', '"--"'],
      ['code', ' '],
      ['string', "'/*'"],
    ])
  })

  it('nests block comments as e6 and DuckDB do, and ends line comments at CR or LF', () => {
    expect(kinds('/* a /* b */ ? */ ?')).toEqual([
      ['comment', '/* a /* b */ ? */'],
      ['code', ' ?'],
    ])
    expect(kinds('/**/ ? /* /**/ */ ? /***/')).toEqual([
      ['comment', '/**/'],
      ['code', ' ? '],
      ['comment', '/* /**/ */'],
      ['code', ' ? '],
      ['comment', '/***/'],
    ])
    // the issue's example: one placeholder in e6's lexer, not two
    expect(findPlaceholders('/* /* ? */ ? */ ?')).toEqual([16])
    expect(kinds('-- a\r?')).toEqual([
      ['comment', '-- a'],
      ['code', '\r?'],
    ])
    expect(kinds('// a\r\n?')).toEqual([
      ['comment', '// a'],
      ['code', '\r\n?'],
    ])
  })

  it('flags block comments that e6 and DuckDB would end at different places', () => {
    const flagged = (sql: string) => tokenizeSql(sql).map((s) => s.ambiguous)
    // e6's lexer never reads the character right after an opening /* as a new /*
    expect(flagged('/*/* x */ */ ?')).toEqual([true, false])
    // the / of a closing */ reopens a level in e6's lexer, not in DuckDB's
    expect(flagged('/* /* */* x */ ?')[0]).toBe(true)
    expect(flagged('/* a /* b */ c */ /**/ /* /**/ */ /***/')).not.toContain(true)
    expect(() => normalizeStatement('select 1 /*/* x */ */')).toThrow(/nests ambiguously/)
  })

  it('tells when the escape rule changes how the text is partitioned', () => {
    const depends = (sql: string) => lexingDependsOnRule(sql)
    expect(depends(String.raw`select 'a''b', '\x' -- \ x`)).toBe(false)
    expect(depends(String.raw`select 'a\', ?`)).toBe(true)
    expect(depends(String.raw`select 'a\\', ?`)).toBe(false)
    expect(depends(String.raw`select 'a\\\', ?`)).toBe(true)
    expect(depends(String.raw`select "a\", ?`)).toBe(false)
  })

  it('reports unterminated tokens', () => {
    for (const sql of ["'abc", '"abc', '/* abc', "'abc\\'"]) {
      const last = tokenizeSql(sql).at(-1)
      expect(last?.terminated).toBe(false)
      expect(last?.end).toBe(sql.length)
    }
    expect(tokenizeSql('-- abc').at(-1)?.terminated).toBe(true)
    expect(tokenizeSql('')).toEqual([])
  })

  it('treats a single - or / as code', () => {
    expect(kinds('a - b / c * d')).toEqual([['code', 'a - b / c * d']])
  })
})

describe('findPlaceholders', () => {
  it('finds ? only in code', () => {
    const sql = `select ?, '?', "?", -- ?\n /* ? */ // ?\n ?`
    expect(findPlaceholders(sql)).toEqual([7, sql.length - 1])
  })
})

describe('interpolateParameters', () => {
  it('replaces placeholders with rendered literals', () => {
    expect(
      interpolateParameters('select * from "t" where "a" = ? and "b" in ? and "c" > ?', [
        "O'Hara",
        [1, 2],
        1.5,
      ]),
    ).toBe(`select * from "t" where "a" = 'O\\'Hara' and "b" in (1, 2) and "c" > 1.5e0`)
  })

  it('uses the configured escape rule', () => {
    expect(interpolateParameters('select ?', ["it's"], { stringEscape: 'standard' })).toBe(
      "select 'it''s'",
    )
  })

  for (const mode of MODES) {
    it(`skips ? inside strings, identifiers and comments (${mode})`, () => {
      const sql = `select ?, 'it''s ?', "col ?", 'a\\\\' -- ?\n, /* ? */ ? // ?\n, 'http://x?' , ?`
      expect(interpolateParameters(sql, [1, 2, 3], { stringEscape: mode })).toBe(
        `select 1, 'it''s ?', "col ?", 'a\\\\' -- ?\n, /* ? */ 2 // ?\n, 'http://x?' , 3`,
      )
    })
  }

  it('in backslash mode an escaped quote does not end the string', () => {
    expect(interpolateParameters("select 'a\\' ?', ?", [1])).toBe("select 'a\\' ?', 1")
    expect(interpolateParameters("select 'a\\' ?, ?", [1, 2], { stringEscape: 'standard' })).toBe(
      "select 'a\\' 1, 2",
    )
  })

  it('rejects a count mismatch', () => {
    expect(() => interpolateParameters('select ?, ?', [1])).toThrow(InvalidArgumentError)
    expect(() => interpolateParameters('select ?', [1, 2])).toThrow(
      /1 \? placeholder\(s\) but 2 parameter\(s\)/,
    )
    expect(() => interpolateParameters("select '?'", [1])).toThrow(InvalidArgumentError)
    expect(() => interpolateParameters('select 1', [1])).toThrow(InvalidArgumentError)
  })

  it('returns SQL without placeholders unchanged', () => {
    expect(interpolateParameters("select '?' -- ?", [])).toBe("select '?' -- ?")
    expect(interpolateParameters('select 1', [])).toBe('select 1')
  })

  it('names the parameter that cannot be rendered', () => {
    expect(() => interpolateParameters('select ?, ?', [1, Number.NaN])).toThrow(
      UnsupportedValueError,
    )
    expect(() => interpolateParameters('select ?, ?', [1, { a: 1 }])).toThrow(/^parameter 2: /)
  })

  it('never glues a literal into a comment or another token', () => {
    expect(interpolateParameters('select -?', [-5])).toBe('select - -5')
    expect(interpolateParameters('select 5-?', [-1])).toBe('select 5- -1')
    expect(interpolateParameters('select ?', [-1])).toBe('select -1')
    expect(interpolateParameters("select ''?", ['x'])).toBe("select '' 'x'")
    expect(interpolateParameters('select E?', ['x'])).toBe("select E 'x'")
    expect(interpolateParameters('select ?e5', [1])).toBe('select 1 e5')
    expect(interpolateParameters('select (?)', [-1])).toBe('select (-1)')
    expect(interpolateParameters('select "a".?', [5])).toBe('select "a". 5')
  })

  it('glue-protected SQL evaluates correctly in DuckDB', async () => {
    const rows = await duck.rows(interpolateParameters('select 5-?, -?', [-1, -2]))
    expect(rows).toEqual([[6, 2]])
  })

  for (const mode of MODES) {
    it(`injection corpus values come back unchanged through DuckDB (${mode})`, async () => {
      const values = INJECTION_CORPUS.map((c) => c.value)
      const sql = `select ${values.map((_, i) => `? as "v${i}", '?' as "q${i}"`).join(', ')}`
      const text = interpolateParameters(sql, values, { stringEscape: mode })
      const [row] = await duck.rows(toDuckDbSql(text, mode))
      expect(row).toEqual(values.flatMap((v) => [v, '?']))
    })
  }
})

describe('needsSeparator', () => {
  it.each([
    ['-', '-', true],
    ['/', '*', true],
    ['/', '/', true],
    ["'", "'", true],
    ['"', '"', true],
    ['a', "'", true],
    ['_', '1', true],
    ['é', 'x', true],
    ['.', '5', true],
    ['(', '-', false],
    [' ', '-', false],
    ['=', "'", false],
    [',', '1', false],
    ['', '-', false],
    ['-', '', false],
  ])('%j then %j → %s', (left, right, expected) => {
    expect(needsSeparator(left, right)).toBe(expected)
  })
})

describe('normalizeStatement', () => {
  it('trims and drops one trailing semicolon', () => {
    expect(normalizeStatement('  select 1;  ')).toBe('select 1')
    expect(normalizeStatement('select 1')).toBe('select 1')
    expect(normalizeStatement('select 1 ; -- done')).toBe('select 1  -- done')
    expect(normalizeStatement('select 1; /* c */\n')).toBe('select 1 /* c */')
  })

  it('keeps semicolons inside strings, identifiers and comments', () => {
    expect(normalizeStatement(`select ';', "a;b" -- ;\n/* ; */;`)).toBe(
      `select ';', "a;b" -- ;\n/* ; */`,
    )
    expect(normalizeStatement("select 'a\\';' x")).toBe("select 'a\\';' x")
  })

  it('rejects several statements', () => {
    expect(() => normalizeStatement('select 1; select 2')).toThrow(InvalidArgumentError)
    expect(() => normalizeStatement('select 1;;')).toThrow(/one SQL statement/)
    expect(() =>
      normalizeStatement("select 'a\\'; drop table x; --'", { stringEscape: 'standard' }),
    ).toThrow(InvalidArgumentError)
  })

  it('rejects empty statements', () => {
    for (const sql of ['', '   ', ';', ' ; ', '-- only a comment', '/* c */ ;']) {
      expect(() => normalizeStatement(sql)).toThrow(/empty/)
    }
  })

  it('rejects unterminated literals, identifiers and comments', () => {
    expect(() => normalizeStatement("select 'C:\\'")).toThrow(
      /unterminated string literal.*backslash/,
    )
    expect(() => normalizeStatement('select "a')).toThrow(/unterminated quoted identifier/)
    expect(() => normalizeStatement('select 1 /* x')).toThrow(/unterminated block comment/)
    expect(normalizeStatement("select 'C:\\'", { stringEscape: 'standard' })).toBe("select 'C:\\'")
  })
})

describe('findPlaceholders (property)', () => {
  const piece = fc.constantFrom(
    '?',
    ' ',
    'x',
    "'",
    '"',
    '\\',
    '--',
    '//',
    '/*',
    '*/',
    '\n',
    "'a?b'",
    '"c?d"',
    '/* ? */',
    '-- ?\n',
  )
  const sqlText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))

  for (const stringEscape of ['backslash', 'standard'] as const) {
    it(`equals a per-segment scan of the lexer's code segments (${stringEscape})`, () => {
      fc.assert(
        fc.property(sqlText, (sql) => {
          const expected: number[] = []
          for (const segment of tokenizeSql(sql, { stringEscape })) {
            if (segment.kind !== 'code') continue
            for (let i = segment.start; i < segment.end; i++) if (sql[i] === '?') expected.push(i)
          }
          expect(findPlaceholders(sql, { stringEscape })).toEqual(expected)
        }),
        { numRuns: 2_000, seed: 7 },
      )
    })
  }
})
