// Sizes that the budgets hold: the weapp main package and each subpackage (what WeChat
// counts against its 2 MB per-package limit), and each deployable function bundle.
import fs from 'node:fs'
import path from 'node:path'

export const BUDGETS_KB = { weappMain: 380, weappSubpackage: 300, functionBundle: 500 }

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

/** Files that are not uploaded as part of the package (DevTools' project file, terser's licence notes). */
const notPackaged = (file: string) => file.endsWith('.LICENSE.txt') || path.basename(file) === 'project.config.json'

export interface WeappSizes {
  mainKB: number
  subpackagesKB: Record<string, number>
}

export function weappSizes(distDir: string): WeappSizes {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] }
  const roots = (app.subPackages ?? []).map((s) => s.root)
  let main = 0
  const subs: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]))
  for (const file of files(distDir)) {
    if (notPackaged(file)) continue
    const rel = path.relative(distDir, file).split(path.sep).join('/')
    const bytes = fs.statSync(file).size
    const root = roots.find((r) => rel.startsWith(`${r}/`))
    if (root) subs[root] += bytes
    else main += bytes
  }
  const kb = (b: number) => Math.round((b / 1024) * 10) / 10
  return { mainKB: kb(main), subpackagesKB: Object.fromEntries(Object.entries(subs).map(([k, v]) => [k, kb(v)])) }
}

export function functionSizesKB(functionsDir: string): Record<string, number> {
  return Object.fromEntries(
    fs
      .readdirSync(functionsDir)
      .filter((name) => fs.existsSync(path.join(functionsDir, name, 'index.js')))
      .map((name) => [name, Math.round((fs.statSync(path.join(functionsDir, name, 'index.js')).size / 1024) * 10) / 10]),
  )
}
