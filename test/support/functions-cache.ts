// The cloud functions built once per source, for every test cloud: bundling all of them with
// esbuild takes seconds, and most test files start a cloud of their own (a whole `npm test`
// bundled the same sources some fifty times). A build is kept under `.tmp/functions-cache/`,
// keyed by the contents of everything the bundles are made from; a cloud gets a copy of it
// (tests may deploy or configure functions in their own folder).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { buildFunctions, ROOT } from '../../scripts/build-functions'

/**
 * What a build depends on: the functions and the shared code, the contract and the data they
 * import, the compiler settings, the locked dependency versions and the build script itself.
 */
export const BUILD_INPUTS = ['cloudfunctions', 'types', 'data', 'tsconfig.json', 'package-lock.json', 'scripts/build-functions.ts']

const CACHE_DIR = path.join(ROOT, '.tmp/functions-cache')
/** Builds of other sources (an earlier edit, another branch) are dropped once unused this long (each is 1-4 MB, and editing makes one per test run). */
const KEEP_MS = 2 * 3600_000

function hashInto(hash: crypto.Hash, file: string): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false })
  if (!stat) return
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file).sort()) hashInto(hash, path.join(file, name))
    return
  }
  hash.update(`${path.relative(ROOT, file)}\0${stat.size}\0`)
  hash.update(fs.readFileSync(file))
}

/** The key of the build the sources make now. */
export function sourcesKey(minify: boolean): string {
  const hash = crypto.createHash('sha256')
  hash.update(minify ? 'minified\0' : 'readable\0')
  for (const input of BUILD_INPUTS) hashInto(hash, path.join(ROOT, input))
  return hash.digest('hex').slice(0, 20)
}

function dropStaleBuilds(keep: string): void {
  for (const name of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) {
    const entry = path.join(CACHE_DIR, name)
    if (name === keep) continue
    const stat = fs.statSync(entry, { throwIfNoEntry: false })
    if (stat && Date.now() - stat.mtimeMs > KEEP_MS) fs.rmSync(entry, { recursive: true, force: true })
  }
}

/**
 * Puts the deployable functions (as `buildFunctions` makes them) into `outDir`: a copy of the
 * build of the current sources, building it first if no test has yet. Parallel jest workers may
 * both build; each builds into a folder of its own and the first to finish keeps its build.
 */
export async function placeBuiltFunctions(outDir: string, options: { minify?: boolean } = {}): Promise<void> {
  const minify = options.minify ?? true
  const key = sourcesKey(minify)
  const cached = path.join(CACHE_DIR, key)
  if (!fs.existsSync(path.join(cached, '.complete'))) {
    fs.mkdirSync(CACHE_DIR, { recursive: true })
    const building = fs.mkdtempSync(path.join(CACHE_DIR, `${key}.building-`))
    try {
      await buildFunctions({ outDir: building, minify })
      // A source changed while it built (someone is editing): this build is for this cloud only.
      if (sourcesKey(minify) !== key) {
        fs.rmSync(outDir, { recursive: true, force: true })
        fs.renameSync(building, outDir)
        return
      }
      fs.writeFileSync(path.join(building, '.complete'), key)
      try {
        fs.renameSync(building, cached)
      } catch {
        // Another worker kept its build first (the same sources, the same output).
      }
    } finally {
      fs.rmSync(building, { recursive: true, force: true })
    }
    dropStaleBuilds(key)
  }
  // In use: not stale for the other builds' clean-up.
  const now = new Date()
  fs.utimesSync(cached, now, now)
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.cpSync(cached, outDir, { recursive: true, filter: (src) => path.basename(src) !== '.complete' })
}
