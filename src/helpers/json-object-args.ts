import {
  AliasNode,
  ColumnNode,
  type Expression,
  IdentifierNode,
  type OperationNode,
  ReferenceNode,
  SelectQueryNode,
  type ShallowDehydrateObject,
  type Simplify,
  sql,
} from 'kysely'
import { InvalidArgumentError } from '../errors.js'

/** A row as JSON gives it back (`bigint` → `number`, `Date` → `string`). */
export type Dehydrated<O> = Simplify<ShallowDehydrateObject<O>>

/** e6 has no row-to-JSON function, so every selection must have a name (no `selectAll()`). */
export function jsonObjectArgs(
  node: OperationNode,
  table: string,
  helper: string,
): Expression<unknown>[] {
  if (!SelectQueryNode.is(node)) {
    throw new InvalidArgumentError(`${helper} takes a subquery (a select query builder)`)
  }
  const args: Expression<unknown>[] = []
  for (const { selection } of node.selections ?? []) {
    let name: string | undefined
    if (ReferenceNode.is(selection) && ColumnNode.is(selection.column)) {
      name = selection.column.column.name
    } else if (ColumnNode.is(selection)) {
      name = selection.column.name
    } else if (AliasNode.is(selection) && IdentifierNode.is(selection.alias)) {
      name = selection.alias.name
    }
    if (name === undefined) {
      throw new InvalidArgumentError(
        `${helper} needs explicit selections: e6data builds JSON objects with named_struct('name', value, …) and has no row-to-JSON function, so selectAll() and unaliased expressions cannot be named; select the columns (and alias expressions with .as())`,
      )
    }
    args.push(sql.lit(name), sql.id(table, name))
  }
  if (args.length === 0) {
    throw new InvalidArgumentError(`${helper} needs a subquery that selects at least one column`)
  }
  return args
}
