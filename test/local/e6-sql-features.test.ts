/**
 * The e6 SQL feature matrix of the local engine (e6-sql.md §4, §6, §8), as a table of e6-dialect
 * snippets run over gRPC. Each supported feature asserts its exact e6 result; each unsupported one
 * asserts its gRPC status and a message naming the problem, so the "unsupported" list cannot
 * silently change. Mirrors the README table in src/local/sql-translator.ts.
 */

import { status } from '@grpc/grpc-js'
import { describe, expect, it } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'
import { callError, runQuery } from './helpers.js'

type Row = Record<string, unknown>

interface Works {
  readonly feature: string
  readonly sql: string
  readonly rows: readonly Row[]
}

interface Differs extends Works {
  /** What e6data does instead (e6-sql.md), for the reader. */
  readonly e6: string
}

interface Unsupported {
  readonly feature: string
  readonly sql: string
  readonly code: status
  readonly message: RegExp
}

const D = (s: string) => `CAST('${s}' AS DATE)`
const TS = (s: string) => `CAST('${s}' AS TIMESTAMP)`

/** Features that run, with their e6 result (LONG columns decode to bigint, arrays to text). */
const WORKS: readonly Works[] = [
  {
    feature: 'TO_JSON(NAMED_STRUCT(…)) (macro: named_struct is json_object locally)',
    sql: "SELECT TO_JSON(NAMED_STRUCT('a', 1, 'b', 'x')) AS s",
    rows: [{ s: '{"a":1,"b":"x"}' }],
  },
  // identifiers, literals, comments
  {
    feature: 'three-part name local.demo.customers',
    sql: 'SELECT customer_id, name FROM local.demo.customers WHERE customer_id = 1',
    rows: [{ customer_id: 1n, name: 'Zara Nair' }],
  },
  {
    feature: 'quoted identifiers "a""b", "Name"',
    sql: 'SELECT 1 AS "a""b", c."name" AS "Name" FROM "local"."demo"."customers" c WHERE c.customer_id = 2',
    rows: [{ 'a"b': 1, Name: 'Lars Bernard' }],
  },
  {
    feature: 'backslash string escapes',
    sql: "SELECT 'a\\'b' AS a, 'c\\\\d' AS b, 'e\\nf' AS c, 'x''y' AS d",
    rows: [{ a: "a'b", b: 'c\\d', c: 'e\nf', d: 'xy' }],
  },
  {
    feature: '// and /* */ comments',
    sql: 'SELECT 1 /* block */ AS a // line comment\n, 2 AS b',
    rows: [{ a: 1, b: 2 }],
  },
  // casts
  {
    feature: 'CAST to INT/BIGINT/DOUBLE/DECIMAL(p,s)/VARCHAR/BOOLEAN',
    sql:
      "SELECT CAST('42' AS INT) AS i, CAST('42' AS BIGINT) AS b, CAST('1.5' AS DOUBLE) AS d, " +
      "CAST('1.239' AS DECIMAL(5,2)) AS dec, CAST(7 AS VARCHAR) AS v, CAST('true' AS BOOLEAN) AS bo",
    rows: [{ i: 42, b: 42n, d: 1.5, dec: '1.24', v: '7', bo: true }],
  },
  {
    feature: 'CAST to DATE/TIMESTAMP',
    sql: `SELECT ${D('2024-02-29')} AS d, ${TS('2024-02-29 10:11:12')} AS t`,
    rows: [{ d: '2024-02-29', t: '2024-02-29T10:11:12.000000Z' }],
  },
  {
    feature: 'CAST AS TIMESTAMP_TZ (translated to TIMESTAMPTZ)',
    sql: "SELECT CAST('2026-02-12 05:30:00+05:30' AS TIMESTAMP_TZ) AS t",
    rows: [{ t: '2026-02-12T00:00:00.000000Z' }],
  },
  {
    feature: 'CAST to JSON/VARBINARY',
    sql: "SELECT CAST('{\"a\":1}' AS JSON) AS j, octet_length(CAST('ab' AS VARBINARY)) AS n",
    rows: [{ j: '{"a":1}', n: 2n }],
  },
  {
    feature: 'TRY_CAST',
    sql: "SELECT TRY_CAST('x' AS INT) AS a, TRY_CAST('45.6789' AS DOUBLE) AS b",
    rows: [{ a: null, b: 45.6789 }],
  },
  {
    feature: "INTERVAL '5 DAY'",
    sql: `SELECT ${D('2024-01-01')} + INTERVAL '5 DAY' AS d`,
    rows: [{ d: '2024-01-06T00:00:00.000000Z' }],
  },
  {
    feature: 'CURRENT_TIMESTAMP + INTERVAL',
    sql: "SELECT CURRENT_TIMESTAMP + INTERVAL '1 DAY' > CURRENT_TIMESTAMP AS a",
    rows: [{ a: true }],
  },
  // clauses
  {
    feature: 'LIMIT n OFFSET m',
    sql: 'SELECT x FROM range(10) t(x) ORDER BY x LIMIT 2 OFFSET 3',
    rows: [{ x: 3n }, { x: 4n }],
  },
  {
    feature: 'limit 9223372036854775807 offset 5',
    sql: 'SELECT x FROM range(7) t(x) ORDER BY x limit 9223372036854775807 offset 5',
    rows: [{ x: 5n }, { x: 6n }],
  },
  {
    feature: 'ASC NULLS FIRST',
    sql: 'SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x ASC NULLS FIRST',
    rows: [{ x: null }, { x: 1 }, { x: 2 }],
  },
  {
    feature: 'DESC NULLS LAST',
    sql: 'SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x DESC NULLS LAST',
    rows: [{ x: 2 }, { x: 1 }, { x: null }],
  },
  {
    feature: 'UNION / INTERSECT / EXCEPT [ALL]',
    sql:
      '(SELECT x FROM (VALUES (1), (2), (3)) t(x) EXCEPT SELECT 2) ' +
      'UNION ALL (SELECT 9 INTERSECT SELECT 9) ORDER BY 1',
    rows: [{ x: 1 }, { x: 3 }, { x: 9 }],
  },
  {
    feature: 'WITH … SELECT',
    sql: 'WITH a AS (SELECT 2 AS x), b AS (SELECT x * 3 AS y FROM a) SELECT y FROM b',
    rows: [{ y: 6 }],
  },
  {
    feature: 'WITH RECURSIVE',
    sql:
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) ' +
      'SELECT CAST(sum(n) AS BIGINT) AS s FROM r',
    rows: [{ s: 15n }],
  },
  {
    feature: 'window functions ROW_NUMBER/LAG OVER',
    sql:
      'SELECT customer_id, row_number() OVER (ORDER BY customer_id DESC) AS rn, ' +
      'lag(customer_id) OVER (ORDER BY customer_id) AS prev ' +
      'FROM customers WHERE customer_id <= 3 ORDER BY customer_id',
    rows: [
      { customer_id: 1n, rn: 3n, prev: null },
      { customer_id: 2n, rn: 2n, prev: 1n },
      { customer_id: 3n, rn: 1n, prev: 2n },
    ],
  },
  {
    feature: 'FILTER(WHERE …)',
    sql: 'SELECT count(*) FILTER(WHERE is_active) AS a, count(*) AS b FROM customers',
    rows: [{ a: 914n, b: 1000n }],
  },
  {
    feature: 'GROUP BY ALL',
    sql: 'SELECT segment, count(*) AS n FROM customers GROUP BY ALL ORDER BY segment',
    rows: [
      { segment: 'enterprise', n: 71n },
      { segment: 'mid-market', n: 191n },
      { segment: 'smb', n: 738n },
    ],
  },
  {
    feature: '= SOME (subquery)',
    sql: 'SELECT 1 AS a WHERE 2 = SOME (SELECT x FROM (VALUES (1), (2)) t(x))',
    rows: [{ a: 1 }],
  },
  // operators and conditionals
  {
    feature: 'ILIKE (operator and function)',
    sql: "SELECT 'abc' ILIKE 'A%' AS a, ILIKE('abc', 'B%') AS b",
    rows: [{ a: true, b: false }],
  },
  {
    feature: 'a % b and MOD',
    sql: 'SELECT 7 % 3 AS a, MOD(-7, 3) AS b',
    rows: [{ a: 1, b: -1 }],
  },
  {
    feature: '|| and CONCAT',
    sql: "SELECT 'a' || 'b' AS a, 'x' || NULL AS b, CONCAT('a', NULL, 'b') AS c",
    rows: [{ a: 'ab', b: null, c: 'ab' }],
  },
  {
    feature: 'COALESCE / NULLIF / IF / IFNULL',
    sql: "SELECT COALESCE(NULL, 3) AS a, NULLIF(1, 1) AS b, IF(1 > 0, 'y', 'n') AS c, IFNULL(NULL, 2) AS d",
    rows: [{ a: 3, b: null, c: 'y', d: 2 }],
  },
  {
    feature: 'NVL / NVL2',
    sql: "SELECT NVL(NULL, 1) AS a, NVL2(NULL, 'y', 'n') AS b, NVL2(0, 'y', 'n') AS c",
    rows: [{ a: 1, b: 'n', c: 'y' }],
  },
  // strings
  {
    feature: 'LOCATE / CHARINDEX',
    sql: "SELECT LOCATE('b', 'abcb') AS a, LOCATE('b', 'abcb', 3) AS b, CHARINDEX('z', 'abc') AS c",
    rows: [{ a: 2n, b: 4n, c: 0n }],
  },
  {
    feature: 'REGEXP_LIKE / REGEXP_I_LIKE (partial match)',
    sql: "SELECT REGEXP_LIKE('abc', 'b') AS a, REGEXP_LIKE('abc', '^b') AS b, REGEXP_I_LIKE('abc', 'B') AS c",
    rows: [{ a: true, b: false, c: true }],
  },
  {
    feature: 'STARTSWITH / ENDSWITH / CONTAINS_SUBSTR / TO_VARCHAR',
    sql:
      "SELECT STARTSWITH('abc', 'a') AS a, ENDSWITH('abc', 'b') AS b, " +
      "CONTAINS_SUBSTR('abc', 'bc') AS c, TO_VARCHAR(12) AS d",
    rows: [{ a: true, b: false, c: true, d: '12' }],
  },
  // dates and times
  {
    feature: 'DATE_TRUNC / EXTRACT',
    sql: `SELECT DATE_TRUNC('MONTH', ${D('2024-03-15')}) AS a, EXTRACT(YEAR FROM ${D('2024-03-15')}) AS b`,
    rows: [{ a: '2024-03-01T00:00:00.000000Z', b: 2024n }],
  },
  {
    feature: "3-arg DATE_DIFF('DAY', start, end)",
    sql: `SELECT DATE_DIFF('DAY', ${D('2024-01-01')}, ${D('2024-01-31')}) AS a`,
    rows: [{ a: 30n }],
  },
  {
    feature: '2-arg DATE_DIFF(end, start) in days',
    sql: `SELECT DATE_DIFF(${D('2024-01-31')}, ${D('2024-01-01')}) AS a`,
    rows: [{ a: 30n }],
  },
  {
    feature: "3-arg DATE_ADD('DAY', n, d)",
    sql: `SELECT DATE_ADD('DAY', 5, ${D('2024-01-01')}) AS a, DATE_ADD('MONTH', -1, ${TS('2024-03-31 08:00:00')}) AS b`,
    rows: [{ a: '2024-01-06T00:00:00.000000Z', b: '2024-02-29T08:00:00.000000Z' }],
  },
  {
    feature: '2-arg DATE_ADD(d, n days | interval)',
    sql: `SELECT DATE_ADD(${D('2024-01-01')}, 5) AS a, DATE_ADD(${D('2024-01-01')}, INTERVAL '1 MONTH') AS b`,
    rows: [{ a: '2024-01-06', b: '2024-02-01T00:00:00.000000Z' }],
  },
  {
    feature: "TIMESTAMP_ADD('HOUR', n, ts) / TIMESTAMP_DIFF(end, start, 'HOUR')",
    sql:
      `SELECT TIMESTAMP_ADD('HOUR', 2, ${TS('2024-01-01 00:00:00')}) AS a, ` +
      `TIMESTAMP_DIFF(${TS('2024-01-01 05:00:00')}, ${TS('2024-01-01 02:00:00')}, 'HOUR') AS b`,
    rows: [{ a: '2024-01-01T02:00:00.000000Z', b: 3n }],
  },
  {
    feature: "FORMAT_DATE(d, 'yyyy-MM-dd') (Java letters yyyy MM dd HH mm ss)",
    sql:
      `SELECT FORMAT_DATE(${D('2024-03-05')}, 'yyyy-MM-dd') AS a, ` +
      `FORMAT_DATE(${TS('2024-03-05 07:08:09')}, 'dd/MM/yyyy HH:mm:ss') AS b`,
    rows: [{ a: '2024-03-05', b: '05/03/2024 07:08:09' }],
  },
  {
    feature: "TO_DATE(s[, 'dd.MM.yyyy'])",
    sql: "SELECT TO_DATE('2024-03-05') AS a, TO_DATE('05.03.2024', 'dd.MM.yyyy') AS b",
    rows: [{ a: '2024-03-05', b: '2024-03-05' }],
  },
  // arrays, maps
  {
    feature: 'arrays are 1-based: arr[i]',
    sql: 'SELECT [10, 20, 30][1] AS a',
    rows: [{ a: 10 }],
  },
  {
    feature: 'ELEMENT_AT(array, i) (1-based, negative from the end)',
    sql: 'SELECT ELEMENT_AT([10, 20, 30], 2) AS a, ELEMENT_AT([10, 20, 30], -1) AS b, ELEMENT_AT([1], 5) AS c',
    rows: [{ a: 20, b: 30, c: null }],
  },
  {
    feature: 'ELEMENT_AT(map, k) returns the value',
    sql: "SELECT ELEMENT_AT(MAP {'k': 1, 'l': 2}, 'l') AS a, ELEMENT_AT(MAP {'k': 1}, 'z') AS b",
    rows: [{ a: 2, b: null }],
  },
  {
    feature: 'ARRAY_POSITION(x, arr) (e6 argument order, 0 when absent)',
    sql: 'SELECT ARRAY_POSITION(20, [10, 20, 30]) AS a, ARRAY_POSITION(40, [10, 20, 30]) AS b',
    rows: [{ a: 2, b: 0 }],
  },
  {
    feature: 'SIZE / ARRAY_JOIN',
    sql: "SELECT SIZE([1, 2, 3]) AS a, ARRAY_JOIN(['a', 'b'], '-') AS b",
    rows: [{ a: 3n, b: 'a-b' }],
  },
  {
    feature: 'ARRAY_AGG / COLLECT_LIST',
    sql:
      'SELECT ARRAY_AGG(x ORDER BY x) AS a, SIZE(COLLECT_LIST(x)) AS b ' +
      'FROM (VALUES (2), (1)) t(x)',
    rows: [{ a: '[1, 2]', b: 2n }],
  },
  {
    feature: 'LISTAGG(x, sep)',
    sql: "SELECT LISTAGG(x, ',') AS a FROM (SELECT * FROM (VALUES ('a'), ('b')) t(x) ORDER BY x)",
    rows: [{ a: 'a,b' }],
  },
  {
    feature: 'APPROX_PERCENTILE(x, p)',
    sql: 'SELECT APPROX_PERCENTILE(x, 0.5) AS a FROM range(1, 102) t(x)',
    rows: [{ a: 51n }],
  },
  {
    feature: 'SEQUENCE(a, b[, step]) (scalar)',
    sql: 'SELECT SEQUENCE(1, 3) AS a, SEQUENCE(1, 7, 3) AS b',
    rows: [{ a: '[1, 2, 3]', b: '[1, 4, 7]' }],
  },
  {
    feature: 'EXPLODE(arr) in the select list',
    sql: 'SELECT EXPLODE([1, 2]) AS x',
    rows: [{ x: 1 }, { x: 2 }],
  },
  {
    feature: 'CROSS JOIN UNNEST(arr) AS u(x)',
    sql: 'SELECT u.x FROM (SELECT [1, 2] AS arr) t CROSS JOIN UNNEST(t.arr) AS u(x)',
    rows: [{ x: 1 }, { x: 2 }],
  },
  // JSON
  {
    feature: 'JSON_EXTRACT / JSON_VALUE / PARSE_JSON',
    sql:
      'SELECT JSON_EXTRACT(\'{"a":{"b":2}}\', \'$.a.b\') AS a, JSON_VALUE(\'{"a":"x"}\', \'$.a\') AS b, ' +
      "JSON_EXTRACT(PARSE_JSON('{\"a\":[1,2]}'), '$.a[1]') AS c",
    rows: [{ a: '2', b: '"x"', c: '2' }],
  },
]

/**
 * Runs locally, but with DuckDB semantics that differ from (or are unknown for) e6data: the local
 * result is asserted so a change is noticed; `e6` says what e6data does.
 */
const DIFFERS: readonly Differs[] = [
  {
    feature: 'ARRAY_SLICE(arr, start, length)',
    sql: "SELECT ARRAY_JOIN(ARRAY_SLICE([1, 2, 3, 4], 2, 2), ',') AS a",
    rows: [{ a: '2' }],
    e6: "'2,3' (third argument is a length; DuckDB reads an end index)",
  },
  {
    feature: 'CAST(x AS STRING)',
    sql: 'SELECT CAST(1 AS STRING) AS s',
    rows: [{ s: '1' }],
    e6: 'rejected: "Unsupported cast type" (use VARCHAR)',
  },
  {
    feature: 'quoted identifiers are case-insensitive',
    sql: 'SELECT "NAME" AS n FROM customers WHERE customer_id = 1',
    rows: [{ n: 'Zara Nair' }],
    e6: 'unknown (Calcite-style engines are case-sensitive for quoted names)',
  },
  {
    feature: 'default null order (NULLS LAST for ASC and DESC)',
    sql: 'SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x DESC',
    rows: [{ x: 2 }, { x: 1 }, { x: null }],
    e6: 'unknown: write NULLS FIRST/LAST explicitly',
  },
  {
    feature: "DATE_DIFF('MONTH', …) counts unit boundaries",
    sql: `SELECT DATE_DIFF('MONTH', ${D('2024-01-31')}, ${D('2024-02-01')}) AS a`,
    rows: [{ a: 1n }],
    e6: 'unknown (engines counting whole units answer 0)',
  },
]

/** Features the local engine rejects: status and a message naming the problem. */
const UNSUPPORTED: readonly Unsupported[] = [
  {
    feature: 'LATERAL VIEW EXPLODE',
    sql: 'SELECT x FROM (SELECT [1, 2] AS arr) t LATERAL VIEW EXPLODE(arr) e AS x',
    code: status.INVALID_ARGUMENT,
    message: /syntax error at or near "LATERAL"/,
  },
  {
    feature: 'SEQUENCE(a, b) as a table',
    sql: 'SELECT * FROM SEQUENCE(1, 3)',
    code: status.INVALID_ARGUMENT,
    message: /Table Function with name sequence does not exist/,
  },
  {
    feature: 'INTERVAL "col" \'WEEK\'',
    sql: 'SELECT INTERVAL "n" \'WEEK\' AS a FROM (SELECT 2 AS n)',
    code: status.INVALID_ARGUMENT,
    message: /syntax error at or near "'WEEK'"/,
  },
  {
    feature: 'Java date patterns beyond yyyy MM dd HH mm ss',
    sql: `SELECT FORMAT_DATE(${D('2024-03-05')}, 'EEE, d MMM yyyy') AS a`,
    code: status.INTERNAL,
    message: /unsupported Java date pattern \(only yyyy MM dd HH mm ss\): EEE, d MMM yyyy/,
  },
  {
    feature: 'TO_CHAR',
    sql: `SELECT TO_CHAR(${D('2024-03-05')}, 'yyyy') AS a`,
    code: status.INVALID_ARGUMENT,
    message: /to_char does not exist/,
  },
  {
    feature: 'DATE_FORMAT',
    sql: `SELECT DATE_FORMAT(${D('2024-03-05')}, 'yyyy') AS a`,
    code: status.INVALID_ARGUMENT,
    message: /date_format does not exist/,
  },
  {
    feature: 'CONVERT_TIMEZONE',
    sql: `SELECT CONVERT_TIMEZONE('UTC', 'Asia/Kolkata', ${TS('2024-01-01 00:00:00')}) AS a`,
    code: status.INVALID_ARGUMENT,
    message: /convert_timezone does not exist/,
  },
  {
    feature: 'OBJECT_CONSTRUCT',
    sql: "SELECT OBJECT_CONSTRUCT('a', 1) AS o",
    code: status.INVALID_ARGUMENT,
    message: /object_construct does not exist/,
  },
  {
    feature: 'statement terminator',
    sql: 'SELECT 1;',
    code: status.INVALID_ARGUMENT,
    message: /statement terminator ';' is not supported/,
  },
]

describe('e6 SQL feature matrix (local engine)', () => {
  const env = useEngine({ port: 0, bigTableRows: 2_000, login: true })

  it('has no duplicate feature names', () => {
    const names = [...WORKS, ...DIFFERS, ...UNSUPPORTED].map((c) => c.feature)
    expect(new Set(names).size).toBe(names.length)
  })

  it.each(WORKS)('works: $feature', async ({ sql, rows }) => {
    const result = await runQuery(env.rpc, env.engine, env.sessionId, sql)
    expect(result.rows).toEqual(rows)
  })

  it.each(DIFFERS)('differs from e6: $feature', async ({ sql, rows }) => {
    const result = await runQuery(env.rpc, env.engine, env.sessionId, sql)
    expect(result.rows).toEqual(rows)
  })

  it.each(UNSUPPORTED)('unsupported: $feature', async ({ sql, code, message }) => {
    const error = await callError(runQuery(env.rpc, env.engine, env.sessionId, sql))
    expect({ code: error.code, details: error.details }).toEqual({
      code,
      details: expect.stringMatching(message),
    })
  })

  it('leaves no query open', () => {
    expect(env.engine.control.openQueries()).toBe(0)
  })
})
