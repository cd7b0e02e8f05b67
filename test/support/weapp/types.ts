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
