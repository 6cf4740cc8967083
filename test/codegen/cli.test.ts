import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CODEGEN_USAGE,
  type CodegenCliContext,
  type CodegenConnectionOptions,
  runCodegenCli,
} from '../../src/cli/codegen-command.js'
import { InvalidArgumentError } from '../../src/errors.js'
import { FakeSchemaSource } from '../introspection/fake-schema-source.js'
import { DEMO_CATALOGS } from './demo-catalog.js'

const ENV = { E6DATA_HOST: 'env-host', E6DATA_USER: 'env-user', E6DATA_PASSWORD: 'env-secret' }

function harness(env: Record<string, string | undefined> = ENV) {
  const stdout: string[] = []
  const stderr: string[] = []
  const connections: CodegenConnectionOptions[] = []
  const sources: FakeSchemaSource[] = []
  const context: CodegenCliContext = {
    env,
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    createSource: (connection) => {
      connections.push(connection)
      const source = new FakeSchemaSource(DEMO_CATALOGS, {
        defaults: { catalog: connection.catalog, database: connection.database },
        defaultCatalog: 'local',
      })
      sources.push(source)
      return source
    },
  }
  return { context, stdout, stderr, connections, sources }
}

describe('runCodegenCli', () => {
  it('prints usage with --help', async () => {
    const h = harness()
    await runCodegenCli(['codegen', '--help'], h.context)
    expect(h.stdout.join('')).toBe(CODEGEN_USAGE)
    expect(h.connections).toEqual([])
  })

  it('requires --out or --print', async () => {
    const h = harness()
    await expect(runCodegenCli(['--catalog', 'local'], h.context)).rejects.toThrow(
      /one of --out <file> or --print is required/,
    )
  })

  it('rejects unknown flags, bad values and missing credentials', async () => {
    const h = harness()
    await expect(runCodegenCli(['--print', '--nope'], h.context)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    await expect(runCodegenCli(['--print', '--int64-as', 'float'], h.context)).rejects.toThrow(
      '--int64-as must be one of bigint, number, string, got float',
    )
    await expect(runCodegenCli(['--print', '--port', '99999'], h.context)).rejects.toThrow(
      /--port must be an integer/,
    )
    const empty = harness({})
    await expect(runCodegenCli(['--print'], empty.context)).rejects.toThrow(
      'missing connection settings: --host (E6DATA_HOST), --user (E6DATA_USER); or use --local for an embedded engine',
    )
    const noPassword = harness({ E6DATA_HOST: 'h', E6DATA_USER: 'u' })
    await expect(runCodegenCli(['--print'], noPassword.context)).rejects.toThrow(
      'missing connection settings: --password (E6DATA_PASSWORD)',
    )
    expect(h.connections).toEqual([])
  })

  it('reads the connection from E6DATA_* and lets flags win', async () => {
    const h = harness({
      ...ENV,
      E6DATA_PORT: '9000',
      E6DATA_CATALOG: 'local',
      E6DATA_DATABASE: 'demo',
      E6DATA_SECURE: 'true',
      E6DATA_CLUSTER: 'c1',
    })
    await runCodegenCli(['--print', '--host', 'flag-host', '--port', '9443'], h.context)
    expect(h.connections).toEqual([
      {
        host: 'flag-host',
        port: 9443,
        username: 'env-user',
        password: 'env-secret',
        secure: true,
        catalog: 'local',
        database: 'demo',
        clusterName: 'c1',
      },
    ])
    expect(h.sources[0]?.closed).toBe(true)
    expect(h.stdout.join('')).toContain('export interface DB {\n  customers: Customers;')
  })

  it('passes selection and mapping flags through', async () => {
    const h = harness()
    await runCodegenCli(
      [
        '--print',
        '--catalog=local',
        '--schema',
        'demo',
        '--schema',
        'staging',
        '--default-schema',
        'demo',
        '--include',
        '*orders*',
        '--include',
        'customers',
        '--exclude',
        'staging.*',
        '--int64-as',
        'number',
        '--timestamp-as',
        'iso',
        '--decimal-as',
        'unknown',
        '--camel-case',
      ],
      h.context,
    )
    const code = h.stdout.join('')
    expect(code).toContain(' * schemas:       "demo", "staging"')
    expect(code).toContain(' * include:       "*orders*", "customers"')
    expect(code).toContain(' * exclude:       "staging.*"')
    expect(code).toContain('export interface DB {\n  customers: Customers;\n  orders: Orders;\n}')
    expect(code).toContain('  orderId: number | null;')
    expect(code).toContain('  shippedAt: string | null;')
    expect(code).toContain(' * decimalAs:     unknown')
  })

  it('writes --out and reports the table count on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'e6cli-'))
    try {
      const h = harness({ ...ENV, E6DATA_CATALOG: 'local', E6DATA_DATABASE: 'demo' })
      const out = join(dir, 'src', 'db.ts')
      await runCodegenCli(['codegen', '-o', out], h.context)
      expect(await readFile(out, 'utf8')).toContain('export interface TypeShowcase {')
      expect(h.stdout).toEqual([])
      expect(h.stderr.join('')).toMatch(/^kysely-e6data codegen: wrote 5 tables to .*db\.ts\n$/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('fails, naming catalog, schemas and filters, when no table matches', async () => {
    const h = harness({ ...ENV, E6DATA_CATALOG: 'local', E6DATA_DATABASE: 'demo' })
    await expect(
      runCodegenCli(['--print', '--schema', 'nope', '--include', 'x*'], h.context),
    ).rejects.toThrow(
      'codegen matched no table: catalog "local", schemas "nope", include "x*", exclude -',
    )
    expect(h.stdout).toEqual([])
  })

  it('does not leak the password into errors', async () => {
    const h = harness({ ...ENV, E6DATA_CATALOG: 'local', E6DATA_DATABASE: 'demo' })
    const failing: CodegenCliContext = {
      ...h.context,
      createSource: () => {
        throw new Error('connect failed')
      },
    }
    const error = await runCodegenCli(['--print'], failing).catch((e: unknown) => e)
    expect(String((error as Error).message)).not.toContain('env-secret')
  })
})
