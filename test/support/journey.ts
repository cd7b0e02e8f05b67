// What every browser journey needs: the stack (`npm start`'s, on free ports) and Chromium for
// the file's tests, phones opened as personas, calls to functions as a WeChat user for set-up,
// screenshots into test-artifacts/, and the small waits jest has no built-in for.
// Every page a journey screenshots is checked too (checks.ts: layout, QR codes read off the
// screen, date pickers), and every phone's console must stay free of errors and the framework's
// warnings: a test fails on either, with what was wrong.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, phoneContext, watchErrors } from './browser'
import { checkPage } from './checks'
import { artifact, startStack, type Stack } from './stack'

export interface Phone {
  context: BrowserContext
  page: Page
  /** Console errors, uncaught page errors and the framework's warnings seen so far: each test ends asserting none (afterEach). */
  errors: string[]
  /** Who is holding it, for messages. */
  who: string
}

export interface Geolocation {
  latitude: number
  longitude: number
  accuracy?: number
}

/** A function's reply: its data, or the error shape of the contract. */
export interface Reply {
  ok: boolean
  data?: any
  error?: { code: string; message: string; field?: string }
}

/** Lets animations and images settle before a screenshot or a read. */
export const settle = (page: Page) => page.waitForTimeout(400)

/**
 * Drags a column of the open picker (Taro's H5 <Picker>, WeChat's look) by `rows` rows, slowly, as
 * a finger would: positive rows bring later options up, negative earlier ones.
 */
export async function dragPickerColumn(page: Page, rows: number, column = 0): Promise<void> {
  const group = page.locator('.weui-picker__group:visible').nth(column)
  const box = (await group.boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x, y - rows * 34, { steps: 12 })
  await page.mouse.up()
  await page.waitForTimeout(300)
}

/** Confirms the open picker (确定) and waits for it to close. */
export async function confirmPicker(page: Page): Promise<void> {
  const confirm = page.locator('.weui-picker__action:visible', { hasText: '确定' })
  await confirm.click()
  await confirm.waitFor({ state: 'hidden' })
}

/** Waits until `read` gives `expected` (jest has no expect.poll). */
export async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last: T = await read()
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    last = await read()
  }
  expect(last).toBe(expected)
}

/** Taro's showModal in the web build: confirm the one that says `text`, and wait for it to close. */
export async function confirmModal(page: Page, text: string): Promise<void> {
  const modal = page.locator('.taro__modal', { hasText: text })
  await modal.locator('.taro-model__confirm').click()
  await modal.waitFor({ state: 'hidden' })
}

/**
 * The reviewer's 驳回 dialog (ui-note) that says `heading`: a one-character reason is refused
 * (至少 2 个字), then `reason` is taken; `beforeSending` runs with it filled in (a screenshot).
 */
export async function rejectWithReason(page: Page, heading: string, reason: string, beforeSending: () => Promise<unknown>): Promise<void> {
  const dialog = page.locator('.ui-note')
  await dialog.getByText(heading).waitFor()
  await dialog.locator('textarea').fill('否')
  await dialog.locator('.ui-dialog__ok').click()
  await dialog.locator('.ui-dialog__error', { hasText: '至少 2 个字' }).waitFor()
  await dialog.locator('textarea').fill(reason)
  await beforeSending()
  await dialog.locator('.ui-dialog__ok').click()
}

/**
 * Answers the web build's stand-in of WeChat's subscribe-message dialog (src/services/subscribe.h5.ts),
 * which the app opens first thing in a tap that leads to a notice: 允许 or 取消.
 */
export async function answerNotices(page: Page, allow: boolean): Promise<void> {
  const modal = page.locator('.taro__modal', { hasText: '乡青汇想给你发送消息' })
  await modal.locator(allow ? '.taro-model__confirm' : '.taro-model__cancel').click()
  await modal.waitFor({ state: 'hidden' })
}

/**
 * After a failed test: each phone's screen as a screenshot (test-artifacts/failed-…) and its page's
 * visible text in the log, so a step that timed out on CI says what was on the screen instead.
 */
async function keepWhatPhonesShowed(journeyName: string, opened: Phone[]): Promise<void> {
  const testName = (expect.getState().currentTestName ?? 'test').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)
  for (const [i, phone] of opened.entries()) {
    try {
      await phone.page.screenshot({ path: artifact(`failed-${journeyName}-${testName}-${i}.png`), timeout: 5000 })
      const text = await phone.page.evaluate(() => document.body.innerText.replace(/\n{2,}/g, '\n').slice(0, 2000))
      console.log(`${phone.who}'s screen when the test failed (${phone.page.url()}):\n${text}`)
    } catch (err) {
      console.log(`${phone.who}'s screen could not be kept: ${String(err)}`)
    }
  }
}

/**
 * Starts the stack and the browser before the file's tests and stops them after; every phone a
 * test opens is closed after it, even when it failed, and the test fails if a phone's console
 * had errors or framework warnings. Screenshots are named `<name>-<shot>.png`.
 */
export function journey(name: string) {
  let stack: Stack | undefined
  let browser: Browser | undefined
  const phones: Phone[] = []

  beforeAll(async () => {
    stack = await startStack()
    browser = await launchBrowser()
  })
  afterEach(async () => {
    const opened = phones.splice(0)
    if ((globalThis as { __journeyFailed?: boolean }).__journeyFailed) await keepWhatPhonesShowed(name, opened)
    await Promise.all(opened.map((p) => p.context.close().catch(() => undefined)))
    const noisy = opened.filter((p) => p.errors.length > 0)
    // (Each message with the first lines of its stack, if it has one.)
    const said = (e: string) => e.split('\n').slice(0, 3).join('\n      ')
    if (noisy.length) throw new Error(`the console of a phone had errors or framework warnings:\n${noisy.map((p) => `  ${p.who}:\n${p.errors.map((e) => `    - ${said(e)}`).join('\n')}`).join('\n')}`)
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  const started = (): { stack: Stack; browser: Browser } => {
    if (!stack || !browser) throw new Error('journey: the stack is not started (use it inside a test)')
    return { stack, browser }
  }

  async function openPhone(who = 'a new phone', geolocation?: Geolocation): Promise<Phone> {
    const { stack: s, browser: b } = started()
    const context = await phoneContext(b)
    const page = await context.newPage()
    const phone: Phone = { context, page, errors: watchErrors(page), who }
    phones.push(phone)
    if (geolocation) {
      await context.grantPermissions(['geolocation'], { origin: s.url })
      await context.setGeolocation({ accuracy: 25, ...geolocation })
    }
    return phone
  }

  async function call(openid: string, fn: string, action: string, input: unknown): Promise<Reply> {
    const outcome = await started().stack.cloud.invoke(fn, { action, input }, { openid, source: 'wx_client' })
    if (!outcome.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${outcome.errCode} ${outcome.errMsg}`)
    return outcome.result as Reply
  }

  return {
    get stack(): Stack {
      return started().stack
    },

    /** Calls a function as a WeChat user of the mini program; the reply as the app gets it, refusals included. */
    call,

    /** Calls a function as a WeChat user (set-up and checks, not the journey itself): its data, or a throw if refused. */
    async invoke(openid: string, fn: string, action: string, input: unknown): Promise<any> {
      const reply = await call(openid, fn, action, input)
      if (!reply.ok) throw new Error(`${fn}.${action} as ${openid} refused: ${JSON.stringify(reply.error)}`)
      return reply.data
    },

    /** What a collection holds now, read straight from the local cloud's store. */
    docs(collection: string): any[] {
      return [...started().stack.cloud.store.get(collection).docs.values()]
    },

    /** A fresh phone (its own gateway session, no persona chosen yet), its console watched; `who` names it in messages. */
    openPhone,

    /** A fresh phone (its own gateway session) as a persona from the switcher, optionally with a granted location. */
    async openAs(persona: string, geolocation?: Geolocation): Promise<Phone> {
      const phone = await openPhone(persona, geolocation)
      await phone.page.goto(`${started().stack.url}/#/packages/dev/personas/index`)
      await phone.page.locator('.personas__cell', { hasText: persona }).click()
      // The switcher goes to 我的 by itself.
      await phone.page.locator('.mine__nickname').waitFor()
      return phone
    },

    /**
     * Screenshots once the page has settled (a toast from the last action faded, animations done);
     * `fullPage` grows the window to the page. Then checks the page as shown (checks.ts: layout, QR
     * codes read off the screen, date pickers opened) and throws with the problems found.
     */
    async shot(page: Page, shotName: string, options: { fullPage?: boolean } = {}): Promise<void> {
      await page
        .waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((e) => e.style.display === 'none' || e.style.opacity !== '1'), null, { timeout: 4000 })
        .catch(() => undefined) // a toast that stays is part of what the page shows
      await settle(page)
      const path = artifact(`${name}-${shotName}.png`)
      if (!options.fullPage) {
        await page.screenshot({ path })
      } else {
        // Taro's web pages scroll inside their own container: grow the window to the page's height.
        const viewport = page.viewportSize()!
        const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.taro_page, body')].map((e) => e.scrollHeight)))
        await page.setViewportSize({ width: viewport.width, height: Math.min(6000, Math.max(viewport.height, height)) })
        await settle(page)
        await page.screenshot({ path })
        await page.setViewportSize(viewport)
        await settle(page)
      }
      await checkPage(page, `${name}-${shotName}`)
    },
  }
}
