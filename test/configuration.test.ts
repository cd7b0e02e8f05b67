// Configuration declared once: the functions' environment (cloudfunctions/_shared/config.ts) and
// the app's build (config/settings.ts). Missing or placeholder values stop the function or the
// build with a message naming the variable; the README's table lists exactly what they declare.
import fs from 'node:fs'
import path from 'node:path'
import { FUNCTION_SETTINGS, readFunctionConfig, REQUIRED_SETTINGS } from '../cloudfunctions/_shared/config'
import { BUILD_SETTINGS, readBuildConfig } from '../config/settings'
import { LOCAL_BUILD_ENV } from '../scripts/builds'
import { placeBuiltFunctions } from './support/functions-cache'
import { startProvisionedCloud } from '../scripts/start'
import { localTemplateId } from '../localcloud/environment'
import { TEST_FUNCTION_ENV } from './support/app'
import { tempDir } from './support/localcloud'

const ROOT = path.resolve(__dirname, '..')
/** A template id of WeChat's shape, as its console issues them. */
const CONSOLE_ID = '9Xq-bl4bTbQu-I1xbNjG1ysWHmGzPaSnLaHUWpBs3Vw'
const without = (env: Record<string, string>, name: string) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== name))

describe("the functions' environment", () => {
  test('the tests’ configuration is complete, and read as typed values', () => {
    const read = readFunctionConfig(TEST_FUNCTION_ENV)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.config.XQ_DATA_KEY).toHaveLength(32)
    expect(read.config.XQ_CITY_ADMIN_OPENIDS).toEqual(['o_bootstrap_admin'])
    expect(read.config.XQ_TPL_REVIEW).toBe(localTemplateId('review'))
  })

  test.each(REQUIRED_SETTINGS)('without %s, the problem names it', (name) => {
    const read = readFunctionConfig(without(TEST_FUNCTION_ENV, name))
    expect(read).toEqual({ ok: false, problems: [expect.stringMatching(new RegExp(`^${name} not set`))] })
  })

  test('without XQ_CITY_ADMIN_OPENIDS nobody is made city admin by OPENID (the deploy\'s invitation makes the first)', () => {
    const read = readFunctionConfig(without(TEST_FUNCTION_ENV, 'XQ_CITY_ADMIN_OPENIDS'))
    expect(read.ok && read.config.XQ_CITY_ADMIN_OPENIDS).toEqual([])
  })

  test.each([
    ['XQ_TPL_REVIEW', 'TPL_REVIEW', 'is not a template id'],
    ['XQ_TPL_TODO', 'your-template-id', 'is not a template id'],
    ['XQ_DATA_KEY', Buffer.alloc(16, 1).toString('base64'), '32 random bytes'],
    ['XQ_CITY_ADMIN_OPENIDS', 'o_admin, 管理员', 'is not an OPENID'],
    ['XQ_MINIPROGRAM_STATE', 'production', 'developer, trial, formal'],
  ])('%s = %s is refused (%s)', (name, value, why) => {
    const read = readFunctionConfig({ ...TEST_FUNCTION_ENV, [name]: value })
    expect(read).toEqual({ ok: false, problems: [expect.stringContaining(why)] })
    if (!read.ok) expect(read.problems[0].startsWith(name)).toBe(true)
  })

  test('every problem at once, and the mini program state defaults to the released version', () => {
    const read = readFunctionConfig({})
    expect(read.ok ? [] : read.problems.map((p) => p.split(' ')[0])).toEqual(REQUIRED_SETTINGS)
    const state = readFunctionConfig(without(TEST_FUNCTION_ENV, 'XQ_MINIPROGRAM_STATE'))
    expect(state.ok && state.config.XQ_MINIPROGRAM_STATE).toBe('formal')
  })

  test('a function deployed without a template id answers every call with UNAVAILABLE and logs what to set; it changes nothing', async () => {
    const dataDir = tempDir('unconfigured')
    const functionsDir = path.join(dataDir, 'functions')
    await placeBuiltFunctions(functionsDir, { minify: false })
    const { cloud } = await startProvisionedCloud({ dataDir, functionsDir, functionEnv: without(TEST_FUNCTION_ENV, 'XQ_TPL_TODO'), quiet: true })
    try {
      const before = cloud.store.get('users').docs.size
      const call = await cloud.invoke('account', { action: 'me', input: {} }, { openid: 'o_someone', source: 'wx_client' })
      expect(call).toMatchObject({ ok: true, result: { ok: false, error: { code: 'UNAVAILABLE', message: '服务尚未配置完成，请联系管理员' } } })
      expect(call.record.logs.join('\n')).toMatch(/XQ_TPL_TODO not set/)
      const timer = await cloud.fireTimer('service', 'closeOpenSessions')
      expect(timer).toMatchObject({ ok: true, result: { ok: false, error: { code: 'UNAVAILABLE' } } })
      expect(cloud.store.get('users').docs.size).toBe(before)
    } finally {
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe("the app's build", () => {
  const release = { TARO_APP_ID: 'wx0123456789abcdef', TARO_APP_CLOUD_ENV: 'xiangqing-8g2h4k', XQ_TPL_REVIEW: CONSOLE_ID, XQ_TPL_REMINDER: CONSOLE_ID.replace('9', '8'), XQ_TPL_TODO: CONSOLE_ID.replace('9', '7') }

  test('local builds get the local cloud’s values; a build for upload gets the console’s', () => {
    expect(readBuildConfig(LOCAL_BUILD_ENV)).toMatchObject({ cloudEnv: 'local-env', templateIds: { XQ_TPL_REVIEW: localTemplateId('review') }, devTools: false, h5PublicPath: '/' })
    expect(readBuildConfig(release)).toMatchObject({ appId: 'wx0123456789abcdef', cloudEnv: 'xiangqing-8g2h4k', templateIds: { XQ_TPL_TODO: release.XQ_TPL_TODO } })
  })

  test.each([
    ['nothing configured', {}, ['TARO_APP_CLOUD_ENV is not set', 'XQ_TPL_REVIEW is not set', 'XQ_TPL_REMINDER is not set', 'XQ_TPL_TODO is not set']],
    ['a placeholder template id', { ...release, XQ_TPL_REVIEW: 'TPL_REVIEW' }, ['XQ_TPL_REVIEW "TPL_REVIEW" is not a template id']],
    ['a malformed AppID', { ...release, TARO_APP_ID: 'touristappid' }, ['TARO_APP_ID "touristappid" is not an AppID']],
    ['the local cloud in a build for upload', { ...release, ...LOCAL_BUILD_ENV }, ['TARO_APP_CLOUD_ENV is the local cloud', 'XQ_TPL_REVIEW is a local cloud id', 'XQ_TPL_REMINDER is a local cloud id', 'XQ_TPL_TODO is a local cloud id']],
    ['the persona switcher in a build for upload', { ...release, XQ_DEV_TOOLS: '1' }, ['XQ_DEV_TOOLS=1']],
  ])('%s stops the build, naming each variable', (_case, env, problems) => {
    let message = ''
    try {
      readBuildConfig(env)
    } catch (err) {
      message = (err as Error).message
    }
    const listed = message.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim())
    expect(listed).toHaveLength(problems.length)
    problems.forEach((p, i) => expect(listed[i]).toContain(p))
  })
})

test("the README's configuration table lists exactly the variables the functions and the build declare", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('### Configuration'), readme.indexOf('\n## ', readme.indexOf('### Configuration')))
  const rows = section.split('\n').filter((line) => /^\| `[A-Z0-9_]+` \|/.test(line))
  const documented = rows.map((line) => line.match(/^\| `([A-Z0-9_]+)`/)![1])
  expect(new Set(documented).size).toBe(documented.length)
  expect([...documented].sort()).toEqual([...new Set([...Object.keys(FUNCTION_SETTINGS), ...Object.keys(BUILD_SETTINGS)])].sort())
})
