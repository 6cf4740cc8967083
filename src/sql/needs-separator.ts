const WORD = /[\p{L}\p{N}_$]/u
const DIGIT = /[0-9]/

/** Spliced text must not glue into a new token with its neighbour: `-?` with `-5` is not `--5`. */
export function needsSeparator(left: string, right: string): boolean {
  if (left === '' || right === '') return false
  if (left === '-') return right === '-'
  if (left === '/') return right === '*' || right === '/'
  if (left === "'" || left === '"') return right === left
  if (WORD.test(left)) return WORD.test(right) || right === "'" || right === '"'
  if (left === '.') return DIGIT.test(right)
  return false
}
