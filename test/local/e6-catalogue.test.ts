/**
 * Every construct of the e6 SQL catalogue (src/local/e6-catalogue.ts) against the local engine:
 * an example in e6's dialect and e6's result, or the UNSUPPORTED error naming it. The coverage
 * tests tie the cases, the catalogue and e6's own function list together.
 */
import { describe, expect, it } from 'vitest'
import { E6_CATALOGUE } from '../../src/local/e6-catalogue.js'
import { useEngine } from '../helpers/engine-fixture.js'

type Row = Record<string, unknown>
interface Case {
  /** Catalogue entry name (or a unique prefix of it, for syntax rows). */
  readonly entry: string
  readonly sql: string
  /** e6's result (dates as 'YYYY-MM-DD', timestamps ISO, arrays as engine text). */
  readonly rows?: readonly Row[]
  /** For unsupported constructs: the error message. */
  readonly error?: RegExp
}

const D = (s: string) => `CAST('${s}' AS DATE)`
const TS = (s: string) => `CAST('${s}' AS TIMESTAMP)`
const iso = (s: string) => `${s.replace(' ', 'T')}${s.length === 10 ? 'T00:00:00' : ''}.000000Z`

/** The 216 names of e6's function table and supported-function list (sqlglot fork @ 0862417). */
const E6_SOURCE_NAMES =
  `ABS ACOS ACOSH ADD_MONTHS ANY_VALUE APPROX_COUNT_DISTINCT APPROX_PERCENTILE APPROX_QUANTILES
ARBITRARY ARRAY_AGG ARRAY_APPEND ARRAY_CONCAT ARRAY_CONTAINS ARRAY_INTERSECT ARRAY_JOIN ARRAY_POSITION ARRAY_PREPEND
ARRAY_SLICE ARRAY_SORT ARRAY_TO_STRING ASCII AVG BITWISE_AND BITWISE_NOT BITWISE_OR BITWISE_XOR CARDINALITY CASE CAST
CBRT CEIL CEILING CHARACTER_LENGTH CHARINDEX CHAR_LENGTH COALESCE COLLECT_LIST CONCAT CONCAT_WS CONTAINS_SUBSTR
CONVERT_TIMEZONE CORR COS COSH COT COUNT COUNT_IF COVAR_POP COVAR_SAMP CURRENT_DATE CURRENT_TIMESTAMP DATE DATEADD
DATEDIFF DATEPART DATETIME DATE_ADD DATE_DIFF DATE_FORMAT DATE_SUB DATE_TRUNC DAY DAYNAME DAYOFWEEKISO DAYS DECIMAL
DECODE DEGREES DENSE_RANK DISTINCT ELEMENT_AT ENDB_WITH ENDSWITH EXISTS EXP EXPLODE EXTRACT FACTORIAL FILTER_ARRAY
FIND_IN_SET FIRST_VALUE FLOOR FORMAT FORMAT_DATE FORMAT_DATETIME FORMAT_TIMESTAMP FROM_ISO8601_TIMESTAMP FROM_UNIXTIME
FROM_UNIXTIME_WITHUNIT FROM_UTC_TIMESTAMP GETDATE GREATEST GROUP_BY_ALL GROUPING_SETS HAVING HOUR IF IFNULL IN INITCAP
INSTR ISNULL JSON_EXTRACT JSON_VALUE LAG LAST_DAY LAST_DAY_OF_MONTH LAST_VALUE LEAD LEAST LEFT LEN LENGTH LISTAGG LN
LOCATE LOG LOWER LPAD LTRIM MAX MAX_BY MD5 MIN MINUTE MOD MONTH NAMED_STRUCT NOW NTILE NULLIF NVL NVL2 OBJECT_CONSTRUCT
PARSE_DATE PARSE_DATETIME PARSE_TIMESTAMP PERCENTILE_CONT PI POSITION POW POWER RADIANS RAND RANK REDUCE
REGEXP_CONTAINS REGEXP_COUNT REGEXP_EXTRACT REGEXP_EXTRACT_ALL REGEXP_LIKE REGEXP_REPLACE REPEAT REPLACE REVERSE RIGHT
ROUND ROW_NUMBER RPAD RTRIM SECOND SEQUENCE SHIFTLEFT SHIFTRIGHT SIGN SIN SINH SIZE SOUNDEX SPLIT SPLIT_PART SQRT
STARTSWITH STARTS_WITH STDDEV STDDEV_POP STDDEV_SAMP STRING_AGG STRPOS SUBSCRIPT_OPERATOR SUBSTR SUBSTRING SUM TANH
TIMEDIFF TIMESTAMP TIMESTAMP_ADD TIMESTAMP_DIFF TO_CHAR TO_DATE TO_HEX TO_JSON TO_TIMESTAMP TO_TIMESTAMP_NTZ
TO_UNIX_TIMESTAMP TO_UTF8 TO_VARCHAR TRIM TRUNC TRY_CAST TRY_DIVIDE TRY_ELEMENT_AT TYPEOF UNNEST UPPER URL_DECODE USING
VALUES VARIANCE_SAMP VAR_SAMP WEEK WEEKDAY WEEKISO WEEKOFYEAR WIDTH_BUCKET YEAR`.split(/\s+/)

/** Source names that are syntax rather than functions → their catalogue entry (prefix). */
const SYNTAX_OF: Readonly<Record<string, string>> = {
  CASE: 'CASE',
  CAST: 'CAST / TRY_CAST',
  TRY_CAST: 'CAST / TRY_CAST',
  DECIMAL: 'DECIMAL(p,s)',
  DISTINCT: 'DISTINCT',
  EXISTS: 'EXISTS (subquery)',
  GROUP_BY_ALL: 'GROUP BY ALL',
  GROUPING_SETS: 'GROUPING SETS',
  HAVING: 'HAVING',
  IN: 'IN (list)',
  USING: 'USING join',
  VALUES: 'VALUES',
  SUBSCRIPT_OPERATOR: 'subscript',
}

const UNSUPPORTED = (name: RegExp) => new RegExp(`UNSUPPORTED: .*${name.source}`)

const CASES: readonly Case[] = [
  { entry: 'ABS', sql: 'SELECT ABS(-3) AS a, ABS(-2.5) AS b', rows: [{ a: 3, b: '2.5' }] },
  { entry: 'ACOS', sql: 'SELECT ACOS(1) AS a', rows: [{ a: 0 }] },
  { entry: 'ACOSH', sql: 'SELECT ACOSH(1) AS a', rows: [{ a: 0 }] },
  {
    entry: 'ADD_MONTHS',
    sql: `SELECT ADD_MONTHS(${D('2024-01-31')}, 1) AS a, ADD_MONTHS('2024-03-15', -2) AS b`,
    rows: [{ a: '2024-02-29', b: '2024-01-15' }],
  },
  {
    entry: 'ANY_VALUE',
    sql: 'SELECT ANY_VALUE(x) AS a FROM (VALUES (7), (7)) t(x)',
    rows: [{ a: 7 }],
  },
  {
    entry: 'APPROX_COUNT_DISTINCT',
    sql: 'SELECT APPROX_COUNT_DISTINCT(x) AS a FROM (VALUES (1), (2), (2)) t(x)',
    rows: [{ a: 2n }],
  },
  {
    entry: 'APPROX_PERCENTILE',
    sql: 'SELECT APPROX_PERCENTILE(x, 0.5) AS a FROM (VALUES (1), (2), (3)) t(x)',
    rows: [{ a: 2 }],
  },
  {
    entry: 'APPROX_QUANTILES',
    sql: 'SELECT APPROX_QUANTILES(x, 0.5) AS a FROM (VALUES (1), (2), (3)) t(x)',
    rows: [{ a: 2 }],
  },
  {
    entry: 'ARBITRARY',
    sql: "SELECT ARBITRARY(x) AS a FROM (VALUES ('k'), ('k')) t(x)",
    rows: [{ a: 'k' }],
  },
  {
    entry: 'ARRAY_AGG',
    sql: 'SELECT ARRAY_AGG(x ORDER BY x) AS a FROM (VALUES (2), (1)) t(x)',
    rows: [{ a: '[1, 2]' }],
  },
  {
    entry: 'ARRAY_APPEND',
    sql: 'SELECT ARRAY_APPEND(ARRAY[1, 2], 3) AS a',
    rows: [{ a: '[1, 2, 3]' }],
  },
  {
    entry: 'ARRAY_CONCAT',
    sql: 'SELECT ARRAY_CONCAT(ARRAY[1], ARRAY[2, 3]) AS a',
    rows: [{ a: '[1, 2, 3]' }],
  },
  {
    entry: 'ARRAY_CONTAINS',
    sql: 'SELECT ARRAY_CONTAINS(ARRAY[1, 2], 2) AS a, ARRAY_CONTAINS(ARRAY[1, 2], 5) AS b',
    rows: [{ a: true, b: false }],
  },
  {
    entry: 'ARRAY_INTERSECT',
    sql: 'SELECT ARRAY_INTERSECT(ARRAY[1, 2, 3, 2], ARRAY[3, 2, 4]) AS a',
    rows: [{ a: '[2, 3]' }],
  },
  {
    entry: 'ARRAY_JOIN',
    sql: "SELECT ARRAY_JOIN(ARRAY['a', 'b'], '-') AS a",
    rows: [{ a: 'a-b' }],
  },
  {
    entry: 'ARRAY_POSITION',
    sql: 'SELECT ARRAY_POSITION(20, ARRAY[10, 20]) AS a, ARRAY_POSITION(5, ARRAY[10, 20]) AS b',
    rows: [{ a: 2, b: 0 }],
  },
  {
    entry: 'ARRAY_PREPEND',
    sql: 'SELECT ARRAY_PREPEND(ARRAY[1, 2], 3) AS a',
    rows: [{ a: '[3, 1, 2]' }],
  },
  {
    // e6 ARRAY_SLICE(a, b, c) = Databricks slice(a, b, c - b)
    entry: 'ARRAY_SLICE',
    sql: "SELECT ARRAY_SLICE(ARRAY[1, 2, 3, 4, 5], 2, 4) AS a, ARRAY_SLICE(ARRAY['a', 'b', 'c', 'd', 'e'], -3, 5 + -3) AS b",
    rows: [{ a: '[2, 3]', b: "['c', 'd', 'e']" }],
  },
  {
    entry: 'ARRAY_SORT',
    sql: 'SELECT ARRAY_SORT(ARRAY[3, NULL, 1]) AS a',
    rows: [{ a: '[1, 3, NULL]' }],
  },
  {
    entry: 'ARRAY_TO_STRING',
    sql: "SELECT ARRAY_TO_STRING(ARRAY['a', NULL, 'b'], ',') AS a",
    rows: [{ a: 'a,b' }],
  },
  { entry: 'ASCII', sql: "SELECT ASCII('A') AS a", rows: [{ a: 65 }] },
  { entry: 'AVG', sql: 'SELECT AVG(x) AS a FROM (VALUES (1), (2)) t(x)', rows: [{ a: 1.5 }] },
  { entry: 'BITWISE_AND', sql: 'SELECT BITWISE_AND(12, 10) AS a', rows: [{ a: 8 }] },
  { entry: 'BITWISE_NOT', sql: 'SELECT BITWISE_NOT(0) AS a', rows: [{ a: -1 }] },
  { entry: 'BITWISE_OR', sql: 'SELECT BITWISE_OR(12, 10) AS a', rows: [{ a: 14 }] },
  { entry: 'BITWISE_XOR', sql: 'SELECT BITWISE_XOR(12, 10) AS a', rows: [{ a: 6 }] },
  { entry: 'CARDINALITY', sql: 'SELECT CARDINALITY(ARRAY[1, 2, 3]) AS a', rows: [{ a: 3n }] },
  { entry: 'CBRT', sql: 'SELECT ROUND(CBRT(27), 9) AS a', rows: [{ a: 3 }] },
  { entry: 'CEIL', sql: 'SELECT CEIL(1.2) AS a', rows: [{ a: '2' }] },
  { entry: 'CEILING', sql: 'SELECT CEILING(-1.2) AS a', rows: [{ a: '-1' }] },
  { entry: 'CHARACTER_LENGTH', sql: "SELECT CHARACTER_LENGTH('héllo') AS a", rows: [{ a: 5n }] },
  {
    entry: 'CHARINDEX',
    sql: "SELECT CHARINDEX('b', 'abcb') AS a, CHARINDEX('b', 'abcb', 3) AS b, CHARINDEX('z', 'abc') AS c",
    rows: [{ a: 2n, b: 4n, c: 0n }],
  },
  { entry: 'CHAR_LENGTH', sql: "SELECT CHAR_LENGTH('abc') AS a", rows: [{ a: 3n }] },
  { entry: 'COALESCE', sql: 'SELECT COALESCE(NULL, 2, 3) AS a', rows: [{ a: 2 }] },
  {
    entry: 'COLLECT_LIST',
    sql: 'SELECT COLLECT_LIST(x ORDER BY x) AS a FROM (VALUES (2), (1)) t(x)',
    rows: [{ a: '[1, 2]' }],
  },
  {
    entry: 'CONCAT',
    sql: "SELECT CONCAT('a', 'b', 'c') AS a, CONCAT('a', NULL) AS b",
    rows: [{ a: 'abc', b: 'a' }],
  },
  {
    entry: 'CONCAT_WS',
    sql: "SELECT CONCAT_WS('-', 'a', NULL, 'b') AS a",
    rows: [{ a: 'a-b' }],
  },
  {
    entry: 'CONTAINS_SUBSTR',
    sql: "SELECT CONTAINS_SUBSTR('hello', 'ell') AS a, CONTAINS_SUBSTR('hello', 'x') AS b",
    rows: [{ a: true, b: false }],
  },
  {
    entry: 'CONVERT_TIMEZONE',
    sql: `SELECT CONVERT_TIMEZONE('America/New_York', 'Asia/Kolkata', ${TS('2024-07-01 08:00:00')}) AS a, CONVERT_TIMEZONE('Asia/Tokyo', ${TS('2024-07-01 08:00:00')}) AS b`,
    rows: [{ a: iso('2024-07-01 17:30:00'), b: iso('2024-07-01 17:00:00') }],
  },
  {
    entry: 'CORR',
    sql: 'SELECT CORR(x, y) AS a FROM (VALUES (1, 2), (2, 4), (3, 6)) t(x, y)',
    rows: [{ a: 1 }],
  },
  { entry: 'COS', sql: 'SELECT COS(0) AS a', rows: [{ a: 1 }] },
  { entry: 'COSH', sql: 'SELECT COSH(0) AS a', rows: [{ a: 1 }] },
  { entry: 'COT', sql: 'SELECT ROUND(COT(PI() / 4), 6) AS a', rows: [{ a: 1 }] },
  {
    entry: 'COUNT',
    sql: 'SELECT COUNT(*) AS a, COUNT(x) AS b FROM (VALUES (1), (NULL)) t(x)',
    rows: [{ a: 2n, b: 1n }],
  },
  {
    entry: 'COUNT_IF',
    sql: 'SELECT COUNT_IF(x > 1) AS a FROM (VALUES (1), (2), (3)) t(x)',
    rows: [{ a: 2n }],
  },
  {
    entry: 'COVAR_POP',
    sql: 'SELECT COVAR_POP(x, y) AS a FROM (VALUES (1, 1), (3, 3)) t(x, y)',
    rows: [{ a: 1 }],
  },
  {
    entry: 'COVAR_SAMP',
    sql: 'SELECT COVAR_SAMP(x, y) AS a FROM (VALUES (1, 1), (3, 3)) t(x, y)',
    rows: [{ a: 2 }],
  },
  {
    entry: 'CURRENT_DATE',
    sql: "SELECT CURRENT_DATE = CURRENT_DATE() AS a, CAST(CURRENT_DATE AS VARCHAR) >= '2024-01-01' AS b",
    rows: [{ a: true, b: true }],
  },
  {
    entry: 'CURRENT_TIMESTAMP',
    sql: "SELECT CURRENT_TIMESTAMP = CURRENT_TIMESTAMP() AS a, CURRENT_TIMESTAMP > CAST('2024-01-01' AS TIMESTAMP) AS b",
    rows: [{ a: true, b: true }],
  },
  { entry: 'DATE', sql: "SELECT DATE('2024-02-29') AS a", rows: [{ a: '2024-02-29' }] },
  {
    entry: 'DATEADD',
    sql: `SELECT DATEADD('MONTH', 1, ${TS('2024-01-31 10:00:00')}) AS a`,
    rows: [{ a: iso('2024-02-29 10:00:00') }],
  },
  {
    entry: 'DATEDIFF',
    sql: `SELECT DATEDIFF('DAY', ${D('2024-11-11')}, ${D('2024-11-09')}) AS a, DATEDIFF('2009-07-31', '2009-07-30') AS b`,
    rows: [{ a: -2n, b: 1n }],
  },
  {
    entry: 'DATEPART',
    sql: `SELECT DATEPART('YEAR', ${D('2024-05-01')}) AS a, DATEPART(MONTH, ${D('2024-05-01')}) AS b`,
    rows: [{ a: 2024n, b: 5n }],
  },
  {
    entry: 'DATETIME',
    sql: `SELECT DATETIME(${TS('2024-07-01 08:00:00')}, 'Asia/Kolkata') AS a`,
    rows: [{ a: iso('2024-07-01 13:30:00') }],
  },
  {
    entry: 'DATE_ADD',
    sql: `SELECT DATE_ADD('DAY', 2, CURRENT_DATE) = CURRENT_DATE + 2 AS ok, DATE_ADD('HOUR', '3', ${TS('2024-01-01 22:00:00')}) AS a, DATE_ADD(${TS('2024-01-01 22:00:00')}, 2) AS b, DATE_ADD(DAY, 1, ${D('2024-02-28')}) AS c`,
    rows: [
      {
        ok: true,
        a: iso('2024-01-02 01:00:00'),
        b: '2024-01-03',
        c: iso('2024-02-29 00:00:00'),
      },
    ],
  },
  {
    entry: 'DATE_DIFF',
    sql:
      `SELECT DATE_DIFF('DAY', ${D('2024-11-11')}, ${D('2024-11-09')}) AS a, ` +
      `DATE_DIFF(${D('2024-11-09')}, ${D('2024-11-11')}, 'DAY') AS b, ` +
      "DATE_DIFF('2022-03-28', '2021-01-01', 'YEAR') AS c, " +
      `DATE_DIFF('MONTH', ${D('2024-01-31')}, ${D('2024-02-29')}) AS d, ` +
      `DATE_DIFF(${D('2024-03-01')}, ${D('2024-02-01')}) AS e`,
    rows: [{ a: -2n, b: -2n, c: 1n, d: 0n, e: 29n }],
  },
  {
    entry: 'DATE_FORMAT',
    sql: `SELECT DATE_FORMAT(${TS('2024-08-26 22:38:11')}, 'yyyy-MM-dd HH:mm:ss') AS a`,
    rows: [{ a: '2024-08-26 22:38:11' }],
  },
  {
    entry: 'DATE_SUB',
    sql: "SELECT DATE_SUB('2016-07-30', 1) AS a",
    rows: [{ a: '2016-07-29' }],
  },
  {
    entry: 'DATE_TRUNC',
    sql: `SELECT DATE_TRUNC('YEAR', '2015-03-04') AS a, DATE_TRUNC('MONTH', ${TS('2024-05-17 10:00:00')}) AS b`,
    rows: [{ a: iso('2015-01-01 00:00:00'), b: iso('2024-05-01 00:00:00') }],
  },
  { entry: 'DAY', sql: `SELECT DAY(${D('2024-05-17')}) AS a`, rows: [{ a: 17n }] },
  { entry: 'DAYNAME', sql: `SELECT DAYNAME(${D('2024-11-01')}) AS a`, rows: [{ a: 'Friday' }] },
  {
    entry: 'DAYOFWEEKISO',
    sql: `SELECT DAYOFWEEKISO(${D('2024-12-29')}) AS a, DAYOFWEEKISO(${D('2024-12-30')}) AS b`,
    rows: [{ a: 7n, b: 1n }],
  },
  { entry: 'DAYS', sql: "SELECT DAYS(TO_DATE('2016-07-30')) AS a", rows: [{ a: 30n }] },
  {
    entry: 'DECODE',
    sql: "SELECT DECODE(2, 1, 'one', 2, 'two', 'many') AS a, DECODE(9, 1, 'one', 'many') AS b, DECODE(NULL, NULL, 'null') AS c",
    rows: [{ a: 'two', b: 'many', c: 'null' }],
  },
  { entry: 'DEGREES', sql: 'SELECT DEGREES(PI()) AS a', rows: [{ a: 180 }] },
  {
    entry: 'DENSE_RANK',
    sql: 'SELECT x, DENSE_RANK() OVER (ORDER BY x) AS r FROM (VALUES (1), (1), (2)) t(x) ORDER BY x',
    rows: [
      { x: 1, r: 1n },
      { x: 1, r: 1n },
      { x: 2, r: 2n },
    ],
  },
  {
    entry: 'ELEMENT_AT',
    sql: "SELECT ELEMENT_AT(ARRAY[10, 20, 30], 2) AS a, ELEMENT_AT(ARRAY[10, 20, 30], -1) AS b, ELEMENT_AT(MAP['k', 1, 'l', 2], 'l') AS c, ELEMENT_AT(MAP['k', 1], 'z') AS d",
    rows: [{ a: 20, b: 30, c: 2, d: null }],
  },
  { entry: 'ENDB_WITH', sql: "SELECT ENDS_WITH('hello', 'llo') AS a", rows: [{ a: true }] },
  { entry: 'ENDSWITH', sql: "SELECT ENDSWITH('hello', 'llo') AS a", rows: [{ a: true }] },
  { entry: 'EXP', sql: 'SELECT EXP(0) AS a', rows: [{ a: 1 }] },
  {
    entry: 'EXPLODE',
    sql: 'SELECT EXPLODE(ARRAY[1, 2]) AS v',
    rows: [{ v: 1 }, { v: 2 }],
  },
  {
    entry: 'EXTRACT',
    sql: `SELECT EXTRACT(YEAR FROM ${TS('2019-08-12 01:00:00.123456')}) AS a, EXTRACT(DAY FROM '2019-08-12') AS b`,
    rows: [{ a: 2019n, b: 12n }],
  },
  { entry: 'FACTORIAL', sql: 'SELECT FACTORIAL(5) AS a', rows: [{ a: 120n }] },
  {
    entry: 'FILTER_ARRAY',
    sql: 'SELECT FILTER_ARRAY(ARRAY[1, 2, 3], x -> x > 1) AS a',
    rows: [{ a: '[2, 3]' }],
  },
  {
    entry: 'FIND_IN_SET',
    sql: "SELECT FIND_IN_SET('ab', 'abc,b,ab,c,def') AS a, FIND_IN_SET('x', 'a,b') AS b",
    rows: [{ a: 3, b: 0 }],
  },
  {
    entry: 'FIRST_VALUE',
    sql: 'SELECT FIRST_VALUE(x) OVER (ORDER BY x DESC) AS a FROM (VALUES (1), (2)) t(x) ORDER BY x LIMIT 1',
    rows: [{ a: 2 }],
  },
  { entry: 'FLOOR', sql: 'SELECT FLOOR(-1.5) AS a', rows: [{ a: '-2' }] },
  {
    entry: 'FORMAT',
    sql: "SELECT FORMAT('%s%%', 123) AS a, FORMAT('%d items, %s', 3, 'ok') AS b",
    rows: [{ a: '123%', b: '3 items, ok' }],
  },
  {
    entry: 'FORMAT_DATE',
    sql: `SELECT FORMAT_DATE(${D('2024-11-01')}, 'dd MMMM, EEEE') AS a, FORMAT_DATE(${D('2024-11-01')}, 'dd MMM, EEE') AS b`,
    rows: [{ a: '01 November, Friday', b: '01 Nov, Fri' }],
  },
  {
    entry: 'FORMAT_DATETIME',
    sql: `SELECT FORMAT_DATETIME(${TS('2024-08-26 22:38:11')}, 'M/d/yy h:mm a') AS a`,
    rows: [{ a: '8/26/24 10:38 PM' }],
  },
  {
    entry: 'FORMAT_TIMESTAMP',
    // a Java quote inside an e6 literal is written \' (backslash rule)
    sql: `SELECT FORMAT_TIMESTAMP(${TS('2024-08-26 22:38:11.250')}, 'yyyy-MM-dd\\'T\\'HH:mm:ss.SSS') AS a`,
    rows: [{ a: '2024-08-26T22:38:11.250' }],
  },
  {
    entry: 'FROM_ISO8601_TIMESTAMP',
    sql: "SELECT FROM_ISO8601_TIMESTAMP('2024-07-01T10:00:00+05:30') AS a",
    rows: [{ a: iso('2024-07-01 04:30:00') }],
  },
  {
    entry: 'FROM_UNIXTIME',
    sql: 'SELECT FROM_UNIXTIME(1700000000) AS a, FROM_UNIXTIME(0.5) AS b',
    rows: [{ a: iso('2023-11-14 22:13:20'), b: '1970-01-01T00:00:00.500000Z' }],
  },
  {
    entry: 'FROM_UNIXTIME_WITHUNIT',
    sql: "SELECT FROM_UNIXTIME_WITHUNIT(1700000000123, 'milliseconds') AS a, FROM_UNIXTIME_WITHUNIT(1700000000, 'seconds') AS b",
    rows: [{ a: '2023-11-14T22:13:20.123000Z', b: iso('2023-11-14 22:13:20') }],
  },
  {
    entry: 'FROM_UTC_TIMESTAMP',
    sql: `SELECT FROM_UTC_TIMESTAMP(${TS('2024-01-15 12:00:00')}, 'America/New_York') AS a`,
    rows: [{ a: iso('2024-01-15 07:00:00') }],
  },
  {
    entry: 'GETDATE',
    sql: 'SELECT GETDATE() = CURRENT_TIMESTAMP AS a',
    rows: [{ a: true }],
  },
  {
    entry: 'GREATEST',
    sql: 'SELECT GREATEST(1, 5, 3) AS a, LEAST(4, 2, 8) AS b',
    rows: [{ a: 5, b: 2 }],
  },
  {
    entry: 'HOUR',
    sql: "SELECT HOUR('2009-07-30 12:58:59') AS a",
    rows: [{ a: 12n }],
  },
  { entry: 'IF', sql: "SELECT IF(1 > 0, 'y', 'n') AS a", rows: [{ a: 'y' }] },
  { entry: 'IFNULL', sql: 'SELECT IFNULL(NULL, 2) AS a', rows: [{ a: 2 }] },
  { entry: 'INITCAP', sql: "SELECT INITCAP('sPark sql') AS a", rows: [{ a: 'Spark Sql' }] },
  { entry: 'INSTR', sql: "SELECT INSTR('hello', 'l') AS a", rows: [{ a: 3n }] },
  {
    entry: 'ISNULL',
    sql: 'SELECT ISNULL(NULL) AS a, ISNULL(1) AS b',
    rows: [{ a: true, b: false }],
  },
  {
    entry: 'JSON_EXTRACT',
    sql: `SELECT JSON_EXTRACT('{"name":"Ada","n":2,"o":{"k":1}}', '$.name') AS a, JSON_EXTRACT('{"n":2}', '$.n') AS b, JSON_EXTRACT('{"o":{"k":1}}', '$.o') AS c`,
    rows: [{ a: 'Ada', b: '2', c: '{"k":1}' }],
  },
  {
    entry: 'JSON_VALUE',
    sql: `SELECT JSON_VALUE('{"a":"x"}', '$.a') AS a`,
    rows: [{ a: 'x' }],
  },
  {
    entry: 'LAG',
    sql: 'SELECT x, LAG(x) OVER (ORDER BY x) AS p FROM (VALUES (1), (2)) t(x) ORDER BY x',
    rows: [
      { x: 1, p: null },
      { x: 2, p: 1 },
    ],
  },
  {
    entry: 'LAST_DAY',
    sql: `SELECT LAST_DAY(${D('2024-02-10')}) AS a, LAST_DAY('2009-01-12') AS b`,
    rows: [{ a: '2024-02-29', b: '2009-01-31' }],
  },
  {
    entry: 'LAST_DAY_OF_MONTH',
    sql: `SELECT LAST_DAY_OF_MONTH(${D('2023-02-10')}) AS a`,
    rows: [{ a: '2023-02-28' }],
  },
  {
    entry: 'LAST_VALUE',
    sql: 'SELECT LAST_VALUE(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS a FROM (VALUES (1), (2)) t(x) LIMIT 1',
    rows: [{ a: 2 }],
  },
  {
    entry: 'LEAD',
    sql: 'SELECT x, LEAD(x) OVER (ORDER BY x) AS n FROM (VALUES (1), (2)) t(x) ORDER BY x',
    rows: [
      { x: 1, n: 2 },
      { x: 2, n: null },
    ],
  },
  { entry: 'LEAST', sql: "SELECT LEAST('b', 'a') AS a", rows: [{ a: 'a' }] },
  { entry: 'LEFT', sql: "SELECT LEFT('hello', 2) AS a", rows: [{ a: 'he' }] },
  { entry: 'LEN', sql: "SELECT LEN('héllo') AS a", rows: [{ a: 5n }] },
  { entry: 'LENGTH', sql: "SELECT LENGTH('abc') AS a", rows: [{ a: 3n }] },
  {
    entry: 'LISTAGG',
    sql: "SELECT LISTAGG(x, ',') AS a FROM (SELECT x FROM (VALUES ('a'), ('b')) t(x) ORDER BY x)",
    rows: [{ a: 'a,b' }],
  },
  { entry: 'LN', sql: 'SELECT LN(1) AS a', rows: [{ a: 0 }] },
  {
    entry: 'LOCATE',
    sql: "SELECT LOCATE('b', 'abcb') AS a, LOCATE('b', 'abcb', 3) AS b, LOCATE('z', 'abc') AS c",
    rows: [{ a: 2n, b: 4n, c: 0n }],
  },
  { entry: 'LOG', sql: 'SELECT LOG(2, 8) AS a, LOG(100) AS b', rows: [{ a: 3, b: 2 }] },
  { entry: 'LOWER', sql: "SELECT LOWER('ÄB') AS a", rows: [{ a: 'äb' }] },
  { entry: 'LPAD', sql: "SELECT LPAD('7', 3, '0') AS a", rows: [{ a: '007' }] },
  {
    entry: 'LTRIM',
    sql: "SELECT LTRIM('  a ') AS a, LTRIM('xy', 'xyxhix') AS b",
    rows: [{ a: 'a ', b: 'hix' }],
  },
  { entry: 'MAX', sql: 'SELECT MAX(x) AS a FROM (VALUES (1), (3)) t(x)', rows: [{ a: 3 }] },
  {
    entry: 'MAX_BY',
    sql: "SELECT MAX_BY(k, v) AS a FROM (VALUES ('a', 1), ('b', 3)) t(k, v)",
    rows: [{ a: 'b' }],
  },
  {
    entry: 'MD5',
    sql: "SELECT MD5('abc') AS a",
    rows: [{ a: '900150983cd24fb0d6963f7d28e17f72' }],
  },
  { entry: 'MIN', sql: 'SELECT MIN(x) AS a FROM (VALUES (1), (3)) t(x)', rows: [{ a: 1 }] },
  { entry: 'MINUTE', sql: "SELECT MINUTE('2009-07-30 12:58:59') AS a", rows: [{ a: 58n }] },
  { entry: 'MOD', sql: 'SELECT MOD(7, 3) AS a, MOD(-7, 3) AS b', rows: [{ a: 1, b: -1 }] },
  { entry: 'MONTH', sql: "SELECT MONTH(TO_DATE('2008-02-20')) AS a", rows: [{ a: 2n }] },
  {
    entry: 'NAMED_STRUCT',
    sql: "SELECT TO_JSON(NAMED_STRUCT('a', 1, 'b', 'x')) AS s",
    rows: [{ s: '{"a":1,"b":"x"}' }],
  },
  { entry: 'NOW', sql: "SELECT NOW() > CAST('2024-01-01' AS TIMESTAMP) AS a", rows: [{ a: true }] },
  {
    entry: 'NTILE',
    sql: 'SELECT NTILE(2) OVER (ORDER BY x) AS n FROM (VALUES (1), (2), (3), (4)) t(x) ORDER BY x',
    rows: [{ n: 1n }, { n: 1n }, { n: 2n }, { n: 2n }],
  },
  {
    entry: 'NULLIF',
    sql: 'SELECT NULLIF(1, 1) AS a, NULLIF(1, 2) AS b',
    rows: [{ a: null, b: 1 }],
  },
  { entry: 'NVL', sql: 'SELECT NVL(NULL, 2) AS a', rows: [{ a: 2 }] },
  {
    entry: 'NVL2',
    sql: "SELECT NVL2(NULL, 'x', 'y') AS a, NVL2(1, 'x', 'y') AS b",
    rows: [{ a: 'y', b: 'x' }],
  },
  {
    entry: 'OBJECT_CONSTRUCT',
    sql: "SELECT TO_JSON(OBJECT_CONSTRUCT('k', 2)) AS s",
    rows: [{ s: '{"k":2}' }],
  },
  {
    entry: 'PARSE_DATE',
    sql: "SELECT PARSE_DATE('%d/%m/%Y', '02/01/2024') AS a",
    rows: [{ a: '2024-01-02' }],
  },
  {
    entry: 'PARSE_DATETIME',
    sql: "SELECT PARSE_DATETIME('%Y-%m-%d %H:%i:%s', '2024-01-02 03:04:05') AS a",
    rows: [{ a: iso('2024-01-02 03:04:05') }],
  },
  {
    entry: 'PARSE_TIMESTAMP',
    sql: "SELECT PARSE_TIMESTAMP('%Y-%m-%d %H:%i', '2024-07-01 10:00', 'Asia/Kolkata') AS a",
    rows: [{ a: iso('2024-07-01 04:30:00') }],
  },
  {
    entry: 'PERCENTILE_CONT',
    sql: 'SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) AS a FROM (VALUES (1), (2), (3), (4)) t(x)',
    rows: [{ a: 2.5 }],
  },
  { entry: 'PI', sql: 'SELECT PI() AS a', rows: [{ a: Math.PI }] },
  { entry: 'POSITION', sql: "SELECT POSITION('c' IN 'abc') AS a", rows: [{ a: 3n }] },
  { entry: 'POW', sql: 'SELECT POW(2, 10) AS a', rows: [{ a: 1024 }] },
  { entry: 'POWER', sql: 'SELECT POWER(3, 2) AS a', rows: [{ a: 9 }] },
  { entry: 'RADIANS', sql: 'SELECT RADIANS(180) = PI() AS a', rows: [{ a: true }] },
  { entry: 'RAND', sql: 'SELECT RAND() BETWEEN 0 AND 1 AS a', rows: [{ a: true }] },
  {
    entry: 'RANK',
    sql: 'SELECT RANK() OVER (ORDER BY x) AS r FROM (VALUES (1), (1), (2)) t(x) ORDER BY x',
    rows: [{ r: 1n }, { r: 1n }, { r: 3n }],
  },
  {
    entry: 'REDUCE',
    sql: 'SELECT REDUCE(ARRAY[1, 2, 3], 10, (acc, x) -> acc + x) AS a, REDUCE(ARRAY[1, 2, 3], 0, (acc, x) -> acc + x, s -> s * 10) AS b',
    rows: [{ a: 16, b: 60 }],
  },
  {
    entry: 'REGEXP_CONTAINS',
    sql: "SELECT REGEXP_CONTAINS('abc123', '[0-9]+') AS a",
    rows: [{ a: true }],
  },
  {
    entry: 'REGEXP_COUNT',
    sql: "SELECT REGEXP_COUNT('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en') AS a",
    rows: [{ a: 2n }],
  },
  {
    entry: 'REGEXP_EXTRACT',
    sql: "SELECT REGEXP_EXTRACT('abc123def', '[0-9]+') AS a, REGEXP_EXTRACT('k=v', '(\\\\w)=(\\\\w)', 2) AS b",
    rows: [{ a: '123', b: 'v' }],
  },
  {
    entry: 'REGEXP_EXTRACT_ALL',
    sql: "SELECT REGEXP_EXTRACT_ALL('a1b22c333', '[0-9]+') AS a",
    rows: [{ a: "['1', '22', '333']" }],
  },
  {
    entry: 'REGEXP_LIKE',
    sql: "SELECT REGEXP_LIKE('abc', 'b') AS a, REGEXP_LIKE('abc', '^b') AS b",
    rows: [{ a: true, b: false }],
  },
  {
    entry: 'REGEXP_REPLACE',
    sql: "SELECT REGEXP_REPLACE('a1b2c3', '[0-9]', '#') AS a",
    rows: [{ a: 'a#b#c#' }],
  },
  { entry: 'REPEAT', sql: "SELECT REPEAT('ab', 3) AS a", rows: [{ a: 'ababab' }] },
  {
    entry: 'REPLACE',
    sql: "SELECT REPLACE('fact_orders', 'fact_', '') AS a",
    rows: [{ a: 'orders' }],
  },
  { entry: 'REVERSE', sql: "SELECT REVERSE('abc') AS a", rows: [{ a: 'cba' }] },
  { entry: 'RIGHT', sql: "SELECT RIGHT('hello', 2) AS a", rows: [{ a: 'lo' }] },
  {
    entry: 'ROUND',
    sql: 'SELECT ROUND(2.5) AS a, ROUND(-2.5) AS b, ROUND(1.2345, 2) AS c',
    rows: [{ a: '3', b: '-3', c: '1.23' }],
  },
  {
    entry: 'ROW_NUMBER',
    sql: 'SELECT ROW_NUMBER() OVER (ORDER BY x) AS r FROM (VALUES (5), (6)) t(x) ORDER BY x',
    rows: [{ r: 1n }, { r: 2n }],
  },
  { entry: 'RPAD', sql: "SELECT RPAD('7', 3, '0') AS a", rows: [{ a: '700' }] },
  {
    entry: 'RTRIM',
    sql: "SELECT RTRIM(' a  ') AS a, RTRIM('xy', 'hixyx') AS b",
    rows: [{ a: ' a', b: 'hi' }],
  },
  { entry: 'SECOND', sql: "SELECT SECOND('2009-07-30 12:58:59') AS a", rows: [{ a: 59n }] },
  {
    entry: 'SEQUENCE',
    sql: 'SELECT SEQUENCE(1, 5, 2) AS a, SEQUENCE(1, 3) AS b, (SELECT SUM(s.generate_series) FROM SEQUENCE(1, 4) s) AS c',
    rows: [{ a: '[1, 3, 5]', b: '[1, 2, 3]', c: 10n }],
  },
  { entry: 'SHIFTLEFT', sql: 'SELECT SHIFTLEFT(1, 3) AS a', rows: [{ a: 8 }] },
  { entry: 'SHIFTRIGHT', sql: 'SELECT SHIFTRIGHT(16, 2) AS a', rows: [{ a: 4 }] },
  { entry: 'SIGN', sql: 'SELECT SIGN(-5) AS a', rows: [{ a: -1 }] },
  { entry: 'SIN', sql: 'SELECT SIN(0) AS a', rows: [{ a: 0 }] },
  { entry: 'SINH', sql: 'SELECT SINH(0) AS a', rows: [{ a: 0 }] },
  { entry: 'SIZE', sql: 'SELECT SIZE(ARRAY[1, 2]) AS a', rows: [{ a: 2n }] },
  {
    entry: 'SOUNDEX',
    sql: "SELECT SOUNDEX('Robert') AS a, SOUNDEX('Ashcraft') AS b, SOUNDEX('Tymczak') AS c, SOUNDEX('Pfister') AS d",
    rows: [{ a: 'R163', b: 'A261', c: 'T522', d: 'P236' }],
  },
  { entry: 'SPLIT', sql: "SELECT SPLIT('a,b,c', ',') AS a", rows: [{ a: "['a', 'b', 'c']" }] },
  { entry: 'SPLIT_PART', sql: "SELECT SPLIT_PART('a-b-c', '-', 2) AS a", rows: [{ a: 'b' }] },
  { entry: 'SQRT', sql: 'SELECT SQRT(16) AS a', rows: [{ a: 4 }] },
  { entry: 'STARTSWITH', sql: "SELECT STARTSWITH('hello', 'he') AS a", rows: [{ a: true }] },
  { entry: 'STARTS_WITH', sql: "SELECT STARTS_WITH('hello', 'lo') AS a", rows: [{ a: false }] },
  {
    entry: 'STDDEV',
    sql: 'SELECT STDDEV(x) AS a FROM (VALUES (2), (4), (4), (4), (5), (5), (7), (9)) t(x)',
    rows: [{ a: Math.sqrt(32 / 7) }],
  },
  {
    entry: 'STDDEV_POP',
    sql: 'SELECT STDDEV_POP(x) AS a FROM (VALUES (2), (4), (4), (4), (5), (5), (7), (9)) t(x)',
    rows: [{ a: 2 }],
  },
  {
    entry: 'STDDEV_SAMP',
    sql: 'SELECT STDDEV_SAMP(x) AS a FROM (VALUES (1), (3)) t(x)',
    rows: [{ a: Math.SQRT2 }],
  },
  {
    entry: 'STRING_AGG',
    sql: "SELECT STRING_AGG(x, '|' ORDER BY x DESC) AS a FROM (VALUES ('a'), ('b')) t(x)",
    rows: [{ a: 'b|a' }],
  },
  { entry: 'STRPOS', sql: "SELECT STRPOS('hahahahehehe', 'ehe') AS a", rows: [{ a: 8n }] },
  { entry: 'SUBSTR', sql: "SELECT SUBSTR('hello', 2, 3) AS a", rows: [{ a: 'ell' }] },
  { entry: 'SUBSTRING', sql: "SELECT SUBSTRING('hello', 2) AS a", rows: [{ a: 'ello' }] },
  { entry: 'SUM', sql: 'SELECT SUM(x) AS a FROM (VALUES (1), (2)) t(x)', rows: [{ a: 3n }] },
  { entry: 'TANH', sql: 'SELECT TANH(0) AS a', rows: [{ a: 0 }] },
  {
    entry: 'TIMEDIFF',
    sql: `SELECT TIMEDIFF('HOUR', ${TS('2024-01-01 10:00:00')}, ${TS('2024-01-01 12:59:00')}) AS a`,
    rows: [{ a: 2n }],
  },
  {
    entry: 'TIMESTAMP',
    sql: "SELECT TIMESTAMP('2024-01-02 03:04:05') AS a",
    rows: [{ a: iso('2024-01-02 03:04:05') }],
  },
  {
    entry: 'TIMESTAMP_ADD',
    sql: `SELECT TIMESTAMP_ADD('MONTH', -1, ${TS('2022-03-31 00:00:00')}) AS a, TIMESTAMP_ADD(HOUR, 1, ${TS('2003-01-02 11:59:59')}) AS b`,
    rows: [{ a: iso('2022-02-28 00:00:00'), b: iso('2003-01-02 12:59:59') }],
  },
  {
    // Databricks timestampdiff(YEAR, '2021-01-01', '1900-03-28') = -120 (e6 test vector)
    entry: 'TIMESTAMP_DIFF',
    sql: `SELECT TIMESTAMP_DIFF(${D('1900-03-28')}, ${D('2021-01-01')}, 'YEAR') AS a, TIMESTAMP_DIFF(${TS('2024-01-02 09:00:00')}, ${TS('2024-01-01 10:00:00')}, 'DAY') AS b`,
    rows: [{ a: -120n, b: 0n }],
  },
  {
    entry: 'TO_CHAR',
    sql: `SELECT TO_CHAR(${TS('2024-03-05 07:08:09')}, 'yyyy/MM/dd HH:mm') AS a, TO_CHAR(12) AS b`,
    rows: [{ a: '2024/03/05 07:08', b: '12' }],
  },
  {
    entry: 'TO_DATE',
    sql: "SELECT TO_DATE('2024-02-20') AS a, TO_DATE('20/02/2024', 'dd/MM/yyyy') AS b",
    rows: [{ a: '2024-02-20', b: '2024-02-20' }],
  },
  { entry: 'TO_HEX', sql: 'SELECT TO_HEX(255) AS a', rows: [{ a: 'FF' }] },
  { entry: 'TO_JSON', sql: 'SELECT TO_JSON(ARRAY[1, 2]) AS a', rows: [{ a: '[1,2]' }] },
  {
    entry: 'TO_TIMESTAMP',
    sql: "SELECT TO_TIMESTAMP('2024-02-20 10:11:12') AS a, TO_TIMESTAMP('20.02.2024 10:11', 'dd.MM.yyyy HH:mm') AS b",
    rows: [{ a: iso('2024-02-20 10:11:12'), b: iso('2024-02-20 10:11:00') }],
  },
  {
    entry: 'TO_TIMESTAMP_NTZ',
    sql: "SELECT TO_TIMESTAMP_NTZ('2024-02-20 10:11:12') AS a",
    rows: [{ a: iso('2024-02-20 10:11:12') }],
  },
  {
    entry: 'TO_UNIX_TIMESTAMP',
    sql: `SELECT TO_UNIX_TIMESTAMP(${TS('2024-01-01 00:00:01.5')}) AS a, TO_UNIX_TIMESTAMP('1970-01-02') AS b`,
    rows: [{ a: 1704067201500n, b: 86400000n }],
  },
  {
    entry: 'TO_UTF8',
    sql: "SELECT TO_UTF8('é') AS a",
    rows: [{ a: new Uint8Array([0xc3, 0xa9]) }],
  },
  {
    entry: 'TO_VARCHAR',
    sql: `SELECT TO_VARCHAR(42) AS a, TO_VARCHAR(${D('2024-03-05')}, 'dd.MM.yyyy') AS b`,
    rows: [{ a: '42', b: '05.03.2024' }],
  },
  {
    entry: 'TRIM',
    sql: "SELECT TRIM('  a  ') AS a, TRIM(BOTH 'x' FROM 'xxaxx') AS b, TRIM(LEADING 'x' FROM 'xxaxx') AS c",
    rows: [{ a: 'a', b: 'a', c: 'axx' }],
  },
  {
    entry: 'TRUNC',
    sql: `SELECT TRUNC('MONTH', ${D('2024-05-17')}) AS a, TRUNC(2.7) AS b`,
    rows: [{ a: iso('2024-05-01 00:00:00'), b: '2' }],
  },
  {
    entry: 'TRY_DIVIDE',
    sql: 'SELECT TRY_DIVIDE(1, 0) AS a, TRY_DIVIDE(3, 2) AS b',
    rows: [{ a: null, b: 1.5 }],
  },
  {
    entry: 'TRY_ELEMENT_AT',
    sql: 'SELECT TRY_ELEMENT_AT(ARRAY[1], 5) AS a, TRY_ELEMENT_AT(ARRAY[1, 2], 2) AS b',
    rows: [{ a: null, b: 2 }],
  },
  { entry: 'TYPEOF', sql: "SELECT TYPEOF('hello') AS a", rows: [{ a: 'VARCHAR' }] },
  { entry: 'UNNEST', sql: 'SELECT UNNEST(ARRAY[1, 2]) AS v', rows: [{ v: 1 }, { v: 2 }] },
  { entry: 'UPPER', sql: "SELECT UPPER('äb') AS a", rows: [{ a: 'ÄB' }] },
  {
    entry: 'URL_DECODE',
    sql: "SELECT URL_DECODE('http%3A%2F%2Fspark.apache.org%2Fpath%3Fquery%3D1') AS a",
    rows: [{ a: 'http://spark.apache.org/path?query=1' }],
  },
  {
    entry: 'VARIANCE_SAMP',
    sql: 'SELECT VARIANCE_SAMP(x) AS a FROM (VALUES (1), (3)) t(x)',
    rows: [{ a: 2 }],
  },
  {
    entry: 'VAR_SAMP',
    sql: 'SELECT VAR_SAMP(x) AS a FROM (VALUES (1), (3)) t(x)',
    rows: [{ a: 2 }],
  },
  { entry: 'WEEK', sql: `SELECT WEEK(${D('2024-12-30')}) AS a`, rows: [{ a: 1n }] },
  { entry: 'WEEKDAY', sql: `SELECT WEEKDAY(${D('2024-01-01')}) AS a`, rows: [{ a: 1n }] },
  { entry: 'WEEKISO', sql: `SELECT WEEKISO(${D('2024-12-30')}) AS a`, rows: [{ a: 1n }] },
  { entry: 'WEEKOFYEAR', sql: "SELECT WEEKOFYEAR(TO_DATE('2008-02-20')) AS a", rows: [{ a: 8n }] },
  {
    entry: 'WIDTH_BUCKET',
    sql: 'SELECT WIDTH_BUCKET(5.3, 0.2, 10.6, 5) AS a, WIDTH_BUCKET(-1, 0, 10, 5) AS b, WIDTH_BUCKET(10, 0, 10, 5) AS c',
    rows: [{ a: 3n, b: 0n, c: 6n }],
  },
  { entry: 'YEAR', sql: "SELECT YEAR(TO_DATE('2008-02-20')) AS a", rows: [{ a: 2008n }] },
  // ─── syntax ───
  {
    entry: 'CASE',
    sql: "SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END AS a, CASE 3 WHEN 3 THEN 'x' ELSE 'y' END AS b",
    rows: [{ a: 'b', b: 'x' }],
  },
  {
    entry: 'CAST / TRY_CAST',
    sql: "SELECT CAST('42' AS INT) AS a, CAST(1 AS VARCHAR) AS b, CAST('2.50' AS DECIMAL(10,2)) AS c, CAST('2024-02-29' AS DATE) AS d, TRY_CAST('x' AS BIGINT) AS e, CAST('t' AS BOOLEAN) AS f, CAST(1.5 AS DOUBLE) AS g, CAST('ab' AS VARBINARY) AS h",
    rows: [
      {
        a: 42,
        b: '1',
        c: '2.50',
        d: '2024-02-29',
        e: null,
        f: true,
        g: 1.5,
        h: new Uint8Array([0x61, 0x62]),
      },
    ],
  },
  {
    entry: 'CAST to TIMESTAMP_TZ',
    sql: "SELECT CAST('2024-07-01 10:00:00+05:30' AS TIMESTAMP_TZ) AS a",
    rows: [{ a: iso('2024-07-01 04:30:00') }],
  },
  {
    entry: 'CAST to any other type',
    sql: 'SELECT CAST(1 AS STRING) AS a',
    error: UNSUPPORTED(/CAST to STRING/),
  },
  {
    entry: '`::` casts',
    sql: "SELECT '42'::INT AS a, 1::VARCHAR AS b",
    rows: [{ a: 42, b: '1' }],
  },
  {
    entry: 'DECIMAL(p,s)',
    sql: 'SELECT CAST(1.005 AS DECIMAL(10,2)) AS a, CAST(12345.678 AS DECIMAL(38,3)) * 2 AS b',
    rows: [{ a: '1.01', b: '24691.356' }],
  },
  {
    entry: 'DISTINCT',
    sql: 'SELECT DISTINCT x FROM (VALUES (1), (1), (2)) t(x) ORDER BY x',
    rows: [{ x: 1 }, { x: 2 }],
  },
  {
    entry: 'EXISTS (subquery)',
    sql: 'SELECT EXISTS (SELECT 1 WHERE 1 = 1) AS a, NOT EXISTS (SELECT 1 WHERE 1 = 0) AS b',
    rows: [{ a: true, b: true }],
  },
  {
    entry: 'GROUP BY ALL',
    sql: 'SELECT k, SUM(v) AS s FROM (VALUES (1, 2), (1, 3), (2, 4)) t(k, v) GROUP BY ALL ORDER BY k',
    rows: [
      { k: 1, s: 5n },
      { k: 2, s: 4n },
    ],
  },
  {
    entry: 'GROUPING SETS',
    sql: 'SELECT k, SUM(v) AS s FROM (VALUES (1, 2), (2, 4)) t(k, v) GROUP BY GROUPING SETS ((k), ()) ORDER BY k NULLS LAST',
    rows: [
      { k: 1, s: 2n },
      { k: 2, s: 4n },
      { k: null, s: 6n },
    ],
  },
  {
    entry: 'HAVING',
    sql: 'SELECT k FROM (VALUES (1), (1), (2)) t(k) GROUP BY k HAVING COUNT(*) > 1',
    rows: [{ k: 1 }],
  },
  {
    entry: 'IN (list)',
    sql: 'SELECT 2 IN (1, 2) AS a, 3 IN (SELECT 1) AS b',
    rows: [{ a: true, b: false }],
  },
  {
    entry: 'USING join',
    sql: 'SELECT a.k, a.x, b.y FROM (VALUES (1, 2)) a(k, x) JOIN (VALUES (1, 3)) b(k, y) USING (k)',
    rows: [{ k: 1, x: 2, y: 3 }],
  },
  {
    entry: 'VALUES',
    sql: "VALUES (1, 'a'), (2, 'b')",
    rows: [
      { col0: 1, col1: 'a' },
      { col0: 2, col1: 'b' },
    ],
  },
  {
    entry: 'subscript',
    sql: "SELECT ARRAY[10, 20, 30][1] AS a, MAP['k', 7]['k'] AS b",
    rows: [{ a: 10, b: 7 }],
  },
  {
    entry: 'string literals with backslash escapes',
    sql: "SELECT 'it\\'s' AS a, 'a\\\\b' AS b, 'x''y' AS c, 'tab\\there' AS d",
    rows: [{ a: "it's", b: 'a\\b', c: 'xy', d: 'tab\there' }],
  },
  { entry: '`//` comments', sql: 'SELECT 1 AS a // a comment', rows: [{ a: 1 }] },
  {
    entry: '`--` comments, nested',
    sql: 'SELECT /* outer /* inner */ still outer */ 1 AS a -- trailing',
    rows: [{ a: 1 }],
  },
  {
    entry: 'quoted identifiers',
    sql: 'SELECT 1 AS "a""b", c."name" AS "Name" FROM "local"."demo"."customers" c WHERE c.customer_id = 2',
    rows: [{ 'a"b': 1, Name: 'Lars Bernard' }],
  },
  {
    entry: "INTERVAL 'n UNIT', INTERVAL n UNIT",
    sql: `SELECT ${TS('2024-01-01 00:00:00')} + INTERVAL '5 DAY' AS a, ${TS('2024-01-01 00:00:00')} + INTERVAL 2 HOUR AS b`,
    rows: [{ a: iso('2024-01-06 00:00:00'), b: iso('2024-01-01 02:00:00') }],
  },
  {
    entry: "INTERVAL expr 'UNIT'",
    sql: `SELECT ${TS('2024-01-01 00:00:00')} + INTERVAL "n" 'WEEK' AS a, ${TS('2024-01-01 00:00:00')} + INTERVAL (n + 1) 'DAY' AS b FROM (SELECT 2 AS n)`,
    rows: [{ a: iso('2024-01-15 00:00:00'), b: iso('2024-01-04 00:00:00') }],
  },
  {
    entry: "INTERVAL 'a-b' YEAR TO MONTH",
    sql: `SELECT ${D('2024-01-31')} + INTERVAL '1-2' YEAR TO MONTH AS a, ${TS('2024-01-01 00:00:00')} + INTERVAL '1 02:03:04' DAY TO SECOND AS b`,
    rows: [{ a: iso('2025-03-31 00:00:00'), b: iso('2024-01-02 02:03:04') }],
  },
  {
    entry: 'typed literals',
    sql: "SELECT DATE '2024-02-29' AS a, TIMESTAMP '2024-02-29 10:00:00' AS b",
    rows: [{ a: '2024-02-29', b: iso('2024-02-29 10:00:00') }],
  },
  {
    entry: 'variant path',
    sql:
      `SELECT j:name::VARCHAR AS a, j:items[1].qty::INT AS b, j:"odd key"::VARCHAR AS c, j:items AS d, ` +
      `PARSE_JSON('[{"id":7}]'):[0]:id::INT AS e FROM (SELECT PARSE_JSON('{"name":"Ada","items":[{"qty":1},{"qty":2}],"odd key":"x"}') AS j)`,
    rows: [{ a: 'Ada', b: 2, c: 'x', d: '[{"qty":1},{"qty":2}]', e: 7 }],
  },
  {
    entry: 'a single `:`',
    sql: 'SELECT x : 1 AS a FROM (SELECT 1 AS x)',
    error: UNSUPPORTED(/variant path/),
  },
  {
    entry: 'lambda',
    sql: 'SELECT FILTER_ARRAY(ARRAY[1, 2, 3], x -> x % 2 = 1) AS a, REDUCE(ARRAY[2, 3], 1, (acc, x) -> acc * x) AS b',
    rows: [{ a: '[1, 3]', b: 6 }],
  },
  {
    entry: 'TRANSFORM(array',
    sql: 'SELECT ARRAY_SLICE(TRANSFORM(SEQUENCE(1, 6), x -> x * 2), 2, 3 + 2) AS a',
    rows: [{ a: '[4, 6, 8]' }],
  },
  {
    entry: 'LATERAL VIEW',
    sql: 'SELECT t.id, e.v FROM (VALUES (1, ARRAY[10, 20]), (2, ARRAY[])) t(id, arr) LATERAL VIEW EXPLODE(arr) e AS v ORDER BY v',
    rows: [
      { id: 1, v: 10 },
      { id: 1, v: 20 },
    ],
  },
  {
    entry: 'TABLE(FLATTEN(',
    sql: 'SELECT f.index AS i, f.value::INT AS v FROM TABLE(FLATTEN(input => ARRAY[5, 6])) f ORDER BY i',
    rows: [
      { i: 0n, v: 5 },
      { i: 1n, v: 6 },
    ],
  },
  {
    entry: 'FLATTEN options',
    sql: "SELECT * FROM TABLE(FLATTEN(input => ARRAY[1], path => 'a'))",
    error: UNSUPPORTED(/FLATTEN PATH/),
  },
  {
    entry: 'MAP[k, v',
    sql: "SELECT MAP['a', 1, 'b', 2]['b'] AS a, CARDINALITY(MAP_KEYS(MAP['a', 1])) AS b",
    rows: [{ a: 2, b: 1n }],
  },
  {
    entry: 'MAP(keys_array',
    sql: "SELECT MAP(ARRAY['a', 'b'], ARRAY[1, 2])['b'] AS a",
    rows: [{ a: 2 }],
  },
  { entry: 'ARRAY[…]', sql: 'SELECT ARRAY[1, 2] AS a', rows: [{ a: '[1, 2]' }] },
  {
    entry: 'DuckDB `{…}`',
    sql: "SELECT {'a': 1} AS s",
    error: UNSUPPORTED(/\{…\} literal/),
  },
  {
    entry: 'LISTAGG(…) WITHIN GROUP',
    sql: "SELECT LISTAGG(x, ',') WITHIN GROUP (ORDER BY x DESC) AS a FROM (VALUES ('a'), ('b')) t(x)",
    rows: [{ a: 'b,a' }],
  },
  {
    entry: 'unit as a bare word',
    sql: `SELECT DATE_TRUNC(YEAR, ${D('2024-05-17')}) AS a, DATE_DIFF(${D('2024-01-10')}, ${D('2024-01-01')}, DAY) AS b`,
    rows: [{ a: iso('2024-01-01 00:00:00'), b: 9n }],
  },
  {
    entry: 'text dates in date functions',
    sql: "SELECT DATE_TRUNC('YEAR', '2015-03-04') AS a, HOUR('2009-07-30 12:58:59') AS b, DATE_ADD('DAY', 1, '2024-02-28') AS c",
    rows: [{ a: iso('2015-01-01 00:00:00'), b: 12n, c: iso('2024-02-29 00:00:00') }],
  },
  {
    entry: 'date functions with a non-literal unit',
    sql: "SELECT DATE_DIFF(u, CAST('2024-01-01' AS DATE), CAST('2024-01-02' AS DATE)) AS a FROM (SELECT 'DAY' AS u)",
    error: UNSUPPORTED(/DATE_DIFF with a non-literal unit/),
  },
  {
    entry: 'FILTER (WHERE',
    sql: 'SELECT COUNT(*) FILTER(WHERE x > 1) AS a FROM (VALUES (1), (2), (3)) t(x)',
    rows: [{ a: 2n }],
  },
  {
    entry: 'window functions',
    sql: 'SELECT x, SUM(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM (VALUES (1), (2), (3)) t(x) ORDER BY x',
    rows: [
      { x: 1, s: 1n },
      { x: 2, s: 3n },
      { x: 3, s: 5n },
    ],
  },
  {
    entry: 'UNION / INTERSECT',
    sql: 'SELECT * FROM (SELECT 1 AS a UNION ALL SELECT 1 UNION ALL (SELECT 2 INTERSECT SELECT 2) UNION ALL (SELECT 3 EXCEPT SELECT 3)) ORDER BY a',
    rows: [{ a: 1 }, { a: 1 }, { a: 2 }],
  },
  {
    entry: 'WITH, WITH RECURSIVE',
    sql: 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT SUM(n) AS s FROM r',
    rows: [{ s: 6n }],
  },
  {
    entry: 'LIMIT n OFFSET m',
    sql: 'SELECT x FROM (VALUES (1), (2), (3)) t(x) ORDER BY x LIMIT 1 OFFSET 1',
    rows: [{ x: 2 }],
  },
  {
    entry: 'ORDER BY … ASC|DESC NULLS',
    sql: 'SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x DESC NULLS FIRST',
    rows: [{ x: null }, { x: 2 }, { x: 1 }],
  },
  {
    entry: '= SOME (subquery)',
    sql: 'SELECT 2 = SOME (SELECT 2) AS a, 3 = ANY (SELECT 2) AS b',
    rows: [{ a: true, b: false }],
  },
  {
    entry: 'ILIKE, LIKE',
    sql: "SELECT 'ABC' ILIKE 'a%' AS a, 'abc' LIKE 'a_c' AS b, 2 BETWEEN 1 AND 3 AS c, NULL IS NULL AS d, 1 IS DISTINCT FROM NULL AS e",
    rows: [{ a: true, b: true, c: true, d: true, e: true }],
  },
  {
    entry: '`||` concatenation',
    sql: "SELECT 'a' || 'b' AS a, 'a' || NULL AS b",
    rows: [{ a: 'ab', b: null }],
  },
  {
    entry: 'PIVOT',
    sql: "SELECT * FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) t(k, v) PIVOT (SUM(v) FOR k IN ('a', 'b'))",
    rows: [{ a: 4n, b: 2n }],
  },
  {
    entry: '`%` modulo',
    sql: 'SELECT 7 % 3 AS a, 1 != 2 AS b, 1 <> 1 AS c',
    rows: [{ a: 1, b: true, c: false }],
  },
]

const entryOf = (key: string) => {
  const matches = E6_CATALOGUE.filter((e) => e.name === key || e.name.startsWith(key))
  const exact = matches.find((e) => e.name === key)
  return exact ?? (matches.length === 1 ? matches[0] : undefined)
}

describe('e6 SQL catalogue on the local engine', () => {
  const env = useEngine({ bigTableRows: 1_000 })

  it('covers every name of e6’s function table and supported-function list', () => {
    const names = new Set(E6_CATALOGUE.map((e) => e.name))
    const missing = E6_SOURCE_NAMES.filter((n) => {
      const syntax = SYNTAX_OF[n]
      return syntax === undefined ? !names.has(n) : entryOf(syntax) === undefined
    })
    expect(missing).toEqual([])
    expect(E6_SOURCE_NAMES).toHaveLength(216)
  })

  it('has a case for every catalogue entry, and an error case exactly for the unsupported ones', () => {
    const cased = new Map<string, Case[]>()
    for (const c of CASES) {
      const entry = entryOf(c.entry)
      expect(entry, `case ${c.entry} names no single catalogue entry`).toBeDefined()
      const list = cased.get(entry?.name ?? '') ?? []
      list.push(c)
      cased.set(entry?.name ?? '', list)
    }
    for (const entry of E6_CATALOGUE) {
      const cases = cased.get(entry.name) ?? []
      expect(cases.length, `no case for ${entry.name}`).toBeGreaterThan(0)
      for (const c of cases) {
        expect(c.error !== undefined, `${entry.name}: ${entry.status}`).toBe(
          entry.status === 'unsupported',
        )
      }
    }
  })

  for (const c of CASES) {
    it(`${c.error ? 'refuses' : 'runs'}: ${c.entry}`, async () => {
      if (c.error) {
        await expect(env.client.query(c.sql)).rejects.toThrow(c.error)
        return
      }
      const { rows } = await env.client.query(c.sql, [], { timestampAs: 'iso' })
      expect(rows).toEqual(c.rows)
    })
  }
})
