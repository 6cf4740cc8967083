/**
 * Fills the README blocks marked `<!-- README:name -->` … `<!-- /README:name -->` with tables
 * generated from the data the code runs on (engine type mapping, e6 catalogue, macros, fault
 * kinds, parameter types, local CLI), so they cannot drift from the code. Prose lives only in
 * README.md. `test/readme.test.ts` fails when README.md is out of date.
 *
 * Usage: `tsx scripts/sync-readme.ts` (rewrites README.md) or `--check` (exit 1 when stale).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { localCliMarkdown } from '../src/cli/local-command.js'
import { parametersMarkdown } from '../src/local/bind-parameters.js'
import { e6CatalogueMarkdown } from '../src/local/e6-catalogue.js'
import { e6MacrosMarkdown } from '../src/local/e6-macros.js'
import { faultsMarkdown } from '../src/local/fault-injector.js'
import { typeMappingMarkdown } from '../src/local/type-mapping.js'

/** Each README block and the function generating it from data. */
export const GENERATED_BLOCKS: Readonly<Record<string, () => string>> = {
  cli: localCliMarkdown,
  'type-mapping': typeMappingMarkdown,
  'e6-catalogue': e6CatalogueMarkdown,
  macros: e6MacrosMarkdown,
  faults: faultsMarkdown,
  parameters: parametersMarkdown,
}

const MARKER = /<!-- README:([\w-]+) -->\n([\s\S]*?)<!-- \/README:\1 -->/g

/** The current text of every block. */
export function collectBlocks(): Map<string, string> {
  return new Map(Object.entries(GENERATED_BLOCKS).map(([name, generate]) => [name, generate()]))
}

/** README text with every marked block replaced by the generated version. */
export function syncReadme(readme: string, blocks: ReadonlyMap<string, string>): string {
  return readme.replace(MARKER, (whole, name: string) => {
    const body = blocks.get(name)
    return body === undefined ? whole : `<!-- README:${name} -->\n${body}<!-- /README:${name} -->`
  })
}

if (process.argv[1]?.endsWith('sync-readme.ts')) {
  const readmePath = join(import.meta.dirname, '..', 'README.md')
  const current = readFileSync(readmePath, 'utf8')
  const next = syncReadme(current, collectBlocks())
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
