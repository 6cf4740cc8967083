import { describe, expect, it } from 'vitest'
import { cellText, displayWidth, jsonValue } from '../../src/cli/cell-text.js'
import { parseParam } from '../../src/cli/parse-param.js'
import { parsePlan, renderPlanTree } from '../../src/cli/plan-tree.js'
import { createResultWriter, type OutputFormat } from '../../src/cli/result-writer.js'
import { splitStatements } from '../../src/cli/split-statements.js'
import type { ColumnDescriptor } from '../../src/driver/index.js'
import { decimal } from '../../src/sql/index.js'

const col = (name: string, typeName: string): ColumnDescriptor => ({
  name,
  typeName,
  zone: '',
  format: '',
})
const COLUMNS = [col('id', 'LONG'), col('price', 'DECIMAL128'), col('note', 'STRING')]
const ROWS = [
  [9223372036854775807n, '-12.340', 'a,"b"\nc'],
  [1n, null, ''],
  [-1n, '0.000', 'tab\there\\'],
]

function render(format: OutputFormat, streaming = false): string {
  let out = ''
  const w = createResultWriter(format, (t) => (out += t), { streaming })
  w.columns(COLUMNS)
  w.rows(ROWS.slice(0, 1))
  w.rows(ROWS.slice(1))
  w.end()
  return out
}

describe('output formats', () => {
  it('csv quotes what needs quoting, keeps empty strings distinct from NULL', () => {
    expect(render('csv')).toBe(
      'id,price,note\n9223372036854775807,-12.340,"a,""b""\nc"\n1,,""\n-1,0.000,tab\there\\\n',
    )
  })

  it('tsv escapes tab, newline, CR, backslash and NUL; NULL is \\N', () => {
    expect(render('tsv')).toBe(
      'id\tprice\tnote\n9223372036854775807\t-12.340\ta,"b"\\nc\n1\t\\N\t\n-1\t0.000\ttab\\there\\\\\n',
    )
  })

  it('json and ndjson keep int64 and decimals exact as bare numbers', () => {
    expect(render('ndjson')).toBe(
      '{"id":9223372036854775807,"price":-12.340,"note":"a,\\"b\\"\\nc"}\n' +
        '{"id":1,"price":null,"note":""}\n{"id":-1,"price":0.000,"note":"tab\\there\\\\"}\n',
    )
    const json = render('json')
    expect(json.startsWith('[\n{"id":9223372036854775807,')).toBe(true)
    expect(json.endsWith('}\n]\n')).toBe(true)
    let empty = ''
    const w = createResultWriter('json', (t) => (empty += t))
    w.columns(COLUMNS)
    w.end()
    expect(JSON.parse(empty)).toEqual([])
  })

  it('json: duplicate column names get suffixes, non-finite doubles become strings', () => {
    let out = ''
    const w = createResultWriter('ndjson', (t) => (out += t))
    w.columns([col('a', 'DOUBLE'), col('a', 'DOUBLE'), col('b', 'BINARY')])
    w.rows([[Number.NaN, Number.NEGATIVE_INFINITY, new Uint8Array([0, 255])]])
    expect(out).toBe('{"a":"NaN","a_2":"-Infinity","b":"\\\\x00ff"}\n')
  })

  it('table aligns by display width, right-aligns numbers and shows NULL', () => {
    expect(render('table')).toBe(
      [
        ' id                  | price   | note',
        '---------------------+---------+------------',
        ' 9223372036854775807 | -12.340 | a,"b"\\nc',
        '                   1 |    NULL |',
        '                  -1 |   0.000 | tab\\there\\',
        '',
      ].join('\n'),
    )
    let out = ''
    const w = createResultWriter('table', (t) => (out += t))
    w.columns([col('s', 'STRING'), col('n', 'INTEGER')])
    w.rows([
      ['漢字', 1],
      ['ab', 22],
    ])
    w.end()
    expect(out.split('\n').slice(2, 4)).toEqual([' 漢字 |  1', ' ab   | 22'])
  })

  it('streaming table prints each chunk and repeats the header when widths grow', () => {
    const lines = render('table', true).split('\n')
    expect(lines[0]).toBe(' id                  | price   | note')
    expect(lines.filter((l) => l.startsWith(' id')).length).toBe(2)
  })

  it('cell text is exact', () => {
    expect(cellText(-0)).toBe('-0')
    expect(cellText(0.1)).toBe('0.1')
    expect(cellText(new Uint8Array([1, 2]))).toBe('\\x0102')
    expect(jsonValue('007', 'STRING')).toBe('"007"')
    expect(jsonValue('1e5', 'DECIMAL128')).toBe('"1e5"')
    expect(displayWidth('e\u0301')).toBe(1)
    expect(displayWidth('😀')).toBe(2)
  })
})

describe('--param', () => {
  it('infers exact integers and decimals, booleans and null; strings otherwise', () => {
    expect(parseParam('42')).toBe(42n)
    expect(parseParam('-9223372036854775809')).toBe(-9223372036854775809n)
    expect(parseParam('12.30')).toEqual(decimal('12.30'))
    expect(parseParam('true')).toBe(true)
    expect(parseParam('null')).toBe(null)
    expect(parseParam("it's")).toBe("it's")
    expect(parseParam('http://x')).toBe('http://x')
    expect(parseParam('1e3')).toBe('1e3')
  })

  it('typed values', () => {
    expect(parseParam('string:42')).toBe('42')
    expect(parseParam('int:7')).toBe(7n)
    expect(parseParam('number:1.5')).toBe(1.5)
    expect(parseParam('decimal:+1.10')).toEqual(decimal('1.10'))
    expect(parseParam('bool:false')).toBe(false)
    expect(parseParam('date:2024-02-29')).toBe('2024-02-29')
    expect(parseParam('timestamp:2024-01-02 03:04:05')).toEqual(new Date('2024-01-02T03:04:05Z'))
    expect(parseParam('null:')).toBe(null)
    expect(() => parseParam('int:1.5')).toThrow(/expected an integer/)
    expect(() => parseParam('number:NaN')).toThrow(/finite/)
    expect(() => parseParam('timestamp:soon')).toThrow(/ISO 8601/)
  })
})

describe('splitStatements', () => {
  it('splits at ; outside strings, identifiers and comments', () => {
    expect(
      splitStatements(`select ';' as "a;b"; -- c;\nselect 2;;\nselect /* ; */ 3`, 'backslash'),
    ).toEqual({
      statements: [`select ';' as "a;b"`, '-- c;\nselect 2'],
      rest: '\nselect /* ; */ 3',
    })
    expect(splitStatements("select 'it\\';", 'backslash').statements).toEqual([])
    expect(splitStatements("select 'it\\';", 'standard').statements).toEqual(["select 'it\\'"])
  })
})

const DUCKDB_JOIN = `┌───────────────────────────┐
│         PROJECTION        │
│    ────────────────────   │
│__internal_decompress_strin│
│           g(#0)           │
│                           │
│          ~9 rows          │
└─────────────┬─────────────┘
┌─────────────┴─────────────┐
│         HASH_JOIN         │
│    ────────────────────   │
│      Join Type: INNER     │
│        Conditions:        ├──────────────┐
│ customer_id = customer_id │              │
│                           │              │
│       ~1,877 rows         │              │
└─────────────┬─────────────┘              │
┌─────────────┴─────────────┐┌─────────────┴─────────────┐
│         SEQ_SCAN          ││         SEQ_SCAN          │
│    ────────────────────   ││    ────────────────────   │
│           Table:          ││           Table:          │
│     "local".demo.orders   ││  "local".demo.customers   │
│                           ││                           │
│       ~10,000 rows        ││         ~200 rows         │
└───────────────────────────┘└───────────────────────────┘
`

describe('plan tree', () => {
  it("parses DuckDB's box drawing into operators, children and figures", () => {
    expect(renderPlanTree(parsePlan(DUCKDB_JOIN) ?? [])).toBe(
      [
        'PROJECTION  [~9 rows]',
        '│   __internal_decompress_string(#0)',
        '└── HASH_JOIN  [~1,877 rows]',
        '    │   Join Type: INNER',
        '    │   Conditions: customer_id = customer_id',
        '    ├── SEQ_SCAN  [~10,000 rows]',
        '    │       Table: "local".demo.orders',
        '    └── SEQ_SCAN  [~200 rows]',
        '            Table: "local".demo.customers',
        '',
      ].join('\n'),
    )
  })

  it('renders JSON operator trees with their figures', () => {
    const plan = {
      operator: 'Aggregate',
      rows: 1,
      children: [{ operator: 'Scan', table: 'orders', rows: 10_000, time_ms: 4.5, children: [] }],
    }
    expect(renderPlanTree(parsePlan(JSON.stringify(plan)) ?? [])).toBe(
      'Aggregate  [rows=1]\n└── Scan  [rows=10000, time_ms=4.5]\n        table: orders\n',
    )
    expect(parsePlan('LogicalProject(a=[$0])\n  LogicalTableScan')).toBeUndefined()
  })
})
