import { inspect } from 'node:util'

/**
 * An immediate value (`sql.lit`) holding `'` or `\`: its escaping depends on the engine's rule,
 * which the compiler does not know, so it compiles to `?` with this parameter and the driver writes
 * it into the text (also with server-side binding) once the rule is known. Created by the compiler
 * only; the private field is the brand, so it cannot be forged.
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

  /** The string of a `LiteralParameter`, else `undefined`; runs no user code. */
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
