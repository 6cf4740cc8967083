import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import {
  assertQueryKeyword,
  SqlTranslationError,
  translateE6Sql,
} from '../../src/local/sql-translator.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { callError, prepare, runQuery } from './helpers.js'

const backslash = { stringEscape: 'backslash' } as const
const standard = { stringEscape: 'standard' } as const
const tr = (sql: string, mode: 'backslash' | 'standard' = 'backslash') =>
  translateE6Sql(sql, mode === 'backslash' ? backslash : standard).sql

/** The client-side e6 literal rule (protocol.md §11.3), reimplemented for the corpus. */
function renderBackslash(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "\\'")
    .replaceAll('\r', '\\r')
    .replaceAll('\n', '\\n')
    .replaceAll('\t', '\\t')
    .replaceAll('\0', '\\0')
  return `'${escaped}'`
}

function renderStandard(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

const CORPUS = [
  "it's",
  "x' OR 1=1 --",
  "\\' OR 1=1 --",
  '\\',
  '\\\\',
  "'';DROP TABLE orders;--",
  'line1\nline2\r\n\ttab',
  'nul\0byte',
  '/* not a comment */',
  '// not a comment either',
  '-- nor this',
  '"quoted"',
  '😀 漢字 é',
  "\\'",
  "'",
  '',
]

describe('sql translator (unit)', () => {
  it('rewrites backslash-escaped literals into standard DuckDB literals', () => {
    expect(tr("SELECT 'it\\'s'")).toBe("SELECT 'it''s'")
    expect(tr("SELECT '\\\\'")).toBe("SELECT '\\'")
    expect(tr("SELECT 'a\\nb\\tc\\rd'")).toBe("SELECT 'a\nb\tc\rd'")
    expect(tr("SELECT 'a\\0b'")).toBe("SELECT ('a' || chr(0) || 'b')")
    expect(tr("SELECT 'x\\qy'")).toBe("SELECT 'xqy'")
    expect(tr("SELECT 'a\\%b\\_c'")).toBe("SELECT 'a\\%b\\_c'")
    expect(tr('SELECT \'say \\"hi\\"\'')).toBe('SELECT \'say "hi"\'')
  })

  it("reads 'x''y' as adjacent literals in backslash mode, as an escaped quote in standard mode", () => {
    expect(tr("SELECT 'x''y'")).toBe("SELECT 'xy'")
    expect(tr("SELECT 'x''y'", 'standard')).toBe("SELECT 'x''y'")
    expect(tr("SELECT 'a\\b'", 'standard')).toBe("SELECT 'a\\b'")
  })

  it('turns // comments into -- and leaves other comments, identifiers and strings alone', () => {
    expect(tr('SELECT 1 // note\n, 2')).toBe('SELECT 1 -- note\n, 2')
    expect(tr('SELECT 1 -- note')).toBe('SELECT 1 -- note')
    expect(tr("SELECT /* ; ' */ 1")).toBe("SELECT /* ; ' */ 1")
    expect(tr('SELECT \'//\' AS "a;b"')).toBe('SELECT \'//\' AS "a;b"')
    expect(tr('SELECT "it\\"')).toBe('SELECT "it\\"')
  })

  it('maps the TIMESTAMP_TZ type name, not columns of that name', () => {
    expect(tr('SELECT CAST(x AS timestamp_tz), y::TIMESTAMP_TZ FROM t')).toBe(
      'SELECT CAST(x AS TIMESTAMPTZ), y::TIMESTAMPTZ FROM t',
    )
    expect(tr('SELECT timestamp_tz FROM t')).toBe('SELECT timestamp_tz FROM t')
  })

  it('rejects terminators, several statements and unterminated tokens', () => {
    expect(() => tr('SELECT 1;')).toThrow(/terminator/)
    expect(() => tr('SELECT 1; -- trailing comment')).toThrow(/terminator/)
    expect(() => tr('SELECT 1; SELECT 2')).toThrow(/multiple statements/)
    expect(() => tr("SELECT 'open")).toThrow(SqlTranslationError)
    expect(() => tr("SELECT 'it''s")).toThrow(SqlTranslationError)
    expect(() => tr('SELECT "open')).toThrow(SqlTranslationError)
    expect(() => tr('SELECT /* open')).toThrow(SqlTranslationError)
    // under backslash rules this literal never ends
    expect(() => tr("SELECT 'a\\'")).toThrow(/unterminated/)
    expect(tr("SELECT 'a\\'", 'standard')).toBe("SELECT 'a\\'")
  })

  it('refuses syntax that e6 and DuckDB would read differently', () => {
    for (const mode of ['backslash', 'standard'] as const) {
      expect(() => tr(String.raw`SELECT E'\\' AS a, 1 AS v`, mode)).toThrow(/DuckDB-only prefixed/)
      expect(() => tr("SELECT e'x', x'41', B'01', n'x', 1e'x'", mode)).toThrow(SqlTranslationError)
      expect(() => tr('SELECT U&"x" FROM t', mode)).toThrow(/U&/)
      expect(() => tr("SELECT $$a'b$$ AS v", mode)).toThrow(/dollar-quoted/)
      expect(() => tr("SELECT $t$a'b$t$ AS v", mode)).toThrow(/dollar-quoted/)
      expect(() => tr('SELECT 1 /*/* x */ */, 2', mode)).toThrow(/nests ambiguously/)
      expect(() => tr('SELECT 1 -- \0 x', mode)).toThrow(/NUL/)
    }
    // words that merely end in a prefix letter, and $ inside names, are fine
    expect(tr("SELECT name 'x', abe'y', a$b$ FROM t")).toBe("SELECT name 'x', abe'y', a$b$ FROM t")
    expect(tr('SELECT 1 AS "e" , \'x\'')).toBe('SELECT 1 AS "e" , \'x\'')
  })

  it('keeps nested comments and CR-ended line comments as they are', () => {
    expect(tr('SELECT 1 AS a /* /* */, 2 AS b */, 3 AS c')).toBe(
      'SELECT 1 AS a /* /* */, 2 AS b */, 3 AS c',
    )
    expect(tr('SELECT 1 AS a // c\r, 2 AS b')).toBe('SELECT 1 AS a -- c\r, 2 AS b')
  })

  it('reports the first keyword after parentheses and comments', () => {
    expect(translateE6Sql('(SELECT 1)', backslash).firstKeyword).toBe('SELECT')
    expect(
      translateE6Sql('/* c */ -- x\n with a as (select 1) select * from a', backslash).firstKeyword,
    ).toBe('WITH')
    expect(translateE6Sql('values (1)', backslash).firstKeyword).toBe('VALUES')
    expect(() => assertQueryKeyword('INSERT')).toThrow(/INSERT statements are not supported/)
    expect(() => assertQueryKeyword('')).toThrow(/only queries/)
  })
})

describe('sql translator: structured rewrites (unit)', () => {
  const unsupported = (sql: string) => {
    try {
      tr(sql)
    } catch (error) {
      expect(error).toBeInstanceOf(SqlTranslationError)
      return (error as Error).message
    }
    throw new Error(`expected ${sql} to be refused`)
  }

  it('rewrites variant paths, leaving :: casts and colons in literals and comments alone', () => {
    expect(tr('SELECT v:a.b[0]::INT, v:"x y", t.v:k FROM t')).toBe(
      `SELECT json_extract_string(v, '$.a.b[0]')::INT, system.main.json_extract(v, '$."x y"'), system.main.json_extract(t.v, '$.k') FROM t`,
    )
    expect(tr("SELECT 'a:b' /* c:d */, x::VARCHAR -- e:f")).toBe(
      "SELECT 'a:b' /* c:d */, x::VARCHAR -- e:f",
    )
    expect(unsupported('SELECT arr[1:2] FROM t')).toMatch(
      /^UNSUPPORTED: ':' outside a variant path/,
    )
    expect(unsupported('SELECT 1 AS x, y: 2')).toMatch(/^UNSUPPORTED/)
  })

  it('rewrites calls innermost first and keeps the rest of the text', () => {
    expect(tr("SELECT DATE_TRUNC('MONTH', TO_DATE('05/03/2024', 'dd/MM/yyyy')) AS m")).toBe(
      "SELECT date_trunc('MONTH', CAST(strptime('05/03/2024', '%d/%m/%Y') AS DATE)) AS m",
    )
    expect(tr('SELECT schema.date_diff(a, b, c), DATE_DIFF(a, b, DAY) FROM t')).toBe(
      "SELECT schema.date_diff(a, b, c), date_diff('DAY', b, a) FROM t",
    )
    expect(tr("SELECT LTRIM('x', s), f(LTRIM(s)) FROM t")).toBe(
      "SELECT ltrim(s, 'x'), f(ltrim(s)) FROM t",
    )
  })

  it('rewrites LATERAL VIEW, INTERVAL forms and MAP[…]', () => {
    expect(tr('SELECT c FROM t LATERAL VIEW OUTER EXPLODE(t.arr) x AS c WHERE c > 1')).toBe(
      'SELECT c FROM t LEFT JOIN LATERAL (SELECT unnest(t.arr) AS c) AS x ON true WHERE c > 1',
    )
    expect(tr('SELECT k, v FROM t LATERAL VIEW EXPLODE(m) AS k, v')).toBe(
      'SELECT k, v FROM t CROSS JOIN LATERAL (SELECT unnest(map_keys(m)) AS k, unnest(map_values(m)) AS v) AS e6_lateral_1',
    )
    expect(tr("SELECT INTERVAL t.n 'DAY', INTERVAL 3 'HOUR', INTERVAL '5 DAY'")).toBe(
      "SELECT INTERVAL (t.n) DAY, INTERVAL (3) HOUR, INTERVAL '5 DAY'",
    )
    expect(tr("SELECT INTERVAL '-1-6' YEAR TO MONTH")).toBe(
      "SELECT (INTERVAL '-1 YEAR' + INTERVAL '-6 MONTH')",
    )
    expect(tr("SELECT MAP['a', 1], MAP[]")).toBe("SELECT MAP {'a': 1}, MAP {}")
    expect(unsupported("SELECT MAP['a']")).toMatch(/UNSUPPORTED: MAP\[…\] needs key, value pairs/)
  })

  it('names what it refuses', () => {
    expect(unsupported('SELECT CAST(x AS TEXT) FROM t')).toMatch(/^UNSUPPORTED: CAST to TEXT/)
    expect(unsupported('SELECT TRY_CAST(x AS SMALLINT) FROM t')).toMatch(
      /^UNSUPPORTED: TRY_CAST to SMALLINT/,
    )
    expect(unsupported("SELECT {'a': 1}")).toMatch(/^UNSUPPORTED: \{…\} literal/)
    expect(unsupported("SELECT FORMAT_DATE(d, 'yyyy-ww') FROM t")).toMatch(
      /^UNSUPPORTED: FORMAT_DATE pattern element "ww"/,
    )
    expect(unsupported('SELECT TO_CHAR(d, f) FROM t')).toMatch(
      /^UNSUPPORTED: TO_CHAR with a non-literal pattern/,
    )
    expect(unsupported('SELECT DATE_DIFF(a, b, c) FROM t')).toMatch(
      /DATE_DIFF with a non-literal unit/,
    )
    expect(unsupported("SELECT PARSE_DATE('%Q', s) FROM t")).toMatch(/PARSE_DATE format element %Q/)
    expect(unsupported('SELECT TO_UNIX_TIMESTAMP(s, f) FROM t')).toMatch(
      /^UNSUPPORTED: TO_UNIX_TIMESTAMP with 2 arguments/,
    )
  })

  it('leaves unbalanced brackets to DuckDB', () => {
    expect(tr('SELECT (1')).toBe('SELECT (1')
  })
})

describe('sql translator (engine, both escape modes)', () => {
  const e6 = useEngine({ bigTableRows: 100, login: true })
  const std = useEngine({ sampleData: false, stringEscape: 'standard', login: true })

  const one = async (engine: 'e6' | 'std', sql: string) => {
    const { rpc, engine: e, sessionId } = engine === 'e6' ? e6 : std
    const r = await runQuery(rpc, e, sessionId, sql)
    return r.rows[0] as Record<string, unknown>
  }

  it("backslash mode: SELECT 'it\\'s' is it's and length('\\\\') is 1", async () => {
    expect(await one('e6', "SELECT 'it\\'s' AS s, length('\\\\') AS n")).toEqual({
      s: "it's",
      n: 1n,
    })
    expect(await one('e6', "SELECT 'x''y' AS v")).toEqual({ v: 'xy' })
  })

  it("standard mode: length('\\\\') is 2 and '' escapes a quote", async () => {
    expect(await one('std', "SELECT length('\\\\') AS n, 'it''s' AS s")).toEqual({
      n: 2n,
      s: "it's",
    })
    const err = await callError(runQuery(std, "SELECT 'it\\'s' AS s"))
    expect(err.code).toBe(status.INVALID_ARGUMENT)
  })

  it('round-trips an injection corpus rendered with the matching client rule', async () => {
    for (const value of CORPUS) {
      expect(
        await one('e6', `SELECT ${renderBackslash(value)} AS v`),
        JSON.stringify(value),
      ).toEqual({
        v: value,
      })
      expect(
        await one('std', `SELECT ${renderStandard(value)} AS v`),
        JSON.stringify(value),
      ).toEqual({
        v: value,
      })
    }
  })

  it("does not let the issue's CR-comment and E-string tricks inject (both rules)", async () => {
    for (const engine of ['e6', 'std'] as const) {
      const mode = engine === 'e6' ? 'backslash' : 'standard'
      const lit = mode === 'backslash' ? renderBackslash : renderStandard
      const cr = await one(engine, `SELECT 1 AS a -- c\r, ${lit("' , 42 AS injected --")} AS v`)
      expect(cr).toEqual({ a: 1, v: "' , 42 AS injected --" })
      const { rpc, engine: en, sessionId } = engine === 'e6' ? e6 : std
      const e = await callError(
        runQuery(rpc, en, sessionId, `SELECT E'\\' AS a, ${lit("' , 42 AS injected --")} AS v`),
      )
      expect(e.code).toBe(status.INVALID_ARGUMENT)
      expect(e.details).toMatch(/DuckDB-only prefixed string/)
    }
  })

  it('runs // comments, TIMESTAMP_TZ casts and e6 macros', async () => {
    expect(await one('e6', 'SELECT 10 // a comment\n AS n')).toEqual({ n: 10 })
    const r = await runQuery(e6, "SELECT CAST('2026-02-12 05:30:00+05:30' AS TIMESTAMP_TZ) AS t")
    expect(r.metadata.columns[0]?.typeName).toBe('TIMESTAMP_TZ')
    expect(r.raw[0]?.[0]).toEqual({ micros: 1770854400000000n, zone: 'UTC' })
    expect(
      await one(
        'e6',
        "SELECT nvl(NULL, 1) AS a, nvl2(1, 'y', 'n') AS b, locate('b', 'abcb') AS c, " +
          "locate('b', 'abcb', 3) AS d, size([1, 2, 3]) AS e, regexp_like('abc', 'b') AS f",
      ),
    ).toEqual({ a: 1, b: 'y', c: 2n, d: 4n, e: 3n, f: true })
    expect(
      await one('std', "SELECT charindex('c', 'abc') AS p, startswith('abc', 'a') AS s"),
    ).toEqual({ p: 3n, s: true })
  })

  it('accepts SELECT, WITH … SELECT, VALUES, TABLE and parenthesised queries', async () => {
    expect(await one('e6', 'VALUES (1, 2)')).toBeDefined()
    expect(await one('e6', '(SELECT 1 AS x)')).toEqual({ x: 1 })
    expect(await one('e6', 'WITH a AS (SELECT 2 AS x) SELECT x FROM a')).toEqual({ x: 2 })
    expect(await one('e6', 'TABLE products')).toMatchObject({ product_id: 1 })
    expect(await one('e6', '  select 1 as x  ')).toEqual({ x: 1 })
  })

  it('rejects everything that is not a single query with INVALID_ARGUMENT', async () => {
    const rejected = [
      'INSERT INTO orders VALUES (1)',
      'UPDATE orders SET status = 1',
      'DELETE FROM orders',
      'CREATE TABLE t (a INT)',
      'DROP TABLE orders',
      'EXPLAIN SELECT 1',
      'SHOW TABLES',
      'DESCRIBE orders',
      'SUMMARIZE orders',
      'PRAGMA version',
      'SET threads = 1',
      "ATTACH ':memory:' AS other",
      "COPY orders TO 'x.csv'",
      'CALL pragma_version()',
      'FROM orders',
      'WITH a AS (SELECT 1) INSERT INTO orders SELECT * FROM a',
      'SELECT 1; SELECT 2',
      'SELECT 1;',
      '',
      '   -- only a comment',
    ]
    for (const sql of rejected) {
      const err = await callError(prepare(e6, sql))
      expect([sql, err.code]).toEqual([sql, status.INVALID_ARGUMENT])
      expect(err.details.length).toBeGreaterThan(5)
    }
    expect(e6.engine.control.openQueries()).toBe(0)
  })
})
