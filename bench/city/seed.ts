// `npm run seed:city`: the city-scale data set (issue 17, bench/city) — Qingyuan's 85 townships,
// 300 stations, 20,000 volunteers and rural youth, three years of service, perks, micro-loans
// and job fairs. Builds the snapshot the benchmark restores (bench/tmp/city-snapshot/<hash>/)
// if this generator has none yet, and with `--data <folder>` copies it into a local cloud's data
// folder (e.g. `--data .localcloud` for `npm start`; stop the local cloud first).
//
//   npm run seed:city [-- --scale 0.1] [-- --data .localcloud]     (tsx bench/city/seed.ts)
//
// It lives here, not in scripts/: scripts/ must not import bench/ (eslint.config.mjs and
// test/boundaries.test.ts keep bench → scripts one way).
//
// The personal data is sealed under the benchmark's and tests' keys (TEST_FUNCTION_ENV): a data
// folder is given those keys in its secrets.json, and one that already has other keys is refused
// (its functions could not read the city's ID numbers).
import fs from 'node:fs'
import path from 'node:path'
import { FULL_CITY } from './generate'
import { CITY_KEYS, citySnapshot, restoreSnapshot } from './load'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC'
  const scale = Number(arg('scale') ?? FULL_CITY.scale)
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be a number in (0, 1], not ${arg('scale')}`)
  const snapshot = await citySnapshot({ ...FULL_CITY, scale }, (line) => console.log(line))
  const { meta } = snapshot
  console.log(`${snapshot.built ? '已生成' : '已有'}城市数据快照 ${meta.hash}（${snapshot.dir}）：${Object.entries(meta.counts).map(([k, n]) => `${k} ${n}`).join('，')}`)
  console.log(`生成并写入用时 ${meta.loadSeconds} 秒（生成 ${meta.generateSeconds} 秒，写入 ${meta.writeSeconds} 秒）`)
  const data = arg('data')
  if (!data) return
  const dataDir = path.resolve(data)
  const secretsFile = path.join(dataDir, 'secrets.json')
  if (fs.existsSync(secretsFile)) {
    const secrets = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>
    const other = (Object.keys(CITY_KEYS) as (keyof typeof CITY_KEYS)[]).filter((k) => secrets[k] !== CITY_KEYS[k])
    if (other.length) throw new Error(`${secretsFile} holds other keys (${other.join(', ')}): the functions there could not read the city's sealed ID numbers. Use an empty data folder.`)
  } else {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(secretsFile, JSON.stringify(CITY_KEYS, null, 2), { mode: 0o600 })
  }
  const seconds = restoreSnapshot(snapshot.dir, dataDir)
  console.log(`已复制到 ${dataDir}（${seconds} 秒）。登录身份：团市委 ${meta.cast.city}，县团委 ${meta.cast.county.openid}，镇街 ${meta.cast.township.openid}，商家 ${meta.cast.merchant.openid}，银行 ${meta.cast.bank.openid}，用人单位 ${meta.cast.employer.openid}`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
