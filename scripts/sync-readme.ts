/**
 * Copies the documentation blocks marked `<!-- README:name -->` … `<!-- /README:name -->` in
 * `src/**` TSDoc comments into the same markers in README.md, so the README's tables (engine type
 * mapping, sample data, faults, binding contract, CLI) cannot drift from the code.
 * `test/readme.test.ts` fails when README.md is out of date. The e6 SQL catalogue table is generated
 * from `src/local/e6-catalogue.ts`.
 *
 * Usage: `tsx scripts/sync-readme.ts` (rewrites README.md) or `--check` (exit 1 when stale).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { localCliMarkdown } from '../src/cli/local-command.js'
import { e6CatalogueMarkdown } from '../src/local/e6-catalogue.js'

const MARKER = /<!-- README:([\w-]+) -->\n([\s\S]*?)<!-- \/README:\1 -->/g

/** Marked blocks of every source file, with the TSDoc ` * ` prefixes removed. */
export function collectBlocks(root: string): Map<string, string> {
  const blocks = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8')
        const unprefixed = text
          .split('\n')
          .map((line) => line.replace(/^ \* ?/, ''))
          .join('\n')
        for (const m of unprefixed.matchAll(MARKER)) {
          if (m[1] && m[2] !== undefined) blocks.set(m[1], m[2])
        }
      }
    }
  }
  walk(join(root, 'src'))
  // generated from data rather than copied from a comment
  blocks.set('e6-catalogue', e6CatalogueMarkdown())
  blocks.set('cli', localCliMarkdown())
  return blocks
}

/** README text with every marked block replaced by the source's version. */
export function syncReadme(readme: string, blocks: ReadonlyMap<string, string>): string {
  return readme.replace(MARKER, (whole, name: string) => {
    const body = blocks.get(name)
    return body === undefined ? whole : `<!-- README:${name} -->\n${body}<!-- /README:${name} -->`
  })
}

if (process.argv[1]?.endsWith('sync-readme.ts')) {
  const root = join(import.meta.dirname, '..')
  const readmePath = join(root, 'README.md')
  const current = readFileSync(readmePath, 'utf8')
  const next = syncReadme(current, collectBlocks(root))
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md is out of date: run `tsx scripts/sync-readme.ts`')
      process.exitCode = 1
    }
  } else if (next !== current) {
    writeFileSync(readmePath, next)
    console.log('README.md updated')
  }
}
