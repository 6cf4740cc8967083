import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One golden case of test/fixtures/vectors (see README.md there). */
export interface GoldenCase {
  readonly name: string
  readonly description: string
  readonly columns: readonly {
    name: string
    type: string
    zone: string | null
    format: string | null
  }[]
  readonly metadata: string
  readonly batches: readonly string[]
  readonly rows: readonly (readonly unknown[])[]
}

const dir = fileURLToPath(new URL('../fixtures/vectors/', import.meta.url))

/** Loads every golden case, sorted by file name. */
export function loadGoldenCases(): GoldenCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as GoldenCase)
}

/** Base64 → bytes (plain Uint8Array). */
export function fromBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'))
}
