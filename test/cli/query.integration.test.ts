import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINE_DEFAULTS } from '../driver/helpers/engine.js'
import { useEngine } from '../helpers/engine-fixture.js'
import { engineEnv, LONG_QUERY, removeHomes, runCli, startCli, until } from './helpers.js'

const engines = useEngine(ENGINE_DEFAULTS)
afterAll(removeHomes)
let env: Record<string, string>
beforeAll(() => {
  env = engineEnv(engines.engine)
})

const SHOWCASE =
  'select id, big_col, huge_col, dec_38_10, date_col, ts_col, str_col, double_col, blob_col ' +
  'from type_showcase where id in (1, 2, 8) order by id'

const HEADER = 'id,big_col,huge_col,dec_38_10,date_col,ts_col,str_col,double_col,blob_col'
const ROW1 = [
  '1',
  '9223372036854775807',
  '9223372036854775807',
  '9999999999999999999999999999.9999999999',
  '9999-12-31',
  '2038-01-19T03:14:08.000001Z',
  'plain ascii',
  '1.7976931348623157e+308',
  '\\x0001ff',
]
const ROW2 = [
  '2',
  '-9223372036854775808',
  '-9223372036854775808',
  '-9999999999999999999999999999.9999999999',
  '0001-01-01',
  '1900-01-01T00:00:00.000000Z',
  '',
  '-1.7976931348623157e+308',
  '\\x',
]

describe('kysely-e6data query', () => {
  it('prints exact values in every format; row count and time on stderr', async () => {
    const [csv, tsv, ndjson, json, table] = await Promise.all(
      ['csv', 'tsv', 'ndjson', 'json', 'table'].map((f) =>
        runCli(['query', '--format', f, SHOWCASE], env),
      ),
    )
    for (const r of [csv, tsv, ndjson, json, table]) {
      expect(r?.code, r?.stderr).toBe(0)
      expect(r?.stderr).toMatch(/^\(3 rows, \d+\.\d{3} s\)\n$/)
    }
    expect(csv?.stdout).toBe(
      `${HEADER}\n${ROW1.join(',')}\n${ROW2.map((v) => (v === '' ? '""' : v)).join(',')}\n8,,,,,,,,\n`,
    )
    expect(tsv?.stdout).toBe(
      `${HEADER.replaceAll(',', '\t')}\n${ROW1.join('\t')}\n${ROW2.join('\t').replaceAll('\\x', '\\\\x')}\n8${'\t\\N'.repeat(8)}\n`.replace(
        '\\x0001ff',
        '\\\\x0001ff',
      ),
    )
    const first =
      '{"id":1,"big_col":9223372036854775807,"huge_col":9223372036854775807,' +
      '"dec_38_10":9999999999999999999999999999.9999999999,"date_col":"9999-12-31",' +
      '"ts_col":"2038-01-19T03:14:08.000001Z","str_col":"plain ascii",' +
      '"double_col":1.7976931348623157e+308,"blob_col":"\\\\x0001ff"}'
    const lines = ndjson?.stdout.split('\n') ?? []
    expect(lines[0]).toBe(first)
    expect(lines[2]).toBe(
      '{"id":8,"big_col":null,"huge_col":null,"dec_38_10":null,"date_col":null,"ts_col":null,"str_col":null,"double_col":null,"blob_col":null}',
    )
    expect(lines.length).toBe(4)
    expect(json?.stdout.startsWith(`[\n${first},\n`)).toBe(true)
    expect(JSON.parse(json?.stdout ?? '').length).toBe(3)
    const tableLines = table?.stdout.split('\n') ?? []
    expect(tableLines[0]).toMatch(/^ id \| big_col {14}\| huge_col/)
    expect(tableLines[2]).toContain(
      '|  9223372036854775807 |  9223372036854775807 |  9999999999999999999999999999.9999999999 | 9999-12-31 |',
    )
    expect(tableLines[4]).toMatch(/^ {2}8 \| {17}NULL \|/)
  })

  it('defaults to ndjson when piped; binds --param values through the literal renderer', async () => {
    const r = await runCli(
      [
        'query',
        '-q',
        'select ? as big, ? as txt, ? as dec, ? as ts, ? as flag, ? as nothing, cast(? as date) as d',
        '-p',
        '9223372036854775807',
        '-p',
        "it's a \\ 'quote'; --",
        '-p',
        'decimal:-1.10',
        '-p',
        'timestamp:2024-01-02T03:04:05.123456Z',
        '-p',
        'true',
        '-p',
        'null',
        '-p',
        'date:2024-02-29',
      ],
      env,
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      `{"big":9223372036854775807,"txt":"it's a \\\\ 'quote'; --","dec":-1.10,"ts":"2024-01-02T03:04:05.123000Z","flag":true,"nothing":null,"d":"2024-02-29"}\n`,
    )
    const wrong = await runCli(['query', 'select ? as a', '-p', '1', '-p', '2'], env)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/^kysely-e6data: \w+: .*placeholder/)
  })

  it('reads the statement from stdin and from --file', async () => {
    const file = join(env.HOME as string, 'q.sql')
    await writeFile(file, 'select name from products\nwhere product_id = 1;\n')
    const [fromStdin, fromFile, fromDash] = await Promise.all([
      runCli(['query', '-F', 'csv'], env, 'select 41 + 1 as answer;\n'),
      runCli(['query', '-F', 'csv', '--file', file], env),
      runCli(['query', '-F', 'csv', '-'], env, 'select 7 as seven'),
    ])
    expect(fromStdin.stdout).toBe('answer\n42\n')
    expect(fromFile.stdout).toMatch(/^name\n.+\n$/)
    expect(fromDash.stdout).toBe('seven\n7\n')
  })

  it('Ctrl-C cancels the query on the engine and exits with 130', async () => {
    const run = startCli(['query', LONG_QUERY], env)
    await until(() => engines.engine.control.runningQueries() > 0)
    run.child.kill('SIGINT')
    const r = await run.done
    expect(r.code, r.stderr).toBe(130)
    expect(r.stderr).toContain('query cancelled')
    // the query would run for minutes: only the CLI's cancel frees the engine this fast
    await until(
      () =>
        engines.engine.control.runningQueries() === 0 && engines.engine.control.openQueries() === 0,
      3_000,
    )
  })

  it('errors: engine errors exit 1, usage errors exit 2, the password never shows', async () => {
    const [bad, usage, wrong, missing] = await Promise.all([
      runCli(['query', 'select nope from nowhere'], env),
      runCli(['query', '--format', 'xml', 'select 1'], env),
      runCli(['query', '--password', 'not-the-token-4711', 'select 1'], {
        ...env,
        E6DATA_PASSWORD: '',
      }),
      runCli(['query', 'select 1'], { ...env, E6DATA_PASSWORD: '' }),
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^kysely-e6data: QueryError: /)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toBe(
      'kysely-e6data: --format must be one of table, csv, tsv, json, ndjson, got xml\n',
    )
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('warning: --password on the command line is visible')
    expect(wrong.stderr).toMatch(/AuthenticationError/)
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-token-4711')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('missing connection settings: --password (E6DATA_PASSWORD)')
  })

  it('--local starts an embedded engine when nothing is configured', async () => {
    const r = await runCli(
      ['query', '--local', '-F', 'csv', 'select 1 as one'],
      engineEnv(undefined),
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('one\n1\n')
  })
})

describe('kysely-e6data ping and explain', () => {
  it('ping reports endpoint, strategy, string rule and latency; exit 0/1', async () => {
    const ok = await runCli(['ping'], env)
    expect(ok.code, ok.stderr).toBe(0)
    const c = engines.engine.connection
    expect(ok.stdout).toContain(`endpoint      ${c.host}:${c.port}\n`)
    expect(ok.stdout).toContain(`strategy      ${engines.engine.strategy}\n`)
    expect(ok.stdout).toContain('string rule   backslash')
    expect(ok.stdout).toMatch(/round trip {4}\d+\.\d ms\nOK\n$/)
    expect(ok.stdout).not.toContain(c.password)
    const json = await runCli(['ping', '--json'], env)
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, strategy: engines.engine.strategy })
    const down = await runCli(['ping', '--json', '--port', '1', '--timeout', '3000'], env)
    expect(down.code).toBe(1)
    expect(JSON.parse(down.stdout)).toMatchObject({ ok: false, endpoint: `${c.host}:1` })
  })

  it('explain prints an operator tree; --analyze adds the engine totals', async () => {
    const sql =
      'select c.country, count(*) from customers c join orders o on o.customer_id = c.customer_id group by 1'
    const [plan, analyzed] = await Promise.all([
      runCli(['explain', sql], env),
      runCli(['explain', '--analyze', sql], env),
    ])
    expect(plan.code, plan.stderr).toBe(0)
    expect(plan.stdout).toMatch(/^\S.*\n/)
    expect(plan.stdout).toMatch(/^ *[├└]── HASH_JOIN {2}\[~[\d,]+ rows?\]$/m)
    expect(plan.stdout).toMatch(
      /^ *[├└]── SEQ_SCAN {2}\[~[\d,]+ rows?\]\n.*Table: "local"\.demo\.orders$/m,
    )
    expect(analyzed.code, analyzed.stderr).toBe(0)
    expect(analyzed.stdout).toMatch(/\ntotals\n {2}total_query_time +[\d.]+ ms\n/)
    expect(analyzed.stdout).toMatch(/ {2}isCached +false\n/)
    expect(analyzed.stdout).toContain('HASH_JOIN')
  })
})
