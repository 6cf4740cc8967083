import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The floors of the house (README "Layout"): a folder may import only the floors listed for it,
// and only through the other folder's index.ts (generated stubs have no index).
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  generated: [],
  wire: ['errors'],
  sql: ['errors', 'wire'],
  driver: ['errors', 'generated', 'wire', 'sql'],
  local: ['errors', 'generated', 'wire', 'sql'],
  introspection: ['errors', 'wire', 'sql', 'driver'],
  dialect: ['errors', 'wire', 'sql', 'driver', 'introspection'],
  helpers: ['errors'],
  codegen: ['errors', 'wire', 'sql', 'driver', 'introspection', 'dialect'],
  cli: ['errors', 'wire', 'sql', 'driver', 'local', 'introspection', 'dialect', 'codegen'],
}

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** `errors` for src/errors.ts, the folder name for src/<folder>/…, null for top-level entries. */
function floorOf(path: string): string | null {
  const rel = relative(SRC, path).split('/')
  if (rel.length === 1) return rel[0] === 'errors.ts' ? 'errors' : null
  return rel[0] ?? null
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8')
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string)
}

describe('architecture: import directions', () => {
  const violations: string[] = []
  for (const file of files(SRC)) {
    const from = floorOf(file)
    if (from === 'generated') continue
    for (const spec of imports(file)) {
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'))
      const to = floorOf(target)
      if (to === from || to === null) {
        if (to === null && from !== null)
          violations.push(`${relative(SRC, file)} → ${spec} (top-level entry)`)
        continue
      }
      const where = relative(SRC, file)
      if (from !== null && !(ALLOWED[from] ?? []).includes(to)) {
        violations.push(`${where} → ${spec} (${from} may not import ${to})`)
      }
      const isIndex = to === 'errors' || to === 'generated' || target.endsWith('/index.ts')
      if (!isIndex) violations.push(`${where} → ${spec} (deep import into ${to}/)`)
    }
  }

  it('every import follows the floors and enters a folder through its index.ts', () => {
    expect(violations).toEqual([])
  })

  it('knows every folder of src/', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory())
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([])
  })
})
