import { parseArgs } from 'node:util'
import type { ExplainAnalyzeResult } from '../driver/index.js'
import type { CliIo } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'
import { CONNECTION_FLAGS, CONNECTION_USAGE } from './connection-settings.js'
import { openClient } from './open-client.js'
import { parseParam } from './parse-param.js'
import { parsePlan, renderPlanTree } from './plan-tree.js'
import { readStatement } from './read-statement.js'
import { runCancellable } from './run-cancellable.js'

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

/** A plan as a tree, or as it is when its format is not recognised. */
export function planText(plan: unknown): string {
  const roots = parsePlan(plan)
  if (roots) return renderPlanTree(roots)
  const text = typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2)
  return text.endsWith('\n') ? text : `${text}\n`
}

/** Every scalar member of the explainAnalyze JSON but the plan, and the response's figures. */
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

/** The plan inside an explainAnalyze result (its `plan` member when the JSON has one). */
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
  return runCancellable(io, 'cancelled', opened.close, async (signal) => {
    if (values.analyze) {
      const analysis = await opened.client.explainAnalyze(sql, params, { signal })
      if (values.raw) io.stdout.write(`${analysis.raw}\n`)
      else {
        const plan = analyzedPlan(analysis)
        if (plan !== undefined) io.stdout.write(planText(plan))
        io.stdout.write(`\ntotals\n${analysisTotals(analysis)}`)
      }
    } else {
      const plan = await opened.client.explain(sql, params, { signal })
      io.stdout.write(values.raw ? `${plan}\n` : planText(plan))
    }
    return 0
  })
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
}
