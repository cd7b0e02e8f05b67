// Command line of the local cloud:
//   serve    [--data DIR] [--functions DIR] [--port N] [--static DIR] [--env-file FILE] (functions'
//            environment, JSON; default: the local one) [--demo] (demo personas and data) [--timers].
//            The data folder keeps what the deploy declared (collections, indexes, rules:
//            `npm start` or deploy/local.ts provision it; the local cloud reads no declaration itself).
//            Once listening it writes one JSON line on stdout for the parent process: its URL, its
//            pid and this start's token (see access.ts).
//   reset    [--data DIR]                 empty every collection and the files
//   snapshot [--data DIR] --to DIR        copy the database and files into DIR
//   restore  [--data DIR] --from DIR      replace the data folder's contents with a snapshot
import fs from 'node:fs'
import path from 'node:path'
import { Store } from './db/store'
import { demoCityAdmins } from './demo'
import { localFunctionEnv, readManagedEnvironment } from './environment'
import { startLocalCloud } from './server'

const root = path.resolve(__dirname, '..')

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}

const dataDir = path.resolve(arg('data', path.join(root, '.localcloud'))!)

async function offline(work: (store: Store) => Promise<void>): Promise<void> {
  const store = new Store(path.join(dataDir, 'db'))
  // What the deploy declared for this data folder: a reset recreates those collections.
  await store.open(readManagedEnvironment(dataDir).collections)
  try {
    await work(store)
  } finally {
    await store.close()
  }
}

async function main(): Promise<void> {
  const command = process.argv[2]
  switch (command) {
    case 'serve': {
      const envFile = arg('env-file')
      const demo = process.argv.includes('--demo') ? await import('./demo') : null
      // Without an env file, the local environment (its keys, template ids and the demo's city admins).
      const functionEnv = envFile ? (JSON.parse(fs.readFileSync(path.resolve(envFile), 'utf8')) as Record<string, string>) : localFunctionEnv(dataDir, demoCityAdmins())
      const cloud = await startLocalCloud({
        functionEnv,
        personas: demo?.gatewayPersonas() ?? [],
        dataDir,
        functionsDir: path.resolve(arg('functions', path.join(root, 'build', 'functions'))!),
        port: Number(arg('port', '0')),
        staticDir: arg('static') ? path.resolve(arg('static')!) : undefined,
        timers: process.argv.includes('--timers'),
      })
      if (demo && Object.keys(cloud.managedEnvironment().collections).length === 0) {
        await cloud.close()
        throw new Error(`${dataDir} 还没有按部署声明配置集合：先运行一次 npm start（它经 deploy/local.ts 配置本地云）`)
      }
      if (demo) await demo.seedDemo(cloud)
      if (demo) await demo.seedShowcase(cloud)
      // One JSON line on stdout tells a parent process where we listen, and the token to call us with.
      process.stdout.write(`${JSON.stringify({ ready: true, url: cloud.url, pid: process.pid, token: cloud.token })}\n`)
      const stop = () => void cloud.close().then(() => process.exit(0))
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
      return
    }
    case 'reset':
      await offline((store) => store.reset())
      fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true })
      console.log(`已清空 ${dataDir}`)
      return
    case 'snapshot': {
      const to = arg('to')
      if (!to) throw new Error('snapshot needs --to DIR')
      await offline(async (store) => store.exportTo(path.join(path.resolve(to), 'db.jsonl')))
      if (fs.existsSync(path.join(dataDir, 'files'))) fs.cpSync(path.join(dataDir, 'files'), path.join(path.resolve(to), 'files'), { recursive: true })
      console.log(`快照已保存到 ${to}`)
      return
    }
    case 'restore': {
      const from = arg('from')
      if (!from) throw new Error('restore needs --from DIR')
      await offline((store) => store.importFrom(path.join(path.resolve(from), 'db.jsonl')))
      fs.rmSync(path.join(dataDir, 'files'), { recursive: true, force: true })
      if (fs.existsSync(path.join(path.resolve(from), 'files'))) fs.cpSync(path.join(path.resolve(from), 'files'), path.join(dataDir, 'files'), { recursive: true })
      console.log(`已从 ${from} 恢复`)
      return
    }
    default:
      console.error('usage: localcloud <serve|reset|snapshot|restore> [--data DIR] ...')
      process.exit(2)
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
