// The boundaries between the top-level directories (which may import which, and no cycle);
// production code never knows the local cloud exists; every collection is declared for deploy.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { functionNames } from '../scripts/build-functions'
import { placeBuiltFunctions } from './support/functions-cache'
import { COLLECTIONS } from '../cloudfunctions/_shared/collections'
import { tempDir } from './support/localcloud'

const ROOT = path.resolve(__dirname, '..')

function files(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), pattern) : pattern.test(e.name) ? [path.join(dir, e.name)] : []))
}

test('nothing under src/, cloudfunctions/ or types/ imports localcloud/', () => {
  const sources = ['src', 'cloudfunctions', 'types'].flatMap((d) => files(path.join(ROOT, d), /\.(ts|tsx|js)$/))
  expect(sources.length).toBeGreaterThan(10)
  const offenders = sources.filter((f) => /(from|import|require)\s*\(?\s*['"][^'"]*localcloud/.test(fs.readFileSync(f, 'utf8')))
  expect(offenders).toEqual([])
})

/**
 * Which top-level directory may import which, besides itself: the one table of the project's
 * boundaries. The arrows all point one way (a test below checks there is no cycle, in the table
 * or in the code), so each layer can be built, deployed and reasoned about without those above it:
 *   types           the contract, shared by all below; imports nothing of the project
 *   src             the app: the contract only ('@contract/…'); never the functions, the local
 *                   cloud, scripts or tests (what would run in WeChat must not need them)
 *   cloudfunctions  the functions: the contract and data/ (bundled into them); never the local
 *                   cloud, the app, scripts or tests (they are deployed to WeChat Cloud as built)
 *   localcloud      the local cloud: the contract and data/. It runs the functions as BUILT, loaded
 *                   at run time from a build directory, and reads their JSON declarations
 *                   (collections.json, storage.rules.json, config.json): never their source. It
 *                   seeds the demo data itself (localcloud/demo.ts), so it needs nothing of scripts.
 *   config          Taro's build configuration (Node, at build time): the contract, data/, and the
 *                   local cloud's values, to refuse them in a build for upload
 *   scripts         npm start, the builds: the local cloud, the functions (to build), the contract
 *   test            everything but the benchmark
 *   bench           everything (it drives the app with the tests' support)
 * data/ holds JSON only. eslint.config.mjs states the same as rules (what each must not
 * import); the last test here checks that it reports every direction this table forbids.
 */
const MAY_IMPORT: Record<string, string[]> = {
  types: [],
  src: ['types', 'data'],
  cloudfunctions: ['types', 'data'],
  localcloud: ['types', 'data'],
  config: ['types', 'data', 'localcloud'],
  // The deploy reads the declarations (and the functions' and the build's settings readers) and
  // provisions the local cloud as one of its targets.
  deploy: ['types', 'data', 'cloudfunctions', 'localcloud', 'config'],
  scripts: ['types', 'data', 'cloudfunctions', 'localcloud', 'deploy'],
  test: ['types', 'data', 'src', 'cloudfunctions', 'localcloud', 'config', 'scripts', 'deploy'],
  bench: ['types', 'data', 'src', 'cloudfunctions', 'localcloud', 'config', 'scripts', 'test', 'deploy'],
}
/** What the local cloud may read of the functions' directory: declarations, not code. */
const DECLARATIONS = /^cloudfunctions\/.*\.json$/
/**
 * Imports against the table that are not this file's to move, each one file's one import (the
 * test fails when one is gone, so that it is taken off the list). Each closes a cycle.
 */
const EXCEPTIONS: { file: string; specifier: string; why: string }[] = [
  { file: 'scripts/test.ts', specifier: '../test/quality/report', why: "npm test prints the quality report; its reader belongs in scripts/ (test ↔ scripts)" },
  { file: 'test/budgets.test.ts', specifier: '../bench/sizes', why: "the size budgets and their measuring belong in scripts/ (bench/run.ts uses test/support: bench ↔ test)" },
]

const DIRS = Object.keys(MAY_IMPORT)
const TARGETS = [...DIRS, 'data']

interface Import {
  file: string
  specifier: string
  from: string
  /** The top-level directory (or root file) the specifier resolves to. */
  to: string
  /** The resolved path, relative to the root. */
  target: string
}

/** Every import, export-from, import() and require() specifier of the project's own code. */
function projectImports(): Import[] {
  return DIRS.flatMap((dir) =>
    files(path.join(ROOT, dir), /\.(ts|tsx|js|mjs|cjs)$/)
      .filter((f) => !f.split(path.sep).includes('node_modules'))
      .flatMap((f) => {
        const { importedFiles } = ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true)
        return importedFiles.flatMap(({ fileName: specifier }) => {
          const target = resolveSpecifier(f, specifier)
          if (target === null) return [] // a package
          return [{ file: path.relative(ROOT, f).split(path.sep).join('/'), specifier, from: dir, to: target.split('/')[0], target }]
        })
      }),
  )
}

/** A specifier's path relative to the root ('..' when outside), or null for a package. */
function resolveSpecifier(file: string, specifier: string): string | null {
  let absolute: string
  if (specifier.startsWith('@/')) absolute = path.join(ROOT, 'src', specifier.slice(2))
  else if (specifier.startsWith('@contract/')) absolute = path.join(ROOT, 'types', specifier.slice('@contract/'.length))
  else if (specifier.startsWith('.')) absolute = path.resolve(path.dirname(file), specifier)
  else if (TARGETS.includes(specifier.split('/')[0])) absolute = path.join(ROOT, specifier) // tsconfig's baseUrl is '.'
  else return null
  return path.relative(ROOT, absolute).split(path.sep).join('/')
}

const excepted = (i: Import) => EXCEPTIONS.some((e) => e.file === i.file && e.specifier === i.specifier)
const allowed = (i: Import) => i.to === i.from || MAY_IMPORT[i.from].includes(i.to) || (i.from === 'localcloud' && DECLARATIONS.test(i.target))

/** The cycles of a directed graph, each as its vertices' path ('a → b → a'); one per cycle's set. */
function cycles(edges: [string, string][]): string[] {
  const next = new Map<string, string[]>()
  for (const [a, b] of edges) if (a !== b) next.set(a, [...(next.get(a) ?? []), b])
  const found = new Set<string>()
  const walk = (pathSoFar: string[]) => {
    for (const n of next.get(pathSoFar[pathSoFar.length - 1]) ?? []) {
      const at = pathSoFar.indexOf(n)
      if (at >= 0) {
        const loop = pathSoFar.slice(at)
        const start = loop.indexOf([...loop].sort()[0])
        found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' → '))
      } else walk([...pathSoFar, n])
    }
  }
  for (const v of next.keys()) walk([v])
  return [...found].sort()
}

test('every import between top-level directories goes a way MAY_IMPORT allows', () => {
  const imports = projectImports()
  for (const dir of ['types', 'src', 'cloudfunctions', 'localcloud', 'scripts']) expect({ dir, some: imports.some((i) => i.from === dir) }).toEqual({ dir, some: true })
  const offenders = imports.filter((i) => !allowed(i) && !excepted(i)).map((i) => `${i.file}: '${i.specifier}' (${i.from}/ → ${i.to})`)
  expect(offenders).toEqual([])
})

test('no import cycle between top-level directories (scripts ↔ localcloud in particular), nor in the table', () => {
  const imports = projectImports().filter((i) => !excepted(i))
  const used = imports.map((i): [string, string] => [i.from, i.to])
  expect(used).toContainEqual(['scripts', 'localcloud'])
  expect(cycles(used)).toEqual([])
  expect(cycles(DIRS.flatMap((d) => MAY_IMPORT[d].map((t): [string, string] => [d, t])))).toEqual([])
  // The checker itself finds one.
  expect(cycles([...used, ['localcloud', 'scripts']])).toContain('localcloud → scripts → localcloud')
})

test('each exception to the table is still there (take it off the list when it goes)', () => {
  const imports = projectImports()
  for (const e of EXCEPTIONS) expect({ ...e, there: imports.some((i) => i.file === e.file && i.specifier === e.specifier) }).toEqual({ ...e, there: true })
})

test('eslint reports every direction MAY_IMPORT forbids, and none it allows', () => {
  // A probe file two levels down in each directory imports each other one: statically, by
  // export-from, by import() and, for src/ and types/, by alias.
  const probes = DIRS.map((dir) => {
    const lines: { target: string; code: string }[] = []
    for (const target of TARGETS.filter((t) => t !== dir)) {
      lines.push({ target, code: `import '../../${target}/x'` }, { target, code: `export * from '../../${target}/y'` }, { target, code: `export const z = () => import('../../${target}/z')` })
    }
    lines.push({ target: 'src', code: "import '@/x'" }, { target: 'types', code: "import '@contract/x'" }, { target: 'cloudfunctions.json', code: "import '../../cloudfunctions/collections.json'" })
    return { dir, file: path.join(ROOT, dir, 'boundary-probe', 'probe.ts'), lines: lines.filter((l) => l.target.split('.')[0] !== dir) }
  })
  const script = `
    const { ESLint } = require('eslint')
    const probes = JSON.parse(process.argv[1])
    ;(async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} })
      const out = []
      for (const p of probes) {
        const [result] = await eslint.lintText(p.lines.map((l) => l.code).join('\\n'), { filePath: p.file })
        out.push(result.messages.filter((m) => /^no-restricted-(imports|syntax)$/.test(m.ruleId ?? '')).map((m) => m.line))
      }
      process.stdout.write(JSON.stringify(out))
    })().catch((e) => { console.error(e); process.exit(1) })`
  const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(probes)], { cwd: ROOT, encoding: 'utf8' })
  expect(run.stderr).toBe('')
  const flagged = JSON.parse(run.stdout) as number[][]
  const verdicts = probes.flatMap((p, i) =>
    p.lines.map((l, n) => {
      const forbidden = l.target === 'cloudfunctions.json' ? !(p.dir === 'localcloud' || MAY_IMPORT[p.dir].includes('cloudfunctions')) : !MAY_IMPORT[p.dir].includes(l.target)
      return `${p.dir}/: ${l.code} — ${flagged[i].includes(n + 1) ? 'reported' : 'passes'}${forbidden === flagged[i].includes(n + 1) ? '' : ' (the table says otherwise)'}`
    }),
  )
  expect(verdicts.filter((v) => v.endsWith('(the table says otherwise)'))).toEqual([])
  expect(verdicts.filter((v) => v.endsWith('reported')).length).toBeGreaterThan(50)
})

test('no build (weapp, h5, functions) contains local cloud code', async () => {
  const out = tempDir('boundary')
  try {
    await placeBuiltFunctions(out)
    const built = [...files(out, /\.js$/), ...files(path.join(ROOT, 'dist'), /\.js$/), ...files(path.join(ROOT, 'dist-h5'), /\.js$/)]
    expect(built.length).toBeGreaterThan(2)
    const offenders = built.filter((f) => /localcloud|LocalCloud|startLocalCloud/.test(fs.readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
})

test('every collection the functions use is declared, with its security rule, in collections.json', () => {
  const declared = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions/collections.json'), 'utf8')) as Record<string, { rule?: object }>
  for (const name of Object.values(COLLECTIONS)) {
    expect({ name, declared: !!declared[name], rule: declared[name]?.rule }).toEqual({ name, declared: true, rule: { read: false, write: false } })
  }
})

test('every function has a config.json with a timeout and declared open-API permissions', () => {
  for (const name of functionNames()) {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as { timeout?: number; permissions?: { openapi?: unknown } }
    expect({ name, timeout: typeof config.timeout, openapi: Array.isArray(config.permissions?.openapi) }).toEqual({ name, timeout: 'number', openapi: true })
  }
})
