import {
  type AddIndexNode,
  type AlterTableNode,
  type AlterTypeNode,
  type CollateNode,
  type CommonTableExpressionNode,
  type CreateIndexNode,
  type CreateSchemaNode,
  type CreateTableNode,
  type CreateTypeNode,
  type CreateViewNode,
  type DataTypeNode,
  DefaultQueryCompiler,
  type DeleteQueryNode,
  type DropIndexNode,
  type DropSchemaNode,
  type DropTableNode,
  type DropTypeNode,
  type DropViewNode,
  type ExplainNode,
  type FetchNode,
  IdentifierNode,
  type InsertQueryNode,
  type JoinNode,
  type JSONOperatorChainNode,
  type JSONPathNode,
  type JSONReferenceNode,
  type LimitNode,
  type MergeQueryNode,
  type OffsetNode,
  type OnConflictNode,
  type OnDuplicateKeyNode,
  type OperationNode,
  type OrActionNode,
  OrderByItemNode,
  type OutputNode,
  type PrimitiveValueListNode,
  RawNode,
  type RefreshMaterializedViewNode,
  type ReturningNode,
  type SchemableIdentifierNode,
  type SelectModifierNode,
  SelectQueryNode,
  type TopNode,
  type UpdateQueryNode,
  type UsingNode,
  type ValueListNode,
  ValueNode,
} from 'kysely'
import { InvalidArgumentError, UnsupportedSqlError } from '../errors.js'
import {
  escapeIdentifier,
  LiteralParameter,
  needsSeparator,
  snapshotLiteral,
} from '../sql/index.js'
import { CATALOG_MARK } from './with-catalog.js'

/**
 * OFFSET without LIMIT: `'max-limit'` (default) adds `limit 9223372036854775807`, as a bare OFFSET
 * is unsafe on e6data; `'bare'` sends `offset ?` alone; `'reject'` throws at compile time.
 */
export type OffsetWithoutLimitMode = 'max-limit' | 'bare' | 'reject'

/** Options of {@link E6dataQueryCompiler}; `E6dataDialect` passes its own. */
export interface E6dataQueryCompilerOptions {
  /** Default `'max-limit'`. */
  readonly offsetWithoutLimit?: OffsetWithoutLimitMode
  /** With `'bind'` LIMIT/OFFSET are written as literals: engines refuse a bound LIMIT in places. */
  readonly parameterMode?: 'interpolate' | 'bind'
  /**
   * The connection's catalog, so that `'local.demo.products'` (cut to two parts by Kysely) or
   * `withSchema('local.demo')` fails with an error naming the fix instead of a wrong name.
   */
  readonly catalog?: string | undefined
}

/** The LIMIT added to OFFSET without LIMIT, and the largest LIMIT/OFFSET: BIGINT max. */
export const MAX_LIMIT = 9223372036854775807n

const CAST_TYPES: Readonly<Record<string, string>> = Object.freeze({
  varchar: 'varchar',
  text: 'varchar',
  char: 'char',
  integer: 'int',
  int4: 'int',
  bigint: 'bigint',
  int8: 'bigint',
  boolean: 'boolean',
  date: 'date',
  real: 'float',
  float4: 'float',
  float8: 'double',
  'double precision': 'double',
  decimal: 'decimal',
  numeric: 'decimal',
  timestamp: 'timestamp',
  timestamptz: 'timestamp_tz',
  json: 'json',
  varbinary: 'varbinary',
  binary: 'varbinary',
  bytea: 'varbinary',
  blob: 'varbinary',
})
const PARAMETERIZED_CAST = /^(varchar|char)\((\d+)\)$|^(decimal|numeric)\((\d+), ?(\d+)\)$/
const CAST_HINTS: Readonly<Record<string, string>> = Object.freeze({
  smallint: "use 'integer' (int)",
  int2: "use 'integer' (int)",
  jsonb: "use 'json'",
  datetime: "use 'timestamp'",
  uuid: "use 'varchar'",
  time: "use 'varchar' or 'timestamp'",
})

const JOIN_FEATURES: Readonly<Partial<Record<JoinNode['joinType'], string>>> = Object.freeze({
  LateralInnerJoin: 'INNER JOIN LATERAL',
  LateralLeftJoin: 'LEFT JOIN LATERAL',
  LateralCrossJoin: 'CROSS JOIN LATERAL',
  CrossApply: 'CROSS APPLY',
  OuterApply: 'OUTER APPLY',
  Using: 'USING',
})

const LOCKING_FEATURES: Readonly<Record<string, string>> = Object.freeze({
  ForUpdate: 'FOR UPDATE',
  ForNoKeyUpdate: 'FOR NO KEY UPDATE',
  ForShare: 'FOR SHARE',
  ForKeyShare: 'FOR KEY SHARE',
  NoWait: 'NOWAIT',
  SkipLocked: 'SKIP LOCKED',
})

/**
 * Compiles Kysely queries to e6data SQL: `?` placeholders whose values the driver renders,
 * `sql.lit` values through the same literal renderer (a string whose escaping depends on the
 * engine's rule becomes a `?` too), casts only to e6data's types, and one
 * {@link UnsupportedSqlError} naming each feature e6data cannot run (writes, DDL, lateral joins…).
 *
 * @example
 * ```ts
 * const db = new Kysely<DB>({
 *   dialect: {
 *     createAdapter: () => new E6dataAdapter(),
 *     createDriver: () => new DummyDriver(),
 *     createIntrospector: (db) => new SqliteIntrospector(db),
 *     createQueryCompiler: () => new E6dataQueryCompiler(),
 *   },
 * })
 * db.selectFrom('person').select('id').where('name', '=', 'x').limit(10).compile()
 * // { sql: 'select "id" from "person" where "name" = ? limit ?', parameters: ['x', 10] }
 * ```
 */
export class E6dataQueryCompiler extends DefaultQueryCompiler {
  readonly #offsetWithoutLimit: OffsetWithoutLimitMode
  readonly #literalRowCounts: boolean
  readonly #catalog: string | undefined

  constructor(options: E6dataQueryCompilerOptions = {}) {
    super()
    this.#catalog = options.catalog === '' ? undefined : options.catalog
    this.#literalRowCounts = options.parameterMode === 'bind'
    const offsetMode = options.offsetWithoutLimit ?? 'max-limit'
    if (offsetMode !== 'max-limit' && offsetMode !== 'bare' && offsetMode !== 'reject') {
      throw new InvalidArgumentError(
        `invalid offsetWithoutLimit ${JSON.stringify(offsetMode)}: expected 'max-limit', 'bare' or 'reject'`,
      )
    }
    this.#offsetWithoutLimit = offsetMode
  }

  protected override getCurrentParameterPlaceholder(): string {
    return '?'
  }

  protected override sanitizeIdentifier(identifier: string): string {
    return escapeIdentifier(identifier)
  }

  protected override sanitizeStringLiteral(value: string): string {
    // only reached from Kysely paths this compiler does not emit; never guess an escape rule
    const [literal] = snapshotLiteral(value, undefined)
    if (typeof literal !== 'string') {
      throw new UnsupportedSqlError(
        'a string literal holding a quote or backslash in this position',
        "its escaping depends on the engine's rule; pass it as a value",
      )
    }
    return literal.slice(1, -1)
  }

  protected override visitSchemableIdentifier(node: SchemableIdentifierNode): void {
    const schema = node.schema?.name
    if (schema?.includes(CATALOG_MARK)) {
      // a catalog-qualified name from withCatalog(): "catalog"."schema"."table"
      const at = schema.indexOf(CATALOG_MARK)
      this.visitNode(IdentifierNode.create(schema.slice(0, at)))
      this.append('.')
      this.visitNode(IdentifierNode.create(schema.slice(at + 1)))
      this.append('.')
      this.visitNode(node.identifier)
      return
    }
    const catalog = this.#catalog
    if (schema !== undefined && catalog !== undefined) {
      const table = node.identifier.name
      if (schema === catalog) {
        throw new InvalidArgumentError(
          `${JSON.stringify(`${schema}.${table}`)} names table ${JSON.stringify(table)} in a schema called like the connection's catalog ${JSON.stringify(catalog)}: Kysely keeps two dot-separated parts, so a three-part '${catalog}.${table}.<table>' lost its table. Write '${table}.<table>' (the catalog travels with every query) or use withCatalog(db, ${JSON.stringify(catalog)}) for a catalog.schema.table name`,
        )
      }
      if (schema.startsWith(`${catalog}.`)) {
        const rest = schema.slice(catalog.length + 1)
        throw new InvalidArgumentError(
          `schema ${JSON.stringify(schema)} would be sent as ONE quoted identifier, not as catalog ${JSON.stringify(catalog)} + schema ${JSON.stringify(rest)}: use withSchema(${JSON.stringify(rest)}) (the catalog travels with every query) or withCatalog(db, ${JSON.stringify(catalog)}, ${JSON.stringify(rest)})`,
        )
      }
    }
    super.visitSchemableIdentifier(node)
  }

  protected override appendStringLiteral(value: string): void {
    this.#appendLiteral(value)
  }

  protected override appendImmediateValue(value: unknown): void {
    this.#appendLiteral(value)
  }

  /** Strings whose escaping needs the engine's rule become `?` + {@link LiteralParameter}. */
  #appendLiteral(value: unknown): void {
    const parts = snapshotLiteral(value, undefined)
    const first = parts[0]
    const head = typeof first === 'string' ? first : '?'
    if (needsSeparator(this.getSql().slice(-1), head[0] ?? '')) this.append(' ')
    for (const part of parts) {
      if (typeof part === 'string') this.append(part)
      else this.appendValue(new LiteralParameter(part.pending))
    }
  }

  protected override visitPrimitiveValueList(node: PrimitiveValueListNode): void {
    if (node.values.length === 0) throw emptyList()
    super.visitPrimitiveValueList(node)
  }

  protected override visitValueList(node: ValueListNode): void {
    if (node.values.length === 0) throw emptyList()
    super.visitValueList(node)
  }

  protected override visitSelectQuery(node: SelectQueryNode): void {
    // `.limit(null)` / `.offset(null)` (allowed by Kysely's types) mean "no limit" / "no offset"
    const limit = node.limit && rowCountValue(node.limit.limit) === null ? undefined : node.limit
    const offset =
      node.offset && rowCountValue(node.offset.offset) === null ? undefined : node.offset
    super.visitSelectQuery(
      limit === node.limit && offset === node.offset
        ? node
        : Object.freeze({ ...node, limit, offset }),
    )
  }

  protected override visitLimit(node: LimitNode): void {
    const value = checkRowCount('LIMIT', node.limit)
    if (value !== undefined && this.#literalRowCounts) this.append(`limit ${value}`)
    else super.visitLimit(node)
  }

  protected override visitOffset(node: OffsetNode): void {
    const value = checkRowCount('OFFSET', node.offset)
    const parent = this.parentNode
    if (
      parent !== undefined &&
      SelectQueryNode.is(parent) &&
      (parent.limit === undefined || rowCountValue(parent.limit.limit) === null)
    ) {
      if (this.#offsetWithoutLimit === 'reject') {
        throw new UnsupportedSqlError(
          'OFFSET without LIMIT',
          "the dialect's offsetWithoutLimit option is 'reject'; add .limit(n) to the query",
        )
      }
      if (this.#offsetWithoutLimit === 'max-limit') this.append(`limit ${MAX_LIMIT} `)
    }
    if (value !== undefined && this.#literalRowCounts) this.append(`offset ${value}`)
    else super.visitOffset(node)
  }

  protected override visitOrderByItem(node: OrderByItemNode): void {
    super.visitOrderByItem(
      node.nulls !== undefined && node.direction === undefined
        ? OrderByItemNode.cloneWith(node, { direction: RawNode.createWithSql('asc') })
        : node,
    )
  }

  protected override visitDataType(node: DataTypeNode): void {
    this.append(castTypeName(node.dataType))
  }

  protected override visitJSONPath(node: JSONPathNode): void {
    if (node.inOperator !== undefined) throw jsonOperators()
    let path = '$'
    for (const leg of node.pathLegs) {
      path +=
        leg.type === 'ArrayLocation'
          ? `[${String(leg.value)}]`
          : `."${String(leg.value).replace(/["\\]/g, (c) => `\\${c}`)}"`
    }
    this.#appendLiteral(path)
  }

  protected override visitJSONReference(_: JSONReferenceNode): void {
    throw jsonOperators()
  }

  protected override visitJSONOperatorChain(_: JSONOperatorChainNode): void {
    throw jsonOperators()
  }

  protected override visitJoin(node: JoinNode): void {
    const feature = JOIN_FEATURES[node.joinType]
    if (feature !== undefined) {
      throw node.joinType === 'Using'
        ? readOnly('MERGE … USING')
        : new UnsupportedSqlError(
            feature,
            "e6data's SQL has no lateral subquery joins (LATERAL VIEW EXPLODE is its only lateral form); join a derived table or a CTE instead",
          )
    }
    super.visitJoin(node)
  }

  protected override visitSelectModifier(node: SelectModifierNode): void {
    const feature = node.modifier === undefined ? undefined : LOCKING_FEATURES[node.modifier]
    if (feature !== undefined) {
      throw new UnsupportedSqlError(
        feature,
        'e6data never locks rows (it does not write them); remove the locking clause',
      )
    }
    super.visitSelectModifier(node)
  }

  protected override visitCommonTableExpression(node: CommonTableExpressionNode): void {
    if (node.materialized !== undefined) {
      throw new UnsupportedSqlError(
        node.materialized ? 'MATERIALIZED CTEs' : 'NOT MATERIALIZED CTEs',
        "e6data's SQL has no CTE materialization hints (the planner decides); remove .materialized() / .notMaterialized()",
      )
    }
    super.visitCommonTableExpression(node)
  }

  protected override visitCollate(_: CollateNode): void {
    throw new UnsupportedSqlError(
      'COLLATE',
      "e6data's SQL has no COLLATE clause; compare lower(x) / upper(x) or use ILIKE for case-insensitive matching",
    )
  }

  protected override visitExplain(_: ExplainNode): void {
    throw new UnsupportedSqlError(
      'EXPLAIN',
      'e6data plans come from its explain RPC, not from an EXPLAIN statement; use client.explain(sql) or client.explainAnalyze(sql)',
    )
  }

  protected override visitFetch(_: FetchNode): void {
    throw new UnsupportedSqlError(
      'FETCH',
      "e6data's SQL limits rows with LIMIT only (no FETCH FIRST/NEXT … ROWS); use .limit(n)",
    )
  }

  protected override visitTop(_: TopNode): void {
    throw new UnsupportedSqlError(
      'TOP',
      "TOP is SQL Server syntax and e6data's SQL limits rows with LIMIT; use .limit(n)",
    )
  }

  protected override visitInsertQuery(_: InsertQueryNode): void {
    throw readOnly('INSERT')
  }

  protected override visitUpdateQuery(_: UpdateQueryNode): void {
    throw readOnly('UPDATE')
  }

  protected override visitDeleteQuery(_: DeleteQueryNode): void {
    throw readOnly('DELETE')
  }

  protected override visitMergeQuery(_: MergeQueryNode): void {
    throw readOnly('MERGE')
  }

  protected override visitReturning(_: ReturningNode): void {
    throw readOnly('RETURNING')
  }

  protected override visitOutput(_: OutputNode): void {
    throw readOnly('OUTPUT')
  }

  protected override visitOnConflict(_: OnConflictNode): void {
    throw readOnly('ON CONFLICT')
  }

  protected override visitOnDuplicateKey(_: OnDuplicateKeyNode): void {
    throw readOnly('ON DUPLICATE KEY UPDATE')
  }

  protected override visitOrAction(_: OrActionNode): void {
    throw readOnly('INSERT OR …')
  }

  protected override visitUsing(_: UsingNode): void {
    throw readOnly('DELETE … USING')
  }

  protected override visitCreateTable(_: CreateTableNode): void {
    throw readOnly('CREATE TABLE')
  }

  protected override visitDropTable(_: DropTableNode): void {
    throw readOnly('DROP TABLE')
  }

  protected override visitAlterTable(_: AlterTableNode): void {
    throw readOnly('ALTER TABLE')
  }

  protected override visitAddIndex(_: AddIndexNode): void {
    throw readOnly('ADD INDEX')
  }

  protected override visitCreateIndex(_: CreateIndexNode): void {
    throw readOnly('CREATE INDEX')
  }

  protected override visitDropIndex(_: DropIndexNode): void {
    throw readOnly('DROP INDEX')
  }

  protected override visitCreateSchema(_: CreateSchemaNode): void {
    throw readOnly('CREATE SCHEMA')
  }

  protected override visitDropSchema(_: DropSchemaNode): void {
    throw readOnly('DROP SCHEMA')
  }

  protected override visitCreateView(_: CreateViewNode): void {
    throw readOnly('CREATE VIEW')
  }

  protected override visitDropView(_: DropViewNode): void {
    throw readOnly('DROP VIEW')
  }

  protected override visitRefreshMaterializedView(_: RefreshMaterializedViewNode): void {
    throw readOnly('REFRESH MATERIALIZED VIEW')
  }

  protected override visitCreateType(_: CreateTypeNode): void {
    throw readOnly('CREATE TYPE')
  }

  protected override visitDropType(_: DropTypeNode): void {
    throw readOnly('DROP TYPE')
  }

  protected override visitAlterType(_: AlterTypeNode): void {
    throw readOnly('ALTER TYPE')
  }
}

/** A plain value, `sql.val(v)` or `sql.lit(v)`; `undefined` for raw SQL, left to the engine. */
function rowCountValue(node: OperationNode): unknown {
  let inner = node
  while (
    RawNode.is(inner) &&
    inner.parameters.length === 1 &&
    inner.sqlFragments.every((fragment) => fragment.trim() === '')
  ) {
    inner = inner.parameters[0] as OperationNode
  }
  return ValueNode.is(inner) ? (inner.value ?? null) : undefined
}

function checkRowCount(
  clause: 'LIMIT' | 'OFFSET',
  node: OperationNode,
): number | bigint | undefined {
  const value = rowCountValue(node)
  if (value === undefined) return undefined
  if (
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'bigint' && value >= 0n && value <= MAX_LIMIT)
  ) {
    return value
  }
  const shown =
    typeof value === 'bigint'
      ? `${value}n`
      : typeof value === 'number'
        ? String(value)
        : value === null
          ? 'null'
          : typeof value
  throw new InvalidArgumentError(
    `${clause} must be a non-negative integer (a safe-integer number or a bigint up to 2^63-1) or null for none, got ${shown}`,
  )
}

function castTypeName(dataType: string): string {
  const mapped = CAST_TYPES[dataType]
  if (mapped !== undefined) return mapped
  const match = PARAMETERIZED_CAST.exec(dataType)
  if (match !== null) {
    return match[1] !== undefined ? `${match[1]}(${match[2]})` : `decimal(${match[4]}, ${match[5]})`
  }
  const hint = CAST_HINTS[dataType]
  throw new UnsupportedSqlError(
    `CAST to ${dataType}`,
    `e6data's CAST accepts only char, varchar, int, bigint, boolean, date, float, double, timestamp, decimal(p, s), timestamp_tz, json and varbinary${hint ? `; ${hint}` : ''}`,
  )
}

function emptyList(): InvalidArgumentError {
  return new InvalidArgumentError(
    'an empty value list (e.g. `in []`) is not valid SQL; handle the empty case before building the query',
  )
}

function jsonOperators(): UnsupportedSqlError {
  return new UnsupportedSqlError(
    'JSON reference operators (->, ->>, ->$)',
    "e6data's SQL has no JSON operators; use json_extract(column, path) with eb.jsonPath() or sql",
  )
}

const READ_ONLY = 'e6data is a read-only query engine (no writes, DDL or transactions)'

function readOnly(feature: string): UnsupportedSqlError {
  return new UnsupportedSqlError(feature, READ_ONLY)
}
