import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_DEFAULTS } from '../driver/helpers/engine.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { cliCommand, engineEnv, LONG_QUERY, removeHomes, runCli, until } from './helpers.js'

const engines = useEngine(ENGINE_DEFAULTS)
afterAll(removeHomes)
let env: Record<string, string>
beforeAll(() => {
  env = engineEnv(engines.engine)
})

describe('kysely-e6data shell', () => {
  it('piped stdin: multi-line statements, several per line, meta commands, errors', async () => {
    const input = [
      'select 1 as one;',
      'select id,',
      '  label from type_showcase',
      " where label = 'a;b' or id < 3 order by id;",
      'select 2 as two; select 3 as three;',
      '\\dn',
      '\\dt',
      '\\d customers',
      '\\analyze',
      '\\format csv',
      '\\timing off',
      'select event_id from events order by event_id;',
      '\\analyze',
      'select nope;',
      '\\maxrows 2',
      'select 9223372036854775807 as big, 1.10 as dec',
      '',
    ].join('\n')
    const r = await runCli(['shell'], env, input)
    expect(r.code, r.stderr).toBe(1) // one statement failed
    const out = r.stdout
    expect(out).not.toContain('e6> ') // no prompts without a terminal
    expect(out).toContain(' one\n-----\n   1\n(1 row, ')
    expect(out).toContain(' id | label\n----+-------\n  1 | max\n  2 | min\n(2 rows, ')
    expect(out).toMatch(/ two\n-----\n {3}2\n\(1 row, [\d.]+ s\)\n three\n/)
    expect(out).toContain('demo\n')
    expect(out).toMatch(/customers\nevents\n(.+\n)*type_showcase\n\(\d+ tables\)\n/)
    expect(out).toMatch(/ customer_id +\| bigint\n/)
    expect(out).toMatch(/\n(PROJECTION|DUMMY_SCAN).*\n/)
    expect(out).toMatch(/totals\n {2}total_query_time +[\d.]+ ms\n/)
    expect(out).toContain('format csv\ntiming off\n')
    // 5 000 rows > the default display cap of 1 000: the first rows stream, then the query stops
    expect(out).toMatch(/event_id\n0\n1\n2\n(\d+\n)+999\n\(1,000 rows\) — display cap reached/)
    expect(out).toContain('stopped at the display cap, so it has no explainAnalyze')
    expect(out).toMatch(/error: QueryError: .*nope/)
    expect(out).toContain('maxrows 2\nbig,dec\n9223372036854775807,1.10\n(1 row)\n')
    await until(() => engines.engine.control.openQueries() === 0)
  })

  it('a terminal (pty): prompt, history, Ctrl-C cancels the running query and keeps the shell', async () => {
    const [node, args] = cliCommand(['shell'])
    const command = [node, ...args].map((a) => `'${a}'`).join(' ')
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...env, TERM: 'dumb', SHELL: '/bin/sh' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    const collect = (t: string) => {
      out += t.replaceAll('\r\n', '\n')
    }
    child.stdout.setEncoding('utf8').on('data', collect)
    child.stderr.setEncoding('utf8').on('data', collect)
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    const type = (text: string) => child.stdin.write(text)
    const seen = (text: string) => until(() => out.includes(text))
    try {
      await seen('e6> ')
      expect(out).toContain('kysely-e6data shell · ')
      type('select 42 as answer;\r')
      await seen('(1 row, ')
      type(`${LONG_QUERY};\r`)
      await until(() => engines.engine.control.runningQueries() > 0)
      // on a terminal a query running over half a second shows a progress line on stderr
      await seen('running… ')
      type('\x03')
      await seen('cancelled (the query was cancelled on the engine)')
      await until(
        () =>
          engines.engine.control.runningQueries() === 0 &&
          engines.engine.control.openQueries() === 0,
        3_000,
      )
      const mark = out.length
      type('select 1 as a,\r')
      await until(() => out.slice(mark).includes('..> '))
      type("'x' as b;\r")
      await until(() => /\(1 row, /.test(out.slice(mark)))
      expect(out.slice(mark)).toMatch(/ a \| b\n---\+---\n 1 \| x\n/)
      type('\\q\r')
      expect(await exited).toBe(0)
    } finally {
      child.kill('SIGKILL')
    }
    const history = readFileSync(join(env.HOME as string, '.kysely_e6data_history'), 'utf8')
    expect(history.split('\n')).toEqual(
      expect.arrayContaining(['select 42 as answer;', 'select 1 as a,', '\\q']),
    )
  })
})
