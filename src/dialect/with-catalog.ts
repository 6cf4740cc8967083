import {
  type AggregateFunctionNode,
  type CommonTableExpressionNameNode,
  type FunctionNode,
  IdentifierNode,
  type Kysely,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type ReferenceNode,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely'
import { InvalidArgumentError } from '../errors.js'

/**
 * Kysely parses table names into at most two parts, so the catalog travels inside the schema
 * identifier behind this mark: NUL never occurs in a real identifier (the compiler rejects it).
 */
export const CATALOG_MARK = '\u0000'

/** Options of {@link E6dataCatalogPlugin}. */
export interface E6dataCatalogOptions {
  /** The catalog every table is qualified with. */
  readonly catalog: string
  /** Schema for tables named without one; without it such a table is an error. */
  readonly schema?: string | undefined
}

/**
 * Kysely plugin behind {@link withCatalog}: tables in FROM/JOIN position compile to
 * `"catalog"."schema"."table"`; columns, CTE names and aliases are left alone.
 */
export class E6dataCatalogPlugin implements KyselyPlugin {
  readonly #options: E6dataCatalogOptions

  constructor(options: E6dataCatalogOptions) {
    checkPart('catalog', options.catalog)
    if (options.schema !== undefined) checkPart('schema', options.schema)
    this.#options = Object.freeze({ ...options })
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return new CatalogTransformer(this.#options, cteNames(args.node)).transformNode(
      args.node,
      args.queryId,
    )
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

/**
 * A Kysely instance whose tables are `"catalog"."schema"."table"`, which Kysely's own parsing
 * cannot express. Tables keep the schema they are written with (`'demo.products'`, codegen's
 * `--qualify-catalog` keys, `withSchema`); `schema` is for those without one. Only needed for
 * another catalog than the connection's, which travels with every query.
 *
 * @example
 * ```ts
 * const local = withCatalog(db, 'local')
 * await local.selectFrom('demo.products').selectAll().execute()
 * // select * from "local"."demo"."products"
 * await withCatalog(db, 'archive', 'sales').selectFrom('orders').select('order_id').execute()
 * // select "order_id" from "archive"."sales"."orders"
 * ```
 */
export function withCatalog<DB>(db: Kysely<DB>, catalog: string, schema?: string): Kysely<DB> {
  return db.withPlugin(new E6dataCatalogPlugin({ catalog, schema }))
}

class CatalogTransformer extends OperationNodeTransformer {
  readonly #options: E6dataCatalogOptions
  readonly #ctes: ReadonlySet<string>
  /** > 0 inside a column reference, function argument or CTE name: no table there. */
  #notATable = 0

  constructor(options: E6dataCatalogOptions, ctes: ReadonlySet<string>) {
    super()
    this.#options = options
    this.#ctes = ctes
  }

  #outside<T>(fn: () => T): T {
    this.#notATable++
    try {
      return fn()
    } finally {
      this.#notATable--
    }
  }

  protected override transformReference(node: ReferenceNode, queryId?: QueryId): ReferenceNode {
    return this.#outside(() => super.transformReference(node, queryId))
  }

  protected override transformFunction(node: FunctionNode, queryId?: QueryId): FunctionNode {
    return this.#outside(() => super.transformFunction(node, queryId))
  }

  protected override transformAggregateFunction(
    node: AggregateFunctionNode,
    queryId?: QueryId,
  ): AggregateFunctionNode {
    return this.#outside(() => super.transformAggregateFunction(node, queryId))
  }

  protected override transformCommonTableExpressionName(
    node: CommonTableExpressionNameNode,
    queryId?: QueryId,
  ): CommonTableExpressionNameNode {
    return this.#outside(() => super.transformCommonTableExpressionName(node, queryId))
  }

  protected override transformTable(node: TableNode, queryId?: QueryId): TableNode {
    const table = super.transformTable(node, queryId)
    if (this.#notATable > 0) return table
    const { schema, identifier } = table.table
    if (schema?.name.includes(CATALOG_MARK)) return table
    const { catalog } = this.#options
    let schemaName = schema?.name
    if (schemaName === undefined) {
      if (this.#ctes.has(identifier.name)) return table
      schemaName = this.#options.schema
      if (schemaName === undefined) {
        throw new InvalidArgumentError(
          `withCatalog(db, ${JSON.stringify(catalog)}): table ${JSON.stringify(identifier.name)} has no schema, so it cannot be named as catalog.schema.table; write '<schema>.${identifier.name}', or pass the schema: withCatalog(db, ${JSON.stringify(catalog)}, '<schema>')`,
        )
      }
    }
    return {
      ...table,
      table: {
        ...table.table,
        schema: IdentifierNode.create(`${catalog}${CATALOG_MARK}${schemaName}`),
      },
    }
  }
}

/** CTE names anywhere in the query: they are never catalog tables. */
function cteNames(root: RootOperationNode): Set<string> {
  const names = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (value === null || typeof value !== 'object') return
    const node = value as { kind?: unknown }
    if (node.kind === 'CommonTableExpressionNameNode') {
      names.add((node as CommonTableExpressionNameNode).table.table.identifier.name)
    }
    for (const child of Object.values(value)) visit(child)
  }
  visit(root)
  return names
}

function checkPart(what: string, value: unknown): void {
  if (typeof value !== 'string' || value === '' || value.includes(CATALOG_MARK)) {
    throw new InvalidArgumentError(
      `withCatalog: the ${what} must be a non-empty name without NUL, got ${JSON.stringify(value)}`,
    )
  }
}
