// Understands DuckDB's box drawing (the local engine) and JSON operator trees.

export interface PlanNode {
  readonly name: string
  /** Operator arguments (`Table: orders`, `Filters: …`). */
  readonly details: readonly string[]
  /** Per-node figures the engine gave (estimated or actual rows, time). */
  readonly figures: readonly string[]
  readonly children: readonly PlanNode[]
}

/** The root operators; `undefined` when the format is not recognised. */
export function parsePlan(plan: unknown): PlanNode[] | undefined {
  if (typeof plan === 'string') {
    if (plan.includes('┌')) return parseBoxes(plan)
    const trimmed = plan.trim()
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return parsePlan(JSON.parse(trimmed))
      } catch {
        return undefined
      }
    }
    return undefined
  }
  if (Array.isArray(plan)) {
    const nodes = plan.map(jsonNode).filter((n) => n !== undefined)
    return nodes.length > 0 ? nodes : undefined
  }
  const node = jsonNode(plan)
  return node ? [node] : undefined
}

const NAME_KEYS = [
  'name',
  'operator',
  'operator_name',
  'operator_type',
  'nodeType',
  'node_type',
  'Node Type',
  'type',
  'op',
  'label',
]
const CHILD_KEYS = ['children', 'inputs', 'input', 'plans', 'Plans', 'sources', 'nodes']

function jsonNode(value: unknown): PlanNode | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const o = value as Record<string, unknown>
  const nameKey = NAME_KEYS.find((k) => typeof o[k] === 'string')
  const childKey = CHILD_KEYS.find((k) => Array.isArray(o[k]) || isObject(o[k]))
  if (nameKey === undefined && childKey === undefined) return undefined
  const raw = childKey === undefined ? [] : o[childKey]
  const children = (Array.isArray(raw) ? raw : [raw])
    .map(jsonNode)
    .filter((n): n is PlanNode => n !== undefined)
  const details: string[] = []
  const figures: string[] = []
  for (const [key, v] of Object.entries(o)) {
    if (key === nameKey || key === childKey || v === null || v === undefined || v === '') continue
    if (typeof v === 'number' || typeof v === 'boolean') figures.push(`${key}=${v}`)
    else if (typeof v === 'string') details.push(`${key}: ${v}`)
    else if (isObject(v) && Object.keys(v).length === 0) continue
    else details.push(`${key}: ${JSON.stringify(v)}`)
  }
  return {
    name: nameKey === undefined ? '(operator)' : String(o[nameKey]),
    details,
    figures,
    children,
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

interface Box {
  readonly start: number
  readonly node: { name: string; details: string[]; figures: string[]; children: PlanNode[] }
}

const FIGURE = /^(~?[\d,.]+ rows?|\([\d.]+m?s\)|[\d.]+m?s)$/i

/** DuckDB's render tree: each node a box; a child sits below its parent, at or right of its column. */
function parseBoxes(text: string): PlanNode[] | undefined {
  const lines = text.split('\n').map((l) => Array.from(l))
  const rows: Box[][] = []
  for (let i = 0; i < lines.length; i++) {
    const top = lines[i] as string[]
    if (!top.includes('┌')) continue
    const spans: [number, number][] = []
    for (let c = 0; c < top.length; c++) {
      if (top[c] !== '┌') continue
      const end = top.indexOf('┐', c + 1)
      if (end < 0) break
      spans.push([c, end])
      c = end
    }
    const contents: string[][] = spans.map(() => [])
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j] as string[]
      if (line[spans[0]?.[0] ?? 0] === '└') break
      spans.forEach(([a, b], k) => {
        if (line[a] === '│') contents[k]?.push(line.slice(a + 1, b).join(''))
      })
    }
    rows.push(spans.map(([a, b], k) => ({ start: a, node: boxNode(contents[k] ?? [], b - a - 1) })))
    i = j
  }
  if (rows.length === 0) return undefined
  for (let r = 1; r < rows.length; r++) {
    const above = rows[r - 1] as Box[]
    for (const box of rows[r] as Box[]) {
      let parent: Box | undefined
      for (const candidate of above) if (candidate.start <= box.start) parent = candidate
      parent?.node.children.push(box.node)
    }
  }
  return (rows[0] as Box[]).map((b) => b.node)
}

function boxNode(
  content: readonly string[],
  width: number,
): { name: string; details: string[]; figures: string[]; children: PlanNode[] } {
  const separator = content.findIndex((l) => /^\s*─+\s*$/.test(l))
  const nameLines = separator < 0 ? content.slice(0, 1) : content.slice(0, separator)
  const body = separator < 0 ? content.slice(1) : content.slice(separator + 1)
  const name = unwrap(nameLines, width).join(' ')
  const details: string[] = []
  const figures: string[] = []
  let current: string | undefined
  for (const line of unwrap(body, width)) {
    if (line === '') {
      if (current !== undefined) details.push(current)
      current = undefined
    } else if (FIGURE.test(line)) figures.push(line)
    else if (current === undefined) current = line
    else if (/^[A-Za-z][\w ]*:/.test(line)) {
      details.push(current)
      current = line
    } else current += current.endsWith(':') ? ` ${line}` : `, ${line}`
  }
  if (current !== undefined) details.push(current)
  return { name, details, figures, children: [] }
}

/** Trims box lines and joins a line that filled the whole box width with the next (wrapped text). */
function unwrap(lines: readonly string[], width: number): string[] {
  const out: string[] = []
  let carry = ''
  for (const raw of lines) {
    const full = Array.from(raw).length >= width && raw.trim().length >= width
    const text = raw.trim()
    if (full) carry += text
    else {
      out.push(carry + text)
      carry = ''
    }
  }
  if (carry) out.push(carry)
  return out
}

export function renderPlanTree(roots: readonly PlanNode[]): string {
  const out: string[] = []
  const walk = (node: PlanNode, prefix: string, connector: string, childPrefix: string) => {
    const figures = node.figures.length > 0 ? `  [${node.figures.join(', ')}]` : ''
    out.push(`${prefix}${connector}${node.name}${figures}`)
    const detailPrefix = `${childPrefix}${node.children.length > 0 ? '│   ' : '    '}`
    for (const d of node.details) out.push(`${detailPrefix}${d}`)
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1
      walk(child, childPrefix, last ? '└── ' : '├── ', `${childPrefix}${last ? '    ' : '│   '}`)
    })
  }
  for (const root of roots) walk(root, '', '', '')
  return `${out.join('\n')}\n`
}
