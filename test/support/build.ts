// Builds cloud functions into deployable folders for tests (same build as production).
import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'

export function buildFixtureFunction(source: string, outRoot: string, name: string, config: object = {}): void {
  const dir = path.join(outRoot, name)
  fs.mkdirSync(dir, { recursive: true })
  buildSync({
    entryPoints: [source],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    external: ['wx-server-sdk'],
    logLevel: 'error',
  })
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ timeout: 3, ...config }))
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } }))
}
