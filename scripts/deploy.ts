// `npm run deploy`: the environment declared in the repository, to WeChat Cloud.
//   npm run deploy -- --plan                 read the live environment, print what would change, change nothing
//   npm run deploy                           preflight, then apply: collections, indexes, rules, storage rule,
//                                            function code (miniprogram-ci), settings and triggers (manager-node);
//                                            prints a one-time city admin invitation the first time
//   npm run deploy -- --app 1.2.0 [--desc …] also upload the built mini program (dist/) as that version
//   [--secrets FILE] another secrets file (default deploy/secrets.json)
import path from 'node:path'
import { readDeclaration } from '../deploy/environment'
import { builtBundles } from '../deploy/local'
import { uploadFunctionCode, uploadMiniProgram, type MiniProgramProject } from '../deploy/miniprogram'
import { apply, describePlan, plan } from '../deploy/plan'
import { preflight } from '../deploy/preflight'
import { readSecrets, SECRETS_FILE } from '../deploy/secrets'
import { WeChatCloudTarget } from '../deploy/wechat'
import { buildFunctions, OUT_DIR, ROOT } from './build-functions'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC'
  const planOnly = process.argv.includes('--plan')
  const appVersion = arg('app')
  const declaration = readDeclaration()
  const secrets = readSecrets(arg('secrets') ? path.resolve(arg('secrets')!) : SECRETS_FILE)
  // The functions as they are in the repository now, minified as deployed.
  await buildFunctions({ outDir: OUT_DIR })
  const bundles = builtBundles(declaration, OUT_DIR)
  const miniProgramDir = path.join(ROOT, 'dist')
  const problems = preflight({ secrets, declaration, bundles, ...(appVersion ? { miniProgramDir } : {}) })
  if (problems.length) {
    console.error(`部署前检查未通过（${problems.length} 项）：\n  - ${problems.join('\n  - ')}`)
    process.exit(1)
  }
  const project: MiniProgramProject = { appId: secrets.appId, projectPath: miniProgramDir, privateKeyPath: secrets.uploadKeyPath }
  const target = new WeChatCloudTarget({
    envId: secrets.envId,
    appId: secrets.appId,
    secretId: secrets.tencentCloud.secretId,
    secretKey: secrets.tencentCloud.secretKey,
    uploadFunctionCode: (name, dir) => uploadFunctionCode(project, secrets.envId, name, dir),
  })
  const planned = plan({ declaration, bundles, variables: secrets.functionVariables, bootstrap: true }, await target.read({ cityAdmin: true }), target)
  // --plan lists every item (create / update / unchanged); applying lists the changes.
  console.log(describePlan(planned, target, { all: planOnly }))
  if (appVersion) console.log(`  + upload mini program version ${appVersion} (dist/)`)
  if (planOnly) return
  const applied = await apply(target, planned)
  console.log(`已应用 ${applied.length} 项变更。`)
  if (applied.some((i) => i.kind === 'invitation') && planned.invitation) {
    console.log('')
    console.log(`  第一位市级管理员的邀请码：${planned.invitation._id}`)
    console.log(`  在小程序「我的 → 输入邀请码」里使用，只能使用一次，${planned.invitation.expiresAt.toISOString().slice(0, 10)} 前有效。此码只显示这一次。`)
    console.log('')
  }
  if (appVersion) {
    await uploadMiniProgram(project, appVersion, arg('desc') ?? `乡青汇 ${appVersion}`)
    console.log(`小程序 ${appVersion} 已上传：在小程序管理后台 → 版本管理 设为体验版或提交审核。`)
  }
}

if (require.main === module) {
  // Exit explicitly: miniprogram-ci keeps its compiler process for later compiles.
  main().then(() => process.exit(0), (err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
