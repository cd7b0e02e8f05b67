// The free variables of WeChat's logic layer the app code runs with.
import type { AppGlobals } from './app-modules'
import type { Definitions } from './registry'
import type { AppTimers } from './timers'
import type { ConsoleEntry, RenderedPage } from './types'
import { notMocked } from './wx/async-api'

export interface GlobalsDeps {
  wx: Record<string, any>
  definitions: Definitions
  simulate: any
  pages: RenderedPage[]
  appJson: any
  timers: AppTimers
  consoleEntries: ConsoleEntry[]
  printAppConsole: boolean
}

export function appGlobals({ wx, definitions, simulate, pages, appJson, timers, consoleEntries, printAppConsole }: GlobalsDeps): AppGlobals {
  return {
    wx,
    App: definitions.App,
    Page: definitions.Page,
    Component: definitions.Component,
    Behavior: (def: any) => simulate.behavior(def),
    getApp: definitions.getApp,
    getCurrentPages: () => pages.map((p) => p.instance),
    requirePlugin: notMocked('requirePlugin'),
    __wxConfig: { envVersion: 'develop', platform: 'devtools', ...appJson },
    console: appConsole(consoleEntries, printAppConsole),
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
  }
}

/** records every call; prints errors and warnings unless told not to */
function appConsole(consoleEntries: ConsoleEntry[], printAppConsole: boolean) {
  return Object.fromEntries(
    (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => [
      level,
      (...args: unknown[]) => {
        consoleEntries.push({ level, args })
        if (printAppConsole && (level === 'error' || level === 'warn')) console[level]('[weapp]', ...args)
      },
    ]),
  )
}
