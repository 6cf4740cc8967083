/**
 * A string that belongs in the SQL text as a literal but whose escaping depends on the engine's
 * rule: the Kysely compiler emits `?` for an immediate value (`sql.lit`) holding `'` or `\` and
 * keeps the value as this parameter, which the driver always renders into the text (also with
 * server-side binding) once the rule is known.
 *
 * @module
 */

import { inspect } from 'node:util'

/**
 * An immediate string value waiting for the engine's escape rule. Created by the compiler only;
 * the class's private field is the brand, so it cannot be forged.
 *
 * @example
 * ```ts
 * import { sql } from 'kysely'
 * const { parameters } = db.selectNoFrom(sql.lit("it's").as('v')).compile()
 * parameters[0] instanceof LiteralParameter // true: the driver writes 'it\'s' or 'it''s'
 * ```
 */
export class LiteralParameter {
  readonly #text: string

  constructor(text: string) {
    this.#text = text
    Object.freeze(this)
  }

  /** The string, when `value` is a {@link LiteralParameter}; else `undefined` (no user code runs). */
  static textOf(value: object): string | undefined {
    return #text in value ? (value as LiteralParameter).#text : undefined
  }

  toString(): string {
    return this.#text
  }

  toJSON(): string {
    return this.#text
  }

  [inspect.custom](): string {
    return `LiteralParameter(${JSON.stringify(this.#text)})`
  }
}
