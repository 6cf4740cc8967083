import { InvalidArgumentError } from '../errors.js'

/**
 * Bad command-line usage (unknown flag, missing argument, contradicting settings): the command
 * exits with status 2 and prints the message.
 *
 * @example
 * ```ts
 * throw new CliUsageError('--format must be one of table, csv, tsv, json, ndjson')
 * ```
 */
export class CliUsageError extends InvalidArgumentError {}
