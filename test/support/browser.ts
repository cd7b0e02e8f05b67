// Debian's Chromium driven by playwright-core, as the browser journeys and screenshots use it.
import fs from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run "apt-get install -y chromium fonts-noto-cjk" (the CI script does)`)
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A phone-sized context, as a WeChat user would see the app. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true })
}

/**
 * Warnings the framework prints when a page misuses it. React's start "Warning: " (a list without
 * keys, "not wrapped in act(...)", an update on an unmounted component; the development build only).
 * Taro's web runtime, APIs and components print "暂时不支持 API" / "不支持 API" / "当前浏览器不支持 …"
 * for an API the web lacks, "[Taro warn] …", "[Taro Warning] …", "多页面路由模式不支持 …",
 * "time picker value illegal", "Deprecated. …", "Intersection observer will be ignored …" and
 * "… 建议只设一个值 …"; Stencil (Taro's web components) "[STENCIL …]"; NutUI "[NutUI] …".
 * (Walking every journey with XQ_CONSOLE_LOG set, the pages printed no warning of these: the only
 * warning was Chromium's own "Canvas2D: Multiple readback operations using getImageData …", a
 * performance hint about the perk code's canvas, which is not the framework's and does not count.)
 */
export const FRAMEWORK_WARNING = /^Warning: |\bact\(|\[Taro (warn|Warning)\]|不支持|建议只设|illegal|^Deprecated|Intersection observer|stencil|nutui|\bReact\b|\bTaro\b/i

/** A console message that counts against the page: any error, and the framework's warnings (null: it does not). */
export function frameworkProblem(type: string, text: string): string | null {
  if (type === 'error') return text
  if (type === 'warning' && FRAMEWORK_WARNING.test(text)) return `warning: ${text}`
  return null
}

/**
 * Collects what a journey ends asserting there was none of: console errors, uncaught page errors
 * and the framework's console warnings (frameworkProblem). XQ_CONSOLE_LOG=<file> also appends every
 * console message, of every type, to that file (to see what pages print).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  const log = process.env.XQ_CONSOLE_LOG
  page.on('console', (msg) => {
    if (log) fs.appendFileSync(log, `${JSON.stringify({ type: msg.type(), text: msg.text(), url: page.url(), at: msg.location().url })}\n`)
    const problem = frameworkProblem(msg.type(), msg.text())
    if (problem) errors.push(problem)
  })
  page.on('pageerror', (err) => {
    if (log) fs.appendFileSync(log, `${JSON.stringify({ type: 'pageerror', text: err.message, url: page.url() })}\n`)
    errors.push(err.message)
  })
  return errors
}
