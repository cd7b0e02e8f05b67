// 我的导出 in the browser: 李建国 (county admin) has three exports of the last days — 优惠核销汇总
// finished, 服务时长汇总 still being made (cut fine, so it waits for him), and one that failed. From
// 我的 he opens 我的导出: each says what it is, where it stands and when it began; the finished
// one's file opens; 继续生成 takes the running one on to its workbook, which then opens. A
// volunteer, who exports nothing, has no such link. Screenshots in test-artifacts/.
import { EJSON } from 'bson'
import { journey } from '../support/journey'

const world = journey('exports')
const { invoke, docs, shot, openAs } = world
const COUNTY = 'o_demo_county'

test('我的导出: finished, running and failed exports of mine; the file opens, a running one goes on to its workbook', async () => {
  // ---- arranged: a finished export, one cut fine enough to be still running, one failed ----
  const finished = await invoke(COUNTY, 'perk', 'exportTotals', {})
  expect(finished.status).toBe('done')
  const running = await invoke(COUNTY, 'service', 'exportReport', { pace: { rows: 1, steps: 1 } })
  expect(running.status).toBe('running')
  const owner = docs('jobs').find((j) => j._id === running.jobId).owner
  const at = new Date(Date.now() - 26 * 3600_000)
  await world.stack.cloud.db.handle('database.insertDocument', {
    collectionName: 'jobs',
    data: [
      EJSON.stringify(
        {
          _id: 'f'.repeat(24), owner, kind: 'service.exportReport', input: { countyCode: '441802', month: '2026-11' }, scope: '清城区', fileName: '志愿服务时长-清城区-2026-11.xlsx',
          status: 'failed', state: {}, done: 0, total: 0, seq: 0, parts: [], pace: null, leaseToken: '', leaseUntil: new Date(0), tries: 3, fileId: '', rows: 0,
          error: '导出的数据太多，未能在时限内完成，请缩小范围（如选择一个县或缩短时段）后重新导出', createdAt: at, updatedAt: at, expiresAt: new Date(at.getTime() + 3 * 86400_000),
        },
        { relaxed: false },
      ),
    ],
  })

  // ---- 李建国 opens 我的导出 from 我的 ----
  const { page } = await openAs('李建国')
  await page.locator('.mine__link--exports').click()
  const cards = page.locator('.my-export')
  await cards.first().waitFor()
  expect(await cards.count()).toBe(3)
  // Newest first: the running one (just started), the finished one, then yesterday's failed one.
  const run = page.locator('.my-export--running')
  await run.locator('.my-export__kind', { hasText: '志愿服务时长汇总' }).waitFor()
  await run.locator('.job-progress').waitFor()
  const done = page.locator('.my-export--done')
  await done.locator('.my-export__kind', { hasText: '爱心商家优惠核销汇总' }).waitFor()
  await done.locator('.my-export__file-name', { hasText: finished.fileName }).waitFor()
  await page.locator('.my-export--failed .my-export__error', { hasText: '请缩小范围' }).waitFor()
  await page.locator('.panel-footer__text', { hasText: '共 3 条' }).waitFor()
  await shot(page, '01-list', { fullPage: true })

  // The finished one's file opens (a fresh link from the list).
  const [file] = await Promise.all([page.waitForEvent('download'), done.locator('.my-export__file').click()])
  expect(file.suggestedFilename()).toBe(finished.fileName)
  expect((await fetch(file.url())).status).toBe(200)

  // 继续生成: asked after until its workbook is written, which then opens; the row says 已完成.
  const [made] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), run.locator('.my-export__go-on').click()])
  expect(made.suggestedFilename()).toBe(running.fileName)
  await page.locator('.my-export--done').nth(1).waitFor()
  expect(await page.locator('.my-export--running').count()).toBe(0)
  expect(docs('jobs').find((j) => j._id === running.jobId).status).toBe('done')
  await shot(page, '02-went-on', { fullPage: true })

  // ---- a volunteer exports nothing: no 我的导出 on 我的 ----
  const volunteer = await openAs('林晓雨')
  await volunteer.page.locator('.mine__link--profile').waitFor()
  expect(await volunteer.page.locator('.mine__link--exports').count()).toBe(0)
}, 60_000)
