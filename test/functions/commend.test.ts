// Commendations (星级志愿者 / 最美志愿者): the round and its phases, nominations by townships within
// their number, county review within the quota, the city's awards within its number, publishing
// and the result on the volunteer's record, the tie rule, scope, races and paging past 100.
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { race, raceLog } from '../support/race'
import { approvedVolunteer, insertDocs, readyRaceControl, storeOf } from '../support/fixture'
import { arrangeNomination, arrangeRound } from '../quality/commend-arrange'
import { standingOf, TIE_RULE_TEXT } from '../../types/commend-rules'
import { shanghaiDate } from '../../types/time'
import type { InputOf } from '../../types'

let app: AppCloud
const CITY = 'o_demo_city'
const COUNTY = 'o_demo_county' // 清城区
const TOWNSHIP = 'o_demo_township' // 凤城街道 441802006
const VOLUNTEER = 'o_demo_volunteer' // 林晓雨, 凤城街道, term 2024-07-01 – 2026-06-30
const FENGCHENG = '441802006'
const DAY = 86_400_000
const today = () => shanghaiDate(new Date())
const dayIn = (n: number) => shanghaiDate(Date.now() + n * DAY)
const year = () => Number(today().slice(0, 4))

const { docs, userIdOf, messagesOf } = storeOf(() => app)

const insert = (collection: string, ...rows: Record<string, unknown>[]) => insertDocs(app, collection, rows)

let sessionNo = 0
/** Approved service of `minutes`, 8 hours a day on consecutive days from 2025-03-01. */
async function serve(userId: string, minutes: number): Promise<void> {
  const days: { date: string; minutes: number }[] = []
  for (let left = minutes, d = 0; left > 0; left -= 480, d++) days.push({ date: shanghaiDate(Date.UTC(2025, 2, 1) + d * DAY), minutes: Math.min(480, left) })
  const now = new Date()
  await insert(
    'sessions',
    ...days.map((day) => ({
      _id: `s_commend_${++sessionNo}`,
      userId,
      openid: '',
      stationId: 'st_fengcheng',
      stationName: '凤城街道志愿服务驿站',
      townshipCode: FENGCHENG,
      townshipName: '凤城街道',
      countyCode: '441802',
      status: 'approved',
      checkInAt: new Date(`${day.date}T01:00:00Z`),
      checkOutAt: new Date(`${day.date}T09:00:00Z`),
      days: [day],
      minutes: day.minutes,
      adjustedMinutes: null,
      flags: [],
      createdAt: now,
      updatedAt: now,
    })),
  )
}

let people = 0
/** An approved volunteer of `township` with `minutes` of approved service: openid and registration id. */
async function volunteer(name: string, minutes = 0, township = FENGCHENG, term = { termStart: '2025-07-01', termEnd: '2027-06-30' }) {
  const openid = `o_commend_${++people}`
  const registrationId = await approvedVolunteer(app, openid, CITY, { name, countyCode: township.slice(0, 6), townshipCode: township, mobile: `1370000${String(1000 + people)}`, ...term })
  if (minutes) await serve(userIdOf(openid), minutes)
  return { openid, registrationId }
}

const roundInput = (overrides: Partial<InputOf<'commend.saveRound'>> = {}): InputOf<'commend.saveRound'> => ({
  kind: 'finest',
  title: `${year()}年度清远市最美志愿者评选`,
  year: year(),
  nominateFrom: today(),
  nominateTo: dayIn(10),
  perTownship: 3,
  perCounty: 2,
  awards: 2,
  criteria: '扎根基层服务满一年，服务群众成效突出，事迹感人。',
  ...overrides,
})

async function openRound(overrides: Partial<InputOf<'commend.saveRound'>> = {}): Promise<string> {
  const r = ok(await app.call(CITY, 'commend.saveRound', roundInput(overrides)))
  ok(await app.call(CITY, 'commend.advance', { id: r.id, status: 'nominating' }))
  return r.id
}

const nominate = (roundId: string, registrationId: string, who = TOWNSHIP) => app.call(who, 'commend.nominate', { roundId, registrationId, reason: '扎根社区两年，组织助农直播二十余场。' })

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  await readyRaceControl(app)
}, 120_000)
afterAll(async () => {
  await app.close()
})

test('the city drafts a round: bad input is refused naming the field and changes nothing; only the city sees a draft; editing ends when nominating begins', async () => {
  const before = app.dump()
  const zero = await app.call(CITY, 'commend.saveRound', roundInput({ awards: 0 }))
  expect(zero).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'awards' } })
  expect(!zero.ok && zero.error.message).toContain('全市评选名额')
  expect(await app.call(CITY, 'commend.saveRound', roundInput({ nominateTo: dayIn(-1) }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'nominateTo' } })
  expect(await app.call(COUNTY, 'commend.saveRound', roundInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(app.dump()).toBe(before)

  const draft = ok(await app.call(CITY, 'commend.saveRound', roundInput({ title: '最美志愿者评选（草稿）' })))
  expect(draft.status).toBe('draft')
  expect(await app.call(TOWNSHIP, 'commend.round', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(ok(await app.call(TOWNSHIP, 'commend.rounds', {})).items.map((r) => r.id)).not.toContain(draft.id)
  expect(ok(await app.call(CITY, 'commend.saveRound', { ...roundInput({ awards: 5 }), id: draft.id })).awards).toBe(5)
  // A phase cannot be skipped.
  expect(await app.call(CITY, 'commend.advance', { id: draft.id, status: 'deciding' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  const staffMessages = messagesOf(TOWNSHIP).length
  ok(await app.call(CITY, 'commend.advance', { id: draft.id, status: 'nominating' }))
  expect(messagesOf(TOWNSHIP).length).toBe(staffMessages + 1)
  expect(await app.call(CITY, 'commend.saveRound', { ...roundInput(), id: draft.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  const seen = ok(await app.call(TOWNSHIP, 'commend.round', { id: draft.id }))
  expect(seen).toMatchObject({ mine: { placeName: '凤城街道', used: 0, limit: 3 }, can: { nominate: true, review: false, decide: false, advance: false } })
})

test('township staff nominate approved volunteers of their township, with their hours and star level as they stand; once per round, within the number, inside the window', async () => {
  const roundId = await openRound({ perTownship: 2 })
  const lin = userIdOf(VOLUNTEER)
  await serve(lin, 130 * 60)
  const hours = ok(await app.call(VOLUNTEER, 'service.hours', {}))
  const candidates = ok(await app.call(TOWNSHIP, 'commend.candidates', { roundId, pageSize: 50 }))
  const linRow = candidates.items.find((c) => c.name === '林晓雨')!
  expect(linRow).toMatchObject({ approvedMinutes: hours.approvedMinutes, star: hours.star, rural: true, nominated: false })

  const before = messagesOf(VOLUNTEER).length
  const n = ok(await nominate(roundId, linRow.registrationId))
  expect(n).toMatchObject({ name: '林晓雨', status: 'nominated', approvedMinutes: hours.approvedMinutes, star: 1, rural: true })
  expect(messagesOf(VOLUNTEER).slice(before)).toEqual([expect.objectContaining({ tag: '已获提名', page: 'packages/volunteer/hours/index' })])
  expect(ok(await app.call(TOWNSHIP, 'commend.candidates', { roundId, pageSize: 50 })).items.find((c) => c.name === '林晓雨')!.nominated).toBe(true)
  expect(await nominate(roundId, linRow.registrationId)).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'registrationId' } })

  // Another township's volunteer, a short reason, a full township: refused, nothing written.
  const far = await volunteer('郭远方', 0, '441802007')
  const snapshot = app.dump()
  expect(await nominate(roundId, far.registrationId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(TOWNSHIP, 'commend.nominate', { roundId, registrationId: linRow.registrationId, reason: '好' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
  expect(app.dump()).toBe(snapshot)
  ok(await nominate(roundId, (await volunteer('周第二')).registrationId))
  const third = await volunteer('吴第三')
  const full = app.dump()
  expect(await nominate(roundId, third.registrationId)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('最多提名 2 人') } })
  expect(docs('commend_nominations').filter((d) => d.roundId === roundId)).toHaveLength(2)
  expect(app.dump()).not.toContain(`${roundId}:${userIdOf(third.openid)}`)
  // The refused nomination left nothing behind (its place was not kept, the count not raised).
  expect(app.dump()).toBe(full)

  // The window: before it opens and after it closes.
  const later = await openRound({ nominateFrom: dayIn(2), nominateTo: dayIn(5) })
  expect(await nominate(later, third.registrationId)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('开始') } })
  await app.cloud.db.handle('database.modifyDocument', { collectionName: 'commend_rounds', queryType: 'DOC', query: JSON.stringify({ _id: later }), data: JSON.stringify({ $set: { nominateFrom: dayIn(-5), nominateTo: dayIn(-1) } }), merge: true })
  expect(await nominate(later, third.registrationId)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('截止') } })
})

test('one volunteer nominated 10 times at once is nominated once and counted once; count-then-insert nominates several', async () => {
  const roundId = await openRound({ perTownship: 5 })
  const v = await volunteer('赵同时')
  const results = await race(10, () => nominate(roundId, v.registrationId))
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  expect(docs('commend_nominations').filter((d) => d.roundId === roundId)).toHaveLength(1)
  expect((docs('commend_rounds').find((r) => r._id === roundId)!.townshipCounts as Record<string, number>)[`t${FENGCHENG}`]).toBe(1)

  // Different volunteers at once: never more than the township's number.
  const many = await Promise.all(Array.from({ length: 8 }, (_x, i) => volunteer(`钱并发${'一二三四五六七八'[i]}`)))
  await race(8, (i) => nominate(roundId, many[i].registrationId))
  expect(docs('commend_nominations').filter((d) => d.roundId === roundId)).toHaveLength(5)

  const sleep = `await new Promise((r) => setTimeout(r, 80 + Math.random() * 40))`
  await race(10, (i) =>
    app.probe(`
      const { total } = await db.collection('race_control').where({ nominee: 'v1' }).count()
      if (total >= 1) return
      ${sleep}
      await db.collection('race_control').add({ data: { nominee: 'v1', by: ${i} } })
    `),
  )
  const control = docs('race_control').filter((d) => d.nominee === 'v1').length
  raceLog.push({ name: 'one volunteer nominated concurrently: nominations', n: 10, observed: 1, control })
  expect(control).toBeGreaterThan(1)
})

test('the county reviews its own county within its quota (a reason to decline); township and county see their own; the city decides within its number, publishes once all are decided, and the result reaches the volunteer', async () => {
  const roundId = await openRound({ perTownship: 5, perCounty: 2, awards: 1 })
  const a = await volunteer('冯甲', 700 * 60)
  const b = await volunteer('陈乙', 400 * 60)
  const c = await volunteer('褚丙', 100 * 60)
  const elsewhere = await arrangeNomination(app, roundId, '441803102', 'nominated')
  const ids = [] as string[]
  for (const v of [a, b, c]) ids.push(ok(await nominate(roundId, v.registrationId)).id)
  expect(await app.call(COUNTY, 'commend.review', { id: ids[0], decision: 'recommend', reason: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  ok(await app.call(CITY, 'commend.advance', { id: roundId, status: 'reviewing' }))
  expect(ok(await app.call(TOWNSHIP, 'commend.round', { id: roundId })).can.nominate).toBe(false)

  // Scope: the county sees its county's nominations, township staff their township's.
  const countyList = ok(await app.call(COUNTY, 'commend.nominations', { roundId }))
  expect(countyList.items.map((n) => n.id).sort()).toEqual([...ids].sort())
  expect(countyList.items.map((n) => n.name)).toEqual(['冯甲', '陈乙', '褚丙'])
  expect(await app.call(COUNTY, 'commend.nominations', { roundId, countyCode: '441803' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(ok(await app.call(TOWNSHIP, 'commend.nominations', { roundId })).total).toBe(3)
  expect(ok(await app.call(CITY, 'commend.nominations', { roundId })).total).toBe(4)

  const before = app.dump()
  expect(await app.call(COUNTY, 'commend.review', { id: elsewhere, decision: 'recommend', reason: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await app.call(COUNTY, 'commend.review', { id: ids[2], decision: 'not_recommend', reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
  expect(app.dump()).toBe(before)
  const staffBefore = messagesOf(TOWNSHIP).length
  ok(await app.call(COUNTY, 'commend.review', { id: ids[0], decision: 'recommend', reason: '事迹突出' }))
  ok(await app.call(COUNTY, 'commend.review', { id: ids[1], decision: 'recommend', reason: '' }))
  expect(messagesOf(TOWNSHIP).length).toBe(staffBefore + 2)
  expect(await app.call(COUNTY, 'commend.review', { id: ids[2], decision: 'recommend', reason: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('最多推荐 2 人') } })
  ok(await app.call(COUNTY, 'commend.review', { id: ids[2], decision: 'not_recommend', reason: '服务时长尚短，明年再报' }))
  expect(await app.call(COUNTY, 'commend.review', { id: ids[2], decision: 'recommend', reason: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

  ok(await app.call(CITY, 'commend.advance', { id: roundId, status: 'deciding' }))
  expect(await app.call(COUNTY, 'commend.decide', { id: ids[0], decision: 'award', reason: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  ok(await app.call(CITY, 'commend.decide', { id: ids[0], decision: 'award', reason: '' }))
  expect(await app.call(CITY, 'commend.decide', { id: ids[1], decision: 'award', reason: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('名额 1 人') } })
  expect(await app.call(CITY, 'commend.decide', { id: ids[2], decision: 'award', reason: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  // Published only when every recommendation is decided; results stay hidden until then.
  expect(await app.call(CITY, 'commend.advance', { id: roundId, status: 'published' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('1 名') } })
  expect(ok(await app.call(CITY, 'commend.round', { id: roundId })).advanceBlocked).toContain('未评定')
  expect(await app.call(a.openid, 'commend.results', { roundId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(ok(await app.call(a.openid, 'commend.mine', {})).items).toEqual([])
  ok(await app.call(CITY, 'commend.decide', { id: ids[1], decision: 'not_award', reason: '名额有限' }))

  const told = { a: messagesOf(a.openid).length, b: messagesOf(b.openid).length }
  ok(await app.call(CITY, 'commend.advance', { id: roundId, status: 'published' }))
  expect(messagesOf(a.openid).slice(told.a).map((m) => m.tag)).toEqual(['获评'])
  expect(messagesOf(b.openid).slice(told.b).map((m) => m.tag)).toEqual(['未获评'])
  expect(ok(await app.call(a.openid, 'commend.mine', {})).items).toEqual([expect.objectContaining({ roundId, kind: 'finest', year: year(), townshipName: '凤城街道' })])
  expect(ok(await app.call(b.openid, 'commend.mine', {})).items).toEqual([])
  const results = ok(await app.call(VOLUNTEER, 'commend.results', { roundId }))
  expect(results).toMatchObject({ total: 1, items: [{ name: '冯甲', rank: 1 }], round: { status: 'published' } })
  expect(await app.call(CITY, 'commend.advance', { id: roundId, status: 'published' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  // Every decision left its audit entry.
  const audited = docs('audit').filter((e) => String(e.targetId).startsWith(roundId)).map((e) => e.action)
  expect(audited).toEqual(expect.arrayContaining(['commend.nominate', 'commend.recommend', 'commend.not_recommend', 'commend.award', 'commend.not_award', 'commend.published']))
})

test('the tie rule: star level, then whole hours; at equal standing a 乡村振兴志愿者 comes first, whoever was nominated first', async () => {
  expect(TIE_RULE_TEXT).toContain('乡村振兴志愿者优先')
  const roundId = await openRound({ perTownship: 10 })
  // Equal: 2 stars, 320 hours. 期满 before this year (not a 乡村振兴志愿者 this year) nominated first.
  const former = await volunteer('孙期满', 320 * 60, FENGCHENG, { termStart: '2021-07-01', termEnd: `${year() - 1}-06-30` })
  const serving = await volunteer('李在岗', 320 * 60 + 20)
  const more = await volunteer('何更多', 321 * 60, FENGCHENG, { termStart: '2021-07-01', termEnd: `${year() - 1}-06-30` })
  const starred = await volunteer('韩三星', 600 * 60)
  for (const v of [former, serving, more, starred]) ok(await nominate(roundId, v.registrationId))
  const list = ok(await app.call(TOWNSHIP, 'commend.nominations', { roundId }))
  expect(list.items.map((n) => [n.name, n.star, Math.floor(n.approvedMinutes / 60), n.rural, n.rank])).toEqual([
    ['韩三星', 3, 600, true, 1],
    ['何更多', 2, 321, false, 2],
    ['李在岗', 2, 320, true, 3],
    ['孙期满', 2, 320, false, 4],
  ])
  expect(standingOf({ star: 2, approvedMinutes: 320 * 60, rural: true })).toBeGreaterThan(standingOf({ star: 2, approvedMinutes: 320 * 60 + 59, rural: false }))
})

test('more than 100 nominations page in standing order with true totals, every one once', async () => {
  const roundId = await arrangeRound(app, 'reviewing')
  const townships = ['441802006', '441802007']
  for (let i = 0; i < 130; i++) {
    const minutes = ((i * 37) % 50) * 600
    await arrangeNomination(app, roundId, townships[i % 2], 'nominated', { approvedMinutes: minutes, star: Math.floor(minutes / 6000), rural: i % 3 === 0, name: `分页${i}` })
  }
  const seen: { id: string; rank: number; standing: number }[] = []
  for (let page = 1; page <= 3; page++) {
    const p = ok(await app.call(CITY, 'commend.nominations', { roundId, page, pageSize: 50 }))
    expect(p.total).toBe(130)
    seen.push(...p.items.map((n) => ({ id: n.id, rank: n.rank, standing: standingOf(n) })))
  }
  expect(new Set(seen.map((s) => s.id)).size).toBe(130)
  expect(seen.map((s) => s.rank)).toEqual(Array.from({ length: 130 }, (_x, i) => i + 1))
  for (let i = 1; i < seen.length; i++) expect(seen[i].standing).toBeLessThanOrEqual(seen[i - 1].standing)
  expect(ok(await app.call(TOWNSHIP, 'commend.nominations', { roundId, pageSize: 50 })).total).toBe(65)
})
