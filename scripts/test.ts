// `npm test`: type checking (strict), lint, the builds the tests read, then jest: unit and
// local-cloud tests, function tests, the weapp build in miniprogram-simulate, and browser
// journeys in Chromium. Exits non-zero on the first failure.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ensureBuild, H5_DEVELOPMENT, ROOT, WEAPP_TEST } from './builds'
import { QUALITY_DIR, summarize } from '../test/quality/report'

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n▶ ${label}`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) {
    console.error(`✖ ${label} 失败`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${label}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
}

const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name)
const jestArgs = process.argv.slice(2)

run('类型检查（tsc --noEmit，strict）', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
run('代码检查（eslint）', bin('eslint'), ['.'])
console.log('\n▶ 构建（源码有改动时）')
// One weapp build: the production build, in dist-test/ (the page tests render it, the budgets measure it).
ensureBuild(WEAPP_TEST)
ensureBuild(H5_DEVELOPMENT)
// The quality tests leave their figures here; the report below gathers them.
fs.rmSync(QUALITY_DIR, { recursive: true, force: true })
if (jestArgs.length > 0) run('测试（jest）', bin('jest'), jestArgs, { TZ: 'UTC' })
else {
  run('测试：单元、本地云、云函数、小程序（jest）', bin('jest'), ['--selectProjects', 'node'], { TZ: 'UTC' })
  // Journeys two at a time: each starts its own stack and browser, and mostly waits on pages and
  // timers, so two keep the 2 cores busy (one at a time took ~480 s; the sequencer starts the longest).
  run('测试：浏览器用户旅程（jest，Chromium）', bin('jest'), ['--selectProjects', 'browser', '--maxWorkers=2'], { TZ: 'UTC' })
}

const { figures, text } = summarize()
console.log(`\n${text}`)
fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true })
fs.writeFileSync(path.join(ROOT, 'test-artifacts/quality.json'), `${JSON.stringify(figures, null, 2)}\n`)
fs.writeFileSync(path.join(ROOT, 'test-artifacts/quality.md'), `${text}\n`)
