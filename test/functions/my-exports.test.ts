// 我的导出 (account.myExports): the caller's own export jobs of every kind, newest first, paged with
// the true total past the platform's 100 cap; what each is (kind, scope, period), where it stands,
// a fresh link to a finished workbook and the reason a failed one gave; nobody else's, and none
// past the 3 days a job is kept. A running job taken up from the list goes on where it stood.
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { shanghaiDate } from '../../types/time'
import type { OutputOf } from '../../types'

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区
const CITY = 'o_demo_city'
const SYNTHETIC = 120
const DAY = 86_400_000

type Item = OutputOf<'account.myExports'>['items'][number]

async function insert(collectionName: string, docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}
const userIdOf = (openid: string) => ([...app.cloud.store.get('users').docs.values()] as { _id: string; openid: string }[]).find((u) => u.openid === openid)!._id

/** A job as `_shared/jobs` keeps it: `i` minutes old. */
function job(owner: string, i: number, fields: Record<string, unknown> = {}) {
  const createdAt = new Date(Date.now() - 3600_000 - i * 60_000)
  return {
    _id: (0xc0ffee000000 + i).toString(16).padStart(24, '0'),
    owner,
    kind: 'perk.exportTotals',
    input: { from: '2026-11-01', to: '2026-11-30' },
    scope: '清城区',
    fileName: `爱心商家优惠核销-清城区-${i}.xlsx`,
    status: 'failed',
    state: { phase: 'totals', merchantIds: Array.from({ length: 50 }, (_, k) => `m_${k}`) },
    done: 0,
    total: 0,
    seq: 0,
    parts: [],
    pace: null,
    leaseToken: '',
    leaseUntil: new Date(0),
    tries: 0,
    fileId: '',
    rows: 0,
    error: '导出的数据太多，未能在时限内完成，请缩小范围（如选择一个县或缩短时段）后重新导出',
    createdAt,
    updatedAt: createdAt,
    expiresAt: new Date(createdAt.getTime() + 3 * DAY),
    ...fields,
  }
}

beforeAll(async () => {
  app = await startDemoCloud()
}, 60_000)
afterAll(() => app.close())

test('a new user has no exports; the list says so with a true total of 0', async () => {
  expect(ok(await app.call('o_exports_nobody', 'account.myExports', {}))).toEqual({ items: [], total: 0 })
})

test('a finished export (the hours report, made in the call) is listed with its kind, scope, month, rows and a fresh link that opens the workbook', async () => {
  const made = ok(await app.call(COUNTY, 'service.exportReport', { month: '2026-11' }))
  expect(made.status).toBe('done')
  const { items, total } = ok(await app.call(COUNTY, 'account.myExports', {}))
  expect(total).toBe(1)
  expect(items[0]).toMatchObject({ jobId: made.jobId, kind: 'service.exportReport', kindLabel: '志愿服务时长汇总', scope: '清城区', period: '2026年11月', status: 'done', percent: 100, rows: made.rows })
  expect(items[0].fileUrl).toMatch(/^https?:\/\//)
  const file = await fetch(items[0].fileUrl)
  expect(file.status).toBe(200)
  // Another user sees none of it, and the county's other admin neither.
  expect(ok(await app.call(CITY, 'account.myExports', {})).total).toBe(0)
})

test(`past the cap: ${SYNTHETIC} more jobs page newest first with the true total, each once; expired and other people's jobs are not there`, async () => {
  const me = userIdOf(COUNTY)
  const other = userIdOf(CITY)
  await insert('jobs', [
    ...Array.from({ length: SYNTHETIC }, (_, i) => job(me, i, i % 2 === 0 ? { kind: 'service.exportReport', input: {}, scope: '凤城街道', status: 'running', done: 30, total: 120, error: '' } : {})),
    // Two made in the same minute: the order's tie rule (on the id) shows.
    job(me, 500, { _id: 'b'.repeat(24), createdAt: new Date(Date.now() - 3 * 3600_000) }),
    job(me, 501, { _id: 'a'.repeat(24), createdAt: new Date(Date.now() - 3 * 3600_000) }),
    // Gone: kept past its 3 days (the timer removes it a little later).
    job(me, 600, { _id: 'e'.repeat(24), expiresAt: new Date(Date.now() - 60_000) }),
    job(other, 700, { _id: 'f'.repeat(24) }),
  ])
  const seen: Item[] = []
  for (let page = 1; ; page++) {
    const res = ok(await app.call(COUNTY, 'account.myExports', { page, pageSize: 50 }))
    expect(res.total).toBe(SYNTHETIC + 3)
    seen.push(...res.items)
    if (res.items.length < 50) break
  }
  expect(seen).toHaveLength(SYNTHETIC + 3)
  expect(new Set(seen.map((j) => j.jobId)).size).toBe(SYNTHETIC + 3)
  expect(seen.map((j) => j.jobId)).not.toContain('e'.repeat(24))
  expect(seen.map((j) => j.jobId)).not.toContain('f'.repeat(24))
  for (let i = 1; i < seen.length; i++) expect(seen[i - 1].createdAt >= seen[i].createdAt).toBe(true)
  expect(seen.findIndex((j) => j.jobId === 'b'.repeat(24))).toBe(seen.findIndex((j) => j.jobId === 'a'.repeat(24)) - 1)

  // What each row says: a running one its progress (no link yet), a failed one the reason, the period of each kind.
  const running = seen.find((j) => j.status === 'running')!
  expect(running).toMatchObject({ kindLabel: '志愿服务时长汇总', scope: '凤城街道', percent: 25, fileUrl: '', period: `${shanghaiDate(new Date(running.createdAt)).slice(0, 4)}年${Number(shanghaiDate(new Date(running.createdAt)).slice(5, 7))}月` })
  const failed = seen.find((j) => j.status === 'failed')!
  expect(failed).toMatchObject({ kindLabel: '爱心商家优惠核销汇总', period: '2026-11-01 至 2026-11-30', fileUrl: '' })
  expect(failed.error).toContain('请缩小范围')

  // The other user sees only theirs.
  expect(ok(await app.call(CITY, 'account.myExports', {})).items.map((j) => j.jobId)).toEqual(['f'.repeat(24)])
})

test('a job taken up from the list goes on where it stood (its own export action with its id), and the list then shows it done', async () => {
  const started = ok(await app.call(COUNTY, 'service.exportReport', { month: '2026-10', pace: { rows: 1, steps: 1 } }))
  let listed = ok(await app.call(COUNTY, 'account.myExports', { pageSize: 1 })).items[0]
  expect(listed.jobId).toBe(started.jobId)
  for (let i = 0; listed.status !== 'done' && i < 100; i++) {
    expect(listed.status).not.toBe('failed')
    ok(await app.call(COUNTY, 'service.exportReport', { jobId: listed.jobId }))
    listed = ok(await app.call(COUNTY, 'account.myExports', { pageSize: 1 })).items[0]
  }
  expect(listed).toMatchObject({ jobId: started.jobId, status: 'done', percent: 100, period: '2026年10月' })
  expect(listed.fileUrl).toMatch(/^https?:\/\//)
})

test('bad paging is refused in words, and changes nothing', async () => {
  const before = app.dump()
  const res = await app.call(COUNTY, 'account.myExports', { pageSize: 500 })
  expect(res.ok).toBe(false)
  expect(JSON.stringify(res)).toContain('每页最多 50 条')
  expect(app.dump()).toBe(before)
})
