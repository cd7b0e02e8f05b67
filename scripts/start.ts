// `npm start`: the whole product on this machine. Builds the cloud functions and the web
// app (a development build, with the persona switcher) when needed, starts the local cloud with its
// gateway and console, seeds the demo data on first run, and prints the addresses.
import path from 'node:path'
import { describePlan } from '../deploy/plan'
import { provisionLocalCloud, type ProvisionResult } from '../deploy/local'
import { localFunctionEnv } from '../localcloud/environment'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../localcloud/server'
import { buildFunctions, ROOT } from './build-functions'
import { ensureBuild, H5_DEVELOPMENT } from './builds'
import { demoCityAdmins, gatewayPersonas, seedDemo, seedShowcase } from './demo'

const DATA_DIR = path.join(ROOT, '.localcloud')
const H5_DIR = path.join(ROOT, 'dist-h5')

/** The local cloud as `npm start` runs it: started, then provisioned by the deploy's own path (deploy/local.ts). */
export async function startProvisionedCloud(options: LocalCloudOptions): Promise<{ cloud: LocalCloud; provisioned: ProvisionResult }> {
  const cloud = await startLocalCloud(options)
  return { cloud, provisioned: await provisionLocalCloud(cloud) }
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC'
  const port = Number(process.env.PORT ?? 3721)
  const built = await buildFunctions()
  console.log(`已构建 ${built.length} 个云函数`)
  ensureBuild(H5_DEVELOPMENT, process.argv.includes('--rebuild'))
  const { cloud, provisioned } = await startProvisionedCloud({
    dataDir: DATA_DIR,
    functionsDir: path.join(ROOT, 'build', 'functions'),
    functionEnv: localFunctionEnv(DATA_DIR, demoCityAdmins()),
    staticDir: H5_DIR,
    personas: gatewayPersonas(),
    port,
    timers: true,
  })
  if (provisioned.applied.length) console.log(describePlan(provisioned.plan, { description: '按部署声明配置本地云' }))
  const seeded = await seedDemo(cloud)
  if (seeded) console.log(`已写入演示数据：${seeded} 个演示身份`)
  // Something in every programme (trainings, the contest under judging), once.
  if (await seedShowcase(cloud)) console.log('已写入各项目的演示内容（培训课程、大赛）')
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
