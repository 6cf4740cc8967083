/**
 * Line counts and comment ratio per source folder, so the comment weight can be re-measured.
 * A line is a comment line when it is not blank and holds no code token (a trailing comment
 * after code counts as code); the ratio is comment lines / all lines.
 *
 * Usage: `tsx scripts/code-stats.ts [dir …]` (default `src`; `src/generated` is skipped).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/** Counts of one file or folder. */
export interface LineStats {
  files: number
  lines: number
  blank: number
  comment: number
  examples: number
}

/** Line statistics of one TypeScript source text. */
export function statsOf(text: string, fileName = 'file.ts'): LineStats {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const code = new Uint8Array(lines.length)
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode)
      return
    const children = node.getChildren(sf)
    if (children.length === 0) {
      if (node.kind === ts.SyntaxKind.EndOfFileToken) return
      const from = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line
      const to = sf.getLineAndCharacterOfPosition(node.getEnd()).line
      for (let l = from; l <= to; l++) code[l] = 1
      return
    }
    for (const child of children) visit(child)
  }
  visit(sf)
  let blank = 0
  let comment = 0
  lines.forEach((line, i) => {
    if (line.trim() === '') blank++
    else if (code[i] === 0) comment++
  })
  const examples = text.match(/@example\b/g)?.length ?? 0
  return { files: 1, lines: lines.length, blank, comment, examples }
}

function add(a: LineStats, b: LineStats): LineStats {
  return {
    files: a.files + b.files,
    lines: a.lines + b.lines,
    blank: a.blank + b.blank,
    comment: a.comment + b.comment,
    examples: a.examples + b.examples,
  }
}

const EMPTY: LineStats = { files: 0, lines: 0, blank: 0, comment: 0, examples: 0 }

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return path.endsWith(join('src', 'generated')) ? [] : tsFiles(path)
    return e.name.endsWith('.ts') ? [path] : []
  })
}

/** Stats per folder directly under `root` (files in `root` itself grouped as `<root>/*.ts`). */
export function statsByFolder(root: string): Map<string, LineStats> {
  const out = new Map<string, LineStats>()
  for (const file of tsFiles(root)) {
    const rel = relative(root, file).split(/[\\/]/)
    const key = rel.length === 1 ? `${root}/*.ts` : `${root}/${rel[0]}`
    out.set(key, add(out.get(key) ?? EMPTY, statsOf(readFileSync(file, 'utf8'), file)))
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)))
}

function pct(n: number, of: number): string {
  return of === 0 ? '-' : `${((100 * n) / of).toFixed(1)} %`
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const roots = process.argv.slice(2)
  const header = [
    'folder',
    'files',
    'lines',
    'code',
    'comment',
    'blank',
    'comment ratio',
    '@example',
  ]
  const rows: string[][] = []
  let total = EMPTY
  for (const root of roots.length > 0 ? roots : ['src']) {
    for (const [folder, s] of statsByFolder(root)) {
      total = add(total, s)
      const code = s.lines - s.comment - s.blank
      rows.push(
        [
          folder,
          s.files,
          s.lines,
          code,
          s.comment,
          s.blank,
          pct(s.comment, s.lines),
          s.examples,
        ].map(String),
      )
    }
  }
  const code = total.lines - total.comment - total.blank
  rows.push(
    [
      'total',
      total.files,
      total.lines,
      code,
      total.comment,
      total.blank,
      pct(total.comment, total.lines),
      total.examples,
    ].map(String),
  )
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(fmt(header))
  for (const r of rows) console.log(fmt(r))
}
