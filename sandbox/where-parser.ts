/**
 * A small parser for Xero's `where` filter (a Dynamic-LINQ subset): `Type=="BANK"`, `Status=="ACTIVE" AND Type=="BANK"`,
 * `AmountDue > 5000 and DueDate > DateTime(2015, 01, 01)`, `&&`/`||`, `InvoiceId=guid("…")`, `Contact.Name=="x"`,
 * `Name.Contains("x")`, `Name.StartsWith("x")`, `Name.ToLower()=="x"`, `!`/`NOT`, parentheses, `null`, `true`/`false`.
 * Anything else fails with a QueryParseError, which the API turns into a 400.
 */
import { parseMsJson } from './xero-dates';

export class QueryParseError extends Error {}

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'punct'; v: '(' | ')' | ',' | '.' }
  /** Where reading stopped: its error is raised only if the parser gets that far. */
  | { t: 'err'; v: string };

/**
 * Xero reads tokens as its parser asks for them (Dynamic LINQ), so text after a complete expression is "Syntax error"
 * even when it could not be tokenised: `Name=="asd\"asd'asd\""` answers "Syntax error", not an unterminated literal
 * (XeroAPI/Xero-Java#347). A tokenising failure therefore becomes a last `err` token.
 */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  try {
    readTokens(src, out);
  } catch (e) {
    if (!(e instanceof QueryParseError)) throw e;
    out.push({ t: 'err', v: e.message });
  }
  return out;
}

function readTokens(src: string, out: Token[]): void {
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    // Xero's strings have no escape: a backslash is an ordinary character and the next `"` always ends the string,
    // so `"The \"Safe\" Co"` leaves `Safe\" Co"` as stray tokens → 400 "Syntax error" (XeroAPI/Xero-Java#347,
    // waynerobinson/xeroizer#160; xero-facts.md §9). Single quotes make a character literal, one character long
    // (xeroizer#454: "Character literal must contain exactly one character").
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new QueryParseError(`Unterminated string literal at position ${i}`);
      const v = src.slice(i + 1, end);
      if (c === "'" && [...v].length !== 1) throw new QueryParseError('Character literal must contain exactly one character');
      out.push({ t: 'str', v });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '>=', '<=', '&&', '||', '<>'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if (['=', '>', '<', '!'].includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '.') {
      out.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    throw new QueryParseError(`Syntax error '${c}' at position ${i}`);
  }
}

export type Value = string | number | boolean | null | undefined | { date: number } | { guid: string };

type Node =
  | { k: 'lit'; v: Value }
  | { k: 'field'; path: string[] }
  | { k: 'call'; target: Node; method: string; args: Node[] }
  | { k: 'cmp'; op: string; l: Node; r: Node }
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'not'; e: Node };

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly typeName: string,
    private readonly knownFields: ReadonlySet<string> | undefined,
  ) {}

  parse(): Node {
    if (this.toks.length === 0) throw new QueryParseError('Expression expected');
    const node = this.or();
    // Tokens left after a whole expression: Xero's words exactly (XeroAPI/Xero-Java#347).
    if (this.i < this.toks.length) throw new QueryParseError('Syntax error');
    return node;
  }

  private peek(): Token | undefined {
    const t = this.toks[this.i];
    if (t?.t === 'err') throw new QueryParseError(t.v);
    return t;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.t === 'id' && t.v.toUpperCase() === word;
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t?.t === 'op' && ops.includes(t.v);
  }

  private expectPunct(p: string): void {
    const t = this.peek();
    if (t?.t !== 'punct' || t.v !== p) throw new QueryParseError(`'${p}' expected`);
    this.i++;
  }

  private or(): Node {
    return this.leftChain('or', 'OR', '||', () => this.and());
  }

  private and(): Node {
    return this.leftChain('and', 'AND', '&&', () => this.unary());
  }

  /** `a OR b OR c` as ((a OR b) OR c): the operator by its word or its symbol, each operand one level tighter. */
  private leftChain(k: 'or' | 'and', word: string, symbol: string, operand: () => Node): Node {
    let l = operand();
    while (this.isWord(word) || this.isOp(symbol)) {
      this.i++;
      l = { k, l, r: operand() };
    }
    return l;
  }

  private unary(): Node {
    if (this.isOp('!') || this.isWord('NOT')) {
      this.i++;
      return { k: 'not', e: this.unary() };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const l = this.operand();
    if (this.isOp('==', '=', '!=', '<>', '>', '<', '>=', '<=')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const r = this.operand();
      return { k: 'cmp', op: op === '=' ? '==' : op === '<>' ? '!=' : op, l, r };
    }
    return l;
  }

  private operand(): Node {
    const t = this.peek();
    if (!t) throw new QueryParseError('Expression expected');
    if (t.t === 'punct' && t.v === '(') {
      this.i++;
      const e = this.or();
      this.expectPunct(')');
      return e;
    }
    if (t.t === 'str') {
      this.i++;
      return this.postfix({ k: 'lit', v: t.v });
    }
    if (t.t === 'num') {
      this.i++;
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'id') {
      this.i++;
      const upper = t.v.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return { k: 'lit', v: upper === 'TRUE' };
      if (upper === 'NULL') return { k: 'lit', v: null };
      const next = this.peek();
      if (next?.t === 'punct' && next.v === '(') return this.func(t.v);
      const path = [t.v];
      while (this.peek()?.t === 'punct' && (this.peek() as { v: string }).v === '.') {
        const after = this.toks[this.i + 1];
        const afterAfter = this.toks[this.i + 2];
        if (after?.t === 'id' && afterAfter?.t === 'punct' && afterAfter.v === '(') break;
        if (after?.t !== 'id') throw new QueryParseError('Identifier expected after \'.\'');
        path.push(after.v);
        this.i += 2;
      }
      if (this.knownFields && !this.knownFields.has(path[0]!.toLowerCase())) {
        throw new QueryParseError(`No property or field '${path[0]}' exists in type '${this.typeName}'`);
      }
      return this.postfix({ k: 'field', path });
    }
    throw new QueryParseError(`Syntax error: unexpected '${describe(t)}'`);
  }

  private postfix(target: Node): Node {
    let node = target;
    while (this.peek()?.t === 'punct' && (this.peek() as { v: string }).v === '.') {
      const name = this.toks[this.i + 1];
      if (name?.t !== 'id') throw new QueryParseError('Method name expected');
      this.i += 2;
      const method = name.v.toLowerCase();
      if (!['contains', 'startswith', 'endswith', 'tolower', 'toupper'].includes(method)) {
        throw new QueryParseError(`No applicable method '${name.v}' exists in type 'String'`);
      }
      const args = this.args();
      node = { k: 'call', target: node, method, args };
    }
    return node;
  }

  private args(): Node[] {
    this.expectPunct('(');
    const args: Node[] = [];
    if (this.peek()?.t === 'punct' && (this.peek() as { v: string }).v === ')') {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.or());
      const t = this.peek();
      if (t?.t === 'punct' && t.v === ',') {
        this.i++;
        continue;
      }
      this.expectPunct(')');
      return args;
    }
  }

  private func(name: string): Node {
    const args = this.args();
    const lits = args.map((a) => {
      if (a.k !== 'lit') throw new QueryParseError(`${name}() takes literal arguments`);
      return a.v;
    });
    const upper = name.toUpperCase();
    if (upper === 'GUID') {
      if (lits.length !== 1 || typeof lits[0] !== 'string') throw new QueryParseError('guid() takes one string');
      return { k: 'lit', v: { guid: lits[0].toLowerCase() } };
    }
    if (upper === 'DATETIME' || upper === 'DATETIMEOFFSET') {
      if (lits.length === 1 && typeof lits[0] === 'string') {
        const ms = Date.parse(lits[0].length === 10 ? `${lits[0]}T00:00:00Z` : lits[0]);
        if (Number.isNaN(ms)) throw new QueryParseError(`Invalid DateTime '${lits[0]}'`);
        return { k: 'lit', v: { date: ms } };
      }
      if (lits.length < 3 || lits.length > 6 || lits.some((x) => typeof x !== 'number')) throw new QueryParseError('DateTime() takes year, month, day[, hour, minute, second]');
      const [y, mo, d, h = 0, mi = 0, s = 0] = lits as number[];
      return { k: 'lit', v: { date: Date.UTC(y!, mo! - 1, d!, h, mi, s) } };
    }
    throw new QueryParseError(`Unknown identifier '${name}'`);
  }
}

function describe(t: Token): string {
  return t.t === 'str' ? `"${t.v}"` : String(t.v);
}

export type Filter = (record: Record<string, unknown>) => boolean;

/** Compiles a where expression; `typeName`/`knownFields` give Xero-like errors for unknown fields. */
export function compileWhere(src: string, typeName = 'Object', knownFields?: ReadonlySet<string>): Filter {
  const ast = new Parser(tokenize(src), typeName, knownFields).parse();
  return (record) => truthy(evaluate(ast, record));
}

/**
 * The fields a where expression names, as dotted paths in lower case (`Contact.Name` → `contact.name`). Empty when
 * it does not parse: the list read reports the parse error itself.
 */
export function whereFields(src: string): Set<string> {
  const fields = new Set<string>();
  let ast: Node;
  try {
    ast = new Parser(tokenize(src), 'Object', undefined).parse();
  } catch (e) {
    if (e instanceof QueryParseError) return fields;
    throw e;
  }
  const walk = (node: Node): void => {
    switch (node.k) {
      case 'field':
        fields.add(node.path.join('.').toLowerCase());
        return;
      case 'call':
        walk(node.target);
        node.args.forEach(walk);
        return;
      case 'cmp':
      case 'and':
      case 'or':
        walk(node.l);
        walk(node.r);
        return;
      case 'not':
        walk(node.e);
        return;
      case 'lit':
        return;
    }
  };
  walk(ast);
  return fields;
}

function getField(record: Record<string, unknown>, path: string[]): Value {
  let cur: unknown = record;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    const obj = cur as Record<string, unknown>;
    const lower = seg.toLowerCase();
    const key = seg in obj ? seg : Object.keys(obj).find((k) => k.toLowerCase() === lower);
    cur = key === undefined ? undefined : obj[key];
  }
  if (typeof cur === 'string' || typeof cur === 'number' || typeof cur === 'boolean' || cur === null || cur === undefined) return cur;
  return undefined;
}

function evaluate(node: Node, record: Record<string, unknown>): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'field':
      return getField(record, node.path);
    case 'not':
      return !truthy(evaluate(node.e, record));
    case 'and':
      return truthy(evaluate(node.l, record)) && truthy(evaluate(node.r, record));
    case 'or':
      return truthy(evaluate(node.l, record)) || truthy(evaluate(node.r, record));
    case 'call': {
      const target = evaluate(node.target, record);
      const s = typeof target === 'string' ? target : target === undefined || target === null ? '' : String(asScalar(target));
      const arg = node.args[0] ? asScalar(evaluate(node.args[0], record)) : undefined;
      const a = String(arg ?? '').toLowerCase();
      switch (node.method) {
        case 'contains':
          return s.toLowerCase().includes(a);
        case 'startswith':
          return s.toLowerCase().startsWith(a);
        case 'endswith':
          return s.toLowerCase().endsWith(a);
        case 'tolower':
          return s.toLowerCase();
        default:
          return s.toUpperCase();
      }
    }
    case 'cmp':
      return compare(node.op, evaluate(node.l, record), evaluate(node.r, record));
  }
}

function truthy(v: Value): boolean {
  return v === true;
}

function asScalar(v: Value): string | number | boolean | null | undefined {
  if (typeof v === 'object' && v !== null) return 'date' in v ? v.date : v.guid;
  return v;
}

function toMs(v: Value): number | undefined {
  if (typeof v === 'object' && v !== null && 'date' in v) return v.date;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const ms = parseMsJson(v);
    if (ms !== null) return ms;
    const parsed = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function compare(op: string, l: Value, r: Value): boolean {
  const isDate = (v: Value) => typeof v === 'object' && v !== null && 'date' in v;
  let a: string | number | boolean | null | undefined;
  let b: string | number | boolean | null | undefined;
  if (isDate(l) || isDate(r)) {
    a = toMs(l);
    b = toMs(r);
  } else {
    a = asScalar(l);
    b = asScalar(r);
    if (typeof a === 'string') a = a.toLowerCase();
    if (typeof b === 'string') b = b.toLowerCase();
    if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))) b = Number(b);
    if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) a = Number(a);
  }
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    default: {
      if (a === null || b === null || typeof a !== typeof b) return false;
      const x = a as string | number;
      const y = b as string | number;
      if (op === '>') return x > y;
      if (op === '<') return x < y;
      if (op === '>=') return x >= y;
      return x <= y;
    }
  }
}
