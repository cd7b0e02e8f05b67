// The page stack (getCurrentPages()): pages rendered with miniprogram-simulate; the harness calls
// onLoad/onShow/onReady, onHide on the page below, and onUnload itself.
import type { Activity } from './activity'
import { findByText, querySelectorAll, resolveTarget, visibleText } from './dom'
import type { Guarded } from './guard'
import { nodesOf } from './nodes'
import { sleep } from './timers'
import type { Registrar } from './registry'
import type { Records } from './records'
import { normalizeRoute, parseUrl } from './routes'
import type { RenderedPage } from './types'

export interface PageStackDeps {
  /** getCurrentPages(), bottom first */
  pages: RenderedPage[]
  registrar: Registrar
  simulate: any
  exparser: any
  activity: Activity
  guarded: Guarded
  records: Pick<Records, 'navigations' | 'toasts' | 'modals'>
}

export function pageStack({ pages, registrar, simulate, exparser, activity, guarded, records }: PageStackDeps) {
  const { settle } = activity
  const { makeNode, dispatch } = nodesOf(exparser, guarded, activity.touch)

  async function renderPage(routeIn: string, query: Record<string, string | number | boolean> = {}): Promise<RenderedPage> {
    const route = normalizeRoute(routeIn)
    const q: Record<string, string> = { ...parseUrl(routeIn).query }
    for (const [key, v] of Object.entries(query)) q[key] = String(v)
    const id = registrar.registerPage(route)
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
      waitForText: async (text, timeoutMs = activity.settleTimeoutMs) => {
        const deadline = Date.now() + timeoutMs
        for (;;) {
          await settle()
          if (visibleText(comp.dom).includes(text)) return
          if (Date.now() > deadline) throw new Error(`weapp harness: "${text}" did not appear within ${timeoutMs} ms. The page shows: ${visibleText(comp.dom)}`)
          await sleep(10)
        }
      },
      navigations: records.navigations,
      toasts: records.toasts,
      modals: records.modals,
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

  return { renderPage, unloadAll }
}
