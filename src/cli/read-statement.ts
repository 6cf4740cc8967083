import { readFile } from 'node:fs/promises'
import type { CliInput } from './cli-io.js'
import { CliUsageError } from './cli-usage-error.js'

/** The argument, `--file`, or stdin (when it is not a terminal, or the argument is `-`). */
export async function readStatement(
  positionals: readonly string[],
  file: string | undefined,
  stdin: CliInput,
): Promise<string> {
  if (positionals.length > 1) {
    throw new CliUsageError(
      `expected one SQL statement in quotes, got ${positionals.length} arguments`,
    )
  }
  const [arg] = positionals
  if (file !== undefined && arg !== undefined) {
    throw new CliUsageError('give the statement either as an argument or with --file, not both')
  }
  let sql: string
  if (file !== undefined) {
    try {
      sql = await readFile(file, 'utf8')
    } catch (error) {
      throw new CliUsageError(`cannot read --file ${file}: ${(error as Error).message}`)
    }
  } else if (arg !== undefined && arg !== '-') sql = arg
  else if (arg === '-' || stdin.isTTY !== true) sql = await readAll(stdin)
  else throw new CliUsageError('no statement: pass it in quotes, with --file, or on stdin')
  if (sql.trim() === '') throw new CliUsageError('the statement is empty')
  return sql
}

async function readAll(stream: CliInput): Promise<string> {
  let text = ''
  stream.setEncoding('utf8')
  for await (const chunk of stream) text += chunk
  return text
}
