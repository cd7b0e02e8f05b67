// Builds every cloud function into a deployable folder, the shape WeChat DevTools and
// miniprogram-ci upload: build/functions/<name>/{index.js, package.json, config.json}.
// The function's TypeScript and the shared server code are bundled into one index.js;
// wx-server-sdk stays external (the platform installs it from package.json).
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

export const ROOT = path.resolve(__dirname, '..')
export const SOURCE_DIR = path.join(ROOT, 'cloudfunctions')
export const OUT_DIR = path.join(ROOT, 'build', 'functions')
const SDK_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/wx-server-sdk/package.json'), 'utf8')) as { version: string }).version

/** Folders under cloudfunctions/ that are functions (shared code lives in folders starting with `_`). */
export function functionNames(): string[] {
  return fs
    .readdirSync(SOURCE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(SOURCE_DIR, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
}

export async function buildFunctions(options: { minify?: boolean; outDir?: string } = {}): Promise<{ name: string; bytes: number }[]> {
  const names = functionNames()
  const outDir = options.outDir ?? OUT_DIR
  fs.rmSync(outDir, { recursive: true, force: true })
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(outDir, name)
      fs.mkdirSync(dir, { recursive: true })
      // A function may declare runtime dependencies of its own (cloudfunctions/<name>/package.json):
      // like wx-server-sdk they stay out of the bundle and the platform installs them on deploy.
      const own = path.join(SOURCE_DIR, name, 'package.json')
      const dependencies = fs.existsSync(own) ? ((JSON.parse(fs.readFileSync(own, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}) : {}
      await build({
        entryPoints: [path.join(SOURCE_DIR, name, 'index.ts')],
        outfile: path.join(dir, 'index.js'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        // WeChat Cloud's Node.js 16 runtime is the oldest we support.
        target: 'node16',
        external: ['wx-server-sdk', ...Object.keys(dependencies)],
        minify: options.minify ?? true,
        keepNames: true,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'error',
        tsconfig: path.join(ROOT, 'tsconfig.json'),
      })
      const config = JSON.parse(fs.readFileSync(path.join(SOURCE_DIR, name, 'config.json'), 'utf8')) as object
      fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION, ...dependencies } }, null, 2)}\n`,
      )
      return { name, bytes: fs.statSync(path.join(dir, 'index.js')).size }
    }),
  )
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions()
    .then((built) => {
      for (const f of built) console.log(`  ${f.name.padEnd(12)} ${(f.bytes / 1024).toFixed(1)} KB`)
      console.log(`已构建 ${built.length} 个云函数到 build/functions/（${Date.now() - started} ms）`)
    })
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
