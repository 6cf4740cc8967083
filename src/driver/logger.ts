/**
 * The structural logger interface and the redaction helper the driver logs through.
 *
 * @module
 */

/**
 * Any object with some of `debug`/`info`/`warn`/`error` (console, pino, winston…). Each method
 * receives a message and a small structured context object. The driver never passes passwords,
 * tokens, session ids or SQL parameters to it.
 *
 * @example
 * ```ts
 * const client = createClient({ host, username, password, logger: console })
 * ```
 */
export interface Logger {
  debug?(message: string, context?: Record<string, unknown>): void
  info?(message: string, context?: Record<string, unknown>): void
  warn?(message: string, context?: Record<string, unknown>): void
  error?(message: string, context?: Record<string, unknown>): void
}

/**
 * Replaces every occurrence of the given secrets in `text` with `***`.
 *
 * @example
 * ```ts
 * redact('token abc123 rejected', ['abc123']) // 'token *** rejected'
 * ```
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join('***')
  }
  return out
}
