// Checks before anything is sent: each problem is one clear line naming what to fix, all of them
// at once (an account holder fixes them in one go). Nothing here talks to WeChat.
import fs from 'node:fs'
import path from 'node:path'
import { readFunctionConfig } from '../cloudfunctions/_shared/config'
import { LOCAL_CLOUD_ENV, LOCAL_TEMPLATE_PREFIX } from '../localcloud/environment'
import { ROOT, type EnvironmentDeclaration } from './environment'
import type { FunctionBundle } from './target'
import { insideRepository, PLACEHOLDER, type Secrets } from './secrets'

/** WeChat's limits: each package (the main one, each subpackage) 2 MB, all together 20 MB. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
export const TOTAL_LIMIT_BYTES = 20 * 1024 * 1024
/** A cloud function's code, as uploaded (SCF: 50 MB for an uploaded package). */
export const FUNCTION_LIMIT_BYTES = 50 * 1024 * 1024

export interface PreflightInputs {
  secrets: Secrets
  declaration: EnvironmentDeclaration
  bundles: Record<string, FunctionBundle>
  /** The built mini program, when this deploy uploads it (`--app`). */
  miniProgramDir?: string
  projectConfigFile?: string
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

/** Bytes per package of a built mini program (main: '', each subpackage by its root), as WeChat counts them. */
export function packageSizes(distDir: string): Record<string, number> {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const sizes: Record<string, number> = { '': 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
  for (const file of files(distDir)) {
    const rel = path.relative(distDir, file).split(path.sep).join('/')
    // Not uploaded: DevTools' project file, licence notes, the local build marker (see miniprogram.ts's ignores).
    if (rel === 'project.config.json' || rel === '.xq-build.json' || rel.endsWith('.LICENSE.txt')) continue
    sizes[roots.find((r) => rel.startsWith(`${r}/`)) ?? ''] += fs.statSync(file).size
  }
  return sizes
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`

export function preflight(inputs: PreflightInputs): string[] {
  const { secrets, declaration } = inputs
  const problems: string[] = []
  const placeholder = (field: string, value: string) => {
    if (!value.trim() || PLACEHOLDER.test(value)) {
      problems.push(`secrets.json 的 ${field} 还没有填写（仍是占位内容）`)
      return true
    }
    return false
  }

  if (!placeholder('appId', secrets.appId)) {
    if (secrets.appId === 'touristappid') problems.push('appId 是 touristappid（游客 AppID）：请填写小程序自己的 AppID（小程序管理后台 → 开发管理 → 开发设置）')
    else if (!/^wx[0-9a-f]{16}$/.test(secrets.appId)) problems.push(`appId「${secrets.appId}」不是 AppID（wx 加 16 位十六进制）`)
  }
  if (!placeholder('envId', secrets.envId)) {
    if (secrets.envId === LOCAL_CLOUD_ENV) problems.push(`envId 是本地云的「${LOCAL_CLOUD_ENV}」：请填写云开发控制台里的环境 ID`)
    else if (!/^[a-z][a-z0-9-]{3,39}$/.test(secrets.envId)) problems.push(`envId「${secrets.envId}」不像云开发环境 ID（小写字母、数字和 -）`)
  }
  if (!placeholder('uploadKeyPath', secrets.uploadKeyPath)) {
    const key = secrets.uploadKeyPath
    if (!path.isAbsolute(key)) problems.push(`uploadKeyPath「${key}」应是绝对路径（密钥放在仓库之外）`)
    else if (insideRepository(key)) problems.push(`代码上传密钥 ${key} 在仓库目录里：请移到仓库之外再填写路径（以免被提交）`)
    else if (!fs.existsSync(key) || !fs.statSync(key).isFile()) problems.push(`找不到代码上传密钥 ${key}（小程序管理后台 → 开发管理 → 开发设置 → 小程序代码上传 → 生成并下载）`)
    else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(fs.readFileSync(key, 'utf8'))) problems.push(`${key} 不是代码上传密钥（应为 PEM 格式的私钥）`)
  }
  if (!placeholder('tencentCloud.secretId', secrets.tencentCloud.secretId) && !/^AKID[0-9A-Za-z]{10,}$/.test(secrets.tencentCloud.secretId)) {
    problems.push('tencentCloud.secretId 不像腾讯云 API 密钥的 SecretId（AKID 开头）')
  }
  placeholder('tencentCloud.secretKey', secrets.tencentCloud.secretKey)

  const variables = secrets.functionVariables
  const unfilled = Object.entries(variables).filter(([, v]) => PLACEHOLDER.test(v))
  for (const [name] of unfilled) problems.push(`secrets.json 的 functionVariables.${name} 还没有填写`)
  const read = readFunctionConfig(variables)
  if (!read.ok) for (const problem of read.problems) if (!unfilled.some(([name]) => problem.startsWith(`${name} `))) problems.push(`functionVariables.${problem}`)
  for (const template of declaration.templates) {
    if (variables[template.variable]?.startsWith(LOCAL_TEMPLATE_PREFIX)) problems.push(`functionVariables.${template.variable} 是本地云的模板 ID：请填写订阅消息「${template.title}」在小程序后台的模板 ID`)
  }
  for (const name of Object.keys(variables)) if (!declaration.functionVariables.includes(name)) problems.push(`functionVariables.${name} 不是云函数读取的变量（见 cloudfunctions/_shared/config.ts）`)

  for (const name of Object.keys(declaration.functions)) {
    const bundle = inputs.bundles[name]
    if (!bundle) problems.push(`云函数 ${name} 没有构建产物（npm run build:functions）`)
    else if (bundle.bytes > FUNCTION_LIMIT_BYTES) problems.push(`云函数 ${name} 的代码 ${mb(bundle.bytes)}，超过平台上限 ${mb(FUNCTION_LIMIT_BYTES)}`)
  }

  const projectConfig = inputs.projectConfigFile ?? path.join(ROOT, 'project.config.json')
  try {
    const config = JSON.parse(fs.readFileSync(projectConfig, 'utf8')) as { miniprogramRoot?: string; cloudfunctionRoot?: string; compileType?: string }
    if (config.compileType !== 'miniprogram') problems.push('project.config.json 的 compileType 应为 miniprogram')
    if (!config.miniprogramRoot || !config.cloudfunctionRoot) problems.push('project.config.json 应写明 miniprogramRoot（dist/）和 cloudfunctionRoot（build/functions/）')
  } catch (err) {
    problems.push(`project.config.json 无法读取：${(err as Error).message}`)
  }

  if (inputs.miniProgramDir) problems.push(...miniProgramProblems(inputs.miniProgramDir, secrets))
  return problems
}

function miniProgramProblems(dir: string, secrets: Secrets): string[] {
  if (!fs.existsSync(path.join(dir, 'app.json'))) return [`${path.relative(ROOT, dir)}/ 里没有构建好的小程序：先用正式配置构建（npm run build:weapp，见 README 上线一节）`]
  const problems: string[] = []
  const built = path.join(dir, 'project.config.json')
  const appId = fs.existsSync(built) ? (JSON.parse(fs.readFileSync(built, 'utf8')) as { appid?: string }).appid : undefined
  if (appId !== secrets.appId) problems.push(`构建的小程序 AppID 是「${appId ?? '（无）'}」，与 secrets.json 的 ${secrets.appId} 不一致：用 TARO_APP_ID=${secrets.appId} 重新构建`)
  if (fs.existsSync(path.join(dir, 'packages', 'dev'))) problems.push('构建里有演示身份切换（packages/dev）：这是开发构建，不能上传')
  const sizes = packageSizes(dir)
  for (const [root, bytes] of Object.entries(sizes)) {
    if (bytes > PACKAGE_LIMIT_BYTES) problems.push(`${root ? `分包 ${root}` : '主包'} ${mb(bytes)}，超过微信的单包上限 2 MB`)
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0)
  if (total > TOTAL_LIMIT_BYTES) problems.push(`小程序总大小 ${mb(total)}，超过微信的上限 20 MB`)
  return problems
}
