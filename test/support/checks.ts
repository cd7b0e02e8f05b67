// Checks every browser journey runs on every page it visits (journey().shot() calls checkPage):
//  - the layout, as a phone shows it: nothing sticks out of the 390-px viewport, nothing is cut by
//    a container that hides its overflow (truncation with an ellipsis or a line clamp is meant and
//    passes; scroll containers and panels parked off-screen pass), and no short word or number
//    ("3.00%", "12.xlsx") is broken across two lines when it would fit on one;
//  - every QR code on the screen is read off a screenshot of the page where it shows (its box cut
//    by every clipping container and the viewport), not off the image element: Playwright's element
//    screenshot first scrolls the element into view, scrolling even a box that hides its overflow,
//    so it read the entry code whole while the page showed half of it;
//  - every date picker opens without an error, and offers a valid range (start ≤ end, its columns
//    not empty), then closes.
// The console (errors, and the framework's warnings) is watched by watchErrors (browser.ts).
import type { Locator, Page } from 'playwright-core'
import { frameworkProblem } from './browser'
import { decodeQrPng } from './qr'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface LayoutProblem {
  kind: 'viewport' | 'clipped' | 'broken-word'
  /** a short CSS path of the element (classes of it and two ancestors) */
  selector: string
  /** the element's box (CSS px, viewport coordinates) */
  rect: Box
  /** the clipping container and its box (kind 'clipped'), or the word (kind 'broken-word') */
  by?: string
  box?: Box
  text?: string
}

// ---- in the page ----------------------------------------------------------------------------------
// One function, serialised into the page (it must not use anything from this module), that puts
// the measurements on window.__xqChecks. Everything it measures is in CSS px, viewport coordinates.
function installPageChecks(): void {
  const w = window as any
  if (w.__xqChecks) return

  type Edges = { left: number; top: number; right: number; bottom: number }
  const EPS = 1

  const parentOf = (el: Element): Element | null => {
    if (el.parentElement) return el.parentElement
    const root = el.getRootNode()
    return root instanceof ShadowRoot ? root.host : null
  }
  const edges = (r: DOMRect | Edges): Edges => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })
  const asBox = (e: Edges) => ({ x: Math.round(e.left * 10) / 10, y: Math.round(e.top * 10) / 10, width: Math.round((e.right - e.left) * 10) / 10, height: Math.round((e.bottom - e.top) * 10) / 10 })
  /** The padding box: what overflow: hidden clips to. */
  const paddingBox = (a: Element): Edges => {
    const r = a.getBoundingClientRect()
    const left = r.left + a.clientLeft
    const top = r.top + a.clientTop
    return { left, top, right: left + a.clientWidth, bottom: top + a.clientHeight }
  }
  const visible = (el: Element) => (el as any).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true

  const describe = (el: Element): string => {
    const one = (e: Element) => {
      const classes = [...e.classList].filter((c) => !/^(taro_|hydrated$)/.test(c)).slice(0, 2)
      return classes.length ? `${e.tagName.toLowerCase()}.${classes.join('.')}` : e.tagName.toLowerCase()
    }
    const parts = [one(el)]
    let a = parentOf(el)
    while (a && parts.length < 3 && a !== document.body) {
      if (a.classList.length) parts.unshift(one(a))
      a = parentOf(a)
    }
    return parts.join(' > ')
  }

  /** Whether `a` is a containing block for a descendant positioned `position`. */
  const containsPositioned = (s: CSSStyleDeclaration, position: string) => {
    const transformed = s.transform !== 'none' || s.perspective !== 'none' || s.filter !== 'none' || /transform|perspective|filter/.test(s.willChange) || /paint|layout|strict|content/.test(s.contain)
    return position === 'fixed' ? transformed : s.position !== 'static' || transformed
  }

  /**
   * The ancestors whose overflow clips `el` (html and body excepted: the viewport stands for
   * them), innermost first. An absolutely positioned element escapes the ancestors below its
   * containing block; a fixed one escapes all of them unless one is transformed.
   */
  const clippers = (el: Element): Element[] => {
    const out: Element[] = []
    let escaping = getComputedStyle(el).position
    for (let a = parentOf(el); a && a !== document.body && a !== document.documentElement; a = parentOf(a)) {
      const s = getComputedStyle(a)
      if ((escaping === 'absolute' || escaping === 'fixed') && !containsPositioned(s, escaping)) continue
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') out.push(a)
      escaping = s.position
    }
    return out
  }

  /** Text cut on purpose: an ellipsis or a line clamp on the element or an ancestor up to `until`. */
  const truncatedOnPurpose = (el: Element, until: Element | null): boolean => {
    for (let e: Element | null = el; e; e = parentOf(e)) {
      const s = getComputedStyle(e)
      if (s.textOverflow === 'ellipsis' || (s as any).webkitLineClamp !== 'none' && (s as any).webkitLineClamp !== '' && (s as any).webkitLineClamp !== undefined) return true
      if (e === until) break
    }
    return false
  }
  /** Pictures shown cropped on purpose: Taro's aspectFill and the anchored modes, object-fit: cover. */
  const croppedOnPurpose = (el: Element): boolean => {
    if (el.tagName !== 'IMG') return false
    if ([...el.classList].some((c) => /^taro-img__mode-(aspectfill|top|bottom|center|left|right)/.test(c))) return true
    return getComputedStyle(el).objectFit === 'cover'
  }

  /**
   * What of the element a clip can cut that matters: a picture or a control (its whole box), or its
   * own lines of text. Backgrounds and borders do not count: a decorative seal or ring cut by its
   * card is meant, and so is a button's line box taller than the button when the letters fit.
   * Null: nothing of its own (its children are checked themselves).
   */
  const ink = (el: Element): Edges | null => {
    if (el.matches('img, canvas, svg, video, input, textarea, select, iframe')) return edges(el.getBoundingClientRect())
    let out: Edges | null = null
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const r of range.getClientRects()) {
        if (r.width <= 0 || r.height <= 0) continue
        out = out ? { left: Math.min(out.left, r.left), top: Math.min(out.top, r.top), right: Math.max(out.right, r.right), bottom: Math.max(out.bottom, r.bottom) } : edges(r)
      }
    }
    return out
  }

  /**
   * What a person sees of `el` through its clipping ancestors (null: nothing, it is hidden there on
   * purpose), and the containers that cut what it paints (ink) on the way.
   */
  const seen = (el: Element, withCuts = false): { vis: Edges; cuts: { by: Element; box: Edges }[] } | null => {
    let vis = edges(el.getBoundingClientRect())
    let painted = withCuts ? ink(el) : null
    const cuts: { by: Element; box: Edges }[] = []
    const clip = (e: Edges, b: Edges, x: boolean, y: boolean): Edges => ({
      left: x ? Math.max(e.left, b.left) : e.left,
      right: x ? Math.min(e.right, b.right) : e.right,
      top: y ? Math.max(e.top, b.top) : e.top,
      bottom: y ? Math.min(e.bottom, b.bottom) : e.bottom,
    })
    for (const a of clippers(el)) {
      const s = getComputedStyle(a)
      const b = paddingBox(a)
      const x = s.overflowX !== 'visible'
      const y = s.overflowY !== 'visible'
      const next = clip(vis, b, x, y)
      // Wholly outside a container: hidden on purpose (a panel parked off-screen, a scrolled-away row).
      if (next.right - next.left <= EPS || next.bottom - next.top <= EPS) return null
      vis = next
      if (!painted) continue
      // Scroll containers show the rest on scrolling: only hidden and clip cut.
      const cutsX = x && s.overflowX !== 'auto' && s.overflowX !== 'scroll' && (painted.left < b.left - EPS || painted.right > b.right + EPS)
      const cutsY = y && s.overflowY !== 'auto' && s.overflowY !== 'scroll' && (painted.top < b.top - EPS || painted.bottom > b.bottom + EPS)
      if (cutsX || cutsY) cuts.push({ by: a, box: b })
      painted = clip(painted, b, x, y)
      if (painted.right - painted.left <= EPS || painted.bottom - painted.top <= EPS) painted = null
    }
    return { vis, cuts }
  }

  /** The page being shown, and what sits over it (the tab bar, modals, toasts, sheets on body). */
  const roots = (): Element[] => {
    const vw = window.innerWidth
    const pages = [...document.querySelectorAll('.taro_page')].filter((p) => {
      if (!visible(p)) return false
      const r = p.getBoundingClientRect()
      return r.left < vw / 2 && r.right > vw / 2 && r.height > 0
    })
    const out: Element[] = pages.slice(-1)
    for (const tabbar of document.querySelectorAll('.taro-tabbar__tabbar')) if (visible(tabbar)) out.push(tabbar)
    for (const child of document.body.children) {
      if (child.matches('.taro_page, .taro_router') || child.querySelector('.taro_page') || /^(SCRIPT|STYLE|LINK|TEMPLATE)$/.test(child.tagName)) continue
      if (visible(child)) out.push(child)
    }
    return out
  }
  const elementsIn = (root: Element): Element[] => [root, ...root.querySelectorAll('*')]

  /** The width a word has to itself on a line: its block's content box. */
  const lineWidth = (node: Node): number => {
    let e = node.parentElement
    while (e && /^(inline|contents)$/.test(getComputedStyle(e).display)) e = e.parentElement
    if (!e) return Infinity
    const s = getComputedStyle(e)
    return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
  }

  const layout = () => {
    // (A phone does not zoom out to show what sticks out: the screen's width is the measure.)
    const vw = Math.min(window.innerWidth, window.screen.width || window.innerWidth)
    const problems: any[] = []
    const cutReported = new Map<Element, Set<Element>>() // clipper → elements reported as cut by it
    const overReported = new Set<Element>()
    const reportedAbove = (el: Element, set: Set<Element> | undefined, until: Element | null) => {
      if (!set) return false
      for (let a = parentOf(el); a && a !== until; a = parentOf(a)) if (set.has(a)) return true
      return false
    }
    const all = roots().flatMap(elementsIn)
    for (const el of all) {
      if (!visible(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width < 1 || r.height < 1) continue
      const s = seen(el, true)
      if (!s) continue
      for (const cut of s.cuts) {
        if (truncatedOnPurpose(el, cut.by) || croppedOnPurpose(el)) continue
        const set = cutReported.get(cut.by) ?? new Set<Element>()
        cutReported.set(cut.by, set)
        if (reportedAbove(el, set, cut.by)) continue
        set.add(el)
        problems.push({ kind: cut.by.classList.contains('taro_page') ? 'viewport' : 'clipped', selector: describe(el), rect: asBox(edges(r)), by: describe(cut.by), box: asBox(cut.box) })
      }
      // Off to the side altogether: a sliding panel, not an overflow.
      if (s.vis.right <= 0 || s.vis.left >= vw) continue
      if (s.vis.right > vw + EPS || s.vis.left < -EPS) {
        if (reportedAbove(el, overReported, null)) continue
        overReported.add(el)
        problems.push({ kind: 'viewport', selector: describe(el), rect: asBox(edges(r)) })
      }
    }

    // Words and numbers that would fit on a line but are broken across two ("LPR 3." / "00%").
    const TOKEN = /[A-Za-z0-9]+(?:[.,:%][A-Za-z0-9]+)*%?/g
    for (const root of roots()) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        if (!/[A-Za-z0-9]{2}|[0-9][.,:%]/.test(text) || !node.parentElement || !visible(node.parentElement)) continue
        for (const m of text.matchAll(TOKEN)) {
          if (m[0].length < 2) continue
          const range = document.createRange()
          range.setStart(node, m.index!)
          range.setEnd(node, m.index! + m[0].length)
          const rects = [...range.getClientRects()].filter((x) => x.width > 0)
          if (rects.length < 2) continue
          const lines = new Set(rects.map((x) => Math.round(x.top / 4)))
          if (lines.size < 2) continue
          const width = rects.reduce((sum, x) => sum + x.width, 0)
          if (width > lineWidth(node) + EPS) continue // too long for any line: it has to break
          const all = edges(range.getBoundingClientRect())
          problems.push({ kind: 'broken-word', selector: describe(node.parentElement), rect: asBox(all), text: m[0] })
        }
      }
    }
    return problems
  }

  /** The visible part of `el` (null: none): its box through its clipping ancestors and the viewport. */
  const visibleBox = (el: Element) => {
    const s = seen(el)
    if (!s) return null
    const v = { left: Math.max(0, s.vis.left), top: Math.max(0, s.vis.top), right: Math.min(window.innerWidth, s.vis.right), bottom: Math.min(window.innerHeight, s.vis.bottom) }
    if (v.right - v.left < 1 || v.bottom - v.top < 1) return null
    return asBox(v)
  }

  /** Whether the element's own visible part (ancestors' clipping only) lies within the viewport. */
  const inViewport = (el: Element) => {
    const s = seen(el)
    return !!s && s.vis.top >= -EPS && s.vis.bottom <= window.innerHeight + EPS
  }
  /**
   * Scrolls the element into view as a person would, by scrolling what scrolls (containers with
   * overflow auto or scroll, and the document), never a container that hides its overflow: a
   * script may scroll those (element.scrollIntoView does, and so does Playwright before an
   * element's screenshot), which would bring a cut-off picture into view that a person never sees.
   * Remembers where everything was (scrollBack puts it back).
   */
  let scrolled: [Element, number, number][] = []
  const scrollIntoView = (el: Element) => {
    scrolled = []
    const scrollers: Element[] = []
    for (let a = parentOf(el); a; a = parentOf(a)) {
      const s = getComputedStyle(a)
      const scrolls = a === document.scrollingElement || /auto|scroll/.test(s.overflowY) || /auto|scroll/.test(s.overflowX)
      if (scrolls) scrollers.push(a)
    }
    for (const a of scrollers) {
      scrolled.push([a, a.scrollTop, a.scrollLeft])
      const view = a === document.scrollingElement ? { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight } : paddingBox(a)
      const r = el.getBoundingClientRect()
      const s = getComputedStyle(a)
      if (a === document.scrollingElement || /auto|scroll/.test(s.overflowY)) {
        if (r.bottom > view.bottom) a.scrollTop += Math.min(r.bottom - view.bottom, r.top - view.top)
        else if (r.top < view.top) a.scrollTop -= view.top - r.top
      }
      if (a === document.scrollingElement || /auto|scroll/.test(s.overflowX)) {
        if (r.right > view.right) a.scrollLeft += Math.min(r.right - view.right, r.left - view.left)
        else if (r.left < view.left) a.scrollLeft -= view.left - r.left
      }
    }
  }
  /** Brings a picker into view and says whether a tap on it reaches it (not under a sheet, a modal, another picker). */
  const tappable = (picker: Element) => {
    const trigger = picker.firstElementChild ?? picker
    scrollIntoView(trigger)
    const r = trigger.getBoundingClientRect()
    const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1)
    const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1)
    const hit = document.elementFromPoint(x, y)
    return !!hit && picker.contains(hit)
  }
  const scrollBack = () => {
    for (const [a, top, left] of scrolled) {
      a.scrollTop = top
      a.scrollLeft = left
    }
    scrolled = []
  }

  /** QR codes shown on the page: big pictures (img, canvas) in something called *qr*. */
  const qrCodes = (): Element[] => {
    const out: Element[] = []
    for (const root of roots()) {
      for (const el of root.querySelectorAll('img, canvas')) {
        if (!visible(el)) continue
        const r = el.getBoundingClientRect()
        if (r.width < 80 || r.height < 80) continue
        let named = false
        for (let a: Element | null = el, i = 0; a && i < 4; a = parentOf(a), i++) if (/qr/i.test(a.className && typeof a.className === 'string' ? a.className : '') && !/skel/i.test(String(a.className))) named = true
        if (named) out.push(el)
      }
    }
    return out
  }

  /** Marks the date pickers of the page (data-xq-picker) and says what they were given. */
  const datePickers = () => {
    const out: { index: number; start: string; end: string; value: string; fields: string; label: string }[] = []
    for (const root of roots()) {
      for (const el of root.querySelectorAll('taro-picker-core')) {
        const p = el as any
        if (p.mode !== 'date' || p.disabled) continue
        const trigger = el.firstElementChild
        if (!trigger || !visible(trigger) || trigger.getBoundingClientRect().height < 1) continue
        const index = out.length
        el.setAttribute('data-xq-picker', String(index))
        out.push({ index, start: String(p.start ?? ''), end: String(p.end ?? ''), value: String(p.value ?? ''), fields: String(p.fields ?? 'day'), label: `${describe(trigger.firstElementChild ?? trigger)} "${(trigger.textContent ?? '').trim().slice(0, 30)}"` })
      }
    }
    return out
  }

  w.__xqChecks = { layout, visibleBox, inViewport, scrollIntoView, scrollBack, tappable, qrCodes, datePickers, describe }
}

// (As source text: a transpiler that keeps function names wraps them in a `__name` helper, which
// the page has not got; it gets one that does nothing.)
const PAGE_CHECKS = `(() => { const __name = (f) => f; (${installPageChecks.toString()})() })()`

async function installed(page: Page): Promise<void> {
  await page.evaluate(PAGE_CHECKS)
}

// ---- QR codes -------------------------------------------------------------------------------------

/**
 * The part of the element a person sees: its box cut by every ancestor that clips its overflow
 * and by the viewport (null when nothing of it shows).
 */
export async function visibleBox(page: Page, locator: Locator): Promise<Box | null> {
  await installed(page)
  return locator.evaluate((el) => (window as any).__xqChecks.visibleBox(el))
}

/**
 * Reads the QR code off the screen as a phone held up to it would: a screenshot of the page clipped
 * to what shows of the element (visibleBox), decoded with jsQR. The text, or null.
 */
export async function visibleQr(page: Page, locator: Locator): Promise<string | null> {
  const clip = await visibleBox(page, locator)
  if (!clip) return null
  return decodeQrPng(await page.screenshot({ clip }))
}

/**
 * Brings the element into view as a finger would: scrolls the page and the lists it is in, never
 * a box that hides its overflow (Playwright's scrollIntoViewIfNeeded and element screenshots may
 * scroll those, which shows what a person cannot see).
 */
export async function reveal(page: Page, locator: Locator): Promise<void> {
  await installed(page)
  await locator.evaluate((el) => (window as any).__xqChecks.scrollIntoView(el))
}

/** Reads every QR code shown on the page off the screen (scrolling each into view and back): problems for those that do not read. */
async function unreadableQrCodes(page: Page): Promise<string[]> {
  await installed(page)
  const count = await page.evaluate(() => {
    const codes = (window as any).__xqChecks.qrCodes() as Element[]
    codes.forEach((el, i) => el.setAttribute('data-xq-qr', String(i)))
    return codes.length
  })
  const problems: string[] = []
  for (let i = 0; i < count; i++) {
    const qr = page.locator(`[data-xq-qr="${i}"]`)
    const shown = await qr.evaluate((el) => (window as any).__xqChecks.inViewport(el) as boolean)
    if (!shown) await qr.evaluate((el) => (window as any).__xqChecks.scrollIntoView(el))
    let text: string | null = null
    for (let attempt = 0; attempt < 5 && text === null; attempt++) {
      text = await visibleQr(page, qr)
      if (text === null) await page.waitForTimeout(200)
    }
    if (text === null) {
      const box = await visibleBox(page, qr)
      const whole = await qr.boundingBox()
      const name = await qr.evaluate((el) => (window as any).__xqChecks.describe(el) as string)
      problems.push(`QR code ${name} cannot be read off the screen: the page shows ${JSON.stringify(box)} of its box ${JSON.stringify(whole)}`)
    }
    if (!shown) await page.evaluate(() => (window as any).__xqChecks.scrollBack())
  }
  await page.evaluate(() => document.querySelectorAll('[data-xq-qr]').forEach((e) => e.removeAttribute('data-xq-qr')))
  return problems
}

// ---- layout ---------------------------------------------------------------------------------------

/**
 * What is wrong with the layout of the page shown (and of what sits over it): elements sticking out
 * of the viewport sideways, content cut by a container that hides its overflow, short words or
 * numbers broken across lines. Intended cuts pass: an ellipsis or a line clamp, scroll containers,
 * cropped pictures (aspectFill), panels parked off-screen.
 */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  await installed(page)
  return page.evaluate(() => (window as any).__xqChecks.layout())
}

export function formatLayoutProblems(problems: LayoutProblem[], viewport: { width: number; height: number } | null): string {
  const box = (b?: Box) => (b ? `{x: ${b.x}, y: ${b.y}, w: ${b.width}, h: ${b.height}}` : '')
  return problems
    .map((p) => {
      if (p.kind === 'viewport') return `  - sticks out of the viewport (${viewport?.width}×${viewport?.height}): ${p.selector} at ${box(p.rect)}`
      if (p.kind === 'clipped') return `  - cut off: ${p.selector} at ${box(p.rect)} by ${p.by} (overflow hidden) at ${box(p.box)}`
      return `  - "${p.text}" broken across lines in ${p.selector} at ${box(p.rect)}`
    })
    .join('\n')
}

// ---- date pickers ---------------------------------------------------------------------------------

/** A YYYY-MM-DD (or YYYY-MM, YYYY) prefix cut to the picker's fields, for comparing. */
const cut = (d: string, fields: string) => d.slice(0, fields === 'year' ? 4 : fields === 'month' ? 7 : 10)

/**
 * Opens every date picker on the page (Taro's web <Picker mode='date'>, a taro-picker-core),
 * checks that it opens without a console error, that its range is valid (start ≤ end, value in
 * range) and its columns are not empty, and closes it (取消). Problems, in words.
 */
export async function checkDatePickers(page: Page): Promise<string[]> {
  await installed(page)
  const pickers: { index: number; start: string; end: string; value: string; fields: string; label: string }[] = await page.evaluate(() => (window as any).__xqChecks.datePickers())
  const problems: string[] = []
  for (const p of pickers) {
    const seen: string[] = []
    const onConsole = (msg: { type(): string; text(): string }) => {
      const problem = frameworkProblem(msg.type(), msg.text())
      if (problem) seen.push(problem)
    }
    const onError = (err: Error) => seen.push(err.message)
    page.on('console', onConsole)
    page.on('pageerror', onError)
    const picker = page.locator(`taro-picker-core[data-xq-picker="${p.index}"]`)
    try {
      const name = `date picker ${p.label}`
      if (p.start && p.end && cut(p.start, p.fields) > cut(p.end, p.fields)) problems.push(`${name}: its range is inverted, start ${p.start} after end ${p.end}`)
      else if (p.value && ((p.start && cut(p.value, p.fields) < cut(p.start, p.fields)) || (p.end && cut(p.value, p.fields) > cut(p.end, p.fields)))) problems.push(`${name}: its value ${p.value} is outside its range ${p.start || '…'} to ${p.end || '…'}`)
      // Under a sheet, a modal or another open picker, nobody can tap it now: it is tried on another page shown.
      if (!(await picker.evaluate((el) => (window as any).__xqChecks.tappable(el) as boolean))) continue
      // A tap on what it shows (its first child: the wrapper Taro puts around the slot). Taro moves
      // the picker's overlay to <body>; the open one is the one shown.
      const sheet = page.locator('.weui-picker:visible')
      const opened = await picker
        .locator(':scope > *')
        .first()
        .click({ timeout: 3000 })
        .then(() => sheet.waitFor({ state: 'visible', timeout: 3000 }))
        .then(
          () => true,
          () => false,
        )
      if (!opened) {
        problems.push(`${name}: does not open${seen.length ? `; the console says ${seen.map((s) => JSON.stringify(s.split('\n')[0])).join('; ')}` : ''}`)
        continue
      }
      await page.waitForTimeout(350) // the slide-up
      const columns = await sheet.evaluate((el) => [...el.querySelectorAll('taro-picker-group')].map((g) => g.querySelectorAll('.weui-picker__item').length))
      const expected = p.fields === 'year' ? 1 : p.fields === 'month' ? 2 : 3
      if (columns.length !== expected || columns.some((n) => n === 0)) problems.push(`${name}: opens with columns of ${JSON.stringify(columns)} choices (expected ${expected} columns, none empty)`)
      await sheet.locator('.weui-picker__action', { hasText: '取消' }).click()
      await sheet.waitFor({ state: 'hidden', timeout: 3000 })
      if (seen.length) problems.push(`${name}: the console says ${seen.map((s) => JSON.stringify(s.split('\n')[0])).join('; ')}`)
    } finally {
      page.off('console', onConsole)
      page.off('pageerror', onError)
      await page.evaluate(() => (window as any).__xqChecks.scrollBack())
    }
  }
  await page.evaluate(() => document.querySelectorAll('[data-xq-picker]').forEach((e) => e.removeAttribute('data-xq-picker')))
  return problems
}

// ---- all of them ----------------------------------------------------------------------------------

/**
 * The checks every journey runs on each page it screenshots: layout, QR codes read off the screen,
 * date pickers. Throws with the list of problems (and the page's address) when there are any.
 */
export async function checkPage(page: Page, where: string): Promise<void> {
  const layout = await layoutProblems(page)
  const qr = await unreadableQrCodes(page)
  const pickers = await checkDatePickers(page)
  if (!layout.length && !qr.length && !pickers.length) return
  const lines = [`${where}: the page ${page.url()} has problems a person on a phone would see:`]
  if (layout.length) lines.push(formatLayoutProblems(layout, page.viewportSize()))
  for (const p of [...qr, ...pickers]) lines.push(`  - ${p}`)
  throw new Error(lines.join('\n'))
}
