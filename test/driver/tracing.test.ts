import { describe, expect, it } from 'vitest'
import { operationName, sanitizeQueryText } from '../../src/driver/query-text.js'
import { NOOP_SPAN, Tracing } from '../../src/driver/tracing.js'

describe('query text for spans', () => {
  it('replaces string and numeric literals by ? and drops comments', () => {
    expect(
      sanitizeQueryText(
        "select a1, 'x''y' as s, 3.5e2, .5, -7 from t2 where d = DATE '2024-01-01' -- secret\n and n in (1, 2) /* x */",
        'standard',
      ),
    ).toBe('select a1, ? as s, ?, ?, -? from t2 where d = DATE ? and n in (?, ?)')
    expect(sanitizeQueryText("select 'it\\'s' as \"col 1\"", 'backslash')).toBe(
      'select ? as "col 1"',
    )
  })

  it('names the operation after the first keyword', () => {
    expect(operationName('select 1')).toBe('SELECT')
    expect(operationName('\n WITH x AS (select 1) select * from x')).toBe('SELECT')
    expect(operationName('values (1)')).toBe('VALUES')
  })
})

describe('Tracing without a tracer', () => {
  const settings = {
    host: 'h',
    port: 1,
    catalog: 'c',
    database: 'd',
    queryText: 'sanitized',
    stringEscape: 'backslash',
  } as const
  it('hands out the shared no-op span and no RPC span (nothing allocated per operation or RPC)', () => {
    for (const tracer of [undefined, false] as const) {
      const t = new Tracing({ ...settings, tracer })
      expect(t.operation('query', 'select 1')).toBe(NOOP_SPAN)
      expect(t.recording(NOOP_SPAN)).toBe(false)
      expect(t.rpc(NOOP_SPAN, 'prepareStatementV2', 1, 'blue', undefined)).toBeUndefined()
      expect(t.rpc(undefined, 'authenticate', 1, undefined, undefined)).toBeUndefined()
    }
  })
})
