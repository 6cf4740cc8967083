/**
 * Any object with some of `debug`/`info`/`warn`/`error` (console, pino, winston…). The driver never
 * passes it passwords, tokens, session ids or SQL parameters.
 */
export interface Logger {
  debug?(message: string, context?: Record<string, unknown>): void
  info?(message: string, context?: Record<string, unknown>): void
  warn?(message: string, context?: Record<string, unknown>): void
  error?(message: string, context?: Record<string, unknown>): void
}

export function redact(text: string, secrets: Iterable<string>): string {
  let out = text
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join('***')
  }
  return out
}
