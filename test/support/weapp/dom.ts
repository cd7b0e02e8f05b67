// Reading the rendered DOM: visible text, selectors (builtin tags are wx-*), targets by selector or text.
import type { Target } from './types'

const BUILTIN_TAGS = new Set([
  'cover-image', 'cover-view', 'grid-view', 'list-view', 'match-media', 'movable-area', 'movable-view', 'page-container',
  'root-portal', 'scroll-view', 'share-element', 'sticky-header', 'sticky-section', 'swiper', 'swiper-item', 'view', 'icon',
  'progress', 'rich-text', 'text', 'button', 'checkbox', 'checkbox-group', 'editor', 'form', 'input', 'keyboard-accessory',
  'label', 'picker', 'picker-view', 'picker-view-column', 'radio', 'radio-group', 'slider', 'switch', 'textarea',
  'functional-page-navigator', 'navigator', 'audio', 'camera', 'channel-live', 'channel-video', 'image', 'live-player',
  'live-pusher', 'video', 'voip-room', 'map', 'canvas', 'web-view', 'ad', 'ad-custom', 'official-account', 'open-data',
  'navigation-bar', 'page-meta',
])

const norm = (s: string) => s.replace(/\s+/g, ' ').trim()

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

export function visibleText(root: Element): string {
  const parts: string[] = []
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = norm(n.nodeValue || '')
    if (t && n.parentElement && isVisible(n.parentElement)) parts.push(t)
  }
  return parts.join(' ')
}

/** exparser querySelectorAll does not cross shadow roots; Taro nests deep trees in `comp` shadows */
export function queryDeep(host: any, selector: string): any[] {
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

export function findByText(root: Element, text: string): Element | null {
  const want = norm(text)
  const all = [root, ...Array.from(root.querySelectorAll('*'))].filter(isVisible)
  const innermost = (list: Element[]) => list.find((e) => !Array.from(e.querySelectorAll('*')).some((c) => list.includes(c))) ?? null
  return innermost(all.filter((e) => norm(visibleText(e)) === want)) ?? innermost(all.filter((e) => visibleText(e).includes(want)))
}

/** DOM selectors, plus `#id` (exparser keeps ids off the DOM) through the exparser tree */
export function querySelectorAll(root: Element, selector: string): Element[] {
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

export function resolveTarget(root: Element, target: Target, byText: boolean): Element {
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
