// Storage security rules, as WeChat Cloud evaluates them for requests from the mini program (a
// function, the console and the server SDK are never subject to them). The file the deploy sets
// (`cloudfunctions/storage.rules.json`) is what the gateway enforces here:
//   { "read": <boolean | expression>, "write": <boolean | expression> }   (a missing key is false)
// An expression sees `auth` (`{ openid }`, or null for a caller without identity) and `resource`
// (`{ openid, path }`: the file's owner and its path in the bucket, without leading `/`). The
// subset of the rule language understood here: literals (strings, numbers, true, false, null,
// arrays, template strings `…${expr}…`, regular expressions `/…/` with `.test(s)`), member access
// and indexing, `==` `!=` `<` `<=` `>` `>=` `in` `!` `&&` `||`, the strings' `split`,
// `startsWith` and `endsWith`, and `get('database.<collection>.<id>')` (a document, or null).
// Anything else — an unknown name, a property a value lacks, a type mismatch — fails the
// expression, and a failed expression refuses, as on the platform. Only `true` allows.
import fs from 'node:fs'

type Value = string | number | boolean | null | RegExp | Value[] | { [key: string]: unknown }

type Node =
  | { t: 'lit'; v: Value }
  | { t: 'name'; name: string }
  | { t: 'member'; obj: Node; prop: Node }
  | { t: 'call'; callee: Node; args: Node[] }
  | { t: 'not'; arg: Node }
  | { t: 'bin'; op: string; left: Node; right: Node }
  | { t: 'array'; items: Node[] }
  | { t: 'template'; quasis: string[]; exprs: Node[] }

type Token =
  | { k: 'op'; v: string }
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'name'; v: string }
  | { k: 'regex'; v: RegExp }
  | { k: 'template'; quasis: string[]; exprs: Node[] }

export class RuleError extends Error {}

const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '.', ',', '(', ')', '[', ']']

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === '"' || c === "'") {
      let s = ''
      i++
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') {
          const e = src[i + 1]
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e
          i += 2
        } else s += src[i++]
      }
      if (src[i] !== c) throw new RuleError('unterminated string')
      i++
      out.push({ k: 'str', v: s })
      continue
    }
    if (c === '`') {
      const quasis: string[] = []
      const exprs: Node[] = []
      let s = ''
      i++
      while (i < src.length && src[i] !== '`') {
        if (src[i] === '\\') {
          s += src[i + 1]
          i += 2
        } else if (src[i] === '$' && src[i + 1] === '{') {
          let depth = 1
          let j = i + 2
          while (j < src.length && depth > 0) {
            if (src[j] === '{') depth++
            else if (src[j] === '}') depth--
            j++
          }
          if (depth > 0) throw new RuleError('unterminated ${ in template')
          quasis.push(s)
          s = ''
          exprs.push(parse(src.slice(i + 2, j - 1)))
          i = j
        } else s += src[i++]
      }
      if (src[i] !== '`') throw new RuleError('unterminated template')
      i++
      quasis.push(s)
      out.push({ k: 'template', quasis, exprs })
      continue
    }
    // There is no division: a slash always opens a regular expression literal.
    if (c === '/') {
      let j = i + 1
      let inClass = false
      while (j < src.length && (src[j] !== '/' || inClass)) {
        if (src[j] === '\\') j++
        else if (src[j] === '[') inClass = true
        else if (src[j] === ']') inClass = false
        j++
      }
      if (j >= src.length) throw new RuleError('unterminated regular expression')
      const flags = /^[gimsuy]*/.exec(src.slice(j + 1))![0]
      out.push({ k: 'regex', v: new RegExp(src.slice(i + 1, j), flags) })
      i = j + 1 + flags.length
      continue
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i))
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) })
      i += num[0].length
      continue
    }
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))
    if (name) {
      out.push({ k: 'name', v: name[0] })
      i += name[0].length
      continue
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i))
    if (!op) throw new RuleError(`unexpected character ${c}`)
    out.push({ k: 'op', v: op })
    i += op.length
  }
  return out
}

function parse(src: string): Node {
  const tokens = tokenize(src)
  let pos = 0
  const peekOp = (...ops: string[]) => {
    const t = tokens[pos]
    return t?.k === 'op' && ops.includes(t.v) ? t.v : null
  }
  const expect = (op: string) => {
    if (!peekOp(op)) throw new RuleError(`expected ${op}`)
    pos++
  }
  const binary = (next: () => Node, ops: string[]): Node => {
    let left = next()
    for (;;) {
      const t = tokens[pos]
      const op = t?.k === 'op' && ops.includes(t.v) ? t.v : t?.k === 'name' && t.v === 'in' && ops.includes('in') ? 'in' : null
      if (!op) return left
      pos++
      left = { t: 'bin', op, left, right: next() }
    }
  }
  const or = (): Node => binary(and, ['||'])
  const and = (): Node => binary(equality, ['&&'])
  const equality = (): Node => binary(relational, ['==', '!=', '===', '!=='])
  const relational = (): Node => binary(unary, ['<', '<=', '>', '>=', 'in'])
  const unary = (): Node => {
    if (!peekOp('!')) return postfix()
    pos++
    return { t: 'not', arg: unary() }
  }
  const list = (close: string): Node[] => {
    const items: Node[] = []
    if (peekOp(close)) {
      pos++
      return items
    }
    for (;;) {
      items.push(or())
      if (peekOp(',')) pos++
      else break
    }
    expect(close)
    return items
  }
  const postfix = (): Node => {
    let node = primary()
    for (;;) {
      if (peekOp('.')) {
        pos++
        const t = tokens[pos++]
        if (t?.k !== 'name') throw new RuleError('expected a property name')
        node = { t: 'member', obj: node, prop: { t: 'lit', v: t.v } }
      } else if (peekOp('[')) {
        pos++
        const prop = or()
        expect(']')
        node = { t: 'member', obj: node, prop }
      } else if (peekOp('(')) {
        pos++
        node = { t: 'call', callee: node, args: list(')') }
      } else return node
    }
  }
  const primary = (): Node => {
    const t = tokens[pos++]
    if (!t) throw new RuleError('unexpected end of expression')
    if (t.k === 'num' || t.k === 'str' || t.k === 'regex') return { t: 'lit', v: t.v }
    if (t.k === 'template') return { t: 'template', quasis: t.quasis, exprs: t.exprs }
    if (t.k === 'name') {
      if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' }
      if (t.v === 'null') return { t: 'lit', v: null }
      return { t: 'name', name: t.v }
    }
    if (t.v === '(') {
      const inner = or()
      expect(')')
      return inner
    }
    if (t.v === '[') return { t: 'array', items: list(']') }
    throw new RuleError(`unexpected ${t.v}`)
  }
  const root = or()
  if (pos !== tokens.length) throw new RuleError('unexpected text after the expression')
  return root
}

export interface RuleContext {
  auth: { openid: string } | null
  resource: { openid: string; path: string }
  /** A document by `database.<collection>.<id>`, or null. */
  get(path: string): Record<string, unknown> | null
}

/** Documents one expression may read, as on the platform. */
const MAX_GETS = 3

function evaluate(node: Node, ctx: RuleContext, budget: { gets: number }): Value {
  const ev = (n: Node) => evaluate(n, ctx, budget)
  switch (node.t) {
    case 'lit':
      return node.v
    case 'name':
      if (node.name === 'auth') return ctx.auth
      if (node.name === 'resource') return { ...ctx.resource }
      throw new RuleError(`unknown name ${node.name}`)
    case 'template':
      return node.quasis.reduce((s, q, i) => {
        if (i === 0) return q
        const v = ev(node.exprs[i - 1])
        if (typeof v !== 'string' && typeof v !== 'number') throw new RuleError('a template can hold strings and numbers only')
        return `${s}${v}${q}`
      }, '')
    case 'array':
      return node.items.map(ev)
    case 'not':
      return !truthy(ev(node.arg))
    case 'member': {
      const obj = ev(node.obj)
      const prop = ev(node.prop)
      if (Array.isArray(obj) || typeof obj === 'string') {
        if (prop === 'length') return obj.length
        if (typeof prop === 'number' && Number.isInteger(prop) && prop >= 0 && prop < obj.length) return obj[prop]
        throw new RuleError(`no element ${String(prop)}`)
      }
      if (obj && typeof obj === 'object' && !(obj instanceof RegExp) && typeof prop === 'string' && Object.prototype.hasOwnProperty.call(obj, prop)) {
        return toValue((obj as Record<string, unknown>)[prop])
      }
      throw new RuleError(`no property ${String(prop)}`)
    }
    case 'call': {
      if (node.callee.t === 'name' && node.callee.name === 'get') {
        const path = node.args.length === 1 ? ev(node.args[0]) : null
        if (typeof path !== 'string' || !/^database\.[^.]+\..+$/.test(path)) throw new RuleError('get() takes database.<collection>.<id>')
        if (++budget.gets > MAX_GETS) throw new RuleError(`at most ${MAX_GETS} get() in one expression`)
        return toValue(ctx.get(path))
      }
      if (node.callee.t !== 'member') throw new RuleError('unknown function')
      const self = ev(node.callee.obj)
      const method = ev(node.callee.prop)
      const args = node.args.map(ev)
      if (self instanceof RegExp && method === 'test' && typeof args[0] === 'string') {
        self.lastIndex = 0
        return self.test(args[0])
      }
      if (typeof self === 'string' && typeof args[0] === 'string') {
        if (method === 'split') return self.split(args[0])
        if (method === 'startsWith') return self.startsWith(args[0])
        if (method === 'endsWith') return self.endsWith(args[0])
      }
      throw new RuleError(`unknown method ${String(method)}`)
    }
    case 'bin': {
      if (node.op === '&&') return truthy(ev(node.left)) ? ev(node.right) : false
      if (node.op === '||') return truthy(ev(node.left)) ? true : ev(node.right)
      const left = ev(node.left)
      const right = ev(node.right)
      switch (node.op) {
        case '==':
        case '===':
          return same(left, right)
        case '!=':
        case '!==':
          return !same(left, right)
        case 'in':
          if (!Array.isArray(right)) throw new RuleError('in needs an array')
          return right.some((item) => same(left, item))
        default: {
          if (!((typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string'))) {
            throw new RuleError(`${node.op} compares two numbers or two strings`)
          }
          if (node.op === '<') return left < right
          if (node.op === '<=') return left <= right
          if (node.op === '>') return left > right
          return left >= right
        }
      }
    }
  }
}

function toValue(v: unknown): Value {
  if (v === undefined) return null
  if (v instanceof Date) return v.getTime()
  return v as Value
}

function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== ''
}

function same(a: Value, b: Value): boolean {
  return (a === null || typeof a !== 'object') && (b === null || typeof b !== 'object') ? a === b : false
}

export type RuleOperation = 'read' | 'write'

export class StorageRules {
  private readonly compiled: Record<RuleOperation, boolean | Node>

  /** `rules` as in the deploy file; a missing operation is refused. */
  constructor(readonly rules: Partial<Record<RuleOperation, boolean | string>>) {
    const compile = (op: RuleOperation): boolean | Node => {
      const rule = rules[op]
      if (rule === undefined || typeof rule === 'boolean') return rule ?? false
      if (typeof rule !== 'string') throw new RuleError(`storage rule ${op} must be a boolean or an expression`)
      try {
        return parse(rule)
      } catch (err) {
        throw new RuleError(`storage rule ${op}: ${(err as Error).message}`)
      }
    }
    for (const key of Object.keys(rules)) if (key !== 'read' && key !== 'write') throw new RuleError(`unknown storage rule operation ${key}`)
    this.compiled = { read: compile('read'), write: compile('write') }
  }

  static fromFile(file: string): StorageRules {
    return new StorageRules(JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<RuleOperation, boolean | string>>)
  }

  /** Whether a mini-program user may do `op` on the resource: only an expression that is exactly true allows. */
  allows(op: RuleOperation, ctx: RuleContext): boolean {
    const rule = this.compiled[op]
    if (typeof rule === 'boolean') return rule
    try {
      return evaluate(rule, ctx, { gets: 0 }) === true
    } catch {
      return false
    }
  }
}
