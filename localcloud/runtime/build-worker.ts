// Worker threads load plain JavaScript: the worker bootstrap is compiled once, on start.
import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'

export function buildWorkerScript(outDir: string): string {
  const source = path.join(__dirname, 'worker.ts')
  const out = path.join(outDir, 'worker.js')
  const stale = !fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(source).mtimeMs
  if (stale) {
    fs.mkdirSync(outDir, { recursive: true })
    buildSync({ entryPoints: [source], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' })
  }
  return out
}
