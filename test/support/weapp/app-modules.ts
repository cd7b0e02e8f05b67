// js: a minimal CommonJS loader for the build's files.
import fs from 'node:fs'
import path from 'node:path'

/** The free variables of WeChat's logic layer, as the app code will see them. */
export interface AppGlobals {
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

export class AppModules {
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
