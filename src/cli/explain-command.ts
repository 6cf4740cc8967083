/**
 * `kysely-e6data explain "<sql>"`: the engine's plan as an indented tree; `--analyze` runs the
 * statement and adds the totals of `explainAnalyze`.
 *
 * @module
 */

import { parseArgs } from 'node:util'
import type { ExplainAnalyzeResult } from '../driver/index.js'
import type { CliIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { CONNECTION_FLAGS, CONNECTION_USAGE } from './connection-settings.js'
import { openClient } from './open-client.js'
import { parseParam } from './parse-param.js'
import { parsePlan, renderPlanTree } from './plan-tree.js'
import { readStatement } from './read-statement.js'

/**
 * Usage text of `kysely-e6data explain`.
 *
 * @example
 * ```ts
 * console.log(EXPLAIN_USAGE)
 * ```
 */
export const EXPLAIN_USAGE = `Usage: kysely-e6data explain [options] ["<sql>" | -]

Prints the engine's plan for a statement as an indented tree, with the per-operator figures the
engine gives. --analyze runs the statement (its rows are read and discarded) and adds the
engine's totals (total, parsing, queueing, execution time; rows; cache).

Options
  -a, --analyze             run the statement and show explainAnalyze totals
  -f, --file <file>         read the statement from <file>
  -p, --param <value>       value of the next ? placeholder (repeatable; see query --help)
      --raw                 print the engine's plan text / JSON as it is
  -h, --help                show this help

${CONNECTION_USAGE}`

const OPTIONS = {
  ...CONNECTION_FLAGS,
  analyze: { type: 'boolean', short: 'a' },
  file: { type: 'string', short: 'f' },
  param: { type: 'string', short: 'p', multiple: true },
  raw: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * Renders a plan (text or JSON) as a tree, or as it is when its format is not recognised.
 *
 * @example
 * ```ts
 * process.stdout.write(planText(await client.explain(sql)))
 * ```
 */
export function planText(plan: unknown): string {
  const roots = parsePlan(plan)
  if (roots) return renderPlanTree(roots)
  const text = typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2)
  return text.endsWith('\n') ? text : `${text}\n`
}

/**
 * The totals of an explainAnalyze: every scalar member of its JSON but the plan, and the
 * response's own figures.
 *
 * @example
 * ```ts
 * process.stdout.write(analysisTotals(await client.explainAnalyze(sql)))
 * ```
 */
export function analysisTotals(a: ExplainAnalyzeResult): string {
  const lines: [string, string][] = []
  const plan = a.plan
  if (plan !== null && typeof plan === 'object' && !Array.isArray(plan)) {
    for (const [key, value] of Object.entries(plan)) {
      if (value === null || typeof value === 'object' || key === 'plan') continue
      lines.push([
        key,
        typeof value === 'number' && /time/i.test(key) ? `${value} ms` : String(value),
      ])
    }
  }
  lines.push(['isCached', String(a.isCached)])
  if (!lines.some(([k]) => k === 'parsingTime')) lines.push(['parsingTime', `${a.parsingTime} ms`])
  lines.push(['queueingTime (response)', `${a.queueingTime} ms`])
  lines.push(['rows read', String(a.rowCount)])
  if (!lines.some(([k]) => k === 'queryId')) lines.push(['queryId', a.queryId])
  const width = Math.max(...lines.map(([k]) => k.length))
  return `${lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`
}

/**
 * The plan inside an explainAnalyze result (its `plan` member when the JSON has one).
 *
 * @example
 * ```ts
 * planText(analyzedPlan(analysis))
 * ```
 */
export function analyzedPlan(a: ExplainAnalyzeResult): unknown {
  const plan = a.plan
  if (plan !== null && typeof plan === 'object' && !Array.isArray(plan)) {
    const inner = (plan as Record<string, unknown>).plan
    if (inner !== undefined) return inner
    const { total_query_time: _t, ...rest } = plan as Record<string, unknown>
    return parsePlan(rest) ? rest : undefined
  }
  return plan
}

/**
 * Runs `kysely-e6data explain` with `argv` (after the word `explain`); resolves the exit status.
 *
 * @example
 * ```ts
 * process.exitCode = await runExplainCommand(['--local', '--analyze', 'select 1'], processIo())
 * ```
 */
export async function runExplainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${EXPLAIN_USAGE}`)
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(EXPLAIN_USAGE)
    return 0
  }
  const params = values.param?.map(parseParam)
  const sql = await readStatement(positionals, values.file, io.stdin)
  const opened = await openClient(values, io)
  const abort = new AbortController()
  const off = io.onInterrupt(() => abort.abort(new Error('interrupted (Ctrl-C)')))
  try {
    if (values.analyze) {
      const analysis = await opened.client.explainAnalyze(sql, params, { signal: abort.signal })
      if (values.raw) io.stdout.write(`${analysis.raw}\n`)
      else {
        const plan = analyzedPlan(analysis)
        if (plan !== undefined) io.stdout.write(planText(plan))
        io.stdout.write(`\ntotals\n${analysisTotals(analysis)}`)
      }
    } else {
      const plan = await opened.client.explain(sql, params, { signal: abort.signal })
      io.stdout.write(values.raw ? `${plan}\n` : planText(plan))
    }
    return 0
  } catch (error) {
    if (abort.signal.aborted && (error as Error)?.name === 'AbortError') {
      io.stderr.write('cancelled\n')
      return 130
    }
    throw error
  } finally {
    off()
    await opened.close()
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
}
