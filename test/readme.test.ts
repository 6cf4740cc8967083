import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectBlocks, GENERATED_BLOCKS, syncReadme } from '../scripts/sync-readme.js'

const root = join(import.meta.dirname, '..')

describe('README.md', () => {
  it('carries the current generated tables (run `tsx scripts/sync-readme.ts`)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const blocks = collectBlocks()
    expect(syncReadme(readme, blocks)).toBe(readme)
  })

  it('marks exactly the generated blocks', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const marked = [...readme.matchAll(/<!-- README:([\w-]+) -->/g)].map((m) => m[1])
    expect(marked.sort()).toEqual(Object.keys(GENERATED_BLOCKS).sort())
  })

  it('notices a stale generated table', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const stale = readme.replace('| FLOAT | FLOAT |', '| FLOAT | DOUBLE |')
    expect(stale).not.toBe(readme)
    expect(syncReadme(stale, collectBlocks())).toBe(readme)
  })

  it('shows the two commands and the test command CI runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const ci = readFileSync(join(root, '.ci/run'), 'utf8')
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toMatch(/^npm test\b/m)
    expect(ci).toMatch(/^npm test$/m)
  })
})
