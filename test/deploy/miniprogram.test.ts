// miniprogram-ci packages the built mini program as an upload would (its compiler, its ignores),
// offline: the project's attributes are given instead of asked from WeChat. What it packs is
// the whole app, the build marker and licence notes left out, within WeChat's size limits.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { packageMiniProgram } from '../../deploy/miniprogram'
import { packageSizes, PACKAGE_LIMIT_BYTES, TOTAL_LIMIT_BYTES } from '../../deploy/preflight'
import { ensureBuild, WEAPP_TEST } from '../../scripts/builds'
import { tempDir } from '../support/localcloud'

const ROOT = path.resolve(__dirname, '../..')
const DIST = path.join(ROOT, 'dist-test')

/** The processes this test worker started; miniprogram-ci's compiler forks one and keeps it for later compiles. */
const children = () =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0)

let before: number[] = []
beforeAll(() => {
  before = children()
})
afterAll(() => {
  // Only the compiler this test forked (by pid), so that the worker can exit.
  for (const pid of children().filter((pid) => !before.includes(pid))) {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
})

test('miniprogram-ci packages every page of the built mini program, and the packages are within WeChat limits', async () => {
  // The test build npm test renders (built once if missing; never rebuilt here).
  if (!fs.existsSync(path.join(DIST, 'app.json'))) ensureBuild(WEAPP_TEST)
  const dir = tempDir('ci-package')
  try {
    // miniprogram-ci reads a key file only to sign uploads; packaging signs nothing.
    fs.writeFileSync(path.join(dir, 'unused.key'), 'not a key: packaging signs nothing')
    const packed = await packageMiniProgram({ appId: 'wx0123456789abcdef', projectPath: DIST, privateKeyPath: path.join(dir, 'unused.key') }, path.join(dir, 'package.zip'), {
      platform: false,
      appType: 0,
      setting: {},
    })
    const packedFiles = Object.keys(packed)
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
    const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
    expect(pages.length).toBeGreaterThan(20)
    for (const page of pages) for (const ext of ['js', 'json', 'wxml']) expect(packedFiles).toContain(`${page}.${ext}`)
    expect(packedFiles).toContain('app.json')
    expect(packedFiles.filter((f) => f === '.xq-build.json' || f.endsWith('.LICENSE.txt'))).toEqual([])
    expect(fs.statSync(path.join(dir, 'package.zip')).size).toBeGreaterThan(0)

    const sizes = packageSizes(DIST)
    expect(Object.keys(sizes).sort()).toEqual(['', ...app.subPackages.map((s) => s.root.replace(/\/$/, ''))].sort())
    for (const bytes of Object.values(sizes)) expect(bytes).toBeLessThanOrEqual(PACKAGE_LIMIT_BYTES)
    expect(Object.values(sizes).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TOTAL_LIMIT_BYTES)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
