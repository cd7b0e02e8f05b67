// Exports as background jobs (issue 17): a job cut into many small slices (the `pace` parameter,
// not timing) comes to exactly the workbook made in one go; progress only grows; the timer carries
// an abandoned job to the end; a slice whose lease ran out is taken over, a live one is not; only
// who started a job sees it. 300 sessions and 250 redemptions, put straight into the store.
import ExcelJS from 'exceljs'
import { EJSON } from 'bson'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import type { ExportJob } from '../../types/jobs'

let app: AppCloud
const STAFF = 'o_demo_township' // 凤城街道 441802006
const COUNTY = 'o_demo_county' // 清城区 441802
const CITY = 'o_demo_city'
const MONTH = '2025-04'
const VOLUNTEERS = 60
const PER_VOLUNTEER = 5
const REDEMPTIONS = 250
const REDEEMED_ON = '2025-05-06'
const pad = (i: number) => String(i).padStart(3, '0')
const range = (n: number) => Array.from({ length: n }, (_x, i) => i)
const SMALL = { rows: 25, steps: 1 }

async function insert(collectionName: string, docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}

type Exporter = 'service.exportReport' | 'perk.exportTotals'

/** Asks after the job until it is done (each ask one more slice), keeping every answer. */
async function finish(openid: string, name: Exporter, first: ExportJob): Promise<ExportJob[]> {
  const seen = [first]
  for (let i = 0; seen[seen.length - 1].status !== 'done' && i < 200; i++) {
    const last = seen[seen.length - 1]
    expect(last.status).not.toBe('failed')
    seen.push(ok(await app.call(openid, name, { jobId: last.jobId })))
  }
  return seen
}

async function sheets(url: string): Promise<unknown[][][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (await fetch(url)).arrayBuffer())
  // The notes sheet says when it was exported: the figures are the other sheets'.
  return book.worksheets.filter((w) => w.name !== '说明').map((w) => (w.getSheetValues() as unknown[][]).slice(1))
}

const jobDoc = (id: string) => app.cloud.store.get('jobs').docs.get(id) as Record<string, unknown> | undefined

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  const volunteers = range(VOLUNTEERS).map((i) => `u_job_${pad(i)}`)
  await insert('registrations', volunteers.map((userId, i) => ({ _id: `${userId}:volunteer`, userId, kind: 'volunteer', status: 'approved', name: `分批${pad(i)}`, townshipCode: '441802006', townshipName: '凤城街道', countyCode: '441802', countyName: '清城区' })))
  // Five records each, two townships of the county; on the volunteer's first day two long ones (over the day's cap); one of March; one waiting.
  const sessions = volunteers.flatMap((userId, i) =>
    range(PER_VOLUNTEER).map((k) => {
      const day = k === 1 ? 1 + (i % 20) : 1 + ((i + k * 3) % 28)
      const month = k === 4 ? 2 : 3
      const at = new Date(Date.UTC(2025, month, day, k === 1 ? 9 : 1, i % 60))
      const minutes = k < 2 ? 300 : 60 + ((i * 7 + k * 13) % 120)
      const township = k % 2 === 0 ? { townshipCode: '441802006', townshipName: '凤城街道' } : { townshipCode: '441802007', townshipName: '东城街道' }
      return {
        _id: `${userId}:job${k}`, userId, openid: `o_${userId}`, stationId: 'st_fengcheng', stationName: '凤城街道新时代文明实践志愿服务驿站', ...township, countyCode: '441802',
        status: k === 3 && i % 10 === 0 ? 'pending' : 'approved', checkInAt: at, checkOutAt: new Date(at.getTime() + minutes * 60_000), checkIn: null, checkOut: null,
        days: [{ date: at.toISOString().slice(0, 10), minutes }], minutes, adjustedMinutes: k === 2 && i % 7 === 0 ? 45 : null,
        flags: [], source: 'scan', note: '', photoFileId: '', checkOutRequestId: '', decisionReason: '', decisionId: '', reviewedBy: '', reviewedAt: at, createdAt: at, updatedAt: at,
      }
    }),
  )
  await insert('sessions', sessions)
  await insert('redemptions', range(REDEMPTIONS).map((i) => ({
    _id: `r_job_${pad(i)}`, perkId: 'p_kitchen_discount', merchantId: 'm_lianzhou_kitchen', volunteerId: `u_job_${pad(i % VOLUNTEERS)}`, volunteerCounty: '441802', volunteerName: `分*${i}`, star: 1, confirmedBy: 'staff',
    // Three at each second: pages end inside a second, and ties go by id.
    at: new Date(Date.UTC(2025, 4, 6, 2, 0, Math.floor(i / 3))), date: REDEEMED_ON, month: '2025-05',
  })))
}, 120_000)

afterAll(async () => {
  await app?.close()
})

describe('the hours export of a county', () => {
  const input = { countyCode: '441802', month: MONTH }

  test('built in many small slices, progress only grows and the workbook is exactly the one made in one go', async () => {
    const whole = await finish(COUNTY, 'service.exportReport', ok(await app.call(COUNTY, 'service.exportReport', input)))
    const sliced = await finish(COUNTY, 'service.exportReport', ok(await app.call(COUNTY, 'service.exportReport', { ...input, pace: SMALL })))
    // 300 sessions and their month's detail, about 25 at a time, one slice a call: many calls, each a little further.
    expect(sliced.length).toBeGreaterThan(10)
    const percents = sliced.map((j) => j.percent)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    const dones = sliced.map((j) => j.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(sliced.slice(0, -1).every((j) => j.status === 'running' && j.fileUrl === '' && j.percent < 100)).toBe(true)
    const [a, b] = [whole[whole.length - 1], sliced[sliced.length - 1]]
    expect(b).toMatchObject({ status: 'done', percent: 100, fileName: '志愿服务时长-清城区-2025-04.xlsx' })
    expect(b.done).toBe(b.total)
    expect(b.rows).toBe(a.rows)
    expect(await sheets(b.fileUrl)).toEqual(await sheets(a.fileUrl))
    // And the figures are the report's: every volunteer of the county, the same minutes.
    const pages = await Promise.all([1, 2, 3].map(async (page) => ok(await app.call(COUNTY, 'service.report', { ...input, page, pageSize: 50 }))))
    const report = { total: pages[0].total, items: pages.flatMap((p) => p.items) }
    expect(report.items).toHaveLength(report.total)
    expect(b.rows).toBe(report.total)
    const [summary, detail] = await sheets(b.fileUrl)
    expect(summary.slice(1).filter((r) => String(r[1]).startsWith('分批'))).toHaveLength(VOLUNTEERS)
    const hours = (m: number) => Math.round((m / 60) * 10) / 10
    for (const item of report.items) expect(summary.find((r) => r[1] === item.name)?.[4]).toBe(hours(item.totalMinutes))
    // The month's detail: every approved April record of the sixty (the pending ones and March's not).
    const april = range(VOLUNTEERS).reduce((n, i) => n + (PER_VOLUNTEER - 1) - (i % 10 === 0 ? 1 : 0), 0)
    expect(detail.slice(1).filter((r) => String(r[1]).startsWith('分批'))).toHaveLength(april)
  })

  test('the timer carries a job nobody asks after to the end', async () => {
    const started = ok(await app.call(COUNTY, 'service.exportReport', { ...input, pace: SMALL }))
    expect(started.status).toBe('running')
    for (let i = 0; i < 100 && jobDoc(started.jobId)?.status !== 'done'; i++) {
      const run = await app.cloud.fireTimer('service', 'carryOnExports')
      expect(run.ok && run.result).toMatchObject({ ok: true })
    }
    const done = ok(await app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }))
    expect(done).toMatchObject({ status: 'done', percent: 100 })
    expect(done.done).toBe(done.total)
    expect(done.fileUrl).not.toBe('')
    // Its parts are gone with the workbook written.
    expect([...app.cloud.store.get('job_parts').docs.values()].filter((p) => p.jobId === started.jobId)).toHaveLength(0)
  })

  test('a live slice is left alone; one whose lease ran out is taken over', async () => {
    const started = ok(await app.call(COUNTY, 'service.exportReport', { ...input, pace: SMALL }))
    const hold = (until: number) => app.probe(`await db.collection('jobs').doc(args.id).update({ data: { leaseToken: 'elsewhere', leaseUntil: new Date(args.until) } })`, { id: started.jobId, until })
    await hold(Date.now() + 60_000)
    const meanwhile = ok(await app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }))
    const timer = await app.cloud.fireTimer('service', 'carryOnExports')
    expect(timer.ok && timer.result).toMatchObject({ ok: true })
    expect(meanwhile).toMatchObject({ status: 'running', done: started.done })
    expect(jobDoc(started.jobId)).toMatchObject({ done: started.done, leaseToken: 'elsewhere' })
    // The other slice died: its lease runs out, and the next ask goes on.
    await hold(Date.now() - 1_000)
    const taken = ok(await app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }))
    expect(taken.done).toBeGreaterThan(started.done)
    // What the dead slice would commit now counts nowhere: its lease is not the job's.
    const late = await app.probe<number>(`return (await db.collection('jobs').where({ _id: args.id, leaseToken: 'elsewhere' }).update({ data: { done: 0 } })).stats.updated`, { id: started.jobId })
    expect(late).toBe(0)
  })

  test('a step that never finishes in time (claimed three times, never committed) fails the job, saying what to do', async () => {
    const started = ok(await app.call(COUNTY, 'service.exportReport', { ...input, pace: SMALL }))
    await app.probe(`await db.collection('jobs').doc(args.id).update({ data: { leaseToken: 'died', leaseUntil: new Date(Date.now() - 1000), tries: 3 } })`, { id: started.jobId })
    const failed = ok(await app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }))
    expect(failed).toMatchObject({ status: 'failed', done: started.done, fileUrl: '' })
    expect(failed.error).toContain('请缩小范围')
    // It stays failed: nobody works on it again.
    await app.cloud.fireTimer('service', 'carryOnExports')
    expect(jobDoc(started.jobId)).toMatchObject({ status: 'failed', done: started.done })
  })

  test('polls and the timer at once never count a slice twice', async () => {
    const started = ok(await app.call(COUNTY, 'service.exportReport', { ...input, pace: { rows: 60, steps: 1 } }))
    for (let i = 0; i < 60 && jobDoc(started.jobId)?.status !== 'done'; i++) {
      await Promise.all([
        app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }),
        app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }),
        app.cloud.fireTimer('service', 'carryOnExports'),
      ])
    }
    const done = ok(await app.call(COUNTY, 'service.exportReport', { jobId: started.jobId }))
    expect(done.status).toBe('done')
    expect(done.done).toBe(done.total)
    const whole = await finish(COUNTY, 'service.exportReport', ok(await app.call(COUNTY, 'service.exportReport', input)))
    expect(await sheets(done.fileUrl)).toEqual(await sheets(whole[whole.length - 1].fileUrl))
  })

  test('only who started a job sees it; a job id that is not one is refused naming the field', async () => {
    const started = ok(await app.call(COUNTY, 'service.exportReport', { ...input, pace: SMALL }))
    const before = jobDoc(started.jobId)
    for (const who of [CITY, STAFF]) {
      expect(await app.call(who, 'service.exportReport', { jobId: started.jobId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看自己发起的导出' } })
    }
    expect(jobDoc(started.jobId)).toEqual(before)
    // Another function's exports do not know it.
    expect(await app.call(COUNTY, 'perk.exportTotals', { jobId: started.jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await app.call(COUNTY, 'service.exportReport', { jobId: 'abc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'jobId', message: expect.stringContaining('导出任务') } })
    expect(await app.call(COUNTY, 'service.exportReport', { jobId: 'f'.repeat(24) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await app.call(COUNTY, 'service.exportReport', { ...input, pace: { rows: 0, steps: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pace.rows' } })
  })
})

describe('the redemptions export', () => {
  const period = { from: REDEEMED_ON, to: REDEEMED_ON }

  test('built in many small slices, it lists every redemption once and matches the figures and the one-go workbook', async () => {
    const whole = await finish(COUNTY, 'perk.exportTotals', ok(await app.call(COUNTY, 'perk.exportTotals', period)))
    const sliced = await finish(COUNTY, 'perk.exportTotals', ok(await app.call(COUNTY, 'perk.exportTotals', { ...period, pace: SMALL })))
    expect(sliced.length).toBeGreaterThan(REDEMPTIONS / SMALL.rows)
    const dones = sliced.map((j) => j.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    const last = sliced[sliced.length - 1]
    expect(last).toMatchObject({ status: 'done', rows: REDEMPTIONS, done: REDEMPTIONS, total: REDEMPTIONS, fileName: `爱心商家优惠核销-清城区-${REDEEMED_ON}至${REDEEMED_ON}.xlsx` })
    const book = await sheets(last.fileUrl)
    expect(book).toEqual(await sheets(whole[whole.length - 1].fileUrl))
    const detail = book[3].slice(1)
    expect(detail).toHaveLength(REDEMPTIONS)
    expect(new Set(detail.map((r) => r[5])).size).toBe(REDEMPTIONS)
    const totals = ok(await app.call(COUNTY, 'perk.totals', period))
    expect(totals.total).toBe(REDEMPTIONS)
  })

  test('the timer finishes it too', async () => {
    const started = ok(await app.call(COUNTY, 'perk.exportTotals', { ...period, pace: SMALL }))
    for (let i = 0; i < 100 && jobDoc(started.jobId)?.status !== 'done'; i++) await app.cloud.fireTimer('perk', 'carryOnExports')
    expect(ok(await app.call(COUNTY, 'perk.exportTotals', { jobId: started.jobId }))).toMatchObject({ status: 'done', rows: REDEMPTIONS })
  })
})
