// `npm start`: the whole product on this machine. Builds the cloud functions and the web
// app (a development build, with the persona switcher) when needed, starts the local cloud with its
// gateway and console, seeds the demo data on first run, and prints the addresses.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { localTemplateIds } from '../localcloud/environment'
import { startLocalCloud } from '../localcloud/server'
import { buildFunctions, ROOT } from './build-functions'
import { ensureBuild, H5_DEVELOPMENT } from './builds'
import { demo, gatewayPersonas, seedDemo } from './demo'

const DATA_DIR = path.join(ROOT, '.localcloud')
const H5_DIR = path.join(ROOT, 'dist-h5')

/**
 * The functions' environment (on WeChat Cloud: the function's environment variables in the
 * console, cloudfunctions/_shared/config.ts): the local cloud's template ids, the demo city admin
 * as the first city admin, and keys generated once per machine, never committed.
 */
export function localFunctionEnv(dataDir = DATA_DIR): Record<string, string> {
  return { ...localTemplateIds(), XQ_CITY_ADMIN_OPENIDS: demoCityAdmins(), XQ_MINIPROGRAM_STATE: 'developer', ...localSecrets(dataDir) }
}

function demoCityAdmins(): string {
  return demo.personas
    .filter((p) => p.roles.some((g) => g.role === 'city_admin'))
    .map((p) => p.openid)
    .join(',')
}

function localSecrets(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, 'secrets.json')
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>
  const secrets = {
    XQ_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    XQ_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
    XQ_TOKEN_KEY: crypto.randomBytes(32).toString('base64'),
  }
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC'
  const port = Number(process.env.PORT ?? 3721)
  const built = await buildFunctions()
  console.log(`已构建 ${built.length} 个云函数`)
  ensureBuild(H5_DEVELOPMENT, process.argv.includes('--rebuild'))
  const cloud = await startLocalCloud({
    dataDir: DATA_DIR,
    functionsDir: path.join(ROOT, 'build', 'functions'),
    collectionsFile: path.join(ROOT, 'cloudfunctions', 'collections.json'),
    storageRulesFile: path.join(ROOT, 'cloudfunctions', 'storage.rules.json'),
    functionEnv: localFunctionEnv(),
    staticDir: H5_DIR,
    personas: gatewayPersonas(),
    port,
    timers: true,
  })
  const seeded = await seedDemo(cloud)
  if (seeded) console.log(`已写入演示数据：${seeded} 个演示身份`)
  console.log('')
  console.log(`  乡青汇（H5）   ${cloud.url}/`)
  console.log(`  切换演示身份   ${cloud.url}/#/packages/dev/personas/index`)
  console.log(`  本地云控制台   ${cloud.url}/console`)
  console.log('')
  console.log('按 Ctrl+C 停止。')
  const stop = () => void cloud.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
