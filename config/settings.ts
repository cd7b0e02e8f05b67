// The app's build configuration: every environment variable `taro build` reads, declared once with
// its meaning (the README's table is checked against this list). No value has a fallback: a build
// without a cloud environment or template ids stops and says what to set, so that an app that
// would call nobody's cloud or ask for templates nobody registered cannot be built. Local builds
// (npm start, the tests, the benchmark) get the local cloud's values from scripts/builds.ts.
import { NOTICE_NAMES, isTemplateId, templateIdVariable } from '../types/notices'
import { LOCAL_CLOUD_ENV, LOCAL_TEMPLATE_PREFIX } from '../localcloud/environment'

export const BUILD_SETTINGS: Record<string, string> = {
  TARO_APP_ID: "the mini program's AppID (wx + 16 hex digits) for a build to upload; without it the build keeps project.config.json's touristappid and cannot be uploaded",
  TARO_APP_CLOUD_ENV: 'the WeChat Cloud environment id the app calls (Taro.cloud.init); required',
  TARO_APP_GATEWAY_URL: "h5 only: base URL of the local cloud's gateway ('' or unset = same origin)",
  ...Object.fromEntries(NOTICE_NAMES.map((name) => [templateIdVariable(name), `subscribe-message template id of 「${name}」 (types/notices.ts), the same as the functions'; required`])),
  XQ_DEV_TOOLS: '1 = a development build with the persona switcher (packages/dev); never with TARO_APP_ID',
  XQ_H5_PUBLIC_PATH: "h5 only: where dist-h5/ is served from (default '/')",
  XQ_TEST_BUILD: '1 = weapp only: write to dist-test/ (the input of test/weapp) instead of dist/',
  XQ_OUT_DIR: 'write the build somewhere else (parallel builds must not overwrite each other)',
}

export interface BuildConfig {
  appId?: string
  cloudEnv: string
  gatewayUrl: string
  /** XQ_TPL_<NAME> → id, every declared template. */
  templateIds: Record<string, string>
  devTools: boolean
  h5PublicPath: string
}

/** The build's configuration from `env`, or an error naming every variable to fix. */
export function readBuildConfig(env: Record<string, string | undefined>): BuildConfig {
  const value = (name: keyof typeof BUILD_SETTINGS) => env[name]?.trim() || undefined
  const problems: string[] = []
  const appId = value('TARO_APP_ID')
  const forUpload = appId !== undefined
  if (appId && !/^wx[0-9a-f]{16}$/.test(appId)) problems.push(`TARO_APP_ID "${appId}" is not an AppID (wx + 16 hex digits)`)
  const cloudEnv = value('TARO_APP_CLOUD_ENV')
  if (!cloudEnv) problems.push('TARO_APP_CLOUD_ENV is not set')
  else if (forUpload && cloudEnv === LOCAL_CLOUD_ENV) problems.push(`TARO_APP_CLOUD_ENV is the local cloud's "${cloudEnv}" in a build for upload`)
  const templateIds: Record<string, string> = {}
  for (const name of NOTICE_NAMES) {
    const variable = templateIdVariable(name)
    const id = value(variable)
    if (!id) problems.push(`${variable} is not set`)
    else if (!isTemplateId(id)) problems.push(`${variable} "${id}" is not a template id from WeChat's console`)
    else if (forUpload && id.startsWith(LOCAL_TEMPLATE_PREFIX)) problems.push(`${variable} is a local cloud id in a build for upload`)
    else templateIds[variable] = id
  }
  const devTools = value('XQ_DEV_TOOLS') === '1'
  if (devTools && forUpload) problems.push('XQ_DEV_TOOLS=1 (the persona switcher) in a build for upload')
  if (problems.length) {
    const help = problems.map((p) => `  ${p}`).join('\n')
    throw new Error(`The build's configuration is incomplete (see README, Configuration):\n${help}\nFor a build against the local cloud, build through npm start / npm test (scripts/builds.ts), which set the local values.`)
  }
  return {
    appId,
    cloudEnv: cloudEnv!,
    gatewayUrl: (value('TARO_APP_GATEWAY_URL') ?? '').replace(/\/+$/, ''),
    templateIds,
    devTools,
    h5PublicPath: value('XQ_H5_PUBLIC_PATH') ?? '/',
  }
}
