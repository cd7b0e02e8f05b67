// Rendered elements as WeappNodes, and events dispatched through exparser as WeChat would.
import { querySelectorAll, visibleText } from './dom'
import type { Guarded } from './guard'
import type { WeappNode } from './types'

export interface Nodes {
  makeNode(el: Element): WeappNode
  /** an exparser event on `el` (bubbling, composed, as a tap), then settle; rethrows what a handler threw */
  dispatch(el: Element, eventName: string, detail: Record<string, unknown>): Promise<void>
}

export function nodesOf(exparser: any, guarded: Guarded, touch: () => void): Nodes {
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

  return { makeNode, dispatch }
}
