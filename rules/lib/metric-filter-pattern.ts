/**
 * CloudWatch Logs JSON filter patterns (`{ $.eventName = "ConsoleLogin" && ... }`):
 * a parser, a canonical form, and the coverage test the CloudWatch.x rules use.
 *
 * Syntax accepted (the JSON form of the CloudWatch Logs filter-pattern syntax):
 *
 *   pattern    := "{" or "}"
 *   or         := and ( "||" and )*
 *   and        := unary ( "&&" unary )*          && binds tighter than ||
 *   unary      := "(" or ")" | comparison
 *   comparison := selector ( "=" | "!=" | "<" | ">" | "<=" | ">=" ) value
 *               | selector IS ( TRUE | FALSE | NULL )
 *               | selector [ NOT ] EXISTS
 *   selector   := "$" ( "." name | "[" index "]" | "[*]" )*
 *   value      := "quoted string" | unquoted-token | number | %regex%
 *
 * Keywords are case-insensitive. `*` inside a value is CloudWatch's wildcard;
 * it is kept as literal value text, so `"AccessDenied*"` equals `AccessDenied*`
 * but not `AccessDenied`. A quoted and an unquoted spelling of the same simple
 * string are the same value; a quoted number (`"1"`) is a string, not a number.
 *
 * Coverage: both patterns are put in disjunctive normal form over canonical
 * atoms. A filter covers a reference pattern when every conjunction of the
 * reference is implied by some conjunction of the filter whose atoms are a
 * subset of it: then every event the reference matches, the filter matches.
 * The test is sound (a narrower filter never covers) and syntactic (it does
 * not reason about value ranges such as `$.x = 2` implying `$.x > 1`).
 */

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Value =
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'regex'; text: string };

export type Atom =
  | { type: 'compare'; selector: string; op: Operator; value: Value }
  | { type: 'is'; selector: string; literal: 'TRUE' | 'FALSE' | 'NULL' }
  | { type: 'exists'; selector: string; exists: boolean };

export type Expr = { type: 'atom'; atom: Atom } | { type: 'and' | 'or'; items: Expr[] };

/** A malformed pattern: the message says what was expected, and where. */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
  }
}

// ----- tokens --------------------------------------------------------------

type Token =
  | { kind: 'punct'; text: '{' | '}' | '(' | ')' | '&&' | '||'; pos: number }
  | { kind: 'op'; text: Operator; pos: number }
  | { kind: 'selector'; text: string; pos: number }
  | { kind: 'quoted'; text: string; pos: number }
  | { kind: 'regex'; text: string; pos: number }
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'end'; text: ''; pos: number };

const NAME = /[A-Za-z0-9_-]/;
const WORD_STOP = /[\s(){}&|"=!<>%]/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    const two = source.slice(i, i + 2);
    if (c === '{' || c === '}' || c === '(' || c === ')') {
      tokens.push({ kind: 'punct', text: c, pos });
      i++;
    } else if (two === '&&' || two === '||') {
      tokens.push({ kind: 'punct', text: two, pos });
      i += 2;
    } else if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, pos });
      i += 2;
    } else if (c === '=' || c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c, pos });
      i++;
    } else if (c === '$') {
      i = readSelector(source, i, tokens);
    } else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new FilterPatternError('unterminated quoted string', pos);
        const d = source[i] ?? '';
        if (d === '\\' && i + 1 < source.length) {
          text += source[i + 1];
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ kind: 'quoted', text, pos });
    } else if (c === '%') {
      const end = source.indexOf('%', i + 1);
      if (end < 0) throw new FilterPatternError('unterminated %regular expression%', pos);
      tokens.push({ kind: 'regex', text: source.slice(i + 1, end), pos });
      i = end + 1;
    } else if (c === '&' || c === '|' || c === '!') {
      throw new FilterPatternError(`unexpected "${c}" (use &&, || or !=)`, pos);
    } else {
      let word = '';
      while (i < source.length && !WORD_STOP.test(source[i] ?? '')) word += source[i++];
      tokens.push({ kind: 'word', text: word, pos });
    }
  }
  tokens.push({ kind: 'end', text: '', pos: source.length });
  return tokens;
}

/** `$.a.b[0].c` -> one selector token, canonical (no spaces). */
function readSelector(source: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  let text = '$';
  for (;;) {
    const c = source[i];
    if (c === '.') {
      let name = '';
      i++;
      while (i < source.length && NAME.test(source[i] ?? '')) name += source[i++];
      if (name === '') throw new FilterPatternError('expected a property name after "."', i);
      text += `.${name}`;
    } else if (c === '[') {
      const close = source.indexOf(']', i);
      const inner = close < 0 ? '' : source.slice(i + 1, close).trim();
      if (close < 0 || !/^(\d+|\*)$/.test(inner)) throw new FilterPatternError('expected an array index like [0] or [*]', i);
      text += `[${inner === '*' ? '*' : String(Number(inner))}]`;
      i = close + 1;
    } else {
      break;
    }
  }
  if (text === '$') throw new FilterPatternError('expected a property selector like $.eventName', start);
  tokens.push({ kind: 'selector', text, pos: start });
  return i;
}

// ----- parser --------------------------------------------------------------

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function describeToken(t: Token): string {
  return t.kind === 'end' ? 'the end of the pattern' : `"${t.kind === 'quoted' ? `"${t.text}"` : t.text}"`;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    return this.tokens[this.index++] as Token;
  }

  private expectPunct(text: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== text) throw new FilterPatternError(`expected "${text}", found ${describeToken(t)}`, t.pos);
  }

  parsePattern(): Expr {
    const first = this.peek();
    if (first.kind !== 'punct' || first.text !== '{') {
      throw new FilterPatternError('not a JSON filter pattern: it must start with "{"', first.pos);
    }
    this.next();
    const expr = this.parseOr();
    this.expectPunct('}');
    const rest = this.peek();
    if (rest.kind !== 'end') throw new FilterPatternError(`unexpected ${describeToken(rest)} after the closing "}"`, rest.pos);
    return expr;
  }

  private parseOr(): Expr {
    const items = [this.parseAnd()];
    while (this.peek().kind === 'punct' && this.peek().text === '||') {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as Expr) : { type: 'or', items };
  }

  private parseAnd(): Expr {
    const items = [this.parseUnary()];
    while (this.peek().kind === 'punct' && this.peek().text === '&&') {
      this.next();
      items.push(this.parseUnary());
    }
    return items.length === 1 ? (items[0] as Expr) : { type: 'and', items };
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    return { type: 'atom', atom: this.parseComparison() };
  }

  private parseComparison(): Atom {
    const sel = this.next();
    if (sel.kind !== 'selector') throw new FilterPatternError(`expected a property selector like $.eventName, found ${describeToken(sel)}`, sel.pos);
    const selector = sel.text;
    const t = this.next();
    if (t.kind === 'op') return { type: 'compare', selector, op: t.text, value: this.parseValue(t.text) };
    if (t.kind === 'word') {
      const word = t.text.toUpperCase();
      if (word === 'EXISTS') return { type: 'exists', selector, exists: true };
      if (word === 'NOT') {
        const e = this.next();
        if (e.kind !== 'word' || e.text.toUpperCase() !== 'EXISTS') throw new FilterPatternError(`expected EXISTS after NOT, found ${describeToken(e)}`, e.pos);
        return { type: 'exists', selector, exists: false };
      }
      if (word === 'IS') {
        const l = this.next();
        const literal = l.kind === 'word' ? l.text.toUpperCase() : '';
        if (literal !== 'TRUE' && literal !== 'FALSE' && literal !== 'NULL') {
          throw new FilterPatternError(`expected TRUE, FALSE or NULL after IS, found ${describeToken(l)}`, l.pos);
        }
        return { type: 'is', selector, literal };
      }
    }
    throw new FilterPatternError(`expected a comparison (=, !=, <, >, <=, >=, IS, EXISTS, NOT EXISTS) after ${selector}, found ${describeToken(t)}`, t.pos);
  }

  private parseValue(op: Operator): Value {
    const t = this.next();
    let value: Value;
    if (t.kind === 'quoted') value = { kind: 'string', text: t.text };
    else if (t.kind === 'regex') value = { kind: 'regex', text: t.text };
    else if (t.kind === 'word' && NUMBER.test(t.text)) value = { kind: 'number', text: String(Number(t.text)) };
    else if (t.kind === 'word') value = { kind: 'string', text: t.text };
    else throw new FilterPatternError(`expected a value after "${op}", found ${describeToken(t)}`, t.pos);
    if (op !== '=' && op !== '!=' && value.kind !== 'number') {
      throw new FilterPatternError(`"${op}" compares numbers, found ${describeToken(t)}`, t.pos);
    }
    if (value.kind === 'regex' && op !== '=' && op !== '!=') throw new FilterPatternError(`a %regular expression% needs = or !=`, t.pos);
    return value;
  }
}

/** Parses a JSON filter pattern; throws FilterPatternError on malformed input. */
export function parseFilterPattern(pattern: string): Expr {
  return new Parser(tokenize(pattern)).parsePattern();
}

// ----- canonical form ------------------------------------------------------

/** One atom as canonical text: `$.eventName = "CreateTrail"`, `$.x NOT EXISTS`, `$.n >= 5`. */
export function atomKey(atom: Atom): string {
  switch (atom.type) {
    case 'compare': {
      const v = atom.value;
      const text = v.kind === 'string' ? JSON.stringify(v.text) : v.kind === 'regex' ? `%${v.text}%` : v.text;
      return `${atom.selector} ${atom.op} ${text}`;
    }
    case 'is':
      return `${atom.selector} IS ${atom.literal}`;
    case 'exists':
      return `${atom.selector} ${atom.exists ? 'EXISTS' : 'NOT EXISTS'}`;
  }
}

/** A conjunction: sorted, distinct atom keys. */
export type Conjunction = readonly string[];

/** Past this many conjunctions a pattern is refused rather than expanded. */
export const MAX_CONJUNCTIONS = 4096;

/**
 * Disjunctive normal form: an OR of ANDs of atoms, each AND sorted, no
 * duplicates, and no AND that contains another (`a || (a && b)` is `a`).
 */
export function toDnf(expr: Expr): Conjunction[] {
  const raw = expand(expr);
  const unique = [...new Map(raw.map((c) => [c.join('\u0000'), c])).values()];
  const minimal = unique.filter((c) => !unique.some((other) => other !== c && other.length < c.length && isSubset(other, c)));
  return minimal.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
}

function expand(expr: Expr): Conjunction[] {
  if (expr.type === 'atom') return [[atomKey(expr.atom)]];
  if (expr.type === 'or') {
    const all = expr.items.flatMap(expand);
    if (all.length > MAX_CONJUNCTIONS) throw new FilterPatternError(`the pattern expands to more than ${MAX_CONJUNCTIONS} alternatives`, 0);
    return all;
  }
  let product: Conjunction[] = [[]];
  for (const item of expr.items) {
    const right = expand(item);
    if (product.length * right.length > MAX_CONJUNCTIONS) {
      throw new FilterPatternError(`the pattern expands to more than ${MAX_CONJUNCTIONS} alternatives`, 0);
    }
    product = product.flatMap((l) => right.map((r) => [...new Set([...l, ...r])].sort()));
  }
  return product;
}

function isSubset(small: Conjunction, big: Conjunction): boolean {
  const set = new Set(big);
  return small.every((atom) => set.has(atom));
}

/** The canonical text of a pattern: its DNF, e.g. `($.a = "x" && $.b = "y") || ($.c = "z")`. */
export function canonicalPattern(pattern: string): string {
  return toDnf(parseFilterPattern(pattern))
    .map((c) => `(${c.join(' && ')})`)
    .join(' || ');
}

// ----- coverage ------------------------------------------------------------

export interface Coverage {
  /** The filter matches every event the reference pattern matches. */
  covers: boolean;
  /** The two patterns have the same canonical form (same terms, up to order, spacing, parentheses and quoting). */
  exactMatch: boolean;
}

/**
 * Does `filterPattern` match every event `referencePattern` matches? Throws
 * FilterPatternError when either pattern is malformed.
 */
export function coverage(filterPattern: string, referencePattern: string): Coverage {
  const filter = toDnf(parseFilterPattern(filterPattern));
  const reference = toDnf(parseFilterPattern(referencePattern));
  const covers = reference.every((c) => filter.some((f) => isSubset(f, c)));
  const key = (dnf: Conjunction[]) => dnf.map((c) => c.join('\u0000')).join('\u0001');
  return { covers, exactMatch: key(filter) === key(reference) };
}

/** `coverage(...).covers`. */
export function covers(filterPattern: string, referencePattern: string): boolean {
  return coverage(filterPattern, referencePattern).covers;
}

/**
 * Security Hub's documented comparison, for evidence: whitespace outside
 * double-quoted strings removed, then the two texts compared as they are.
 */
export function textMatch(filterPattern: string, referencePattern: string): boolean {
  return stripWhitespace(filterPattern) === stripWhitespace(referencePattern);
}

function stripWhitespace(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted && c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (quoted || !/\s/.test(c)) out += c;
  }
  return out;
}
