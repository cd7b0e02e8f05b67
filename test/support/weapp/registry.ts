// App(), Page() and Component() as the app code calls them, and its pages and components
// registered with miniprogram-simulate (see index.ts).
import fs from 'node:fs'
import path from 'node:path'
import type { AppModules } from './app-modules'
import type { Gwx } from './wxml'

let idSeq = 0
/** component ids double as exparser tag names: letters only, like j-component's own ids */
export const nextId = (kind: string) => `xqweapp${kind}${(++idSeq).toString().replace(/[0-9]/g, (d) => 'abcdefghij'[+d])}`

/** What the app code passes to App(), Page() and Component(), kept for the harness. */
export class Definitions {
  app: any = null
  private last: { page: any; component: any } = { page: null, component: null }

  readonly App = (opts: any) => {
    if (this.app) throw new Error('weapp harness: App() called twice')
    this.app = opts
  }
  readonly Page = (opts: any) => void (this.last.page = opts)
  readonly Component = (opts: any) => void (this.last.component = opts)
  readonly getApp = () => this.app

  /** what `run` (requiring a page's or component's file) passed to Page() / Component() */
  capture(kind: 'page' | 'component', run: () => void): any {
    this.last[kind] = null
    run()
    const def = this.last[kind]
    this.last[kind] = null
    return def
  }
}

export interface RegistrarDeps {
  distDir: string
  allRoutes: Set<string>
  gwx: Gwx
  simulate: any
  modules: AppModules
  definitions: Definitions
  touch: () => void
  disableVirtualHost?: boolean
}

export class Registrar {
  private readonly componentIds = new Map<string, string>()
  private readonly pageDefs = new Map<string, string>()

  constructor(private readonly deps: RegistrarDeps) {}

  /** the j-component id of a page, registered (with its components) on first use */
  registerPage(route: string): string {
    const { distDir, allRoutes, gwx, simulate, modules, definitions } = this.deps
    const known = this.pageDefs.get(route)
    if (known) return known
    if (!allRoutes.has(route) || !fs.existsSync(path.join(distDir, `${route}.js`))) {
      throw new Error(`weapp harness: no page ${route} in ${distDir} (app.json has: ${[...allRoutes].join(', ')})`)
    }
    const json = JSON.parse(fs.readFileSync(path.join(distDir, `${route}.json`), 'utf8'))
    const using = this.registerUsing(route, json.usingComponents)
    // Page() runs when the page chunk's entry module runs: once per app, as in WeChat.
    const pageOptions = definitions.capture('page', () => modules.require(path.join(distDir, `${route}.js`)))
    if (!pageOptions) throw new Error(`weapp harness: ${route}.js did not call Page()`)
    const methods: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(pageOptions)) if (typeof v === 'function') methods[key] = v
    const id = nextId('p')
    simulate.load({
      id,
      path: path.join(distDir, route),
      tagName: 'weapp-page',
      template: gwx(`${route}.wxml`),
      usingComponents: using,
      data: pageOptions.data ?? {},
      methods,
      options: { classPrefix: '', multipleSlots: true },
      ...this.countSetData({}),
    })
    this.pageDefs.set(route, id)
    return id
  }

  private registerComponent(rel: string, tagName: string): string {
    const { distDir, gwx, simulate, modules, definitions, disableVirtualHost } = this.deps
    const known = this.componentIds.get(rel)
    if (known) return known
    const id = nextId('c')
    this.componentIds.set(rel, id) // before its own usingComponents: Taro's comp uses itself
    const json = JSON.parse(fs.readFileSync(path.join(distDir, `${rel}.json`), 'utf8'))
    const using = this.registerUsing(rel, json.usingComponents)
    const def = definitions.capture('component', () => modules.require(path.join(distDir, `${rel}.js`)))
    if (!def) throw new Error(`weapp harness: ${rel}.js did not call Component()`)
    const compOptions = { ...(def.options || {}), classPrefix: '' }
    if (disableVirtualHost) compOptions.virtualHost = false
    simulate.load({
      ...def,
      id,
      path: path.join(distDir, rel),
      tagName,
      template: gwx(`${rel}.wxml`),
      usingComponents: using,
      options: compOptions,
      ...this.countSetData(def),
    })
    return id
  }

  private registerUsing(rel: string, usingComponents: Record<string, string> | undefined): Record<string, string> {
    const using: Record<string, string> = {}
    for (const [tag, target] of Object.entries(usingComponents ?? {})) {
      if (/^plugin(-private)?:/.test(target)) throw new Error(`weapp harness: plugin component <${tag}> (${target}) is not supported`)
      const targetRel = target.startsWith('/') ? target.replace(/^\/+/, '') : path.posix.normalize(path.posix.join(path.posix.dirname(rel), target))
      using[tag] = this.registerComponent(targetRel, tag)
    }
    return using
  }

  /** count setData calls, so settle() sees custom-wrapper / native component updates */
  private countSetData(def: any) {
    const { touch } = this.deps
    const userCreated = def.lifetimes?.created ?? def.created
    const created = function (this: any, ...args: unknown[]) {
      const orig = this.setData
      this.setData = (data: unknown, cb?: () => void) => {
        touch()
        return orig.call(this, data, cb)
      }
      return userCreated?.apply(this, args)
    }
    return { lifetimes: { ...(def.lifetimes || {}), created }, created: undefined }
  }
}
