/**
 * Property: for random strings heavy in quote, backslash, comment markers, CR, LF and `?`, placed
 * into random SQL shapes, the statement the client sends (rule measured, as with `'auto'`) lexes
 * under the engine's rule — with the one shared lexer — so that every value is exactly one string
 * literal holding exactly that value, and the template's code, comments and literals are unchanged.
 * A sample also runs through the local engine's translator on DuckDB.
 */

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareStatement } from '../../src/sql/interpolate-parameters.js'
import { renderLiteral } from '../../src/sql/literal-renderer.js'
import { normalizeStatement } from '../../src/sql/normalize-statement.js'
import type { StringEscapeMode } from '../../src/sql/string-escape.js'
import { type SqlSegment, tokenizeSql } from '../../src/sql/tokenize-sql.js'
import { DuckDbProbe, toDuckDbSql } from './duckdb-probe.js'

const RULES: readonly StringEscapeMode[] = ['backslash', 'standard']
const PIECES = [
  "'",
  "''",
  '\\',
  "\\'",
  '\\\\',
  '*/',
  '/*',
  '--',
  '//',
  '\r',
  '\n',
  '\r\n',
  '?',
  '"',
  ';',
  ' ',
  'a',
  'OR 1=1',
  '$$',
  'E',
  '\t',
  'é',
  '😀',
] as const

/** Strings made mostly of dangerous pieces, plus some arbitrary Unicode. */
const hostileString = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\0')),
  },
)

/** One fragment of a template: code around placeholders, or a fixed token. */
type Fragment =
  | {
      readonly kind: 'placeholder'
      readonly value: string
      readonly form: 'scalar' | 'list' | 'negated'
    }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'text'; readonly text: string }

const fragment: fc.Arbitrary<Fragment> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('placeholder' as const),
      value: hostileString,
      form: fc.constantFrom('scalar' as const, 'list' as const, 'negated' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('literal' as const), value: hostileString }),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        ' , ',
        ' = ',
        ' || ',
        ' - ',
        '-',
        '(',
        ')',
        ' as v ',
        ' /* ? */ ',
        ' /* /* ? */ ? */ ',
        ' -- ? \n',
        ' -- ? \r',
        ' // ? \r\n',
        '-- ?\r',
        ' "?" ',
        ' "a""b?" ',
        '\n',
        'x',
      )
      .map((text) => ({ kind: 'text' as const, text })),
  },
)

/** The template, its values in placeholder order, and the string values it holds in order. */
function build(fragments: readonly Fragment[], rule: StringEscapeMode) {
  let sql = 'select '
  const params: unknown[] = []
  const strings: string[] = []
  for (const f of fragments) {
    sql += ' ' // fragments never glue into new tokens (such as -- from - and -)
    if (f.kind === 'placeholder') {
      sql += f.form === 'negated' ? '-?' : '?'
      params.push(f.form === 'list' ? [f.value, 'x'] : f.value)
      strings.push(...(f.form === 'list' ? [f.value, 'x'] : [f.value]))
    } else if (f.kind === 'literal') {
      sql += ` ${renderLiteral(f.value, { stringEscape: rule })} `
      strings.push(f.value)
    } else {
      sql += f.text
    }
  }
  return { sql, params, strings }
}

/** An independent reading of a literal body under each rule (the oracle). */
function decode(body: string, rule: StringEscapeMode): string {
  if (rule === 'standard') return body.replaceAll("''", "'")
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t' }
  return body.replace(/\\([\s\S])/g, (_, c: string) => simple[c] ?? c)
}

function significant(sql: string, segments: readonly SqlSegment[], kind: SqlSegment['kind']) {
  return segments.filter((s) => s.kind === kind).map((s) => sql.slice(s.start, s.end))
}

describe('every rendered value is exactly one literal token under the engine rule', () => {
  for (const rule of RULES) {
    it(`${rule}-rule engine, rule measured by the client`, () => {
      fc.assert(
        fc.property(fc.array(fragment, { maxLength: 10 }), (fragments) => {
          const { sql, params, strings } = build(fragments, rule)
          const prepared = prepareStatement(sql, params, { bind: false })
          const normal = normalizeStatement(sql, { stringEscape: rule })
          const template = tokenizeSql(normal, { stringEscape: rule })
          const sent = prepared.finish(rule).sql
          const segments = tokenizeSql(sent, { stringEscape: rule })
          expect(segments.every((s) => s.terminated && !s.ambiguous)).toBe(true)
          // the values and the template's own literals, in order, each one token
          const literals = significant(sent, segments, 'string').map((t) =>
            decode(t.slice(1, -1), rule),
          )
          expect(literals).toEqual(strings)
          // nothing else changed: comments and identifiers as written, code minus the ?s
          expect(significant(sent, segments, 'comment')).toEqual(
            significant(normal, template, 'comment'),
          )
          expect(significant(sent, segments, 'identifier')).toEqual(
            significant(normal, template, 'identifier'),
          )
          const code = (text: string, s: readonly SqlSegment[]) =>
            significant(text, s, 'code')
              .join('')
              .replace(/[\s?,()x-]/g, '')
          expect(code(sent, segments)).toBe(code(normal, template))
        }),
        { numRuns: 400 },
      )
    })
  }
})

describe('…and the engine reads them back exactly (local translator on DuckDB)', () => {
  let duck: DuckDbProbe
  beforeAll(async () => {
    duck = await DuckDbProbe.open()
  })
  afterAll(() => duck.close())

  for (const rule of RULES) {
    it(`${rule} rule`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileString, { minLength: 1, maxLength: 4 }),
          async (values) => {
            const sql = `select ${values.map((_, i) => `? as v${i} /* ${i} */`).join(', ')}`
            const sent = prepareStatement(sql, values, { bind: false }).finish(rule).sql
            const [row] = await duck.rows(toDuckDbSql(sent, rule))
            expect(row).toEqual(values)
          },
        ),
        { numRuns: 60 },
      )
    })
  }
})
