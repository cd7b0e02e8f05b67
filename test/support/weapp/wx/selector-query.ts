// wx.createSelectorQuery over the page's exparser tree (also inside comp shadow trees).
import { queryDeep } from '../dom'

export class SelectorQuery {
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
