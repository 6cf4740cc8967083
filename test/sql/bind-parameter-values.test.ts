import { describe, expect, it } from 'vitest'
import { bindParameterValues } from '../../src/sql/index.js'

describe('bindParameterValues: numbers get the narrowest exact type', () => {
  it.each([
    [0, 'INTEGER', '0'],
    [-7, 'INTEGER', '-7'],
    [2147483647, 'INTEGER', '2147483647'],
    [-2147483648, 'INTEGER', '-2147483648'],
    [2147483648, 'BIGINT', '2147483648'],
    [-2147483649, 'BIGINT', '-2147483649'],
    [Number.MAX_SAFE_INTEGER, 'BIGINT', '9007199254740991'],
    [2 ** 60, 'DOUBLE', String(2 ** 60)],
    [1.5, 'DOUBLE', '1.5'],
    [12n, 'BIGINT', '12'],
  ])('%s → %s', (value, type, text) => {
    expect(bindParameterValues([value])).toEqual([{ index: 1, type, value: text }])
  })
})
