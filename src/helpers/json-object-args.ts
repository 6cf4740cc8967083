/**
 * `named_struct` arguments for the columns a subquery selects.
 *
 * @module
 */

import {
  AliasNode,
  ColumnNode,
  type Expression,
  IdentifierNode,
  type OperationNode,
  ReferenceNode,
  SelectQueryNode,
  sql,
} from 'kysely'
import { InvalidArgumentError } from '../errors.js'

/**
 * `'name', "table"."name", …` for every selection of `node`, read as columns of `table`. e6 has
 * no row-to-JSON function, so the names must be explicit: `selectAll()` and unaliased
 * expressions are refused with an error saying so.
 */
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
