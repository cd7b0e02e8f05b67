// Loads the REAL built WeChat mini program (the output of `taro build --type weapp`) into
// miniprogram-simulate (j-component + exparser on jsdom) and renders its pages under jest.
//
//   const app = await loadWeapp({ distDir, callFunction: async ({ name, data }) => ({ result }) })
//   const page = await app.renderPage('pages/index/index', { id: '1' })
//   expect(page.text()).toContain('乡青汇')
//   await page.tap('志愿服务签到')            // a CSS selector or a visible text
//   expect(app.navigations.at(-1)).toMatchObject({ api: 'navigateTo', path: '/packages/volunteer/index/index' })
//
// How (details in test/weapp/README.md):
// - wxml: every .wxml/.wxs of the build is compiled once with WeChat's official template compiler
//   `wcc` (a binary inside the miniprogram-compiler npm package, which miniprogram-simulate depends
//   on). Taro pages are `<import base.wxml>` + `<template is="taro_tmpl">` over setData'd trees;
//   the official compiler is what turns those into j-component render functions.
// - js: the build's files are evaluated by a small CommonJS loader of our own (not jest's module
//   registry, so no transform and no cache), with the free variables of WeChat's logic layer
//   passed in: `wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`, tracked timers, and
//   `window`/`document`/`setImmediate`/`MessageChannel` undefined as in WeChat. Every loadWeapp()
//   is a fresh module registry: Taro, React and page state are never shared between loads.
// - App(): captured, then onLaunch/onShow are called. Page(): Taro's page options become a
//   j-component definition (methods + data); the harness calls onLoad/onShow/onReady itself.
//   Component() (Taro's recursive `comp`, custom-wrapper, native components) is registered as is.
// - Everything async a page can start (wx APIs, callFunction, timers up to `settleTimersUpToMs`)
//   is tracked, so settle() returns once React/Taro have flushed their setData.
import fs from 'node:fs'
import path from 'node:path'
import type { LocalCloud } from '../../localcloud/server'

/* ------------------------------------------------------------------------------------------ */
/* public types                                                                                */
/* ------------------------------------------------------------------------------------------ */

export interface CallFunctionRequest {
  name: string
  data: Record<string, unknown>
  /** the options object the page passed to wx.cloud.callFunction */
  options: Record<string, unknown>
}
/** `{ result }`, like the real SDK (errMsg and requestID are filled in when missing). */
export interface CallFunctionResponse {
  result: unknown
  errMsg?: string
  requestID?: string
}
export type CallFunctionHandler = (req: CallFunctionRequest) => CallFunctionResponse | Promise<CallFunctionResponse>

export type NavigationApi = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack'
export interface NavigationCall {
  api: NavigationApi
  /** the url as the page passed it ('' for navigateBack) */
  url: string
  /** '/packages/volunteer/index/index' ('' for navigateBack) */
  path: string
  /** query of the url (Taro's internal `__key_` left out) */
  query: Record<string, string>
  delta?: number
  /** false when WeChat would have refused it (unknown page, navigateTo a tabBar page, …) */
  ok: boolean
  errMsg: string
}
export interface ToastCall {
  api: 'showToast' | 'showLoading'
  title: string
  icon?: string
  options: Record<string, unknown>
}
export interface ModalCall {
  title?: string
  content?: string
  options: Record<string, unknown>
  /** what the harness answered (see LoadWeappOptions.onModal) */
  response: { confirm: boolean; cancel: boolean; content?: string }
}
export interface CloudCall {
  name: string
  data: Record<string, unknown>
  result?: unknown
  error?: unknown
}
export interface ConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug'
  args: unknown[]
}

export interface LoadWeappOptions {
  /** the built mini program (the folder with app.js and app.json) */
  distDir: string
  /** The only cloud mock: wx.cloud.callFunction lands here. Unset: every call fails (errMsg says why). */
  callFunction?: CallFunctionHandler
  /** answer to wx.showModal (default: confirm) */
  onModal?: (options: Record<string, any>) => { confirm: boolean; content?: string }
  /**
   * The user's answer to wx.requestSubscribeMessage's dialog, template id → accept / reject
   * (default: 取消, every template rejected). `subscribeAs` records it in a local cloud.
   */
  onSubscribe?: (tmplIds: string[]) => Record<string, 'accept' | 'reject'>
  /** answer to wx.showActionSheet (default: the user cancels) */
  onActionSheet?: (options: Record<string, any>) => { tapIndex: number } | 'cancel'
  /** extra or replacement wx APIs, applied last (before app.js runs) */
  wx?: Record<string, unknown>
  /** initial wx storage */
  storage?: Record<string, unknown>
  /** App onLaunch/onShow options (default: the first page of app.json, scene 1001) */
  launch?: { path?: string; query?: Record<string, string>; scene?: number }
  /**
   * Taro builds `comp`/custom-wrapper with `virtualHost: true`. Kept as built by default (measured:
   * exparser 2.29 renders, updates and bubbles events through virtual hosts); true forces it off.
   */
  disableVirtualHost?: boolean
  /** settle() waits for app timers up to this delay (default 100 ms: React, Taro's raf, short debounces) */
  settleTimersUpToMs?: number
  /** settle() throws after this long (default 5000 ms) */
  settleTimeoutMs?: number
  /** print the app's console.error/warn (default true; everything is recorded in app.console anyway) */
  printAppConsole?: boolean
}

export interface WeappNode {
  /** the jsdom element exparser rendered (tags are wx-view, wx-text, …; classes as in the wxml) */
  readonly dom: Element
  /** visible text, text nodes joined by one space */
  text(): string
  readonly classes: string[]
  /** the attributes the wxml set on this node (value, placeholder, disabled, src, hover-class…) */
  attrs(): Record<string, unknown>
  /** selectors inside this node */
  query(selector: string): WeappNode | null
  queryAll(selector: string): WeappNode[]
  tap(): Promise<void>
}

/** a CSS selector (tried first) or else a visible text; `{ text }` for text only; or a node */
export type Target = string | { text: string } | WeappNode | Element

export interface RenderedPage {
  /** 'pages/index/index' */
  readonly route: string
  /** onLoad's options (the page query), as WeChat's `this.options` */
  readonly options: Record<string, string>
  /** the page instance, `this` in Page() methods (Taro's $taroPath etc. live here) */
  readonly instance: any
  /** the page's root jsdom element */
  readonly dom: Element
  /** the page's data (Taro's `root` tree) */
  readonly data: any
  /** all visible text of the page, whitespace-normalised (text nodes joined by one space) */
  text(): string
  /** CSS selector over the rendered DOM; bare builtin tags (view, text, input, button…) mean wx-* */
  query(selector: string): WeappNode | null
  queryAll(selector: string): WeappNode[]
  /** the innermost visible element whose text is `text` (or, failing that, contains it) */
  getByText(text: string): WeappNode | null
  /** tap a selector, a visible text, or a node; then settle. Rethrows what a handler threw. */
  tap(target: Target): Promise<void>
  /** `input` event with detail.value (Taro Input/Textarea onInput), then settle */
  input(target: Target, value: string): Promise<void>
  /** any event ('change', 'blur', 'confirm', 'scrolltolower'…) with a detail, then settle */
  trigger(target: Target, eventName: string, detail?: Record<string, unknown>): Promise<void>
  /** call a page lifecycle as WeChat would (onPullDownRefresh, onReachBottom, onShow, onHide…), then settle */
  lifecycle(name: string, ...args: unknown[]): Promise<unknown>
  /** wait until React/Taro have flushed (no setData, no pending wx call, no short timer) */
  settle(): Promise<void>
  /** settle until text() contains `text` */
  waitForText(text: string, timeoutMs?: number): Promise<void>
  readonly navigations: NavigationCall[]
  readonly toasts: ToastCall[]
  readonly modals: ModalCall[]
  /** onUnload, detach, leave getCurrentPages() (the page below gets onShow) */
  unload(): Promise<void>
}

export interface WeappApp {
  readonly distDir: string
  readonly appJson: any
  /** the wx object the app code sees */
  readonly wx: Record<string, any>
  /** what App() registered (getApp()) */
  readonly app: any
  readonly navigations: NavigationCall[]
  readonly toasts: ToastCall[]
  readonly modals: ModalCall[]
  readonly cloudCalls: CloudCall[]
  /** every wx.requestSubscribeMessage: the templates asked for and the user's answers */
  readonly subscribeRequests: { tmplIds: string[]; answers: Record<string, string> }[]
  /** the tab bar's badges now, by tab index (wx.setTabBarBadge / removeTabBarBadge) */
  readonly tabBadges: Map<number, string>
  /** wx.cloud.init options, one entry per call */
  readonly cloudInit: unknown[]
  readonly storage: Map<string, unknown>
  /** every console call the app made */
  readonly console: ConsoleEntry[]
  /** errors thrown by the app inside exparser callbacks or timers */
  readonly errors: unknown[]
  /** getCurrentPages(), bottom first */
  readonly pages: RenderedPage[]
  /** render a page by route ('pages/x/index', '/pages/x/index?id=1'); query is onLoad's options */
  renderPage(route: string, query?: Record<string, string | number | boolean>): Promise<RenderedPage>
  settle(): Promise<void>
  /** empty navigations, toasts, modals, cloudCalls, console (errors stay) */
  clearRecords(): void
  /** unload every page (the app stays usable) */
  unloadAll(): Promise<void>
  /** unload every page and cancel the app's timers: call it in afterAll */
  close(): Promise<void>
  /**
   * The app's own @tarojs/runtime exports (document, Current, eventCenter…), taken from the
   * bundle's webpack module table. Only for tests that must reach below React.
   */
  taroRuntime(): any
}

/* ------------------------------------------------------------------------------------------ */
/* the test build                                                                              */
/* ------------------------------------------------------------------------------------------ */

const projectRoot = path.resolve(__dirname, '../..')
/** Builds the mini program into dist-test/ (config/index.ts: XQ_TEST_BUILD=1), ~10 s. */
export const WEAPP_TEST_BUILD_COMMAND = 'XQ_TEST_BUILD=1 NODE_ENV=production npx taro build --type weapp'
/**
 * What the build is made from: a file here newer than the build means the build is stale.
 * (package.json & co. are left out on purpose: they change for unrelated reasons, e.g. scripts.)
 */
const BUILD_INPUTS = ['src', 'types', 'config']

function newestInput(): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 }
  const visit = (p: string) => {
    let st: fs.Stats
    try {
      st = fs.statSync(p)
    } catch {
      return
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name))
    } else if (st.mtimeMs > newest.mtimeMs) {
      newest = { file: path.relative(projectRoot, p), mtimeMs: st.mtimeMs }
    }
  }
  for (const input of BUILD_INPUTS) visit(path.join(projectRoot, input))
  return newest
}

/** Routes wx.cloud.callFunction to the local cloud's runtime as the WeChat user `who()` names at the time of the call. */
export function callFunctionAs(cloud: LocalCloud, who: () => string): CallFunctionHandler {
  return async ({ name, data }) => {
    const outcome = await cloud.invoke(name, data, { openid: who(), source: 'wx_client' })
    if (!outcome.ok) throw new Error(outcome.errMsg)
    return { result: outcome.result }
  }
}

/**
 * The WeChat user `who()` answers wx.requestSubscribeMessage with `answer` for every template, and
 * the local cloud records it, as WeChat records the consent the functions' sends then use.
 */
export function subscribeAs(cloud: LocalCloud, who: () => string, answer: 'accept' | 'reject' = 'accept') {
  return (tmplIds: string[]): Record<string, 'accept' | 'reject'> => {
    const answers = Object.fromEntries(tmplIds.map((id) => [id, answer]))
    const recorded = cloud.subscriptions.answer(who(), answers)
    if (!recorded.ok) throw { errMsg: recorded.errMsg, errCode: recorded.errCode }
    return answers
  }
}

/** A WeChat API answered on the next microtask, in both its callback and promise forms. */
export function wxApi(name: string, answer: (opts: any) => { ok: true; res: object } | { ok: false; errMsg: string }) {
  return (opts: any = {}) => {
    const p = Promise.resolve().then(() => {
      const a = answer(opts)
      if (a.ok) {
        const res = { errMsg: `${name}:ok`, ...a.res }
        opts.success?.(res)
        opts.complete?.(res)
        return res
      }
      const err = { errMsg: a.errMsg }
      opts.fail?.(err)
      opts.complete?.(err)
      throw err
    })
    p.catch(() => undefined)
    return opts.success || opts.fail || opts.complete ? undefined : p
  }
}

/**
 * The weapp build the tests run against: dist-test/ (or $XQ_WEAPP_DIST). Throws, telling the
 * command to run, when it is missing or older than its sources (XQ_WEAPP_ALLOW_STALE=1 skips that).
 * The tests never build it themselves.
 */
export function weappTestBuild(): string {
  const dir = process.env.XQ_WEAPP_DIST ? path.resolve(projectRoot, process.env.XQ_WEAPP_DIST) : path.join(projectRoot, 'dist-test')
  const appJs = path.join(dir, 'app.js')
  const shown = dir.startsWith(projectRoot + path.sep) ? path.relative(projectRoot, dir) : dir
  if (!fs.existsSync(appJs) || !fs.existsSync(path.join(dir, 'app.json'))) {
    throw new Error(`No mini program build in ${shown}/. Build it first (about 10 s):\n\n  ${WEAPP_TEST_BUILD_COMMAND}\n`)
  }
  if (process.env.XQ_WEAPP_ALLOW_STALE !== '1') {
    const built = fs.statSync(appJs).mtimeMs
    const newest = newestInput()
    if (newest.mtimeMs > built) {
      throw new Error(
        `The mini program build in ${shown}/ is older than ${newest.file} ` +
          `(${new Date(built).toISOString()} < ${new Date(newest.mtimeMs).toISOString()}). Rebuild it (about 10 s):\n\n  ${WEAPP_TEST_BUILD_COMMAND}\n\n` +
          '(or set XQ_WEAPP_ALLOW_STALE=1 to run against it anyway)',
      )
    }
  }
  return dir
}

/* ------------------------------------------------------------------------------------------ */
/* jsdom + miniprogram-simulate, once per jest module registry (i.e. per test file)            */
/* ------------------------------------------------------------------------------------------ */

const BUILTIN_TAGS = new Set([
  'cover-image', 'cover-view', 'grid-view', 'list-view', 'match-media', 'movable-area', 'movable-view', 'page-container',
  'root-portal', 'scroll-view', 'share-element', 'sticky-header', 'sticky-section', 'swiper', 'swiper-item', 'view', 'icon',
  'progress', 'rich-text', 'text', 'button', 'checkbox', 'checkbox-group', 'editor', 'form', 'input', 'keyboard-accessory',
  'label', 'picker', 'picker-view', 'picker-view-column', 'radio', 'radio-group', 'slider', 'switch', 'textarea',
  'functional-page-navigator', 'navigator', 'audio', 'camera', 'channel-live', 'channel-video', 'image', 'live-player',
  'live-pusher', 'video', 'voip-room', 'map', 'canvas', 'web-view', 'ad', 'ad-custom', 'official-account', 'open-data',
  'navigation-bar', 'page-meta',
])

// Real timers, taken before any test can install fake ones.
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
const realSetInterval = globalThis.setInterval
const realClearInterval = globalThis.clearInterval
const realSetImmediate = globalThis.setImmediate
const sleep = (ms: number) => new Promise<void>((r) => realSetTimeout(r, ms))

interface Kit {
  simulate: any
  exparser: any
  window: any
  simApi: Record<string, any>
  /** errors exparser caught in app callbacks (event handlers, lifetimes), in order */
  errors: unknown[]
}
let kit: Kit | null = null

function getKit(): Kit {
  if (kit) return kit
  const g = globalThis as any
  if (!g.window || !g.document) {
    // miniprogram-simulate expects a DOM (its own tests run in jest-environment-jsdom, which this
    // project does not install). jsdom itself is here: @tarojs/webpack5-runner depends on it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JSDOM } = require('jsdom')
    const win = new JSDOM('<!doctype html><html><head></head><body></body></html>').window
    g.window = win
    g.document = win.document
    for (const key of ['Node', 'Element', 'HTMLElement', 'Text', 'Event', 'CustomEvent', 'TouchEvent', 'MouseEvent', 'NodeFilter']) {
      if (g[key] === undefined) g[key] = win[key]
    }
  }
  // miniprogram-simulate sets global Component/Behavior/wx on load. The app never sees them (it
  // gets its own), and we put the globals back so they do not leak into the test file.
  const saved = { Component: g.Component, Behavior: g.Behavior, wx: g.wx }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate')
  const simApi = { ...g.wx }
  Object.assign(g, saved)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser')
  const errors: unknown[] = []
  exparser.addGlobalErrorListener((err: unknown) => {
    errors.push(err)
    return false // recorded and rethrown by tap()/renderPage(); keep exparser from console.error'ing it
  })
  kit = { simulate, exparser, window: g.window, simApi, errors }
  return kit
}

/* ------------------------------------------------------------------------------------------ */
/* wxml: the official compiler, once per build                                                 */
/* ------------------------------------------------------------------------------------------ */

type Gwx = (wxmlPath: string) => unknown
const gwxCache = new Map<string, { stamp: string; gwx: Gwx }>()

function listFiles(root: string, exts: string[]): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name)
      if (ent.isDirectory()) {
        if (ent.name !== 'node_modules') walk(p)
      } else if (exts.some((e) => ent.name.endsWith(e))) {
        out.push(path.relative(root, p).split(path.sep).join('/'))
      }
    }
  }
  walk(root)
  return out.sort()
}

function getGwx(distDir: string): Gwx {
  const files = listFiles(distDir, ['.wxml', '.wxs', '.json'])
  const stamp = files
    .map((f) => {
      const st = fs.statSync(path.join(distDir, f))
      return `${f}:${st.size}:${st.mtimeMs}`
    })
    .join('|')
  const hit = gwxCache.get(distDir)
  if (hit && hit.stamp === stamp) return hit.gwx
  const { window: win } = getKit()
  win.__webview_engine_version__ = 0.02 // what miniprogram-simulate sets before using wcc output
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiler = require('miniprogram-compiler')
  // wxmlToJs spawns node_modules/miniprogram-compiler/bin/<platform>/wcc (chmods it +x first).
  const source: string = compiler.wxmlToJs(distDir, {
    wxmlList: files.filter((f) => f.endsWith('.wxml')),
    wxsList: files.filter((f) => f.endsWith('.wxs')),
    maxBuffer: 64 * 1024 * 1024,
  })
  const gwx = new Function(source)() as Gwx
  gwxCache.set(distDir, { stamp, gwx })
  return gwx
}

/* ------------------------------------------------------------------------------------------ */
/* js: a minimal CommonJS loader for the build's files                                         */
/* ------------------------------------------------------------------------------------------ */

/** The free variables of WeChat's logic layer, as the app code will see them. */
interface AppGlobals {
  wx: unknown
  App: unknown
  Page: unknown
  Component: unknown
  Behavior: unknown
  getApp: unknown
  getCurrentPages: unknown
  requirePlugin: unknown
  __wxConfig: unknown
  console: unknown
  setTimeout: unknown
  clearTimeout: unknown
  setInterval: unknown
  clearInterval: unknown
}
const APP_GLOBALS: (keyof AppGlobals)[] = ['wx', 'App', 'Page', 'Component', 'Behavior', 'getApp', 'getCurrentPages', 'requirePlugin', '__wxConfig', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']
/** Not in WeChat's logic layer: undefined for the app, as there (jsdom's would make libraries act web-like). */
const ABSENT_GLOBALS = ['window', 'document', 'navigator', 'location', 'self', 'HTMLElement', 'Element', 'Node', 'Event', 'CustomEvent', 'TouchEvent', 'MessageChannel', 'setImmediate', 'clearImmediate', 'requestAnimationFrame', 'cancelAnimationFrame']
const LOADER_PARAMS = ['require', 'module', 'exports', ...APP_GLOBALS, ...ABSENT_GLOBALS]
const fnCache = new Map<string, { stamp: string; fn: (...args: unknown[]) => void }>()

function compileAppFile(file: string): (...args: unknown[]) => void {
  const st = fs.statSync(file)
  const stamp = `${st.size}:${st.mtimeMs}`
  const hit = fnCache.get(file)
  if (hit && hit.stamp === stamp) return hit.fn
  const code = fs.readFileSync(file, 'utf8')
  // new Function, not vm.runInThisContext: the code runs in jest's realm, so the arrays and objects
  // it hands to exparser are the simulator's Array/Object.
  const fn = new Function(...LOADER_PARAMS, `${code}\n//# sourceURL=${file}`) as (...args: unknown[]) => void
  fnCache.set(file, { stamp, fn })
  return fn
}

class AppModules {
  private cache = new Map<string, { exports: unknown }>()
  constructor(
    private root: string,
    private globals: AppGlobals,
  ) {}

  require(file: string): unknown {
    const abs = path.resolve(file.endsWith('.js') ? file : `${file}.js`)
    if (!abs.startsWith(this.root + path.sep)) throw new Error(`weapp harness: ${abs} is outside ${this.root}`)
    const hit = this.cache.get(abs)
    if (hit) return hit.exports
    if (!fs.existsSync(abs)) throw new Error(`weapp harness: module not found: ${path.relative(this.root, abs)}`)
    const module = { exports: {} as unknown }
    this.cache.set(abs, module)
    const localRequire = (spec: string) => this.require(spec.startsWith('/') ? path.join(this.root, spec) : path.resolve(path.dirname(abs), spec))
    const g = this.globals
    compileAppFile(abs)(localRequire, module, module.exports, ...APP_GLOBALS.map((k) => g[k]))
    return module.exports
  }
}

/* ------------------------------------------------------------------------------------------ */
/* helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const norm = (s: string) => s.replace(/\s+/g, ' ').trim()

function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [p, q = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const part of q.split('&')) {
    if (!part) continue
    const i = part.indexOf('=')
    const k = decodeURIComponent(i < 0 ? part : part.slice(0, i))
    if (k === '__key_') continue // Taro's per-navigation key
    query[k] = i < 0 ? '' : decodeURIComponent(part.slice(i + 1))
  }
  return { path: p ? (p.startsWith('/') ? p : `/${p}`) : '', query }
}

function normalizeRoute(route: string): string {
  return route.split('?')[0].replace(/^\/+/, '').replace(/\.(js|wxml)$/, '')
}

/** bare builtin type selectors → wx-* (exparser renders <view> as <wx-view>) */
function normalizeSelector(selector: string): string {
  return selector.replace(/(^|[\s>+~,(])([a-z][a-z-]*)(?=$|[\s>+~,.#:[)])/g, (m, pre: string, tag: string) =>
    BUILTIN_TAGS.has(tag) ? `${pre}wx-${tag}` : m,
  )
}

function isVisible(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.hasAttribute('hidden')) return false
    const style = (cur as HTMLElement).style
    if (style && style.display === 'none') return false
  }
  return true
}

function visibleText(root: Element): string {
  const parts: string[] = []
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = norm(n.nodeValue || '')
    if (t && n.parentElement && isVisible(n.parentElement)) parts.push(t)
  }
  return parts.join(' ')
}

let idSeq = 0
/** component ids double as exparser tag names: letters only, like j-component's own ids */
const nextId = (kind: string) => `xqweapp${kind}${(++idSeq).toString().replace(/[0-9]/g, (d) => 'abcdefghij'[+d])}`

function fmtErr(e: unknown): string {
  return e instanceof Error ? e.message : JSON.stringify(e)
}

/* ------------------------------------------------------------------------------------------ */
/* the app                                                                                      */
/* ------------------------------------------------------------------------------------------ */

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
  const settleTimeoutMs = options.settleTimeoutMs ?? 5000
  const settleTimersUpToMs = options.settleTimersUpToMs ?? 100
  const printAppConsole = options.printAppConsole ?? true

  const subPackages: { root: string; pages: string[] }[] = appJson.subPackages ?? appJson.subpackages ?? []
  const allRoutes = new Set<string>([...appJson.pages, ...subPackages.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))])
  const tabRoutes = new Set<string>((appJson.tabBar?.list ?? []).map((t: any) => normalizeRoute(t.pagePath)))

  // ---- what the app did ---------------------------------------------------------------------
  const navigations: NavigationCall[] = []
  const toasts: ToastCall[] = []
  const modals: ModalCall[] = []
  const cloudCalls: CloudCall[] = []
  const subscribeRequests: { tmplIds: string[]; answers: Record<string, string> }[] = []
  const tabBadges = new Map<number, string>()
  const cloudInit: unknown[] = []
  const consoleEntries: ConsoleEntry[] = []
  const errors: unknown[] = []
  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}))

  // ---- what settle() waits for --------------------------------------------------------------
  const pending = new Set<Promise<unknown>>()
  const shortTimers = new Map<number, number>() // id → due (ms since epoch)
  let activity = 0
  const touch = () => void activity++

  // ---- timers (WeChat's return numbers; ours too) --------------------------------------------
  let timerSeq = 0
  const timerHandles = new Map<number, ReturnType<typeof realSetTimeout>>()
  const runTimerCallback = (fn: unknown, args: unknown[]) => {
    touch()
    if (typeof fn !== 'function') return
    try {
      fn(...args)
    } catch (e) {
      errors.push(e) // surfaced by the next tap()/renderPage()/lifecycle(); app.errors has them all
    }
  }
  const appSetTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    const delay = Math.max(0, Number(ms) || 0)
    const id = ++timerSeq
    if (delay <= settleTimersUpToMs) shortTimers.set(id, Date.now() + delay)
    timerHandles.set(
      id,
      realSetTimeout(() => {
        timerHandles.delete(id)
        shortTimers.delete(id)
        runTimerCallback(fn, args)
      }, delay),
    )
    return id
  }
  const appClearTimeout = (id: unknown) => {
    const h = timerHandles.get(id as number)
    if (h !== undefined) realClearTimeout(h)
    timerHandles.delete(id as number)
    shortTimers.delete(id as number)
  }
  const intervals = new Map<number, ReturnType<typeof realSetInterval>>()
  const appSetInterval = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    const id = ++timerSeq
    intervals.set(id, realSetInterval(() => runTimerCallback(fn, args), Math.max(1, Number(ms) || 0)))
    return id
  }
  const appClearInterval = (id: unknown) => {
    const h = intervals.get(id as number)
    if (h !== undefined) realClearInterval(h)
    intervals.delete(id as number)
  }

  const appConsole = Object.fromEntries(
    (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => [
      level,
      (...args: unknown[]) => {
        consoleEntries.push({ level, args })
        if (printAppConsole && (level === 'error' || level === 'warn')) console[level]('[weapp]', ...args)
      },
    ]),
  )

  // ---- wx ------------------------------------------------------------------------------
  /** success/fail/complete + promise, answered asynchronously like the real APIs */
  function asyncApi(name: string, run: (opts: any) => unknown) {
    return (opts: any = {}) => {
      touch()
      const p = Promise.resolve()
        .then(() => run(opts))
        .then(
          (res: any) => {
            const out = { errMsg: `${name}:ok`, ...(res || {}) }
            opts.success?.(out)
            opts.complete?.(out)
            return out
          },
          (err: any) => {
            const out = { ...(err && typeof err === 'object' ? err : {}), errMsg: err?.errMsg ?? `${name}:fail ${err?.message ?? err}` }
            opts.fail?.(out)
            opts.complete?.(out)
            throw out
          },
        )
      const tracked: Promise<unknown> = p.then(
        () => pending.delete(tracked),
        () => pending.delete(tracked),
      )
      pending.add(tracked)
      if (opts.success || opts.fail || opts.complete) {
        p.catch(() => undefined)
        return undefined
      }
      return p
    }
  }
  const notMocked = (name: string) => () => {
    throw new Error(`weapp harness: wx.${name} is not mocked (only wx.cloud.callFunction is; add it with loadWeapp({ wx }))`)
  }

  const systemInfo = {
    ...(k.simApi.getSystemInfoSync?.() ?? {}),
    brand: 'devtools',
    model: 'iPhone 14',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 750,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'devtools',
    SDKVersion: '3.7.0',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  }

  const navigate = (api: NavigationApi) =>
    asyncApi(api, (opts) => {
      if (api === 'navigateBack') {
        const delta = opts.delta ?? 1
        const ok = pages.length > 1
        navigations.push({ api, url: '', path: '', query: {}, delta, ok, errMsg: ok ? `${api}:ok` : `${api}:fail cannot navigate back at first page.` })
        if (!ok) throw { errMsg: `${api}:fail cannot navigate back at first page.` }
        return {}
      }
      const url = String(opts.url ?? '')
      const parsed = parseUrl(url)
      const route = normalizeRoute(parsed.path)
      let errMsg = `${api}:ok`
      if (!allRoutes.has(route)) errMsg = `${api}:fail page "${route}" is not found`
      else if ((api === 'navigateTo' || api === 'redirectTo') && tabRoutes.has(route)) errMsg = `${api}:fail can not ${api} a tabbar page`
      else if (api === 'switchTab' && !tabRoutes.has(route)) errMsg = `${api}:fail can not switch to no-tabBar page`
      else if (api === 'switchTab' && Object.keys(parsed.query).length) errMsg = `${api}:fail url can not contain query`
      const ok = errMsg.endsWith(':ok')
      navigations.push({ api, url, ...parsed, ok, errMsg })
      if (!ok) throw { errMsg }
      return {}
    })

  const cloud = {
    init: (opts: unknown) => void cloudInit.push(opts),
    callFunction: (opts: any = {}) => {
      const call: CloudCall = { name: opts.name, data: opts.data ?? {} }
      cloudCalls.push(call)
      return asyncApi('cloud.callFunction', async () => {
        if (!options.callFunction) throw new Error(`no mock for "${opts.name}" (pass loadWeapp({ callFunction }))`)
        try {
          const res = await options.callFunction({ name: call.name, data: call.data, options: opts })
          call.result = res?.result
          return { requestID: `harness-${cloudCalls.length}`, ...res, errMsg: 'cloud.callFunction:ok' }
        } catch (e) {
          call.error = e
          throw e
        }
      })(opts)
    },
    database: notMocked('cloud.database'),
    uploadFile: notMocked('cloud.uploadFile'),
    downloadFile: notMocked('cloud.downloadFile'),
    getTempFileURL: notMocked('cloud.getTempFileURL'),
    deleteFile: notMocked('cloud.deleteFile'),
    callContainer: notMocked('cloud.callContainer'),
  }

  const wx: Record<string, any> = {
    ...k.simApi, // miniprogram-simulate's stubs for the long tail (canIUse, getMenuButtonBoundingClientRect…)
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: asyncApi('getSystemInfo', () => ({ ...systemInfo })),
    getWindowInfo: () => ({ ...systemInfo }),
    nextTick: (fn: () => void) => void appSetTimeout(fn, 0),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    showToast: asyncApi('showToast', (o) => void toasts.push({ api: 'showToast', title: String(o.title ?? ''), icon: o.icon, options: o })),
    showLoading: asyncApi('showLoading', (o) => void toasts.push({ api: 'showLoading', title: String(o.title ?? ''), options: o })),
    hideToast: asyncApi('hideToast', () => ({})),
    hideLoading: asyncApi('hideLoading', () => ({})),
    showModal: asyncApi('showModal', (o) => {
      const answer = options.onModal?.(o) ?? { confirm: true }
      const response = { confirm: !!answer.confirm, cancel: !answer.confirm, ...(answer.content !== undefined ? { content: answer.content } : {}) }
      modals.push({ title: o.title, content: o.content, options: o, response })
      return response
    }),
    setTabBarBadge: asyncApi('setTabBarBadge', (o) => void tabBadges.set(Number(o.index), String(o.text))),
    removeTabBarBadge: asyncApi('removeTabBarBadge', (o) => void tabBadges.delete(Number(o.index))),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o) => {
      const tmplIds: string[] = Array.isArray(o.tmplIds) ? o.tmplIds : []
      // WeChat's limits: one to three templates per request.
      if (tmplIds.length === 0 || tmplIds.length > 3) throw { errMsg: 'requestSubscribeMessage:fail Templates count out of max bounds', errCode: 20003 }
      const answers = options.onSubscribe?.(tmplIds) ?? Object.fromEntries(tmplIds.map((id) => [id, 'reject']))
      subscribeRequests.push({ tmplIds, answers })
      return answers
    }),
    showActionSheet: asyncApi('showActionSheet', (o) => {
      const answer = options.onActionSheet?.(o) ?? 'cancel'
      if (answer === 'cancel') throw { errMsg: 'showActionSheet:fail cancel' }
      return answer
    }),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, v: unknown) => void storage.set(key, v),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorage: asyncApi('getStorage', (o) => {
      if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
      return { data: storage.get(o.key) }
    }),
    setStorage: asyncApi('setStorage', (o) => void storage.set(o.key, o.data)),
    removeStorage: asyncApi('removeStorage', (o) => void storage.delete(o.key)),
    clearStorage: asyncApi('clearStorage', () => storage.clear()),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    createSelectorQuery: () => new SelectorQuery(() => pages[pages.length - 1]?.instance?._exparserNode),
    request: notMocked('request'),
    uploadFile: notMocked('uploadFile'),
    downloadFile: notMocked('downloadFile'),
    connectSocket: notMocked('connectSocket'),
    cloud,
    ...(options.wx ?? {}),
  }

  // ---- App / Page / Component -----------------------------------------------------------
  let appOptions: any = null
  let capturedPage: any = null
  let capturedComponent: any = null
  const pages: RenderedPage[] = []
  const globals: AppGlobals = {
    wx,
    App: (opts: any) => {
      if (appOptions) throw new Error('weapp harness: App() called twice')
      appOptions = opts
    },
    Page: (opts: any) => void (capturedPage = opts),
    Component: (opts: any) => void (capturedComponent = opts),
    Behavior: (def: any) => simulate.behavior(def),
    getApp: () => appOptions,
    getCurrentPages: () => pages.map((p) => p.instance),
    requirePlugin: notMocked('requirePlugin'),
    __wxConfig: { envVersion: 'develop', platform: 'devtools', ...appJson },
    console: appConsole,
    setTimeout: appSetTimeout,
    clearTimeout: appClearTimeout,
    setInterval: appSetInterval,
    clearInterval: appClearInterval,
  }
  const modules = new AppModules(distDir, globals)

  async function settle(): Promise<void> {
    const deadline = Date.now() + settleTimeoutMs
    let idle = 0
    while (idle < 2) {
      if (Date.now() > deadline) {
        throw new Error(`weapp harness: the app did not settle within ${settleTimeoutMs} ms (${pending.size} wx calls pending, ${shortTimers.size} timers ≤ ${settleTimersUpToMs} ms pending)`)
      }
      if (pending.size || shortTimers.size) {
        idle = 0
        // always yield to the macrotask queue (the timers we wait for need it)
        const nextDue = shortTimers.size ? Math.min(...shortTimers.values()) - Date.now() : 20
        const wake = sleep(Math.min(20, Math.max(0, nextDue) + 1))
        await (pending.size ? Promise.race([Promise.all([...pending]).then(() => sleep(0)), wake]) : wake)
        continue
      }
      const before = activity
      await sleep(0)
      await new Promise<void>((r) => realSetImmediate(r))
      idle = activity === before ? idle + 1 : 0
    }
  }

  /**
   * Run app code and settle; then throw the first error the app raised that no one has seen yet
   * (exparser-caught errors in event handlers/lifetimes during the call, or a timer callback's).
   */
  let errorsReported = 0
  async function guarded(what: string, run: () => unknown): Promise<unknown> {
    const before = k.errors.length
    let out: unknown
    try {
      out = run()
    } finally {
      await settle()
      errors.push(...k.errors.slice(before))
    }
    if (errors.length > errorsReported) {
      const first = errors[errorsReported]
      errorsReported = errors.length
      if (first instanceof Error) {
        first.message = `${what}: ${first.message}`
        throw first
      }
      throw new Error(`${what}: ${fmtErr(first)}`)
    }
    return out
  }

  // ---- boot: app.js requires common/vendors/taro/runtime, then calls App() ---------------
  modules.require(path.join(distDir, 'app.js'))
  const appInst = appOptions
  if (!appInst) throw new Error('weapp harness: app.js did not call App()')
  const launchPath = normalizeRoute(options.launch?.path ?? appJson.pages[0])
  const launchOpts = { path: launchPath, query: options.launch?.query ?? {}, scene: options.launch?.scene ?? 1001, referrerInfo: {} }
  await guarded('App onLaunch/onShow', () => {
    appInst.onLaunch?.call(appInst, launchOpts)
    appInst.onShow?.call(appInst, launchOpts)
  })

  // ---- components -----------------------------------------------------------------------
  const componentIds = new Map<string, string>()
  function registerComponent(rel: string, tagName: string): string {
    const known = componentIds.get(rel)
    if (known) return known
    const id = nextId('c')
    componentIds.set(rel, id) // before its own usingComponents: Taro's comp uses itself
    const json = JSON.parse(fs.readFileSync(path.join(distDir, `${rel}.json`), 'utf8'))
    const using = registerUsing(rel, json.usingComponents)
    capturedComponent = null
    modules.require(path.join(distDir, `${rel}.js`))
    const def = capturedComponent
    capturedComponent = null
    if (!def) throw new Error(`weapp harness: ${rel}.js did not call Component()`)
    const compOptions = { ...(def.options || {}), classPrefix: '' }
    if (options.disableVirtualHost) compOptions.virtualHost = false
    simulate.load({
      ...def,
      id,
      path: path.join(distDir, rel),
      tagName,
      template: gwx(`${rel}.wxml`),
      usingComponents: using,
      options: compOptions,
      ...countSetData(def),
    })
    return id
  }
  function registerUsing(rel: string, usingComponents: Record<string, string> | undefined): Record<string, string> {
    const using: Record<string, string> = {}
    for (const [tag, target] of Object.entries(usingComponents ?? {})) {
      if (/^plugin(-private)?:/.test(target)) throw new Error(`weapp harness: plugin component <${tag}> (${target}) is not supported`)
      const targetRel = target.startsWith('/') ? target.replace(/^\/+/, '') : path.posix.normalize(path.posix.join(path.posix.dirname(rel), target))
      using[tag] = registerComponent(targetRel, tag)
    }
    return using
  }
  /** count setData calls, so settle() sees custom-wrapper / native component updates */
  function countSetData(def: any) {
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

  // ---- pages ----------------------------------------------------------------------------
  const pageDefs = new Map<string, string>()
  function registerPage(route: string): string {
    const known = pageDefs.get(route)
    if (known) return known
    if (!allRoutes.has(route) || !fs.existsSync(path.join(distDir, `${route}.js`))) {
      throw new Error(`weapp harness: no page ${route} in ${distDir} (app.json has: ${[...allRoutes].join(', ')})`)
    }
    const json = JSON.parse(fs.readFileSync(path.join(distDir, `${route}.json`), 'utf8'))
    const using = registerUsing(route, json.usingComponents)
    capturedPage = null
    // Page() runs when the page chunk's entry module runs: once per app, as in WeChat.
    modules.require(path.join(distDir, `${route}.js`))
    const pageOptions = capturedPage
    capturedPage = null
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
      ...countSetData({}),
    })
    pageDefs.set(route, id)
    return id
  }

  function makeNode(el: Element): WeappNode {
    return {
      dom: el,
      text: () => visibleText(el),
      get classes() {
        return Array.from(el.classList)
      },
      attrs: () => {
        const out: Record<string, unknown> = {}
        for (const a of (el as any).__wxElement?._vt?.attrs ?? []) out[a.name] = a.value
        return out
      },
      query: (sel) => {
        const found = querySelectorAll(el, sel)[0]
        return found ? makeNode(found) : null
      },
      queryAll: (sel) => querySelectorAll(el, sel).map(makeNode),
      tap: () => dispatch(el, 'tap', { x: 0, y: 0 }),
    }
  }

  function findByText(root: Element, text: string): Element | null {
    const want = norm(text)
    const all = [root, ...Array.from(root.querySelectorAll('*'))].filter(isVisible)
    const innermost = (list: Element[]) => list.find((e) => !Array.from(e.querySelectorAll('*')).some((c) => list.includes(c))) ?? null
    return innermost(all.filter((e) => norm(visibleText(e)) === want)) ?? innermost(all.filter((e) => visibleText(e).includes(want)))
  }

  /** DOM selectors, plus `#id` (exparser keeps ids off the DOM) through the exparser tree */
  function querySelectorAll(root: Element, selector: string): Element[] {
    let found: Element[] = []
    try {
      found = Array.from(root.querySelectorAll(normalizeSelector(selector)))
    } catch {
      return [] // not a CSS selector
    }
    if (!found.length && selector.includes('#')) {
      try {
        found = queryDeep((root as any).__wxElement, normalizeSelector(selector))
          .map((n) => n.$$ as Element)
          .filter(Boolean)
      } catch {
        found = []
      }
    }
    return found
  }

  function resolveTarget(root: Element, target: Target, byText: boolean): Element {
    if (typeof target === 'object' && 'text' in target && typeof target.text === 'string') {
      const el = findByText(root, target.text)
      if (!el) throw new Error(`weapp harness: no visible text ${JSON.stringify(target.text)}. The page shows: ${visibleText(root)}`)
      return el
    }
    if (typeof target !== 'string') return 'dom' in target ? target.dom : (target as Element)
    let el: Element | null = querySelectorAll(root, target)[0] ?? null
    if (!el && byText) el = findByText(root, target)
    if (!el) throw new Error(`weapp harness: nothing matches ${JSON.stringify(target)}. The page shows: ${visibleText(root)}`)
    return el
  }

  async function dispatch(el: Element, eventName: string, detail: Record<string, unknown>): Promise<void> {
    const node = (el as any).__wxElement
    if (!node) throw new Error(`weapp harness: <${el.tagName.toLowerCase()}> was not rendered by exparser`)
    const touches = eventName === 'tap' ? [{ identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0 }] : []
    await guarded(`${eventName} on <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`, () => {
      touch()
      exparser.Event.dispatchEvent(
        node,
        exparser.Event.create(eventName, detail, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches, changedTouches: touches } }),
      )
    })
  }

  async function renderPage(routeIn: string, query: Record<string, string | number | boolean> = {}): Promise<RenderedPage> {
    const route = normalizeRoute(routeIn)
    const q: Record<string, string> = { ...parseUrl(routeIn).query }
    for (const [key, v] of Object.entries(query)) q[key] = String(v)
    const id = registerPage(route)
    const comp = simulate.render(id)
    const host = document.createElement('weapp-root')
    document.body.appendChild(host)
    comp.attach(host)
    const inst = comp.instance
    inst.route = route
    inst.__route__ = route
    inst.options = { ...q }
    const below = pages[pages.length - 1]
    let unloaded = false
    const page: RenderedPage = {
      route,
      options: q,
      instance: inst,
      get dom() {
        return comp.dom as Element
      },
      get data() {
        return comp.data
      },
      text: () => visibleText(comp.dom),
      query: (sel) => {
        const el = querySelectorAll(comp.dom, sel)[0]
        return el ? makeNode(el) : null
      },
      queryAll: (sel) => querySelectorAll(comp.dom, sel).map(makeNode),
      getByText: (text) => {
        const el = findByText(comp.dom, text)
        return el ? makeNode(el) : null
      },
      tap: (target) => dispatch(resolveTarget(comp.dom, target, true), 'tap', { x: 0, y: 0 }),
      input: (target, value) => dispatch(resolveTarget(comp.dom, target, false), 'input', { value, cursor: value.length, keyCode: 0 }),
      trigger: (target, eventName, detail = {}) => dispatch(resolveTarget(comp.dom, target, false), eventName, detail),
      lifecycle: (name, ...args) =>
        guarded(`${route} ${name}`, () => {
          if (typeof inst[name] !== 'function') throw new Error(`weapp harness: ${route} has no ${name}`)
          return inst[name](...args)
        }),
      settle,
      waitForText: async (text, timeoutMs = settleTimeoutMs) => {
        const deadline = Date.now() + timeoutMs
        for (;;) {
          await settle()
          if (visibleText(comp.dom).includes(text)) return
          if (Date.now() > deadline) throw new Error(`weapp harness: "${text}" did not appear within ${timeoutMs} ms. The page shows: ${visibleText(comp.dom)}`)
          await sleep(10)
        }
      },
      navigations,
      toasts,
      modals,
      unload: async () => {
        if (unloaded) return
        unloaded = true
        const wasTop = pages[pages.length - 1] === page
        await guarded(`${route} onUnload`, () => inst.onUnload?.())
        comp.detach()
        host.remove()
        pages.splice(pages.indexOf(page), 1)
        const top = pages[pages.length - 1]
        if (wasTop && top) await guarded(`${top.route} onShow`, () => top.instance.onShow?.())
      },
    }
    if (below) await guarded(`${below.route} onHide`, () => below.instance.onHide?.())
    pages.push(page)
    await guarded(`${route} onLoad/onShow`, () => {
      inst.onLoad(q)
      inst.onShow?.()
    })
    await guarded(`${route} onReady`, () => inst.onReady?.())
    return page
  }

  async function unloadAll(): Promise<void> {
    for (const p of [...pages].reverse()) await p.unload()
  }

  let runtimeExports: any = null
  function taroRuntime(): any {
    if (runtimeExports) return runtimeExports
    // webpack's jsonp protocol: a pushed chunk's third element is called with __webpack_require__.
    const jsonp = wx.webpackJsonp as unknown[] | undefined
    if (!jsonp) throw new Error('weapp harness: no wx.webpackJsonp (not a Taro webpack build?)')
    let req: any = null
    jsonp.push([[nextId('chunk')], {}, (r: any) => void (req = r)])
    if (!req?.m) throw new Error('weapp harness: could not reach __webpack_require__')
    for (const id of Object.keys(req.m)) {
      if (String(req.m[id]).includes('TaroRootElement:function')) {
        const exp = req(id)
        if (exp?.document?.getElementById) return (runtimeExports = exp)
      }
    }
    throw new Error('weapp harness: @tarojs/runtime not found in the bundle')
  }

  return {
    distDir,
    appJson,
    wx,
    app: appInst,
    navigations,
    toasts,
    modals,
    cloudCalls,
    subscribeRequests,
    tabBadges,
    cloudInit,
    storage,
    console: consoleEntries,
    errors,
    get pages() {
      return pages
    },
    renderPage,
    settle,
    clearRecords: () => {
      for (const list of [navigations, toasts, modals, cloudCalls, consoleEntries] as unknown[][]) list.length = 0
    },
    unloadAll,
    close: async () => {
      await unloadAll()
      for (const h of timerHandles.values()) realClearTimeout(h)
      for (const h of intervals.values()) realClearInterval(h)
      timerHandles.clear()
      shortTimers.clear()
      intervals.clear()
    },
    taroRuntime,
  }
}

/* ------------------------------------------------------------------------------------------ */
/* wx.createSelectorQuery over the page's exparser tree (also inside comp shadow trees)        */
/* ------------------------------------------------------------------------------------------ */

class SelectorQuery {
  private queue: { selector: string | null; single: boolean; fields: Record<string, any>; cb?: (r: unknown) => void }[] = []
  constructor(private scope: () => any) {}

  in(component: any) {
    const node = component?._exparserNode
    if (node) this.scope = () => node
    return this
  }
  select(selector: string) {
    return this.ref(selector, true)
  }
  selectAll(selector: string) {
    return this.ref(selector, false)
  }
  selectViewport() {
    return this.ref(null, true)
  }
  private ref(selector: string | null, single: boolean) {
    const push = (fields: Record<string, any>, cb?: (r: unknown) => void) => {
      this.queue.push({ selector, single, fields, cb })
      return this
    }
    return {
      boundingClientRect: (cb?: (r: unknown) => void) => push({ id: true, dataset: true, rect: true, size: true }, cb),
      scrollOffset: (cb?: (r: unknown) => void) => push({ id: true, dataset: true, scrollOffset: true }, cb),
      fields: (fields: Record<string, any>, cb?: (r: unknown) => void) => push(fields, cb),
      node: (cb?: (r: unknown) => void) => push({ node: true }, cb),
      context: (cb?: (r: unknown) => void) => push({ context: true }, cb),
    }
  }
  exec(cb?: (r: unknown[]) => void) {
    const queue = this.queue
    this.queue = []
    const root = this.scope()
    Promise.resolve().then(() => {
      const results = queue.map(({ selector, single, fields, cb: one }) => {
        const describe = (node: any) => {
          const out: Record<string, unknown> = {}
          if (fields.id) out.id = node?.id ?? ''
          if (fields.dataset) out.dataset = { ...(node?.dataset ?? {}) }
          // jsdom has no layout: every box is 0×0 at 0,0; the viewport is the simulated window
          if (fields.rect) Object.assign(out, { left: 0, right: 0, top: 0, bottom: 0 })
          if (fields.size) Object.assign(out, node ? { width: 0, height: 0 } : { width: 390, height: 750 })
          if (fields.scrollOffset) Object.assign(out, { scrollLeft: 0, scrollTop: 0, scrollWidth: 0, scrollHeight: 0 })
          if (fields.node) out.node = null
          if (fields.context) out.context = null
          return out
        }
        let res: unknown
        if (selector === null) res = describe(null)
        else {
          const nodes = root ? queryDeep(root, selector) : []
          res = single ? (nodes[0] ? describe(nodes[0]) : null) : nodes.map(describe)
        }
        one?.(res)
        return res
      })
      cb?.(results)
    })
    return this
  }
}

/** exparser querySelectorAll does not cross shadow roots; Taro nests deep trees in `comp` shadows */
function queryDeep(host: any, selector: string): any[] {
  const out: any[] = []
  const seen = new Set<any>()
  const visitRoot = (root: any) => {
    if (!root) return
    for (const n of root.querySelectorAll(selector) ?? []) {
      if (seen.has(n)) continue
      seen.add(n)
      out.push(n)
    }
    const walk = (node: any) => {
      for (const child of node.childNodes ?? []) {
        if (child.shadowRoot && child.shadowRoot !== root) visitRoot(child.shadowRoot)
        walk(child)
      }
    }
    walk(root)
  }
  visitRoot(host.shadowRoot)
  return out
}
