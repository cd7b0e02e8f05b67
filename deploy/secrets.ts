// The deploy's secrets: one JSON file that is never committed (deploy/secrets.json is git-ignored;
// deploy/secrets.example.json shows its shape with placeholders). It names the mini program and
// its cloud environment, where the code-upload key lies (outside the repository), the Tencent
// Cloud API key the management SDK signs with, and the functions' environment variables.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { ROOT } from './environment'

export const SECRETS_FILE = path.join(ROOT, 'deploy', 'secrets.json')

export const Secrets = z.strictObject({
  /** The mini program's AppID (小程序管理后台 → 开发管理 → 开发设置). */
  appId: z.string(),
  /** The cloud environment's id (云开发控制台 → 设置 → 环境 ID). */
  envId: z.string(),
  /** The code-upload key file (开发设置 → 小程序代码上传 → 生成): an absolute path outside the repository. */
  uploadKeyPath: z.string(),
  /** A Tencent Cloud API key of the account that owns the environment (访问管理 → API 密钥). */
  tencentCloud: z.strictObject({ secretId: z.string(), secretKey: z.string() }),
  /** Every variable cloudfunctions/_shared/config.ts declares: keys, template ids, the mini program state. */
  functionVariables: z.record(z.string(), z.string()),
})
export type Secrets = z.infer<typeof Secrets>

/** What secrets.example.json holds instead of a value: the deploy refuses to go on with one. */
export const PLACEHOLDER = /^(请填写|REPLACE|<)|xxxx/i

export class SecretsError extends Error {}

export function readSecrets(file = SECRETS_FILE): Secrets {
  if (!fs.existsSync(file)) {
    throw new SecretsError(`没有找到部署密钥文件 ${path.relative(ROOT, file)}：复制 deploy/secrets.example.json 为 deploy/secrets.json 并逐项填写（该文件已被 .gitignore 忽略，切勿提交）。`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new SecretsError(`${path.relative(ROOT, file)} 不是有效的 JSON：${(err as Error).message}`)
  }
  const parsed = Secrets.safeParse(raw)
  if (!parsed.success) throw new SecretsError(`${path.relative(ROOT, file)} 格式不对：\n  ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ')}`)
  return parsed.data
}

/** Whether a path lies inside the repository (a key there could be committed by accident). */
export function insideRepository(file: string): boolean {
  const relative = path.relative(ROOT, path.resolve(ROOT, file))
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}
