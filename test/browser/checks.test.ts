// The page checks every journey runs (support/checks.ts), tried on small pages made for them: each
// catches what it is for — a QR code cut in half by its box (which the picture's own screenshot
// still reads), a number broken across lines, text cut without an ellipsis, a box wider than the
// phone — and lets pass what is meant: an ellipsis, a panel parked off-screen, a cut-off ring.
import type { Browser, Page } from 'playwright-core'
import qrcode from 'qrcode-generator'
import { launchBrowser, phoneContext } from '../support/browser'
import { layoutProblems, visibleQr } from '../support/checks'
import { decodeQrPng } from '../support/qr'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function pageWith(body: string): Promise<Page> {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  await page.setContent(`<!doctype html><html><head><meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no"><style>body { margin: 0; font: 16px/1.5 monospace } .taro_page { width: 100%; min-height: 100vh }</style></head><body><div class="taro_page">${body}</div></body></html>`)
  return page
}

const TEXT = 'E1.demo-entry-code.0123456789'
function qrGif(): string {
  const qr = qrcode(0, 'M')
  qr.addData(TEXT, 'Byte')
  qr.make()
  return qr.createDataURL(6, 12)
}

/**
 * Taro's web <Image mode='aspectFit'> as the entry code had it: a box (display: block, as .ui-qr
 * makes it) that hides its overflow, the picture absolute with a top and no left, in a card
 * whose text is centred.
 */
const taroImage = (imgStyle = '') =>
  `<taro-image-core class="ui-qr" style="display: block; position: relative; overflow: hidden; width: 240px; height: 240px; margin: 0 auto; font-size: 0"><img class="taro-img__mode-aspectfit" src="${qrGif()}" style="position: absolute; top: 50%; transform: translateY(-50%); max-width: 100%; max-height: 100%; ${imgStyle}"></taro-image-core>`

test('a QR code cut in half by its box: the layout check names it, and it is not read off the screen (its own screenshot still reads)', async () => {
  const page = await pageWith(`<div style="padding: 40px 20px; text-align: center">${taroImage()}</div>`)
  const img = page.locator('img')
  expect(await visibleQr(page, img)).toBeNull()
  expect(await layoutProblems(page)).toEqual([expect.objectContaining({ kind: 'clipped', selector: expect.stringContaining('img.taro-img__mode-aspectfit'), by: expect.stringContaining('taro-image-core.ui-qr') })])
  // What the tests used to do reads it: Playwright scrolls the box that hides the picture's right
  // half to bring the picture into view, then captures it — something no phone does.
  expect(decodeQrPng(await img.screenshot())).toBe(TEXT)
  expect(await page.locator('taro-image-core').evaluate((box) => box.scrollLeft)).toBeGreaterThan(0)
  await page.context().close()
})

test('the same QR code filling its box reads off the screen, with no layout problem', async () => {
  const page = await pageWith(`<div style="padding: 40px 20px; text-align: center">${taroImage('top: 0; left: 0; width: 100%; height: 100%; transform: none; image-rendering: pixelated')}</div>`)
  expect(await visibleQr(page, page.locator('img'))).toBe(TEXT)
  expect(await layoutProblems(page)).toEqual([])
  await page.context().close()
})

test('numbers and file names broken across lines are named; broken between words they pass', async () => {
  const page = await pageWith(`
    <div id="a" style="width: 10ch; word-break: break-all">abcdefg 3.00% ok</div>
    <div id="b" style="width: 10ch; word-break: break-all">abcdef-12.xlsx</div>
    <div id="c" style="width: 10ch; word-break: normal; overflow-wrap: anywhere">abcdefg 3.00% ok</div>
    <div id="d" style="width: 10ch; word-break: break-all">E1.0123456789abcdef0123</div>`)
  const problems = await layoutProblems(page)
  expect(problems.map((p) => [p.kind, p.text])).toEqual([
    ['broken-word', '3.00%'],
    ['broken-word', '12.xlsx'],
  ]) // (#d is longer than a line: it has to break somewhere)
  await page.context().close()
})

test('text cut without an ellipsis and a box wider than the phone are named; an ellipsis, a line clamp, a panel parked off-screen and a cut-off ring pass', async () => {
  const page = await pageWith(`
    <div style="width: 120px; overflow: hidden; white-space: nowrap"><span class="cut">这一行字太长了放不下会被截掉</span></div>
    <div class="wide" style="width: 450px; background: #eee">比手机屏幕还宽的一块</div>
    <div style="width: 120px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">这一行字太长了放不下用省略号</div>
    <div style="width: 120px; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2">两行以内显示两行以内显示两行以内显示两行以内显示两行以内显示</div>
    <div style="position: relative; overflow: hidden; height: 80px; background: #d93a2b"><div class="ring" style="position: absolute; right: -60px; top: -60px; width: 160px; height: 160px; border-radius: 50%; border: 2px solid #fff"></div>标题</div>
    <div style="position: fixed; top: 0; left: 0; width: 100%; height: 100%; transform: translateX(100%)">收起的侧栏</div>`)
  const problems = await layoutProblems(page)
  expect(problems.map((p) => [p.kind, p.selector])).toEqual([
    ['clipped', expect.stringContaining('span.cut')],
    ['viewport', expect.stringContaining('div.wide')],
  ])
  await page.context().close()
})
