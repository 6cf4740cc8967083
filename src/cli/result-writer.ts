import type { ColumnDescriptor } from '../driver/index.js'
import { cellText, displayWidth, isNumericType, jsonValue } from './cell-text.js'

export type OutputFormat = 'table' | 'csv' | 'tsv' | 'json' | 'ndjson'

/** Every {@link OutputFormat}, in help order. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = Object.freeze([
  'table',
  'csv',
  'tsv',
  'json',
  'ndjson',
])

/** The columns once, then rows (arrays in column order) in chunks, then `end`. */
export interface ResultWriter {
  columns(columns: readonly ColumnDescriptor[]): void
  rows(rows: readonly (readonly unknown[])[]): void
  end(): void
}

export interface ResultWriterOptions {
  /** Table only: print each chunk as it arrives (widths grow; the header is repeated when they do). */
  readonly streaming?: boolean
}

export function createResultWriter(
  format: OutputFormat,
  write: (text: string) => void,
  options: ResultWriterOptions = {},
): ResultWriter {
  switch (format) {
    case 'table':
      return new TableWriter(write, options.streaming ?? false)
    case 'csv':
      return new DelimitedWriter(write, ',', csvField, '')
    case 'tsv':
      return new DelimitedWriter(write, '\t', tsvField, '\\N')
    case 'json':
      return new JsonWriter(write, true)
    case 'ndjson':
      return new JsonWriter(write, false)
  }
}

const CSV_QUOTE = /[",\r\n]|^\s|\s$/

function csvField(text: string): string {
  return text === '' || CSV_QUOTE.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const TSV_SPECIAL = /[\\\t\n\r\0]/g
const TSV_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
}

function tsvField(text: string): string {
  return text.replace(TSV_SPECIAL, (c) => TSV_ESCAPES[c] as string)
}

class DelimitedWriter implements ResultWriter {
  readonly #write: (text: string) => void
  readonly #sep: string
  readonly #field: (text: string) => string
  readonly #null: string

  constructor(
    write: (text: string) => void,
    sep: string,
    field: (text: string) => string,
    nullText: string,
  ) {
    this.#write = write
    this.#sep = sep
    this.#field = field
    this.#null = nullText
  }

  columns(columns: readonly ColumnDescriptor[]): void {
    this.#write(`${columns.map((c) => this.#field(c.name)).join(this.#sep)}\n`)
  }

  rows(rows: readonly (readonly unknown[])[]): void {
    let out = ''
    for (const row of rows) {
      let line = ''
      for (let i = 0; i < row.length; i++) {
        const v = row[i]
        if (i > 0) line += this.#sep
        line += v === null || v === undefined ? this.#null : this.#field(cellText(v))
      }
      out += `${line}\n`
    }
    if (out) this.#write(out)
  }

  end(): void {}
}

class JsonWriter implements ResultWriter {
  readonly #write: (text: string) => void
  readonly #array: boolean
  #keys: string[] = []
  #types: string[] = []
  #first = true

  constructor(write: (text: string) => void, array: boolean) {
    this.#write = write
    this.#array = array
  }

  columns(columns: readonly ColumnDescriptor[]): void {
    const seen = new Map<string, number>()
    this.#keys = columns.map((c) => {
      const n = (seen.get(c.name) ?? 0) + 1
      seen.set(c.name, n)
      return JSON.stringify(n === 1 ? c.name : `${c.name}_${n}`)
    })
    this.#types = columns.map((c) => c.typeName)
    if (this.#array) this.#write('[')
  }

  rows(rows: readonly (readonly unknown[])[]): void {
    let out = ''
    for (const row of rows) {
      let obj = '{'
      for (let i = 0; i < row.length; i++) {
        if (i > 0) obj += ','
        obj += `${this.#keys[i]}:${jsonValue(row[i], this.#types[i] as string)}`
      }
      obj += '}'
      if (this.#array) {
        out += `${this.#first ? '\n' : ',\n'}${obj}`
        this.#first = false
      } else out += `${obj}\n`
    }
    if (out) this.#write(out)
  }

  end(): void {
    if (this.#array) this.#write(this.#first ? ']\n' : '\n]\n')
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/g

function tableText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  return cellText(value).replace(CONTROL, (c) => {
    if (c === '\n') return '\\n'
    if (c === '\t') return '\\t'
    if (c === '\r') return '\\r'
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
  })
}

class TableWriter implements ResultWriter {
  readonly #write: (text: string) => void
  readonly #streaming: boolean
  #names: string[] = []
  #right: boolean[] = []
  #widths: number[] = []
  #printedWidths: number[] | null = null
  #buffer: string[][] = []

  constructor(write: (text: string) => void, streaming: boolean) {
    this.#write = write
    this.#streaming = streaming
  }

  columns(columns: readonly ColumnDescriptor[]): void {
    this.#names = columns.map((c) => tableText(c.name))
    this.#right = columns.map((c) => isNumericType(c.typeName))
    this.#widths = this.#names.map(displayWidth)
  }

  rows(rows: readonly (readonly unknown[])[]): void {
    const cells = rows.map((row) => row.map(tableText))
    for (const row of cells) {
      for (let i = 0; i < row.length; i++) {
        const w = displayWidth(row[i] as string)
        if (w > (this.#widths[i] as number)) this.#widths[i] = w
      }
    }
    if (this.#streaming) this.#print(cells)
    else for (const row of cells) this.#buffer.push(row)
  }

  end(): void {
    if (!this.#streaming || this.#printedWidths === null) this.#print(this.#buffer)
    this.#buffer = []
  }

  #print(rows: readonly string[][]): void {
    let out = ''
    const widths = this.#widths
    if (this.#printedWidths === null || widths.some((w, i) => w !== this.#printedWidths?.[i])) {
      out += `${this.#line(this.#names, widths, () => false)}\n`
      out += `${widths.map((w) => '-'.repeat(w + 2)).join('+')}\n`
      this.#printedWidths = [...widths]
    }
    for (const row of rows) out += `${this.#line(row, widths, (i) => this.#right[i] === true)}\n`
    this.#write(out)
  }

  #line(cells: readonly string[], widths: readonly number[], right: (i: number) => boolean) {
    return cells
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] as number) - displayWidth(cell))
        return right(i) ? ` ${pad}${cell} ` : ` ${cell}${pad} `
      })
      .join('|')
      .trimEnd()
  }
}
