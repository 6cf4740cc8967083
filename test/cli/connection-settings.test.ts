import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { CliInput, CliIo } from '../../src/cli/cli-io.js'
import { CliUsageError } from '../../src/cli/cli-usage-error.js'
import { type ConnectionFlags, resolveConnection } from '../../src/cli/connection-settings.js'

function fakeIo(env: Record<string, string>, stdin?: CliInput) {
  let stderr = ''
  const io: CliIo = {
    stdin: stdin ?? (new PassThrough() as unknown as CliInput),
    stdout: { write: () => true },
    stderr: { write: (t: string) => (stderr += t) },
    env,
    onInterrupt: () => () => {},
    exit: () => {},
  }
  return { io, stderr: () => stderr }
}

function profileFile(content: unknown, mode = 0o600): string {
  const file = join(mkdtempSync(join(tmpdir(), 'e6profile-')), 'profiles.json')
  writeFileSync(file, JSON.stringify(content))
  chmodSync(file, mode)
  return file
}

const resolve = (flags: ConnectionFlags, env: Record<string, string>, stdin?: CliInput) => {
  const f = fakeIo({ E6DATA_PROFILE_FILE: '/nonexistent/profiles.json', ...env }, stdin)
  return resolveConnection(flags, f.io).then((c) => ({ c, stderr: f.stderr() }))
}

describe('resolveConnection', () => {
  it('flags win over E6DATA_* which win over the profile', async () => {
    const file = profileFile({
      default: { host: 'p-host', port: 1443, user: 'p-user', catalog: 'p-cat', secure: true },
      other: { host: 'o-host', user: 'o-user', password: 'o-secret' },
    })
    const env = { E6DATA_PROFILE_FILE: file, E6DATA_USER: 'env-user', E6DATA_PASSWORD: 'pw' }
    const { c } = await resolve({ port: '9000' }, env)
    expect(c.options).toEqual({
      host: 'p-host',
      port: 9000,
      username: 'env-user',
      password: 'pw',
      secure: true,
      catalog: 'p-cat',
    })
    expect(c.endpoint).toBe('p-host:9000 (TLS)')
    const other = await resolve({ profile: 'other' }, { E6DATA_PROFILE_FILE: file })
    expect(other.c.options).toMatchObject({
      host: 'o-host',
      username: 'o-user',
      password: 'o-secret',
    })
    expect(other.c.endpoint).toBe('o-host:80')
    await expect(resolve({ profile: 'nope' }, { E6DATA_PROFILE_FILE: file })).rejects.toThrow(
      /no profile "nope" in .* \(profiles: default, other\)/,
    )
  })

  it('ignores a password in a profile file others can read, with a warning', async () => {
    const file = profileFile({ default: { host: 'h', user: 'u', password: 'leaky' } }, 0o644)
    const err = await resolve({}, { E6DATA_PROFILE_FILE: file }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CliUsageError)
    expect((err as Error).message).toContain('--password (E6DATA_PASSWORD)')
    const withEnv = await resolve({}, { E6DATA_PROFILE_FILE: file, E6DATA_PASSWORD: 'pw' })
    expect(withEnv.stderr).toMatch(/can be read by other users: its password is ignored/)
    expect(withEnv.c.options.password).toBe('pw')
  })

  it('rejects bad values and unknown profile keys', async () => {
    const base = { E6DATA_HOST: 'h', E6DATA_USER: 'u', E6DATA_PASSWORD: 'p' }
    await expect(resolve({ port: '0' }, base)).rejects.toThrow(/--port must be an integer/)
    await expect(resolve({}, { ...base, E6DATA_SECURE: 'maybe' })).rejects.toThrow(
      'E6DATA_SECURE must be true or false, got maybe',
    )
    await expect(resolve({ 'string-escape': 'sql' }, base)).rejects.toThrow(/--string-escape/)
    const file = profileFile({ default: { hots: 'typo' } })
    await expect(resolve({}, { ...base, E6DATA_PROFILE_FILE: file })).rejects.toThrow(
      /unknown key "hots"/,
    )
    await expect(resolve({ local: true, host: 'x' }, base)).rejects.toThrow(
      '--local starts its own engine: drop --host',
    )
  })

  it('warns about --password on the command line and prompts without echo on a terminal', async () => {
    const warned = await resolve({ host: 'h', user: 'u', password: 'secret-1' }, {})
    expect(warned.stderr).toContain('--password on the command line is visible to other users')
    expect(warned.stderr).not.toContain('secret-1')

    const tty = new PassThrough() as unknown as CliInput & { isTTY: boolean; raw: boolean[] }
    tty.isTTY = true
    tty.raw = []
    tty.setRawMode = (mode: boolean) => tty.raw.push(mode)
    let prompted = ''
    const io: CliIo = {
      ...fakeIo({}).io,
      stdin: tty,
      stderr: { write: (t: string) => (prompted += t) },
    }
    const pending = resolveConnection({ host: 'h', user: 'u' }, io)
    setTimeout(() => (tty as unknown as PassThrough).write('s3cx\u007fret\r'), 10)
    const c = await pending
    expect(c.options.password).toBe('s3cret')
    expect(prompted).toBe('Password for u at h:80: \n')
    expect(tty.raw).toEqual([true, false])
  })
})
