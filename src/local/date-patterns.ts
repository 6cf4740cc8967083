/**
 * e6 date patterns → DuckDB `strftime`/`strptime` formats, converted once at translation time.
 * Java patterns are what FORMAT_DATE, TO_CHAR, TO_DATE, … take (e6's `TIME_MAPPING`); MySQL-style
 * `%` patterns what PARSE_DATE/DATETIME/TIMESTAMP take (`TIME_MAPPING_FOR_PARSE_FUNCTIONS`).
 *
 * @module
 */

/** Reported by the translator as UNSUPPORTED, naming the element. */
export class PatternError extends Error {
  readonly element: string

  constructor(element: string, pattern: string) {
    super(`date pattern element ${JSON.stringify(element)} in ${JSON.stringify(pattern)}`)
    this.name = 'PatternError'
    this.element = element
  }
}

/** strftime / strptime per Java letter run (`format` output may drop padding, `parse` may not). */
const JAVA: Readonly<Record<string, { format: string; parse: string }>> = {
  y: { format: '%Y', parse: '%Y' },
  yyy: { format: '%Y', parse: '%Y' },
  yyyy: { format: '%Y', parse: '%Y' },
  yy: { format: '%y', parse: '%y' },
  MMMM: { format: '%B', parse: '%B' },
  MMM: { format: '%b', parse: '%b' },
  MM: { format: '%m', parse: '%m' },
  M: { format: '%-m', parse: '%m' },
  dd: { format: '%d', parse: '%d' },
  d: { format: '%-d', parse: '%d' },
  DDD: { format: '%j', parse: '%j' },
  D: { format: '%-j', parse: '%j' },
  HH: { format: '%H', parse: '%H' },
  H: { format: '%-H', parse: '%H' },
  hh: { format: '%I', parse: '%I' },
  h: { format: '%-I', parse: '%I' },
  mm: { format: '%M', parse: '%M' },
  m: { format: '%-M', parse: '%M' },
  ss: { format: '%S', parse: '%S' },
  s: { format: '%-S', parse: '%S' },
  SSS: { format: '%g', parse: '%g' },
  SSSSSS: { format: '%f', parse: '%f' },
  a: { format: '%p', parse: '%p' },
  EEEE: { format: '%A', parse: '%A' },
  EEE: { format: '%a', parse: '%a' },
  EE: { format: '%a', parse: '%a' },
  E: { format: '%a', parse: '%a' },
  u: { format: '%u', parse: '%u' },
  Z: { format: '%z', parse: '%z' },
  z: { format: '%Z', parse: '%Z' },
}

/** @throws {@link PatternError} for letters DuckDB has no equivalent for (e.g. `w`, `S`, `G`). */
export function javaPatternToStrftime(pattern: string, mode: 'format' | 'parse'): string {
  let out = ''
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] as string
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1)
      if (end === i + 1) {
        out += "'"
        i += 2
        continue
      }
      if (end === -1) throw new PatternError("'", pattern)
      out += pattern.slice(i + 1, end).replaceAll('%', '%%')
      i = end + 1
      continue
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i
      while (pattern[j] === c) j++
      let run = pattern.slice(i, j)
      if (c === 'M' && run.length > 4) run = 'MMMM'
      if (c === 'E' && run.length > 4) run = 'EEEE'
      if (c === 'y' && run.length > 4) run = 'yyyy'
      const mapped = JAVA[run]
      if (mapped === undefined) throw new PatternError(run, pattern)
      out += mapped[mode]
      i = j
      continue
    }
    out += c === '%' ? '%%' : c
    i++
  }
  return out
}

/** MySQL-style specifiers of e6's PARSE_* functions → strptime. */
const MYSQL: Readonly<Record<string, string>> = {
  Y: '%Y',
  y: '%y',
  m: '%m',
  c: '%m',
  d: '%d',
  e: '%d',
  H: '%H',
  k: '%H',
  h: '%I',
  I: '%I',
  l: '%I',
  i: '%M',
  s: '%S',
  S: '%S',
  f: '%f',
  b: '%b',
  M: '%B',
  a: '%a',
  W: '%A',
  j: '%j',
  p: '%p',
  T: '%H:%M:%S',
  r: '%I:%M:%S %p',
  '%': '%%',
}

/** @throws {@link PatternError} for specifiers without a strptime equivalent. */
export function mysqlPatternToStrptime(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c !== '%') {
      out += c
      continue
    }
    const spec = pattern[++i]
    const mapped = spec === undefined ? undefined : MYSQL[spec]
    if (mapped === undefined) throw new PatternError(`%${spec ?? ''}`, pattern)
    out += mapped
  }
  return out
}
