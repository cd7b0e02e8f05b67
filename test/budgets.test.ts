// Size budgets (sizes are deterministic, so a broken budget fails the test; timings only go
// to the benchmark report). The weapp budget reads the build the page tests render: the
// production build, written to dist-test/ (XQ_TEST_BUILD changes nothing but the folder).
import fs from 'node:fs'
import path from 'node:path'
import { placeBuiltFunctions } from './support/functions-cache'
import { BUDGETS_KB, functionSizesKB, weappSizes } from '../bench/sizes'
import { tempDir } from './support/localcloud'
import { weappTestBuild } from './support/weapp/build'

const DIST = weappTestBuild()

test('the weapp main package and every subpackage are within budget', () => {
  const sizes = weappSizes(DIST)
  expect(sizes.mainKB).toBeLessThanOrEqual(BUDGETS_KB.weappMain)
  expect(Object.keys(sizes.subpackagesKB).length).toBeGreaterThan(0)
  for (const [root, kb] of Object.entries(sizes.subpackagesKB)) {
    expect({ root, kb: kb <= BUDGETS_KB.weappSubpackage ? 'within budget' : kb }).toEqual({ root, kb: 'within budget' })
  }
})

test('the production weapp build contains no development tools', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { subPackages: { root: string }[] }
  expect(app.subPackages.map((s) => s.root)).not.toContain('packages/dev')
  const mainJs = ['app.js', 'common.js', 'pages/mine/index.js'].map((f) => fs.readFileSync(path.join(DIST, f), 'utf8')).join('\n')
  expect(mainJs).not.toContain('packages/dev/personas')
  expect(mainJs).not.toContain('切换演示身份')
})

test("NutUI's number fonts, which no page uses, are dropped from the styles (config/drop-font-faces.js)", () => {
  const styles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? styles(path.join(dir, e.name)) : e.name.endsWith('.wxss') ? [path.join(dir, e.name)] : []))
  const all = styles(DIST)
  // The theme is there (its variables), the fonts are not.
  expect(all.some((f) => fs.readFileSync(f, 'utf8').includes('--nutui-color-primary'))).toBe(true)
  expect(all.filter((f) => fs.readFileSync(f, 'utf8').includes('JDZH-')).map((f) => path.relative(DIST, f))).toEqual([])
})

test('every function bundle is within budget (wx-server-sdk excluded)', async () => {
  const out = tempDir('budget')
  try {
    await placeBuiltFunctions(out)
    const sizes = functionSizesKB(out)
    expect(Object.keys(sizes).length).toBeGreaterThan(0)
    for (const [name, kb] of Object.entries(sizes)) {
      expect({ name, kb: kb <= BUDGETS_KB.functionBundle ? 'within budget' : kb }).toEqual({ name, kb: 'within budget' })
      expect(fs.readFileSync(path.join(out, name, 'index.js'), 'utf8')).toContain('require("wx-server-sdk")')
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
})
