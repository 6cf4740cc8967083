import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('npm run cli (README: the command line from a fresh clone)', () => {
  it('runs a query against an embedded local engine and exits 0', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const { stdout, stderr } = await promisify(execFile)(
      npm,
      [
        'run',
        '--silent',
        'cli',
        '--',
        'query',
        '--local',
        '-F',
        'ndjson',
        'select 1 as one, 9223372036854775807 as big',
      ],
      { cwd: ROOT, timeout: 60_000 },
    )
    expect(stdout).toBe('{"one":1,"big":9223372036854775807}\n')
    expect(stderr).toContain('1 row')
  }, 70_000)
})
