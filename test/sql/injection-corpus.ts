/**
 * String values that try to break out of a SQL string literal, or that stress the escape rules.
 * Every entry must render as exactly one string literal that the engine reads back unchanged, in
 * both escape modes. Shared by the unit tests and the live tests through the local engine.
 *
 * @module
 */

/** One corpus entry: a short name for test titles and the raw string value. */
export interface InjectionCase {
  readonly name: string
  readonly value: string
}

/** Values that must round-trip unchanged through `SELECT <literal>`. */
export const INJECTION_CORPUS: readonly InjectionCase[] = Object.freeze([
  { name: 'empty', value: '' },
  { name: 'plain', value: 'hello world' },
  { name: 'single quote', value: "'" },
  { name: 'two single quotes', value: "''" },
  { name: 'three single quotes', value: "'''" },
  { name: "O'Brien", value: "O'Brien" },
  { name: 'backslash', value: '\\' },
  { name: 'two backslashes', value: '\\\\' },
  { name: 'backslash at the end', value: 'abc\\' },
  { name: 'backslash quote', value: "\\'" },
  { name: 'backslash backslash quote', value: "\\\\'" },
  { name: 'quote backslash', value: "'\\" },
  { name: 'doubled quote then backslash', value: "''\\" },
  { name: 'classic breakout', value: "' OR 1=1 --" },
  { name: 'backslash breakout', value: "\\' OR 1=1 --" },
  { name: 'standard breakout', value: "x'' OR ''1''=''1" },
  { name: 'drop table', value: "'); DROP TABLE x; --" },
  { name: 'drop table backslash', value: "\\'); DROP TABLE x; --" },
  { name: 'union select', value: "' UNION SELECT password FROM users --" },
  { name: 'line comment', value: '-- not a comment' },
  { name: 'block comment open', value: '/* not a comment' },
  { name: 'block comment close', value: 'end */' },
  { name: 'slash comment', value: '// not a comment' },
  { name: 'url', value: 'http://example.com/a?b=c' },
  { name: 'placeholders', value: '? ?? $1 :name @p %s %(x)s' },
  { name: 'percent', value: '100% %% %d' },
  { name: 'semicolons', value: 'a; b;; ;' },
  { name: 'double quotes', value: '"quoted" ""' },
  { name: 'identifier breakout', value: '" OR 1=1 --' },
  { name: 'LF', value: 'line1\nline2' },
  { name: 'CR', value: 'line1\rline2' },
  { name: 'CRLF', value: 'line1\r\nline2' },
  { name: 'TAB', value: 'a\tb' },
  { name: 'newline comment breakout', value: "x\n' OR 1=1 --\n" },
  { name: 'escaped-looking sequences', value: '\\n \\r \\t \\0 \\x41 \\101 \\u0041 \\b \\f \\z' },
  { name: 'backslash newline', value: '\\\n' },
  { name: 'C0 controls', value: 'a\u0001\u0002\u0007\b\u000b\f\u000e\u001b\u001fz' },
  { name: 'DEL', value: 'a\u007fb' },
  { name: 'C1 controls', value: 'a\u0080\u0085\u009fb' },
  { name: 'latin-1', value: 'café naïve ß' },
  { name: 'CJK', value: '日本語のテキスト' },
  { name: 'RTL', value: 'שלום مرحبا' },
  { name: 'astral emoji', value: '😀👍🏽🧑‍🤝‍🧑' },
  { name: 'astral math', value: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙' },
  { name: 'combining marks', value: 'e\u0301 a\u0308 Z\u0335\u0321\u0336' },
  { name: 'zero-width', value: 'a\u200bb\u200dc\ufeffd' },
  { name: 'bidi override', value: 'a\u202eb\u202cc' },
  { name: 'right single quote', value: '\u2019 OR 1=1 --' },
  { name: 'modifier apostrophe', value: '\u02bc OR 1=1 --' },
  { name: 'fullwidth apostrophe', value: '\uff07 OR 1=1 --' },
  { name: 'prime and acute', value: '\u2032\u00b4`' },
  { name: 'fullwidth reverse solidus', value: '\uff3c\uff07' },
  { name: 'line and paragraph separators', value: 'a\u2028b\u2029c\u0085' },
  { name: 'noncharacters', value: '\ufffe\uffff\u{10ffff}' },
  { name: 'replacement char', value: '\ufffd' },
  { name: 'E-string prefix', value: "E'x'" },
  { name: 'dollar quoting', value: '$$ $tag$' },
  { name: 'long', value: `${"'\\".repeat(2000)}end` },
])

/** Values the renderer must reject (they cannot be represented in a literal). */
export const REJECTED_STRINGS: readonly InjectionCase[] = Object.freeze([
  { name: 'NUL', value: '\0' },
  { name: 'NUL in the middle', value: "a\0' OR 1=1 --" },
  { name: 'lone high surrogate', value: 'a\ud83d' },
  { name: 'lone low surrogate', value: '\ude00b' },
  { name: 'reversed surrogate pair', value: '\ude00\ud83d' },
])
