// What the app did, as WeappApp shows it.
import type { LoadWeappOptions, WeappApp } from './types'

export type Records = Pick<WeappApp, 'navigations' | 'toasts' | 'modals' | 'cloudCalls' | 'subscribeRequests' | 'tabBadges' | 'cloudInit' | 'storage' | 'console' | 'errors'>

export function createRecords(options: LoadWeappOptions): Records {
  return {
    navigations: [],
    toasts: [],
    modals: [],
    cloudCalls: [],
    subscribeRequests: [],
    tabBadges: new Map(),
    cloudInit: [],
    storage: new Map(Object.entries(options.storage ?? {})),
    console: [],
    errors: [],
  }
}

/** empty navigations, toasts, modals, cloudCalls, console (errors stay) */
export function clearRecords(records: Records): void {
  for (const list of [records.navigations, records.toasts, records.modals, records.cloudCalls, records.console] as unknown[][]) list.length = 0
}
