// No secret can be committed: the secrets file and key files are git-ignored, no tracked file
// holds a private key, and the deploy refuses an upload key inside the repository. Preflight
// names every problem: placeholders, the tourist AppID, local values, sizes over WeChat's limits.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REQUIRED_SETTINGS } from '../../cloudfunctions/_shared/config'
import { readDeclaration } from '../../deploy/environment'
import { builtBundles } from '../../deploy/local'
import { preflight, PACKAGE_LIMIT_BYTES } from '../../deploy/preflight'
import { readSecrets, type Secrets } from '../../deploy/secrets'
import { localTemplateId } from '../../localcloud/environment'
import { placeBuiltFunctions } from '../support/functions-cache'
import { TEST_FUNCTION_ENV } from '../support/app'
import { tempDir } from '../support/localcloud'

const ROOT = path.resolve(__dirname, '../..')
const declaration = readDeclaration()
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' })
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n'
const CONSOLE_TEMPLATE = 'Vx9yT3kZ_2bQm8LwR4nP6sJ1hG5dF7cA0eB3iK9oU2t'

let outside: string
let buildDir: string
let bundles: ReturnType<typeof builtBundles>

beforeAll(async () => {
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'xq-keys-'))
  fs.writeFileSync(path.join(outside, 'private.wx0123456789abcdef.key'), KEY, { mode: 0o600 })
  buildDir = tempDir('deploy-preflight')
  await placeBuiltFunctions(buildDir)
  bundles = builtBundles(declaration, buildDir)
})

afterAll(() => {
  fs.rmSync(outside, { recursive: true, force: true })
  fs.rmSync(buildDir, { recursive: true, force: true })
})

function goodSecrets(): Secrets {
  return {
    appId: 'wx0123456789abcdef',
    envId: 'xq-prod-8g2h4k',
    uploadKeyPath: path.join(outside, 'private.wx0123456789abcdef.key'),
    tencentCloud: { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE0', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLEKEY' },
    functionVariables: { ...TEST_FUNCTION_ENV, XQ_CITY_ADMIN_OPENIDS: 'oAbCdEfGhIjKlMnOpQrStUvWxYz0', XQ_MINIPROGRAM_STATE: 'formal', XQ_TPL_REVIEW: CONSOLE_TEMPLATE, XQ_TPL_REMINDER: CONSOLE_TEMPLATE.replace('V', 'W'), XQ_TPL_TODO: CONSOLE_TEMPLATE.replace('V', 'X') },
  }
}

test('the secrets file and key files are ignored by git, and no tracked file holds a private key', () => {
  for (const file of ['deploy/secrets.json', 'private.wx0123456789abcdef.key', 'deploy/private.wx0123456789abcdef.key', 'keys/upload.pem']) {
    expect(git('check-ignore', '--no-index', file).trim()).toBe(file)
  }
  expect(() => git('check-ignore', '--no-index', 'deploy/secrets.example.json')).toThrow()
  // git grep answers 1 when nothing matches (this file and preflight name the marker, they hold no key).
  const tracked = spawnSync('git', ['grep', '-l', '-I', '-E', 'BEGIN [A-Z ]*PRIVATE KEY', '--', '.', ':!test/deploy/secrets.test.ts', ':!deploy/preflight.ts'], { cwd: ROOT, encoding: 'utf8' })
  expect([tracked.status, tracked.stdout]).toEqual([1, ''])
})

test('a complete set of secrets passes preflight', () => {
  expect(preflight({ secrets: goodSecrets(), declaration, bundles })).toEqual([])
})

test('an upload key inside the repository is refused, wherever it is named from', () => {
  for (const inside of [path.join(ROOT, 'deploy', 'private.wx0123456789abcdef.key'), path.join(ROOT, 'private.key')]) {
    const problems = preflight({ secrets: { ...goodSecrets(), uploadKeyPath: inside }, declaration, bundles })
    expect(problems).toEqual([expect.stringContaining('在仓库目录里')])
  }
  expect(preflight({ secrets: { ...goodSecrets(), uploadKeyPath: 'private.key' }, declaration, bundles })).toEqual([expect.stringContaining('绝对路径')])
})

test('the example file is refused field by field: every placeholder is named', () => {
  const example = readSecrets(path.join(ROOT, 'deploy/secrets.example.json'))
  const problems = preflight({ secrets: example, declaration, bundles })
  for (const field of ['appId', 'envId', 'uploadKeyPath', 'tencentCloud.secretId', 'tencentCloud.secretKey', ...REQUIRED_SETTINGS.filter((v) => v !== 'XQ_MINIPROGRAM_STATE').map((v) => `functionVariables.${v}`)]) {
    expect(problems.some((p) => p.includes(` ${field} `))).toBe(true)
  }
  // Every setting a deployment must give is in the example, and nothing the functions do not read.
  expect(REQUIRED_SETTINGS.filter((v) => !(v in example.functionVariables))).toEqual([])
  expect(Object.keys(example.functionVariables).filter((v) => !declaration.functionVariables.includes(v))).toEqual([])
})

test('the tourist AppID, the local environment and local template ids are refused, each with what to fill in', () => {
  const secrets = goodSecrets()
  const problems = preflight({
    secrets: { ...secrets, appId: 'touristappid', envId: 'local-env', functionVariables: { ...secrets.functionVariables, XQ_TPL_TODO: localTemplateId('todo') } },
    declaration,
    bundles,
  })
  expect(problems).toEqual([expect.stringContaining('touristappid'), expect.stringContaining('本地云'), expect.stringContaining('待办事项提醒')])
})

test("a built mini program is checked: its AppID, no development tools, each package within 2 MB", () => {
  const dist = tempDir('deploy-dist')
  try {
    fs.writeFileSync(path.join(dist, 'app.json'), JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'packages/big', pages: ['index'] }] }))
    fs.writeFileSync(path.join(dist, 'project.config.json'), JSON.stringify({ appid: 'touristappid' }))
    fs.mkdirSync(path.join(dist, 'packages', 'big'), { recursive: true })
    fs.writeFileSync(path.join(dist, 'packages', 'big', 'index.js'), Buffer.alloc(PACKAGE_LIMIT_BYTES + 1))
    fs.mkdirSync(path.join(dist, 'packages', 'dev'), { recursive: true })
    const problems = preflight({ secrets: goodSecrets(), declaration, bundles, miniProgramDir: dist })
    expect(problems).toEqual([expect.stringContaining('TARO_APP_ID=wx0123456789abcdef'), expect.stringContaining('packages/dev'), expect.stringContaining('分包 packages/big')])
  } finally {
    fs.rmSync(dist, { recursive: true, force: true })
  }
})

test('an invalid project.config.json and a missing function build are named', () => {
  const dir = tempDir('deploy-project')
  try {
    fs.writeFileSync(path.join(dir, 'project.config.json'), '{ "compileType": "game" ')
    const { fair: _fair, ...withoutFair } = bundles
    const problems = preflight({ secrets: goodSecrets(), declaration, bundles: withoutFair, projectConfigFile: path.join(dir, 'project.config.json') })
    expect(problems).toEqual([expect.stringContaining('云函数 fair 没有构建产物'), expect.stringContaining('project.config.json 无法读取')])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
