// Production code never knows the local cloud exists; every collection is declared for deploy.
import fs from 'node:fs'
import path from 'node:path'
import { buildFunctions, functionNames } from '../scripts/build-functions'
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

test('no build (weapp, h5, functions) contains local cloud code', async () => {
  const out = tempDir('boundary')
  try {
    await buildFunctions({ outDir: out })
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
