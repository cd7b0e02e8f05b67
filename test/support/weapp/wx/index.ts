// The wx object the app code sees.
import type { Records } from '../records'
import type { AppRoutes } from '../routes'
import type { AppTimers } from '../timers'
import type { LoadWeappOptions, RenderedPage } from '../types'
import { type AsyncApi, notMocked } from './async-api'
import { cloudApi } from './cloud'
import { navigationApis } from './navigation'
import { SelectorQuery } from './selector-query'
import { storageApis } from './storage'
import { subscribeApis } from './subscribe'
import { systemApis } from './system'
import { uiApis } from './ui'

export interface WxDeps {
  /** miniprogram-simulate's wx */
  simApi: Record<string, any>
  asyncApi: AsyncApi
  timers: AppTimers
  /** getCurrentPages(), bottom first */
  pages: RenderedPage[]
  routes: AppRoutes
  records: Records
  options: LoadWeappOptions
}

export function createWx({ simApi, asyncApi, timers, pages, routes, records, options }: WxDeps): Record<string, any> {
  return {
    ...simApi, // miniprogram-simulate's stubs for the long tail (canIUse, getMenuButtonBoundingClientRect…)
    ...systemApis(asyncApi, simApi),
    nextTick: (fn: () => void) => void timers.setTimeout(fn, 0),
    ...navigationApis(asyncApi, records.navigations, pages, routes),
    ...uiApis(asyncApi, records, options),
    ...subscribeApis(asyncApi, records.subscribeRequests, options),
    ...storageApis(asyncApi, records.storage),
    createSelectorQuery: () => new SelectorQuery(() => pages[pages.length - 1]?.instance?._exparserNode),
    request: notMocked('request'),
    uploadFile: notMocked('uploadFile'),
    downloadFile: notMocked('downloadFile'),
    connectSocket: notMocked('connectSocket'),
    cloud: cloudApi(asyncApi, records, options),
    ...(options.wx ?? {}),
  }
}
