import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { delay, engineClient, unary } from './helpers.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('npm run local (README: starting the engine from a fresh clone)', () => {
  it('starts the engine with the given options and stops on quit', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const child = spawn(
      npm,
      ['run', '--silent', 'local', '--', '--port', '0', '--big-table-rows', '1000'],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    )
    const deadline = Date.now() + 30_000
    while (!output.includes('listening on')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(output)
      await delay(20)
    }
    expect(output).toContain('catalog:   local')
    const address = /listening on (\S+)/.exec(output)?.[1] as string
    const client = engineClient(address)
    try {
      const res = await unary(client, 'authenticate', {
        user: 'demo@e6data.local',
        password: 'local-token',
      })
      expect(res.sessionId).not.toBe('')
    } finally {
      client.close()
    }
    child.stdin.write('quit\n')
    expect(await exited).toBe(0)
    expect(output).toContain('stopped')
  }, 40_000)
})
