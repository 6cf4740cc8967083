import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectBlocks, syncReadme } from '../scripts/sync-readme.js'

const root = join(import.meta.dirname, '..')

describe('README.md', () => {
  it('carries the current documentation blocks of the source (run `tsx scripts/sync-readme.ts`)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const blocks = collectBlocks(root)
    expect(blocks.size).toBeGreaterThanOrEqual(4)
    expect(syncReadme(readme, blocks)).toBe(readme)
  })

  it('shows the two commands and the test command CI runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const ci = readFileSync(join(root, '.ci/run'), 'utf8')
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toMatch(/^npm test\b/m)
    expect(ci).toMatch(/^npm test$/m)
  })
})
