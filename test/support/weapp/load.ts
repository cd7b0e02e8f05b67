import fs from 'node:fs'
import path from 'node:path'
import { Activity } from './activity'
import { AppModules } from './app-modules'
import { appGlobals } from './globals'
import { guardOf } from './guard'
import { getKit } from './kit'
import { pageStack } from './pages'
import { clearRecords, createRecords } from './records'
import { Definitions, Registrar } from './registry'
import { appRoutes, normalizeRoute } from './routes'
import { taroRuntimeOf } from './taro-runtime'
import { AppTimers } from './timers'
import type { LoadWeappOptions, RenderedPage, WeappApp } from './types'
import { createWx } from './wx'
import { asyncApiOf } from './wx/async-api'
import { getGwx } from './wxml'

export async function loadWeapp(options: LoadWeappOptions): Promise<WeappApp> {
  const distDir = path.resolve(options.distDir)
  const appJsonPath = path.join(distDir, 'app.json')
  if (!fs.existsSync(appJsonPath) || !fs.existsSync(path.join(distDir, 'app.js'))) {
    throw new Error(`weapp harness: no built mini program in ${distDir} (app.json / app.js missing)`)
  }
  const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'))
  const k = getKit()
  const { simulate, exparser } = k
  const gwx = getGwx(distDir)
  const routes = appRoutes(appJson)
  const records = createRecords(options)
  const activity = new Activity(options.settleTimeoutMs ?? 5000, options.settleTimersUpToMs ?? 100)
  const timers = new AppTimers(activity, records.errors)
  const pages: RenderedPage[] = []
  const wx = createWx({ simApi: k.simApi, asyncApi: asyncApiOf(activity), timers, pages, routes, records, options })
  const definitions = new Definitions()
  const globals = appGlobals({
    wx,
    definitions,
    simulate,
    pages,
    appJson,
    timers,
    consoleEntries: records.console,
    printAppConsole: options.printAppConsole ?? true,
  })
  const modules = new AppModules(distDir, globals)
  const guarded = guardOf(k.errors, records.errors, activity.settle)

  // ---- boot: app.js requires common/vendors/taro/runtime, then calls App() ---------------
  modules.require(path.join(distDir, 'app.js'))
  const appInst = definitions.app
  if (!appInst) throw new Error('weapp harness: app.js did not call App()')
  const launchPath = normalizeRoute(options.launch?.path ?? appJson.pages[0])
  const launchOpts = { path: launchPath, query: options.launch?.query ?? {}, scene: options.launch?.scene ?? 1001, referrerInfo: {} }
  await guarded('App onLaunch/onShow', () => {
    appInst.onLaunch?.call(appInst, launchOpts)
    appInst.onShow?.call(appInst, launchOpts)
  })

  const registrar = new Registrar({ distDir, allRoutes: routes.all, gwx, simulate, modules, definitions, touch: activity.touch, disableVirtualHost: options.disableVirtualHost })
  const { renderPage, unloadAll } = pageStack({ pages, registrar, simulate, exparser, activity, guarded, records })

  return {
    distDir,
    appJson,
    wx,
    app: appInst,
    ...records,
    get pages() {
      return pages
    },
    renderPage,
    settle: activity.settle,
    clearRecords: () => clearRecords(records),
    unloadAll,
    close: async () => {
      await unloadAll()
      timers.cancelAll()
    },
    taroRuntime: taroRuntimeOf(wx),
  }
}
