/**
 * kysely-ctl with examples/kysely.config.ts (only its imports pointed at the sources) against the
 * local engine: `kysely sql -f json` prints exact JSON, and `kysely migrate latest` fails with
 * MigrationsNotSupportedError before any SQL is compiled.
 */
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEngine } from '../helpers/engine-fixture.js'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../..')
const project = join(here, '.kysely-ctl')
const bin = join(
  dirname(createRequire(import.meta.url).resolve('kysely-ctl/package.json')),
  'dist/bin.mjs',
)

const env = useEngine({ bigTableRows: 1_000 })

async function kysely(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { host, port, username, password, catalog, database } = env.engine.connection
  const options = {
    cwd: project,
    timeout: 90_000,
    env: {
      // kysely-ctl's logger (consola) goes quiet under a test runner and prefixes "[log] " under CI
      ...Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^(VITEST.*|NODE_ENV|TEST|CI)$/.test(k)),
      ),
      E6DATA_HOST: host,
      E6DATA_PORT: String(port),
      E6DATA_SECURE: 'false',
      E6DATA_USER: username,
      E6DATA_PASSWORD: password,
      E6DATA_CATALOG: catalog,
      E6DATA_DATABASE: database,
      NO_COLOR: '1',
    },
  }
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], options)
    // consola's basic reporter (CI providers it detects by their own variables) adds "[log] "
    return { code: 0, stdout: stdout.replace(/^\[log\] /, ''), stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

beforeAll(async () => {
  const example = await readFile(join(root, 'examples/kysely.config.ts'), 'utf8')
  const config = example
    .replace("from 'kysely-e6data/driver'", `from '${join(root, 'src/driver/index.ts')}'`)
    .replace("from 'kysely-e6data'", `from '${join(root, 'src/index.ts')}'`)
  expect(config).not.toMatch(/from 'kysely-e6data/)
  await mkdir(project, { recursive: true })
  await writeFile(join(project, 'kysely.config.ts'), config)
})

describe('kysely-ctl with examples/kysely.config.ts', () => {
  it('`kysely sql -f json` prints exact JSON (int64 as strings, timestamps with µs)', async () => {
    const count = await env.client.query('select count(*) as n from customers')
    const r = await kysely(
      'sql',
      '-f',
      'json',
      "select count(*) as n, cast('2024-01-02 03:04:05.123456' as timestamp) as t, 9223372036854775807 as big from customers",
    )
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      rows: [
        {
          n: String(count.rows[0]!.n),
          t: '2024-01-02T03:04:05.123456Z',
          big: '9223372036854775807',
        },
      ],
    })
  }, 120_000)

  it('`kysely migrate latest` fails with MigrationsNotSupportedError, before any SQL', async () => {
    const r = await kysely('migrate', 'latest')
    const output = `${r.stdout}\n${r.stderr}`
    // the message of MigrationsNotSupportedError (kysely-ctl prints the message)
    expect(output).toMatch(/migrations are not supported on e6data: it is a read-only query engine/)
    expect(output).not.toMatch(/UnsupportedSqlError|CREATE TABLE/)
  }, 120_000)
})
