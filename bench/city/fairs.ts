// Employers, job fairs in every state (held, upcoming, cancelled, draft), their positions, and
// sign-ups as fair.signUp / cancel / the door / recordOutcome leave them: seats taken in sign-up
// order up to capacity, the rest on the ordered waiting list, cancellations promoting the next,
// check-ins at held fairs and employers' outcomes for those who came.
import type { EmployerDoc, FairDoc, PositionDoc, SignupDoc } from '../../cloudfunctions/_shared/collections'
import type { ResumeView } from '../../types/fair'
import { maskMobile } from '../../types/personal'
import { EMPLOYER_TYPES, OUTCOMES } from '../../types/vocabulary'
import { staffUser, type Person, type Staff } from './people'
import { Prng } from './prng'
import { addMinutes, COUNTIES, instant, ymdOf } from './places'

const EMPLOYER_WORDS = ['农业科技有限公司', '文旅集团', '电子商务有限公司', '食品有限公司', '社会工作服务中心', '建设投资集团', '茶业有限公司']
const POSITION_TITLES = ['电商运营专员', '农技推广员', '乡村旅游讲解员', '社工', '仓储主管', '直播主播', '会计', '行政助理']

export function employers(prng: Prng, count: number, at: Date) {
  const list: EmployerDoc[] = []
  const staff = new Map<string, Staff>()
  for (let i = 0; i < count; i++) {
    const county = prng.chance(0.85) ? prng.pick(COUNTIES) : null
    const type = EMPLOYER_TYPES[i % EMPLOYER_TYPES.length]
    const e: EmployerDoc = { _id: `e_c${String(i).padStart(3, '0')}`, name: `${county ? county.name.slice(0, 2) : '广州'}${prng.pick(EMPLOYER_WORDS)}（${i}）`, countyCode: county?.code ?? '', status: 'active', createdAt: at, type }
    list.push(e)
    staff.set(e._id, staffUser(prng, `o_city_employer_${i}`, `${e.name}招聘专员`, [{ role: 'employer', scopeType: 'employer', scopeId: e._id, scopeName: e.name }], at))
  }
  return { employers: list, staff }
}

/** Approved hours and star of each person, as the résumé shows them (summarised by the caller). */
export type HoursOf = (userId: string) => { approvedHours: number; star: number }

function resumeOf(p: Person, hoursOf: HoursOf, fairDate: string): ResumeView {
  const r = p.registration
  const age = Number(fairDate.slice(0, 4)) - Number(r.birthDate.slice(0, 4)) - (fairDate.slice(5) < r.birthDate.slice(5) ? 1 : 0)
  return {
    name: r.name,
    kind: r.kind,
    gender: r.gender,
    age,
    mobileMasked: maskMobile(r.mobile),
    countyName: r.countyName,
    townshipName: r.townshipName,
    school: r.school,
    major: r.major,
    graduationYear: r.graduationYear,
    politicalStatus: r.politicalStatus,
    skills: r.skills,
    occupation: r.occupation,
    termStart: r.termStart,
    termEnd: r.termEnd,
    ...hoursOf(p.user._id),
  }
}

type Schedule = 'held' | 'upcoming' | 'cancelled' | 'draft'

/**
 * `count` fairs: the last a draft, the one before cancelled, up to three upcoming, the rest held
 * over the three years; the first (held) has `maxSignups` sign-ups, the others fewer.
 */
export function fairs(prng: Prng, count: number, maxSignups: number, people: Person[], employerList: EmployerDoc[], employerStaff: Map<string, Staff>, city: Staff, hoursOf: HoursOf, span: { firstDay: number; lastDay: number }) {
  const fairDocs: FairDoc[] = []
  const positions: PositionDoc[] = []
  const signups: SignupDoc[] = []
  const upcomingFrom = Math.max(1, count - 5)
  const heldCount = upcomingFrom
  for (let i = 0; i < count; i++) {
    const schedule: Schedule = i === count - 1 ? 'draft' : i === count - 2 ? 'cancelled' : i >= upcomingFrom ? 'upcoming' : 'held'
    const day =
      schedule === 'held' ? span.lastDay - 10 - Math.round(((heldCount - 1 - i) * (span.lastDay - span.firstDay - 40)) / Math.max(1, heldCount)) : schedule === 'upcoming' ? span.lastDay + 5 * (i - upcomingFrom + 1) : schedule === 'cancelled' ? span.lastDay + 20 : span.lastDay + 45
    const date = ymdOf(day)
    const county = prng.pick(COUNTIES)
    const created = instant(day - 40, 10 * 60)
    const id = `F${prng.hex(12)}`
    const invited = [...new Set(Array.from({ length: prng.int(3, 10) }, () => prng.pick(employerList)._id))]
    const capacity = i === 0 ? Math.round(maxSignups * 0.75) : prng.int(Math.max(10, Math.round(maxSignups / 10)), Math.round(maxSignups * 0.6))
    const f: FairDoc = {
      _id: id,
      title: `${date.slice(0, 4)}年${county.name}乡村人才岗位对接会（${i + 1}）`,
      date,
      startTime: '09:00',
      endTime: '12:00',
      venue: `${county.name}青少年宫`,
      address: `${county.name}北江路 ${prng.int(1, 99)} 号`,
      location: { lat: county.seat.approxLat, lng: county.seat.approxLng },
      signupOpensAt: instant(day - 30, 9 * 60),
      signupClosesAt: instant(day - 1, 18 * 60),
      startsAt: instant(day, 9 * 60),
      capacity,
      confirmedCount: 0,
      waitlist: [],
      termEndsWithinDays: prng.pick([365, 730]),
      allowRuralYouth: prng.chance(0.5),
      maxPositions: 3,
      employerIds: invited,
      description: '面向服务期满志愿者与农村青年的岗位对接会。',
      status: schedule === 'draft' ? 'draft' : schedule === 'cancelled' ? 'cancelled' : 'published',
      createdBy: city.user._id,
      createdAt: created,
      updatedAt: created,
    }
    fairDocs.push(f)
    const mine: PositionDoc[] = []
    for (const employerId of invited) {
      const e = employerList.find((x) => x._id === employerId)!
      for (let k = prng.int(1, 3); k > 0; k--) {
        const local = e.countyCode !== '' || prng.chance(0.3)
        const at = addMinutes(created, prng.int(60, 7 * 24 * 60))
        mine.push({
          _id: `J${prng.hex(12)}`,
          fairId: id,
          employerId,
          employerName: e.name,
          employerType: e.type,
          title: prng.pick(POSITION_TITLES),
          openings: prng.int(1, 20),
          place: local ? COUNTIES.find((c) => c.code === (e.countyCode || county.code))!.name : '广州市',
          countyCode: local ? e.countyCode || county.code : '',
          requirements: '大专及以上学历，熟悉农村工作',
          salaryMinFen: prng.int(3, 5) * 100_000,
          salaryMaxFen: prng.int(6, 9) * 100_000,
          contactName: '何经理',
          contactPhone: '0763-3388123',
          createdAt: at,
          updatedAt: at,
        })
      }
    }
    positions.push(...mine)
    if (schedule === 'draft') continue
    // Who may sign up: approved volunteers whose term ends in time, rural youth where allowed.
    const lastTermEnd = ymdOf(day + f.termEndsWithinDays)
    const eligible = people.filter((p) => p.registration.status === 'approved' && (p.registration.kind === 'volunteer' ? p.registration.termEnd <= lastTermEnd : f.allowRuralYouth))
    const wanted = Math.min(eligible.length, i === 0 ? maxSignups : prng.int(Math.round(maxSignups / 5), maxSignups))
    const chosen = new Set<number>()
    while (chosen.size < wanted) chosen.add(prng.int(0, eligible.length - 1))
    const opens = f.signupOpensAt.getTime()
    const closes = Math.min(f.signupClosesAt.getTime(), instant(span.lastDay, 20 * 60).getTime())
    const list = [...chosen]
      .map((k) => ({ p: eligible[k], at: new Date(opens + Math.floor(prng.next() * (closes - opens))) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime())
    // Seats go in sign-up order; a cancellation frees one for the head of the waiting list.
    // Seats taken on arrival (a cancellation later frees its seat for the head of the waiting list).
    const firstCome = new Set<string>()
    for (const [k, { p, at }] of list.entries()) {
      const picked = [...new Set(Array.from({ length: prng.int(1, f.maxPositions) }, () => prng.pick(mine)))]
      // About one in twelve cancels; at the first fair the second to sign up always does (someone is promoted, however small the city).
      const cancelled = schedule !== 'cancelled' && (prng.chance(0.08) || (i === 0 && k === 1))
      if (k < capacity) firstCome.add(`${id}:${p.user._id}`)
      const s: SignupDoc = {
        _id: `${id}:${p.user._id}`,
        fairId: id,
        userId: p.user._id,
        openid: p.user.openid,
        status: cancelled ? 'cancelled' : 'waiting',
        positionIds: picked.map((x) => x._id),
        employerIds: [...new Set(picked.map((x) => x.employerId))],
        resume: resumeOf(p, hoursOf, date),
        registrationId: p.registration._id,
        checkedInAt: null,
        checkedInBy: '',
        entryNonce: '',
        outcomes: {},
        promotedAt: null,
        cancelledAt: cancelled ? new Date(Math.min(at.getTime() + prng.int(1, 5) * 86_400_000, closes)) : null,
        createdAt: at,
        updatedAt: at,
      }
      if (cancelled) s.updatedAt = s.cancelledAt!
      signups.push(s)
    }
    const active = signups.filter((s) => s.fairId === id && s.status !== 'cancelled')
    active.forEach((s, k) => {
      if (k >= capacity) return
      s.status = 'confirmed'
      // Not seated on arrival: promoted from the waiting list by a cancellation.
      if (!firstCome.has(s._id)) {
        s.promotedAt = addMinutes(s.createdAt, prng.int(60, 3 * 24 * 60))
        if (s.promotedAt.getTime() > closes) s.promotedAt = new Date(closes)
        s.updatedAt = s.promotedAt
      }
    })
    f.confirmedCount = active.filter((s) => s.status === 'confirmed').length
    f.waitlist = active.filter((s) => s.status === 'waiting').map((s) => s._id)
    if (schedule === 'cancelled') f.updatedAt = instant(span.lastDay, 8 * 60)
    if (schedule !== 'held') continue
    // At the door: most of those with a seat came; employers recorded what came of their interviews.
    let admitted = 0
    for (const s of active) {
      if (s.status !== 'confirmed' || !prng.chance(0.8)) continue
      s.checkedInAt = addMinutes(f.startsAt, prng.int(-30, 150))
      s.checkedInBy = city.user._id
      // One in ten had no entry code to show and was found by name (no nonce).
      s.entryNonce = admitted++ % 10 === 3 ? '' : prng.base64url(16)
      s.updatedAt = s.checkedInAt
      for (const positionId of s.positionIds) {
        if (!prng.chance(0.5)) continue
        const p = mine.find((x) => x._id === positionId)!
        const at = addMinutes(s.checkedInAt, prng.int(10, 240))
        s.outcomes[positionId] = { outcome: prng.weighted({ interviewed: 40, offered: 20, hired: 25, declined: 15 } satisfies Record<(typeof OUTCOMES)[number], number>), note: '', at, by: employerStaff.get(p.employerId)!.user._id }
        if (at > s.updatedAt) s.updatedAt = at
      }
    }
  }
  return { fairs: fairDocs, positions, signups }
}
