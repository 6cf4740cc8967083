/**
 * Type-checks the ```ts examples in the TSDoc of the package's public API — every symbol an entry
 * point of the package.json exports map exports, with the members of exported classes and
 * interfaces, plus the entry modules' own docs — as Kysely checks its doc examples. Each example
 * becomes a module that imports the package names it uses (from source) and declares the free
 * variables examples share (`client`, `db`, …, see {@link CONTEXT}); a wrong example fails.
 *
 * Usage: `tsx scripts/check-doc-examples.ts [--list]` (`--list` prints the examples as checked).
 * Run by `npm run lint`.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  exports: Record<string, string | { types?: string }>
}

/** Free variables the examples may use without declaring them, and their types. */
const CONTEXT: Readonly<Record<string, string>> = {
  client: "import('kysely-e6data/driver').E6dataClient",
  batch: "import('kysely-e6data/driver').ColumnarBatch",
  introspector: "import('kysely-e6data').E6dataIntrospector",
  queryId: 'string',
  row: 'number',
  err: 'unknown',
  options: "import('kysely-e6data/driver').E6dataClientOptions",
  span: "import('kysely-e6data/driver').SpanLike",
  // the reader's own code
  handle: '(value: unknown) => void',
  metrics: '{ increment(name: string): void }',
  session: "import('kysely-e6data/driver').Session",
  engine: "import('kysely-e6data/local').LocalEngine",
  db: "import('kysely').Kysely<any>",
  signal: 'AbortSignal',
  host: 'string',
  port: 'number',
  username: 'string',
  password: 'string',
  token: 'string',
}

/** Types the examples may use without declaring them. */
const TYPE_CONTEXT: Readonly<Record<string, string>> = {
  DB: 'any',
}

/** Names examples use from other packages without importing them. */
const EXTERNAL: Readonly<Record<string, string>> = {
  Kysely: 'kysely',
  CompiledQuery: 'kysely',
  DummyDriver: 'kysely',
  CamelCasePlugin: 'kysely',
  ParseJSONResultsPlugin: 'kysely',
  SqliteIntrospector: 'kysely',
  readFileSync: 'node:fs',
}

interface Entry {
  readonly specifier: string
  readonly file: string
}

interface Example {
  readonly file: string
  readonly line: number
  readonly owner: string
  readonly code: string
}

/** `kysely-e6data`, `kysely-e6data/driver`, … and their source files, from the exports map. */
function entries(): Entry[] {
  return Object.entries(PACKAGE.exports).flatMap(([key, target]) => {
    const types = typeof target === 'string' ? target : target.types
    if (!types?.endsWith('.d.ts')) return []
    const file = join(ROOT, types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'))
    return [{ specifier: key === '.' ? PACKAGE.name : `${PACKAGE.name}/${key.slice(2)}`, file }]
  })
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('cannot read tsconfig.json')
  const paths: Record<string, string[]> = {}
  for (const e of entries()) paths[e.specifier] = [relative(ROOT, e.file)]
  return {
    ...config.options,
    noEmit: true,
    // examples import types and values alike, as a reader would write them
    verbatimModuleSyntax: false,
    isolatedModules: false,
    baseUrl: ROOT,
    paths,
  }
}

const FENCE = /```(?:ts|typescript)\n([\s\S]*?)```/g

function fencedBlocks(text: string): { code: string; offset: number }[] {
  return [...text.matchAll(FENCE)].map((m) => ({ code: m[1] ?? '', offset: m.index ?? 0 }))
}

function isHidden(node: ts.Node): boolean {
  if (ts.isClassElement(node) || ts.isTypeElement(node)) {
    const name = node.name
    if (name && ts.isPrivateIdentifier(name)) return true
    if (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Private) return true
  }
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal')
}

/** The examples of the public API: entry module docs, exported symbols and their members. */
function collectExamples(program: ts.Program, seen: Set<ts.Node>): Example[] {
  const checker = program.getTypeChecker()
  const out: Example[] = []
  const fromTags = (node: ts.Node, owner: string) => {
    if (seen.has(node) || isHidden(node)) return
    seen.add(node)
    const sf = node.getSourceFile()
    const host = ts.isVariableDeclaration(node) ? node.parent.parent : node
    seen.add(host)
    // only the comment right above the declaration (a file's @module comment may precede it)
    const doc = (host as { jsDoc?: ts.JSDoc[] }).jsDoc?.at(-1)
    const tags = doc?.tags ?? []
    if (tags.some((t) => t.tagName.text === 'module')) return
    for (const tag of tags) {
      if (tag.tagName.text !== 'example') continue
      const text = ts.getTextOfJSDocComment(tag.comment) ?? ''
      const tagLine = sf.getLineAndCharacterOfPosition(tag.getStart(sf)).line + 1
      for (const b of fencedBlocks(text)) {
        const line = tagLine + 1 + text.slice(0, b.offset).split('\n').length
        out.push({ file: sf.fileName, line, owner, code: b.code })
      }
    }
  }
  for (const entry of entries()) {
    const sf = program.getSourceFile(entry.file)
    if (!sf) throw new Error(`entry ${entry.file} is not in the program`)
    const moduleDoc = /^\/\*\*([\s\S]*?)\*\//.exec(sf.text)
    if (moduleDoc?.[1]?.includes('@module')) {
      const text = moduleDoc[1].replace(/^[ \t]*\* ?/gm, '')
      for (const b of fencedBlocks(text)) {
        const line = text.slice(0, b.offset).split('\n').length + 1
        out.push({ file: sf.fileName, line, owner: `module ${entry.specifier}`, code: b.code })
      }
    }
    const moduleSymbol = checker.getSymbolAtLocation(sf)
    if (!moduleSymbol) continue
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      for (const decl of symbol.declarations ?? []) {
        fromTags(decl, exported.name)
        if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) {
          for (const member of decl.members) {
            const name = member.name && ts.isIdentifier(member.name) ? member.name.text : 'member'
            fromTags(member, `${exported.name}.${name}`)
          }
        }
      }
    }
  }
  return out
}

/** Names the example declares itself (imports, variables, functions, classes, parameters). */
function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text)
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bind(el.name)
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportClause(node)) {
      if (node.name) names.add(node.name.text)
    } else if (ts.isVariableDeclaration(node) || ts.isParameter(node)) {
      bind(node.name)
    } else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node)) &&
      node.name
    ) {
      names.add(node.name.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return names
}

/** Identifiers the example reads (not property names or keys). */
function usedNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const p = node.parent
      const isMemberName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isQualifiedName(p) && p.right === node) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        (ts.isPropertySignature(p) && p.name === node) ||
        (ts.isMethodDeclaration(p) && p.name === node) ||
        (ts.isBindingElement(p) && p.propertyName === node)
      if (!isMemberName) names.add(node.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return names
}

/** The module an example is checked as, and the line its code starts on. */
function wrap(
  example: Example,
  exportsOf: ReadonlyMap<string, string>,
): { text: string; codeLine: number } {
  // a relative import stands for the reader's own module: its names become TYPE_CONTEXT types
  const code = example.code.replace(
    /^import type \{ ([\w, ]+) \} from '\.{1,2}\/[^']*'.*$/gm,
    (line, names: string) =>
      names
        .split(',')
        .map((n) => n.trim())
        .every((n) => TYPE_CONTEXT[n] !== undefined)
        ? ''
        : line,
  )
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true)
  const declared = declaredNames(sf)
  const imports = new Map<string, string[]>()
  const declares: string[] = []
  for (const name of usedNames(sf)) {
    if (declared.has(name)) continue
    // `sql` is Kysely's template tag when used as one, else a statement string
    const from =
      name === 'sql' && /\bsql`/.test(code) ? 'kysely' : (exportsOf.get(name) ?? EXTERNAL[name])
    const type = name === 'sql' && from === undefined ? 'string' : CONTEXT[name]
    if (type !== undefined) declares.push(`declare const ${name}: ${type}`)
    else if (TYPE_CONTEXT[name] !== undefined) declares.push(`type ${name} = ${TYPE_CONTEXT[name]}`)
    else if (from !== undefined) imports.set(from, [...(imports.get(from) ?? []), name])
  }
  const head = [
    ...[...imports].map(([from, names]) => `import { ${names.join(', ')} } from '${from}'`),
    ...declares,
  ]
  return { text: `${head.join('\n')}\n${code}\nexport {}\n`, codeLine: head.length }
}

/** `@example` tags under src/ that no public symbol owns (the style allows none), per file. */
function internalExamples(
  program: ts.Program,
  publicHosts: ReadonlySet<ts.Node>,
): Map<string, number> {
  const entryFiles = new Set(entries().map((e) => e.file))
  const counts = new Map<string, number>()
  for (const sf of program.getSourceFiles()) {
    const file = relative(ROOT, sf.fileName)
    if (!file.startsWith('src/') || file.startsWith('src/generated/')) continue
    let n = 0
    const visit = (node: ts.Node) => {
      const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []
      docs.forEach((doc, i) => {
        const tags = doc.tags ?? []
        const isModule = tags.some((t) => t.tagName.text === 'module')
        const owned = isModule
          ? entryFiles.has(sf.fileName)
          : i === docs.length - 1 && publicHosts.has(node)
        if (!owned) n += tags.filter((t) => t.tagName.text === 'example').length
      })
      ts.forEachChild(node, visit)
    }
    visit(sf)
    if (n > 0) counts.set(file, n)
  }
  return counts
}

function main(): void {
  const options = compilerOptions()
  const srcFiles = ts.sys
    .readDirectory(join(ROOT, 'src'), ['.ts'])
    .filter((f) => !f.includes('/src/generated/'))
  const base = ts.createProgram(srcFiles, options)
  const publicHosts = new Set<ts.Node>()
  const examples = collectExamples(base, publicHosts)
  const internal = internalExamples(base, publicHosts)
  if (process.argv.includes('--internal')) {
    for (const [file, n] of [...internal].sort()) console.log(`${String(n).padStart(4)}  ${file}`)
  }

  const checker = base.getTypeChecker()
  const exportsOf = new Map<string, string>()
  for (const e of entries()) {
    const sym = checker.getSymbolAtLocation(base.getSourceFile(e.file)!)
    for (const x of sym ? checker.getExportsOfModule(sym) : []) {
      if (!exportsOf.has(x.name)) exportsOf.set(x.name, e.specifier)
    }
  }

  const virtual = new Map<string, { text: string; codeLine: number; example: Example }>()
  examples.forEach((example, i) => {
    const name = join(ROOT, 'scripts', '.doc-examples', `example-${i}.ts`)
    virtual.set(name, { ...wrap(example, exportsOf), example })
  })
  if (process.argv.includes('--list')) {
    for (const [, v] of virtual) {
      console.log(`// ${relative(ROOT, v.example.file)}:${v.example.line} (${v.example.owner})`)
      console.log(`${v.text}\n`)
    }
  }

  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (file, language, onError, create) => {
    const v = virtual.get(resolve(file))
    return v
      ? ts.createSourceFile(file, v.text, language, true)
      : getSourceFile(file, language, onError, create)
  }
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (file) => virtual.has(resolve(file)) || fileExists(file)
  const program = ts.createProgram([...virtual.keys()], options, host, base)

  let failures = 0
  for (const [file, v] of virtual) {
    const sf = program.getSourceFile(file)!
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    if (diags.length === 0) continue
    failures++
    console.error(
      `${relative(ROOT, v.example.file)}:${v.example.line}: example of ${v.example.owner}`,
    )
    for (const d of diags) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line
      const at = line >= v.codeLine ? `example line ${line - v.codeLine + 1}` : 'prelude'
      console.error(`  ${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n    ')}`)
    }
  }
  const internalCount = [...internal.values()].reduce((a, b) => a + b, 0)
  console.log(
    `doc examples: ${examples.length} checked, ${failures} failing (public API of ${entries().length} entry points); ${internalCount} more on internals (--internal lists them)`,
  )
  if (failures > 0) process.exitCode = 1
}

main()
