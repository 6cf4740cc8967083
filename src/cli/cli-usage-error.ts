import { InvalidArgumentError } from '../errors.js'

/** Bad command-line usage: the command prints the message and exits with status 2. */
export class CliUsageError extends InvalidArgumentError {}
