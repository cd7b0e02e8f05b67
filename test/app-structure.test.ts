// The app's shape, kept by a test (issue 15): every page renders its states through the kit's
// <PageStates>; no source file over 400 lines and no component over 200 (a longer page is split
// into sections and hooks beside it).
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.resolve(__dirname, '..')
const SRC = path.join(ROOT, 'src')

function files(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), pattern) : pattern.test(e.name) ? [path.join(dir, e.name)] : []))
}
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/')
const sources = files(SRC, /\.(ts|tsx|scss)$/).filter((f) => !/\.test\.tsx?$/.test(f))
const pages = files(path.join(SRC, 'packages'), /^index\.tsx$/)

/** Pages that load nothing, so have no states to render. */
const STATELESS: Record<string, string> = {
  'src/packages/account/privacy/index.tsx': 'the privacy notice, text in the bundle',
  'src/packages/volunteer/verify/index.tsx': 'a form always on screen; 没有找到这份证明 is the outcome of the check asked for',
}

test('every page renders its states through <PageStates> (directly or through a gate built on it)', () => {
  expect(pages.length).toBeGreaterThan(40)
  const gates = files(path.join(SRC, 'components'), /\.tsx$/).filter((f) => /<PageStates[\s>]/.test(fs.readFileSync(f, 'utf8')))
  const gateNames = gates.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/export function (\w+)\([^)]*\)[^{]*\{[^]*?<PageStates/g)].map((m) => m[1]))
  const offenders = pages
    .map(rel)
    .filter((p) => !STATELESS[p])
    .filter((p) => {
      const text = fs.readFileSync(path.join(ROOT, p), 'utf8')
      return !/<PageStates[\s>]/.test(text) && !gateNames.some((g) => new RegExp(`<${g}[\\s>]`).test(text))
    })
  expect(offenders).toEqual([])
})

test('no source file over 400 lines', () => {
  expect(sources.length).toBeGreaterThan(200)
  const over = Object.fromEntries(sources.map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400))
  expect(over).toEqual({})
})

function componentLengths(file: string): [string, number][] {
  const text = fs.readFileSync(file, 'utf8')
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const out: [string, number][] = []
  const visit = (node: ts.Node) => {
    let name = ''
    if (ts.isFunctionDeclaration(node) && node.name) name = node.name.text
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) name = node.name.text
    if (/^[A-Z]/.test(name) || (ts.isFunctionDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword))) {
      const lines = sf.getLineAndCharacterOfPosition(node.getEnd()).line - sf.getLineAndCharacterOfPosition(node.getStart()).line + 1
      out.push([`${rel(file)}#${name || 'default'}`, lines])
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

test('no component over 200 lines', () => {
  const lengths = sources.filter((f) => f.endsWith('.tsx')).flatMap(componentLengths)
  expect(lengths.length).toBeGreaterThan(100)
  expect(Object.fromEntries(lengths.filter(([, n]) => n > 200))).toEqual({})
})

test("a subpackage's files import nothing from another subpackage (shared front-end code lives in components/)", () => {
  const packagesDir = path.join(SRC, 'packages')
  const packageOf = (file: string) => path.relative(packagesDir, file).split(path.sep)[0]
  const crossing = sources
    .filter((f) => f.startsWith(packagesDir + path.sep))
    .flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8')
      const specifiers = [...text.matchAll(/(?:from\s+|import\s+|@use\s+|@import\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
      return specifiers
        .map((s) => (s.startsWith('@/') ? path.join(SRC, s.slice(2)) : s.startsWith('.') ? path.resolve(path.dirname(f), s) : null))
        .filter((target): target is string => target !== null && target.startsWith(packagesDir + path.sep) && packageOf(target) !== packageOf(f))
        .map((target) => `${rel(f)} → ${rel(target)}`)
    })
  expect(crossing).toEqual([])
})
