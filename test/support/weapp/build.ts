import fs from 'node:fs'
import path from 'node:path'

const projectRoot = path.resolve(__dirname, '../../..')
/** Builds the mini program into dist-test/ (config/index.ts: XQ_TEST_BUILD=1), ~10 s. */
export const WEAPP_TEST_BUILD_COMMAND = 'npx tsx scripts/builds.ts weapp-test'
/**
 * What the build is made from: a file here newer than the build means the build is stale.
 * (package.json & co. are left out on purpose: they change for unrelated reasons, e.g. scripts.)
 */
const BUILD_INPUTS = ['src', 'types', 'config']

function newestInput(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 }
  const visit = (p: string) => {
    let st: fs.Stats
    try {
      st = fs.statSync(p)
    } catch {
      return
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name))
    } else if (st.mtimeMs > newest.mtimeMs) {
      newest = { file: path.relative(projectRoot, p), mtimeMs: st.mtimeMs }
    }
  }
  for (const input of BUILD_INPUTS) visit(path.join(projectRoot, input))
  return newest
}


/**
 * The weapp build the tests run against: dist-test/ (or $XQ_WEAPP_DIST). Throws, telling the
 * command to run, when it is missing or older than its sources (XQ_WEAPP_ALLOW_STALE=1 skips that).
 * The tests never build it themselves.
 */
export function weappTestBuild(): string {
  const dir = process.env.XQ_WEAPP_DIST ? path.resolve(projectRoot, process.env.XQ_WEAPP_DIST) : path.join(projectRoot, 'dist-test')
  const appJs = path.join(dir, 'app.js')
  const shown = dir.startsWith(projectRoot + path.sep) ? path.relative(projectRoot, dir) : dir
  if (!fs.existsSync(appJs) || !fs.existsSync(path.join(dir, 'app.json'))) {
    throw new Error(`No mini program build in ${shown}/. Build it first (about a minute):\n\n  ${WEAPP_TEST_BUILD_COMMAND}\n`)
  }
  if (process.env.XQ_WEAPP_ALLOW_STALE !== '1') {
    const built = fs.statSync(appJs).mtimeMs
    const newest = newestInput()
    if (newest.mtimeMs > built) {
      throw new Error(
        `The mini program build in ${shown}/ is older than ${newest.file} ` +
          `(${new Date(built).toISOString()} < ${new Date(newest.mtimeMs).toISOString()}). Rebuild it (about a minute):\n\n  ${WEAPP_TEST_BUILD_COMMAND}\n\n` +
          '(or set XQ_WEAPP_ALLOW_STALE=1 to run against it anyway)',
      )
    }
  }
  return dir
}
