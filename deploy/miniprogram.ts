// miniprogram-ci, WeChat's own tool for what DevTools uploads: the mini program (a version for
// 体验版/审核) and each cloud function's code. It signs with the mini program's code-upload key
// (小程序管理后台 → 开发管理 → 小程序代码上传), from an IP on that key's allow-list.
import fs from 'node:fs'
import path from 'node:path'
import * as ci from 'miniprogram-ci'

export interface MiniProgramProject {
  appId: string
  /** The built mini program (dist/, the folder project.config.json's miniprogramRoot names). */
  projectPath: string
  privateKeyPath: string
}

/**
 * The project as miniprogram-ci sees it. `offlineAttributes`: the account's project attributes
 * are given instead of asked from WeChat's servers (packaging in a test, without network).
 */
function ciProject(project: MiniProgramProject, offlineAttributes?: object): ci.Project {
  return new ci.Project({
    appid: project.appId,
    type: 'miniProgram',
    projectPath: project.projectPath,
    privateKeyPath: project.privateKeyPath,
    // Not part of the package: licence notes, and the local build's marker (scripts/builds.ts).
    ignores: ['node_modules/**/*', '**/*.LICENSE.txt', '.xq-build.json'],
    ...(offlineAttributes ? { attr: async () => offlineAttributes } : {}),
  } as ConstructorParameters<typeof ci.Project>[0])
}

/** The mini program's build already minified it (Taro); miniprogram-ci must not transpile again. */
const COMPILE_SETTINGS = { es6: false, es7: false, minify: false, minifyJS: false, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true }

/** Compiles the package as an upload would and returns its files (path → content), writing the zip to `zipFile`. */
export async function packageMiniProgram(project: MiniProgramProject, zipFile: string, offlineAttributes?: object): Promise<Record<string, string | Buffer>> {
  fs.mkdirSync(path.dirname(zipFile), { recursive: true })
  return ci.getCompiledResult({ project: ciProject(project, offlineAttributes), version: '0.0.0', setting: COMPILE_SETTINGS }, zipFile)
}

/** Uploads a version of the mini program (it appears under 版本管理 → 开发版本, to be set as 体验版 or sent for review). */
export async function uploadMiniProgram(project: MiniProgramProject, version: string, description: string): Promise<void> {
  await ci.upload({ project: ciProject(project), version, desc: description, setting: COMPILE_SETTINGS, robot: 1 })
}

/** Uploads a built function folder to the cloud environment; WeChat installs wx-server-sdk from its package.json. */
export async function uploadFunctionCode(project: MiniProgramProject, envId: string, name: string, dir: string): Promise<void> {
  await ci.cloud.uploadFunction({ project: ciProject(project), env: envId, name, path: dir, remoteNpmInstall: true })
}
