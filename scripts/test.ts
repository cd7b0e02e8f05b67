// `npm test`: type checking (strict), lint, the builds the tests read, then jest: unit and
// local-cloud tests, function tests, the weapp build in miniprogram-simulate, and browser
// journeys in Chromium. Exits non-zero on the first failure.
//
// Steps that do not need each other run at once, since each alone leaves a core idle: the type
// check, lint and the weapp build together; the web app's build beside the Node tests (which
// do not read it), awaited before the browser journeys.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ensureBuildInBackground, H5_DEVELOPMENT, ROOT, WEAPP_TEST } from './builds'
import { QUALITY_DIR, summarize } from '../test/quality/report'

const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name)
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1)
const children = new Set<ChildProcess>()

function fail(label: string, detail = ''): never {
  if (detail) console.error(detail)
  console.error(`✖ ${label} 失败`)
  for (const child of children) child.kill('SIGTERM')
  process.exit(1)
}

/** A step shown as it runs (jest draws its own progress). */
function run(label: string, command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  console.log(`\n▶ ${label}`)
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
    children.add(child)
    child.on('close', (code) => {
      children.delete(child)
      if (code !== 0) fail(label)
      console.log(`✔ ${label}（${seconds(started)} 秒）`)
      resolve()
    })
  })
}

/** A step run beside others: its output is kept and shown when it ends, so steps do not interleave. */
function runBeside(label: string, command: string, args: string[]): Promise<{ label: string; ok: boolean; text: string }> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
    children.add(child)
    const chunks: Buffer[] = []
    child.stdout!.on('data', (c: Buffer) => chunks.push(c))
    child.stderr!.on('data', (c: Buffer) => chunks.push(c))
    child.on('close', (code) => {
      children.delete(child)
      const output = Buffer.concat(chunks).toString('utf8').trim()
      resolve({ label, ok: code === 0, text: `${output ? `${output}\n` : ''}${code === 0 ? '✔' : '✖'} ${label}（${seconds(started)} 秒）` })
    })
  })
}

async function main(): Promise<void> {
  const jestArgs = process.argv.slice(2)
  console.log('\n▶ 类型检查、代码检查与小程序构建（同时进行）')
  // One weapp build: the production build, in dist-test/ (the page tests render it, the budgets measure it).
  const weapp = ensureBuildInBackground(WEAPP_TEST).then(
    () => ({ label: '小程序构建', ok: true, text: '✔ 小程序构建' }),
    (err: Error) => ({ label: '小程序构建', ok: false, text: err.message }),
  )
  const steps = await Promise.all([runBeside('类型检查（tsc --noEmit，strict）', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']), runBeside('代码检查（eslint）', bin('eslint'), ['.']), weapp])
  for (const step of steps) console.log(step.text)
  const failed = steps.filter((s) => !s.ok)
  if (failed.length > 0) fail(failed.map((s) => s.label).join('、'))

  // The quality tests leave their figures here; the report below gathers them.
  fs.rmSync(QUALITY_DIR, { recursive: true, force: true })
  const h5 = ensureBuildInBackground(H5_DEVELOPMENT)
  // Awaited below; a failure before then must not end the run as an unhandled rejection.
  h5.catch(() => undefined)
  if (jestArgs.length > 0) {
    await h5.catch((err: Error) => fail('H5 构建', err.message))
    await run('测试（jest）', bin('jest'), jestArgs, { TZ: 'UTC' })
  } else {
    await run('测试：单元、本地云、云函数、小程序（jest）', bin('jest'), ['--selectProjects', 'node'], { TZ: 'UTC' })
    await h5.catch((err: Error) => fail('H5 构建', err.message))
    // Journeys three at a time: each starts its own stack and browser and mostly waits on pages and
    // timers (a journey alone keeps under half a core busy: the admin journey 38 s of wall time, 16 s
    // of CPU); one at a time took ~480 s, two ~295 s. The sequencer starts the longest.
    await run('测试：浏览器用户旅程（jest，Chromium）', bin('jest'), ['--selectProjects', 'browser', '--maxWorkers=3'], { TZ: 'UTC' })
  }

  const { figures, text } = summarize()
  console.log(`\n${text}`)
  fs.mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true })
  fs.writeFileSync(path.join(ROOT, 'test-artifacts/quality.json'), `${JSON.stringify(figures, null, 2)}\n`)
  fs.writeFileSync(path.join(ROOT, 'test-artifacts/quality.md'), `${text}\n`)
}

void main()
