import { Adapter, type ExpressionNode, IdentifierNode, RawExpressionNode } from 'kysely-codegen'
import { normalizeE6dataType } from '../wire/index.js'
import { columnOverrideKey, NO_DEFAULT_SCHEMA, scalarKey } from './codegen-keys.js'
import { type E6dataTypeMappingOptions, e6dataTypeScriptTypes } from './e6data-type-mapping.js'

/** Options of {@link E6dataCodegenAdapter}. */
export interface E6dataCodegenAdapterOptions extends E6dataTypeMappingOptions {
  /** TypeScript type text by e6data type name (`{ decimal: 'Decimal' }`), added or replaced. */
  readonly typeMapping?: Readonly<Record<string, string>> | undefined
  /** TypeScript type text of each column override, by override index. */
  readonly columnOverrideTypes?: readonly string[] | undefined
  /** The connection's default schema: its tables get unqualified keys in `DB`. */
  readonly defaultSchema?: string | undefined
}

/**
 * kysely-codegen `Adapter` for e6data: each type is the value the driver returns under the chosen
 * mapping. Its scalars have internal keys, so use it with {@link E6dataCodegenDialect}.
 */
export class E6dataCodegenAdapter extends Adapter {
  override readonly defaultScalar: ExpressionNode = new IdentifierNode('unknown')
  override readonly defaultSchemas: string[]
  override readonly scalars: Record<string, ExpressionNode>

  constructor(options: E6dataCodegenAdapterOptions = {}) {
    super()
    this.defaultSchemas = [options.defaultSchema ?? NO_DEFAULT_SCHEMA]
    const scalars: Record<string, ExpressionNode> = {}
    for (const [name, type] of Object.entries(e6dataTypeScriptTypes(options))) {
      scalars[scalarKey(name)] = new IdentifierNode(type)
    }
    for (const [name, type] of Object.entries(options.typeMapping ?? {})) {
      scalars[scalarKey(normalizeE6dataType(name))] = new RawExpressionNode(type)
    }
    for (const [index, type] of (options.columnOverrideTypes ?? []).entries()) {
      scalars[columnOverrideKey(index)] = new RawExpressionNode(type)
    }
    this.scalars = scalars
  }
}
