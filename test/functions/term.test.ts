// The service term (issue 23 item 4): the daily timer moves volunteers whose last day has passed
// (Shanghai) to 期满 and tells them, once; check-ins, make-ups and perks work within the league's
// grace and are refused after it, naming the end date; job fairs stay open; the county of the
// volunteer (and no other) records an extension, which un-ends the term.
import { EJSON } from 'bson'
import { termRefusal, termsEndedBefore, termStanding } from '../../types/term'
import { shanghaiDate, shanghaiDaysAhead } from '../../types/time'
import { ok, startDemoCloud, TEST_FUNCTION_ENV, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'
import { openAllDay } from '../support/stations'
import { race } from '../support/race'
import { localTemplateId } from '../../localcloud/environment'

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区
const OTHER_COUNTY = 'o_term_county2' // 清新区
const CITY = 'o_demo_city'
const MERCHANT = 'o_demo_merchant' // 连州菜馆（清城店）, whose perk p_kitchen_discount is
const VOLUNTEER = 'o_demo_volunteer' // 凤城街道, 清城区
const FENGCHENG = { id: 'st_fengcheng', lat: 23.697524, lng: 113.055469 }
const REMINDER = localTemplateId('reminder')
let seq = 0
const rid = () => `term-${Date.now()}-${++seq}`
const reading = () => ({ lat: FENGCHENG.lat, lng: FENGCHENG.lng + 0.0002, accuracy: 15, at: Date.now() })
const day = (offset: number) => shanghaiDaysAhead(Date.now(), offset)

const users = () => [...app.cloud.store.get('users').docs.values()] as Record<string, any>[]
const userOf = (openid: string) => users().find((u) => u.openid === openid)!
const regOf = (openid: string) => app.cloud.store.get('registrations').docs.get(`${userOf(openid)._id}:volunteer`) as Record<string, any>

async function insert(collection: string, docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}
async function set(collection: string, id: string, fields: Record<string, unknown>, unset: string[] = []): Promise<void> {
  const update: Record<string, unknown> = { $set: { ...fields } }
  if (unset.length) update.$unset = Object.fromEntries(unset.map((k) => [k, '']))
  await app.cloud.db.handle('database.modifyDocument', { collectionName: collection, queryType: 'DOC', query: JSON.stringify({ _id: id }), data: EJSON.stringify(update, { relaxed: false }), merge: true })
}
/** As if the timer had ended the volunteer's term on `termEnd` (the account's mark and the registration's state). */
async function endedOn(openid: string, termEnd: string): Promise<void> {
  await set('users', userOf(openid)._id, { termEndedOn: termEnd })
  await set('registrations', regOf(openid)._id, { termEnd, term: 'ended', termEndedAt: new Date() })
}
/** What a perk code carries, opened with the deployment's key (as only the function does). */
async function opened(token: string): Promise<Record<string, unknown> | null> {
  const previous = { ...process.env }
  Object.assign(process.env, TEST_FUNCTION_ENV)
  try {
    let claims: Record<string, unknown> | null = null
    await jest.isolateModulesAsync(async () => {
      const { openPerkCode } = await import('../../cloudfunctions/_shared/perkcode')
      claims = openPerkCode(token) as Record<string, unknown> | null
    })
    return claims
  } finally {
    process.env = previous
  }
}
async function newVolunteer(openid: string, form: Record<string, unknown> = {}): Promise<string> {
  const reg = ok(await app.call(openid, 'registration.submitVolunteer', volunteerForm(form)))
  ok(await app.call(COUNTY, 'registration.review', { ids: [reg.id], decision: 'approve' }))
  return reg.id
}
const fireEndTerms = async () => {
  const run = await app.cloud.fireTimer('registration', 'endTerms')
  if (!run.ok || !(run.result as { ok: boolean }).ok) throw new Error(`endTerms failed: ${JSON.stringify(run.ok ? run.result : run.errMsg)}`)
  return (run.result as { data: { claimed: boolean; ended: number; done?: boolean } }).data
}

beforeAll(async () => {
  app = await startDemoCloud()
  await openAllDay(app.cloud, [FENGCHENG.id])
  const now = new Date()
  await insert('users', [{ openid: OTHER_COUNTY, nickname: '清新区团委', avatarFileId: '', mobile: '', status: 'active', createdAt: now, updatedAt: now, roles: [{ role: 'county_admin', scopeType: 'county', scopeId: '441803', scopeName: '清新区' }] }])
}, 60_000)
afterAll(() => app.close())

describe('the Shanghai day decides', () => {
  test('at 15:59 UTC a term ending that Shanghai day still runs; at 16:01 UTC it has ended (the timer’s bound and the standing agree)', () => {
    const before = new Date('2026-12-05T15:59:00Z')
    const after = new Date('2026-12-05T16:01:00Z')
    expect(termsEndedBefore(before)).toBe('2026-12-05')
    expect(termsEndedBefore(after)).toBe('2026-12-06')
    // The timer ends terms with termEnd < termsEndedBefore(now).
    expect('2026-12-05' < termsEndedBefore(before)).toBe(false)
    expect('2026-12-05' < termsEndedBefore(after)).toBe(true)
    expect(termStanding('2026-12-05', 30, shanghaiDate(before))).toEqual({ kind: 'serving', termEnd: '2026-12-05', daysToEnd: 0 })
    expect(termStanding('2026-12-05', 30, shanghaiDate(after))).toEqual({ kind: 'grace', termEnd: '2026-12-05', lastDay: '2027-01-04', daysLeft: 30 })
  })

  test('the grace: its last day still counts (1 day left), the day after stops, naming the end date; a grace of 0 stops the day after the term', () => {
    expect(termStanding('2026-12-05', 30, '2027-01-04')).toMatchObject({ kind: 'grace', daysLeft: 1 })
    const stopped = termStanding('2026-12-05', 30, '2027-01-05')
    expect(stopped).toEqual({ kind: 'stopped', termEnd: '2026-12-05', lastDay: '2027-01-04' })
    expect(termRefusal(stopped, '驿站签到')).toContain('2026-12-05 期满')
    expect(termStanding('2026-12-05', 0, '2026-12-06')).toMatchObject({ kind: 'stopped', lastDay: '2026-12-05' })
  })
})

describe('the daily timer', () => {
  test('130 volunteers: the 65 whose last day is before today (Shanghai) move to 期满, marked on their accounts, told once (消息; WeChat with consent); pending and rural youth untouched; no unindexed scan; claimed once a day and a rerun changes nothing', async () => {
    await newVolunteer('o_term_template', { name: '模板志愿' })
    const template = regOf('o_term_template')
    const now = new Date()
    const sweep = Array.from({ length: 130 }, (_, i) => {
      const ended = i % 2 === 0
      const userId = `u_term_${String(i).padStart(3, '0')}`
      // Ended: yesterday back to 40 days ago; serving: today on to 40 days ahead.
      const termEnd = ended ? day(-1 - (i % 40)) : day(i % 40)
      return { reg: { ...template, _id: `${userId}:volunteer`, userId, name: `期满${i}`, idBlindIndex: `term-index-${i}`, termEnd }, user: { _id: userId, openid: `o_term_${i}`, nickname: '', avatarFileId: '', mobile: '', status: 'active', createdAt: now, updatedAt: now, roles: [{ role: 'volunteer', scopeType: 'township', scopeId: template.townshipCode, scopeName: template.townshipName }] } }
    })
    await insert('users', sweep.map((s) => s.user))
    await insert('registrations', sweep.map((s) => s.reg))
    // Past their term too, but not approved volunteers: never ended.
    await insert('registrations', [
      { ...template, _id: 'u_term_pending:volunteer', userId: 'u_term_pending', status: 'pending', termEnd: day(-3) },
      { ...template, _id: 'u_term_youth:rural_youth', userId: 'u_term_youth', kind: 'rural_youth', termEnd: '' },
    ])
    app.acceptNotices('o_term_0', 'reminder')
    app.cloud.outbox.length = 0
    const seqBefore = app.cloud.cappedReads.at(-1)?.seq ?? 0

    const run = await fireEndTerms()
    expect(run).toMatchObject({ claimed: true, ended: 65, done: true })
    expect(app.cloud.cappedReads.filter((r) => r.seq > seqBefore && r.functionName === 'registration')).toEqual([])
    const messages = [...app.cloud.store.get('messages').docs.values()] as Record<string, any>[]
    sweep.forEach((s, i) => {
      const ended = i % 2 === 0
      const reg = app.cloud.store.get('registrations').docs.get(s.reg._id) as Record<string, any>
      const user = app.cloud.store.get('users').docs.get(s.user._id) as Record<string, any>
      expect([i, reg.term ?? 'serving', user.termEndedOn ?? null, reg.termEndedAt instanceof Date]).toEqual([i, ended ? 'ended' : 'serving', ended ? s.reg.termEnd : null, ended])
      expect(messages.filter((m) => m.userId === s.user._id && m.title === '乡村振兴志愿者服务期已期满')).toHaveLength(ended ? 1 : 0)
    })
    expect(app.cloud.store.get('registrations').docs.get('u_term_pending:volunteer')).not.toHaveProperty('term')
    // Only the one who accepted 事项提醒 gets the WeChat message; every ended one has it in 消息.
    expect(app.cloud.outbox.filter((m) => m.templateId === REMINDER).map((m) => m.touser)).toEqual(['o_term_0'])
    const audits = [...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'registration.endTerm')
    expect(audits).toHaveLength(65)

    // The same day again: claimed already, nothing runs. Without the claim (a lost run), the query finds nothing left.
    const quiet = app.dump()
    expect(await fireEndTerms()).toMatchObject({ claimed: false, ended: 0 })
    expect(app.dump()).toBe(quiet)
    await app.cloud.db.handle('database.removeDocument', { collectionName: 'reminders', queryType: 'DOC', multi: false, query: JSON.stringify({ _id: `term-ended:${shanghaiDate(Date.now())}` }) })
    expect(await fireEndTerms()).toMatchObject({ claimed: true, ended: 0, done: true })
    const withoutClaims = (dump: string) => dump.replace(/\{"_id":"term-ended:[^}]*\}/g, '')
    expect(withoutClaims(app.dump())).toBe(withoutClaims(quiet))

    // The county sees its ended volunteers past the read cap: the true total, pages holding each once.
    const first = ok(await app.call(COUNTY, 'registration.terms', { filter: 'ended', pageSize: 50 }))
    expect(first.total).toBeGreaterThanOrEqual(65)
    const seen: string[] = []
    for (let page = 1; page <= Math.ceil(first.total / 50); page++) seen.push(...ok(await app.call(COUNTY, 'registration.terms', { filter: 'ended', page, pageSize: 50 })).items.map((t) => t.registrationId))
    expect(new Set(seen).size).toBe(first.total)
    expect(sweep.filter((_, i) => i % 2 === 0).every((s) => seen.includes(s.reg._id))).toBe(true)
    // Another county sees none of them.
    const other = ok(await app.call(OTHER_COUNTY, 'registration.terms', { filter: 'ended', pageSize: 50 }))
    expect(other.items.some((t) => t.registrationId.startsWith('u_term_'))).toBe(false)
  })
})

describe('after the grace (30 days by default)', () => {
  afterAll(async () => {
    await set('users', userOf(VOLUNTEER)._id, {}, ['termEndedOn'])
    await set('registrations', regOf(VOLUNTEER)._id, { termEnd: day(150), term: 'serving', termEndedAt: null })
  })

  test('on the grace’s last day a check-in, a make-up and a perk code still work and the volunteer reads how many days remain; the day after each is refused naming the end date, changing nothing; job fairs stay open', async () => {
    // Ended 30 days ago: today is the grace's last day.
    await endedOn(VOLUNTEER, day(-30))
    const mine = ok(await app.call(VOLUNTEER, 'registration.myTerm', {}))!
    expect(mine).toMatchObject({ state: 'ended', standing: 'grace', termEnd: day(-30), lastDay: day(0), daysLeft: 1, graceDays: 30 })
    expect(mine.line).toContain('宽限期还剩 1 天')
    ok(await app.call(VOLUNTEER, 'service.checkIn', { requestId: rid(), stationId: FENGCHENG.id, reading: reading() }))
    ok(await app.call(VOLUNTEER, 'service.checkOut', { requestId: rid(), reading: reading() }))
    // A code shown on the grace's last day passes the counter's check and carries the grace's last day (perk.test: refused the day after it).
    const shown = ok(await app.call(VOLUNTEER, 'perk.code', { perkId: 'p_kitchen_discount' }))
    expect(ok(await app.call(MERCHANT, 'perk.verify', { token: shown.token }))).toMatchObject({ valid: true, reason: '' })
    expect(await opened(shown.token)).toMatchObject({ x: day(-30), g: day(0) })
    const makeup = { stationId: FENGCHENG.id, date: day(-1), start: '09:00', end: '10:00', reason: '手机没电未能签到' }
    ok(await app.call(VOLUNTEER, 'service.makeup', makeup))

    // Ended 31 days ago: the grace ended yesterday.
    await endedOn(VOLUNTEER, day(-31))
    const before = app.dump()
    const checkIn = await app.call(VOLUNTEER, 'service.checkIn', { requestId: rid(), stationId: FENGCHENG.id, reading: reading() })
    expect(checkIn).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`服务期已于 ${day(-31)} 期满，宽限期至 ${day(-1)} 已过，不能再在驿站签到`) } })
    expect(await app.call(VOLUNTEER, 'service.makeup', { ...makeup, date: day(-2) })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不能再申请补签') } })
    expect(await app.call(VOLUNTEER, 'perk.code', { perkId: 'p_kitchen_discount' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`${day(-31)} 期满`) } })
    expect(app.dump()).toBe(before)
    // The perk pages say why before the tap.
    expect(ok(await app.call(VOLUNTEER, 'perk.detail', { id: 'p_kitchen_discount' }))).toMatchObject({ eligible: false, reason: expect.stringContaining('不能再使用商家优惠') })
    expect(ok(await app.call(VOLUNTEER, 'registration.myTerm', {}))).toMatchObject({ standing: 'stopped', daysLeft: 0 })

    // The job fairs stay open to them: a fair for volunteers whose term ends by 180 days after it.
    const fair = ok(await app.call(CITY, 'fair.save', {
      title: '期满志愿者对接会', date: day(10), startTime: '09:00', endTime: '12:00', venue: '青少年宫', address: '北江一路',
      signupOpensAt: `${day(-1)} 09:00`, signupClosesAt: `${day(9)} 18:00`, capacity: 10, termEndsWithinDays: 180, maxPositions: 1, employerIds: ['e_qy_city_invest'],
    }))
    ok(await app.call(CITY, 'fair.setStatus', { id: fair.id, status: 'published' }))
    const position = ok(await app.call('o_demo_employer', 'fair.savePosition', { fairId: fair.id, employerId: 'e_qy_city_invest', title: '乡村运营专员', openings: 1, place: '清城区', countyCode: '441802', requirements: '熟悉乡村运营', salaryMinFen: 500_000, salaryMaxFen: 700_000, contactName: '何经理', contactPhone: '0763-3388123' }))
    ok(await app.call(VOLUNTEER, 'fair.signUp', { fairId: fair.id, positionIds: [position.id], shareResume: true }))
  })

  test('the grace is the league’s setting: out of bounds refused naming the field; widened to 40 days the same volunteer checks in again', async () => {
    const before = app.dump()
    expect(await app.call(CITY, 'settings.update', { termGraceDays: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'termGraceDays', message: expect.stringContaining('宽限天数不能为负') } })
    expect(await app.call(CITY, 'settings.update', { termGraceDays: 400 })).toMatchObject({ ok: false, error: { field: 'termGraceDays' } })
    expect(app.dump()).toBe(before)
    ok(await app.call(CITY, 'settings.update', { termGraceDays: 40 }))
    await app.cloud.runtime.reload() // warm instances keep the settings a minute
    ok(await app.call(VOLUNTEER, 'service.checkIn', { requestId: rid(), stationId: FENGCHENG.id, reading: reading() }))
    ok(await app.call(VOLUNTEER, 'service.checkOut', { requestId: rid(), reading: reading() }))
    ok(await app.call(CITY, 'settings.update', { termGraceDays: 30 }))
    await app.cloud.runtime.reload()
  })
})

describe('an extension', () => {
  test('only the volunteer’s county (or the city) records it; bad dates and a missing reason are refused naming the field; recorded, the term serves again, check-ins resume, it is audited and the volunteer told', async () => {
    const regId = await newVolunteer('o_term_extend', { name: '延期志愿', termStart: '2024-07-01', termEnd: '2026-06-30' })
    await endedOn('o_term_extend', day(-60))
    const input = { id: regId, termEnd: day(200), reason: '县团委同意续期一年' }
    const before = app.dump()
    expect(await app.call(OTHER_COUNTY, 'registration.extendTerm', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能登记本县（市、区）志愿者的服务期延期' } })
    expect(await app.call('o_demo_township', 'registration.extendTerm', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call('o_term_extend', 'registration.extendTerm', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await app.call(COUNTY, 'registration.extendTerm', { ...input, termEnd: day(-61) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'termEnd', message: expect.stringContaining(`应晚于现在的 ${day(-60)}`) } })
    expect(await app.call(COUNTY, 'registration.extendTerm', { ...input, termEnd: day(-1) })).toMatchObject({ ok: false, error: { field: 'termEnd', message: expect.stringContaining('不能早于今天') } })
    expect(await app.call(COUNTY, 'registration.extendTerm', { ...input, termEnd: day(1200) })).toMatchObject({ ok: false, error: { field: 'termEnd', message: expect.stringContaining('延期最长到') } })
    expect(await app.call(COUNTY, 'registration.extendTerm', { ...input, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
    expect(await app.call(COUNTY, 'registration.extendTerm', { ...input, termEnd: '2027-02-30' })).toMatchObject({ ok: false, error: { field: 'termEnd' } })
    expect(app.dump()).toBe(before)
    expect(await app.call('o_term_extend', 'service.checkIn', { requestId: rid(), stationId: FENGCHENG.id, reading: reading() })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    const view = ok(await app.call(COUNTY, 'registration.extendTerm', input))
    expect(view).toMatchObject({ state: 'serving', standing: 'serving', termEnd: day(200), extensions: [{ from: day(-60), to: day(200), reason: '县团委同意续期一年' }] })
    expect(regOf('o_term_extend')).toMatchObject({ term: 'serving', termEnd: day(200), termEndedAt: null })
    expect(userOf('o_term_extend')).not.toHaveProperty('termEndedOn')
    const audit = [...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'registration.extendTerm' && a.targetId === regId)
    expect(audit).toEqual([expect.objectContaining({ before: { termEnd: day(-60), term: 'ended' }, after: { termEnd: day(200), term: 'serving' }, reason: '县团委同意续期一年' })])
    expect(ok(await app.call('o_term_extend', 'account.messages', {})).items[0]).toMatchObject({ title: '乡村振兴志愿者服务期延期', text: expect.stringContaining(`服务期延至 ${day(200)}`) })
    ok(await app.call('o_term_extend', 'service.checkIn', { requestId: rid(), stationId: FENGCHENG.id, reading: reading() }))
    expect(ok(await app.call('o_term_extend', 'registration.myTerm', {}))).toMatchObject({ standing: 'serving', line: `服务期至 ${day(200)}`, extensions: [expect.objectContaining({ to: day(200) })] })
    // The city may record one too; the extended term is no longer before today, so the timer leaves it.
    ok(await app.call(CITY, 'registration.extendTerm', { ...input, termEnd: day(300), reason: '团市委统筹续期' }))
    expect(regOf('o_term_extend').termExtensions).toHaveLength(2)
  })

  test('eight extensions to the same day at once: one is recorded (written on the end date it read), the rest refused (control: read-then-write records several); in turn, later dates each go through', async () => {
    const regId = await newVolunteer('o_term_race', { name: '并发延期' })
    const current = regOf('o_term_race').termEnd as string
    const to = shanghaiDaysAhead(new Date(`${current}T12:00:00+08:00`), 10)
    const results = await race(8, (i) => app.call(COUNTY, 'registration.extendTerm', { id: regId, termEnd: to, reason: `并发续期${i}` }))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code).every((c) => c === 'CONFLICT' || c === 'INVALID_INPUT')).toBe(true)
    expect(regOf('o_term_race')).toMatchObject({ termEnd: to, termExtensions: [expect.objectContaining({ from: current, to })] })
    const audits = [...app.cloud.store.get('audit').docs.values()].filter((a) => a.action === 'registration.extendTerm' && a.targetId === regId)
    expect(audits).toHaveLength(1)
    // Control: the same step as read-then-write (no condition on the end date it read) records several.
    const controlId = await newVolunteer('o_term_race_control', { name: '对照延期' })
    await race(8, async (i) => {
      const seen = regOf('o_term_race_control').termEnd as string
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (to <= seen) return
      await app.cloud.db.handle('database.modifyDocument', {
        collectionName: 'registrations',
        queryType: 'DOC',
        query: JSON.stringify({ _id: controlId }),
        data: EJSON.stringify({ $set: { termEnd: to }, $push: { termExtensions: { from: seen, to, reason: `对照${i}` } } }, { relaxed: false }),
        merge: true,
      })
    })
    expect(regOf('o_term_race_control').termExtensions.length).toBeGreaterThan(1)
    ok(await app.call(COUNTY, 'registration.extendTerm', { id: regId, termEnd: shanghaiDaysAhead(new Date(`${to}T12:00:00+08:00`), 1), reason: '依次续期一' }))
    ok(await app.call(COUNTY, 'registration.extendTerm', { id: regId, termEnd: shanghaiDaysAhead(new Date(`${to}T12:00:00+08:00`), 2), reason: '依次续期二' }))
    expect(regOf('o_term_race').termExtensions).toHaveLength(3)
  })
})
