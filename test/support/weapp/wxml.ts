// wxml: the official compiler, once per build.
import fs from 'node:fs'
import path from 'node:path'
import { getKit } from './kit'

export type Gwx = (wxmlPath: string) => unknown
const gwxCache = new Map<string, { stamp: string; gwx: Gwx }>()

function listFiles(root: string, exts: string[]): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name)
      if (ent.isDirectory()) {
        if (ent.name !== 'node_modules') walk(p)
      } else if (exts.some((e) => ent.name.endsWith(e))) {
        out.push(path.relative(root, p).split(path.sep).join('/'))
      }
    }
  }
  walk(root)
  return out.sort()
}

export function getGwx(distDir: string): Gwx {
  const files = listFiles(distDir, ['.wxml', '.wxs', '.json'])
  const stamp = files
    .map((f) => {
      const st = fs.statSync(path.join(distDir, f))
      return `${f}:${st.size}:${st.mtimeMs}`
    })
    .join('|')
  const hit = gwxCache.get(distDir)
  if (hit && hit.stamp === stamp) return hit.gwx
  const { window: win } = getKit()
  win.__webview_engine_version__ = 0.02 // what miniprogram-simulate sets before using wcc output
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiler = require('miniprogram-compiler')
  // wxmlToJs spawns node_modules/miniprogram-compiler/bin/<platform>/wcc (chmods it +x first).
  const source: string = compiler.wxmlToJs(distDir, {
    wxmlList: files.filter((f) => f.endsWith('.wxml')),
    wxsList: files.filter((f) => f.endsWith('.wxs')),
    maxBuffer: 64 * 1024 * 1024,
  })
  const gwx = new Function(source)() as Gwx
  gwxCache.set(distDir, { stamp, gwx })
  return gwx
}
