// The app builds that start, test and bench rely on, rebuilt only when their sources changed.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { LOCAL_CLOUD_ENV, localTemplateIds } from '../localcloud/environment'

export const ROOT = path.resolve(__dirname, '..')
const SOURCES = ['src', 'types', 'config', 'package.json', 'babel.config.js', 'project.config.json']

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))))
}

interface Variant {
  /** What the build is, for messages. */
  label: string
  type: 'weapp' | 'h5'
  outDir: string
  env: Record<string, string>
}

/** What a build against the local cloud is configured with (config/settings.ts): its env id and template ids. */
export const LOCAL_BUILD_ENV: Record<string, string> = { TARO_APP_CLOUD_ENV: LOCAL_CLOUD_ENV, ...localTemplateIds() }

export const WEAPP_PRODUCTION: Variant = { label: '小程序（生产构建）', type: 'weapp', outDir: 'dist', env: { NODE_ENV: 'production', ...LOCAL_BUILD_ENV } }
/** The weapp production build, written to dist-test/ for the miniprogram-simulate tests (test/weapp). */
export const WEAPP_TEST: Variant = { label: '小程序（测试用生产构建）', type: 'weapp', outDir: 'dist-test', env: { NODE_ENV: 'production', XQ_TEST_BUILD: '1', ...LOCAL_BUILD_ENV } }
/** The web app as `npm start` serves it: with the persona switcher (development tools). */
export const H5_DEVELOPMENT: Variant = { label: 'H5（本地开发构建）', type: 'h5', outDir: 'dist-h5', env: { NODE_ENV: 'production', XQ_DEV_TOOLS: '1', ...LOCAL_BUILD_ENV } }

/** A variant's build as it stands: where it goes, and whether it is older than its sources. */
function buildPlan(variant: Variant, force: boolean, outDirOverride?: string) {
  const outDir = path.join(ROOT, outDirOverride ?? variant.outDir)
  const marker = path.join(outDir, '.xq-build.json')
  const signature = JSON.stringify(variant.env)
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))))
  const current = !force && fs.existsSync(marker) && fs.statSync(marker).mtimeMs > sources && fs.readFileSync(marker, 'utf8') === signature
  const env = { ...process.env, ...variant.env, ...(outDirOverride ? { XQ_OUT_DIR: outDirOverride } : {}) }
  return { current, marker, signature, env, command: path.join(ROOT, 'node_modules/.bin/taro'), args: ['build', '--type', variant.type] }
}

/**
 * The marker carries the build's start as its time: a source edited while the build ran is newer
 * than it, so the next run builds again instead of serving what was compiled before the edit.
 */
function markBuilt(plan: { marker: string; signature: string }, startedMs: number): void {
  fs.writeFileSync(plan.marker, plan.signature)
  fs.utimesSync(plan.marker, startedMs / 1000, startedMs / 1000)
}

/** Taro draws its progress on stderr: what follows the last error marker. */
function buildFailure(output: string): string {
  const at = output.lastIndexOf('Error')
  return output.slice(Math.max(0, at - 300), at + 4000)
}

/** Builds a variant unless a build of the same variant is newer than every source. */
export function ensureBuild(variant: Variant, force = false, outDirOverride?: string): boolean {
  const plan = buildPlan(variant, force, outDirOverride)
  if (plan.current) return false
  const started = Date.now()
  process.stdout.write(`正在构建${variant.label}… `)
  const result = spawnSync(plan.command, plan.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: plan.env })
  if (result.status !== 0) {
    console.error(`\n${buildFailure(`${result.stdout}\n${result.stderr}`)}`)
    throw new Error(`${variant.label}构建失败`)
  }
  markBuilt(plan, started)
  console.log(`完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
  return true
}

/**
 * ensureBuild without blocking: `npm test` builds the web app while the Node tests run (they do
 * not read it). Says one line when done; rejects with the build's error output.
 */
export function ensureBuildInBackground(variant: Variant): Promise<boolean> {
  const plan = buildPlan(variant, false)
  if (plan.current) return Promise.resolve(false)
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(plan.command, plan.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: plan.env })
    const chunks: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stderr.on('data', (c: Buffer) => chunks.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${variant.label}构建失败\n${buildFailure(Buffer.concat(chunks).toString('utf8'))}`))
      markBuilt(plan, started)
      console.log(`（${variant.label}构建完成，${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
      resolve(true)
    })
  })
}

const VARIANTS: Record<string, Variant> = { weapp: WEAPP_PRODUCTION, 'weapp-test': WEAPP_TEST, h5: H5_DEVELOPMENT }

/** `npx tsx scripts/builds.ts weapp|weapp-test|h5 [--force]`: one local build, configured for the local cloud. */
if (require.main === module) {
  const variant = VARIANTS[process.argv[2] ?? '']
  if (!variant) {
    console.error(`usage: tsx scripts/builds.ts ${Object.keys(VARIANTS).join('|')} [--force]`)
    process.exit(2)
  }
  if (!ensureBuild(variant, process.argv.includes('--force'))) console.log(`${variant.label}已是最新`)
}
