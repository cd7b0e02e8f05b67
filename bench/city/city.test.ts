// The city generator, on a hundredth of the city: the same seed gives the same
// documents; every state of every machine is there; documents have the shapes the functions
// write (the contract's schemas where one exists, the product's own rules for derived figures)
// and survive the store's wire format unchanged. The whole city is only ever built by the bench.
import crypto from 'node:crypto'
import { decrypt, blindIndex } from '../../cloudfunctions/_shared/pii'
import { COLLECTIONS, type FairDoc, type LoanDoc, type OpenSessionDoc, type PerkDoc, type RedemptionDoc, type RegistrationDoc, type SessionDoc, type SignupDoc, type UserDoc, type MerchantDoc } from '../../cloudfunctions/_shared/collections'
import { parseWire, toWire } from '../../localcloud/db/values'
import type { City, CityOptions } from './generate'
import { buildCity } from './load'
import { splitByShanghaiDay } from './places'
import { RoleGrant } from '../../types/common'
import { ResumeView } from '../../types/fair'
import { subsidyPeriods } from '../../types/loan-rules'
import { idNumberProblem } from '../../types/personal'
import { REGISTRATION_KINDS, REGISTRATION_STATUSES } from '../../types/registration'
import { SessionView } from '../../types/service'
import { splitByDay } from '../../types/service-rules'
import { FAIR_STATUSES, LOAN_STATUSES, OUTCOMES, SESSION_SOURCES, SIGNUP_STATUSES } from '../../types/vocabulary'

const SMALL: CityOptions = { seed: 17, scale: 0.01, lastDay: '2026-11-30' }

/** A digest of every document, sealed values by what they open to (their IVs are random by design). */
function digest(city: City): string {
  const hash = crypto.createHash('sha256')
  const opened = (key: string, value: unknown) => (typeof value === 'string' && (key === 'idSealed' || key === 'accountSealed') && value ? `sealed:${decrypt(value)}` : value)
  for (const [name, docs] of Object.entries(city.collections)) {
    hash.update(name)
    for (const doc of docs) hash.update(JSON.stringify(doc, opened))
  }
  return hash.digest('hex')
}

let city: City
let c: {
  users: UserDoc[]
  registrations: RegistrationDoc[]
  sessions: SessionDoc[]
  open_sessions: OpenSessionDoc[]
  merchants: MerchantDoc[]
  perks: PerkDoc[]
  redemptions: RedemptionDoc[]
  loans: LoanDoc[]
  fairs: FairDoc[]
  fair_signups: SignupDoc[]
}

beforeAll(() => {
  city = buildCity(SMALL)
  c = city.collections as unknown as typeof c
})

const states = <T, K>(list: T[], key: (t: T) => K) => new Set(list.map(key))

test('the same seed gives the same city; another seed another', () => {
  expect(digest(buildCity(SMALL))).toBe(digest(city))
  expect(digest(buildCity({ ...SMALL, seed: 18 }))).not.toBe(digest(city))
})

test('every collection written is a declared one, and every document survives the store\'s wire format unchanged', () => {
  const declared = new Set<string>(Object.values(COLLECTIONS))
  for (const [name, docs] of Object.entries(city.collections)) {
    expect(declared.has(name)).toBe(true)
    expect(docs.length).toBeGreaterThan(0)
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length)
    for (const doc of docs.slice(0, 200)) expect(parseWire(toWire(doc), name)).toEqual(doc)
  }
  expect(new Set(c.users.map((u) => u.openid)).size).toBe(c.users.length)
})

test('people: every registration state and kind, ID numbers sealed and blind-indexed as the functions read them', () => {
  expect(states(c.registrations, (r) => r.status)).toEqual(new Set(REGISTRATION_STATUSES))
  expect(states(c.registrations, (r) => r.kind)).toEqual(new Set(REGISTRATION_KINDS))
  expect(states(c.users, (u) => u.status)).toEqual(new Set(['active', 'closed']))
  for (const u of c.users) for (const grant of u.roles) RoleGrant.parse(grant)
  expect(states(c.users.flatMap((u) => u.roles), (g) => g.role)).toEqual(new Set(['volunteer', 'rural_youth', 'township_staff', 'county_admin', 'city_admin', 'merchant', 'bank_officer', 'employer']))
  for (const r of c.registrations.filter((x) => x.status !== 'closed')) {
    const id = decrypt(r.idSealed)
    expect(idNumberProblem(id, SMALL.lastDay)).toBeNull()
    expect(blindIndex(id)).toBe(r.idBlindIndex)
    expect(r._id).toBe(`${r.userId}:${r.kind}`)
  }
})

test('service: every status, source and flag, days split as the service function splits them', () => {
  expect(states(c.sessions, (s) => s.status)).toEqual(new Set(['pending', 'needs_review', 'approved', 'rejected']))
  expect(states(c.sessions, (s) => s.source)).toEqual(new Set(SESSION_SOURCES))
  const flags = states(c.sessions.flatMap((s) => s.flags), (f) => f)
  for (const f of ['makeup', 'closed_by_timer', 'adjusted', 'appeal', 'long_session', 'over_daily_cap', 'coarse_location', 'edge_of_fence']) expect(flags.has(f as never)).toBe(true)
  expect(c.open_sessions.length).toBeGreaterThan(0)
  const iso = (d: Date | null) => (d ? d.toISOString() : null)
  for (const s of c.sessions) {
    SessionView.parse({ ...s, id: s._id, checkInAt: iso(s.checkInAt), checkOutAt: iso(s.checkOutAt), reviewedAt: iso(s.reviewedAt) })
    expect(s._id).toMatch(/^[0-9a-f]{16,40}:[A-Za-z0-9_-]{8,64}$/)
    expect(s.minutes).toBe(s.days.reduce((n, d) => n + d.minutes, 0))
  }
  // The fast split agrees with the product's (dayjs, time zone) on the records that cross midnight and a sample of the rest.
  const sample = [...c.sessions.filter((s) => s.flags.includes('closed_by_timer')), ...c.sessions.slice(0, 150)]
  for (const s of sample) expect(splitByShanghaiDay(s.checkInAt, s.checkOutAt)).toEqual(splitByDay(s.checkInAt, s.checkOutAt))
})

test('perks: every merchant and perk state; each perk counts its redemptions', () => {
  expect(states(c.merchants, (m) => m.status)).toEqual(new Set(['active', 'suspended']))
  expect(states(c.perks, (p) => p.status)).toEqual(new Set(['active', 'paused', 'suspended']))
  const counted = new Map<string, number>()
  for (const r of c.redemptions) counted.set(r.perkId, (counted.get(r.perkId) ?? 0) + 1)
  for (const p of c.perks) expect(p.redeemed).toBe(counted.get(p._id) ?? 0)
  expect(c.redemptions.filter((r) => r.merchantId === city.cast.merchant.merchantId && r.date === city.cast.merchant.date).length).toBeGreaterThanOrEqual(30)
})

test('loans: every status and subsidy period state, figures as the loan function computes them', () => {
  expect(states(c.loans, (l) => l.status)).toEqual(new Set(LOAN_STATUSES))
  let due = 0
  let projected = 0
  for (const l of c.loans) {
    expect(l.version).toBe(l.history.length)
    if (!l.disbursement) continue
    const d = l.disbursement
    const periods = subsidyPeriods({ amountFen: d.amountFen, disbursedOn: d.disbursedOn, maturityOn: d.maturityOn, subsidyRateBp: d.subsidyRateBp, dayBasis: d.dayBasis, repayments: l.repayments })
    expect(l.subsidies.map((s) => [s.key, s.amountFen])).toEqual(periods.slice(0, l.subsidies.length).map((p) => [p.key, p.amountFen]))
    expect(l.subsidyApprovedFen).toBe(l.subsidies.reduce((n, s) => n + s.amountFen, 0))
    expect(l.outstandingFen).toBe(d.amountFen - l.repayments.reduce((n, r) => n + r.principalFen, 0))
    if (l.status === 'closed') expect([l.outstandingFen, l.subsidies.length, l.subsidyDueFrom]).toEqual([0, periods.length, ''])
    if (l.subsidyDueFrom && l.subsidyDueFrom <= SMALL.lastDay) due++
    if (periods.length > l.subsidies.length + 1) projected++
  }
  expect(c.loans.some((l) => l.subsidies.length > 0)).toBe(true)
  expect(due).toBeGreaterThan(0)
  expect(projected).toBeGreaterThan(0)
})

test('fairs: every fair and sign-up state, seats and waiting list as sign-up and promotion leave them', () => {
  expect(states(c.fairs, (f) => f.status)).toEqual(new Set(FAIR_STATUSES))
  expect(states(c.fair_signups, (s) => s.status)).toEqual(new Set(SIGNUP_STATUSES))
  expect(states(c.fair_signups.flatMap((s) => Object.values(s.outcomes)), (o) => o.outcome)).toEqual(new Set(OUTCOMES))
  expect(c.fair_signups.some((s) => s.checkedInAt && s.entryNonce) && c.fair_signups.some((s) => s.checkedInAt && !s.entryNonce)).toBe(true)
  expect(c.fair_signups.some((s) => s.promotedAt)).toBe(true)
  for (const f of c.fairs) {
    const mine = c.fair_signups.filter((s) => s.fairId === f._id)
    expect(f.confirmedCount).toBe(mine.filter((s) => s.status === 'confirmed').length)
    expect(f.confirmedCount).toBeLessThanOrEqual(f.capacity)
    const waiting = mine.filter((s) => s.status === 'waiting').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    expect(f.waitlist).toEqual(waiting.map((s) => s._id))
    if (waiting.length > 0) expect(f.confirmedCount).toBe(f.capacity)
  }
  for (const s of c.fair_signups) ResumeView.parse(s.resume)
  expect(c.fair_signups.filter((s) => s.fairId === city.cast.fair.fairId).length).toBe(40)
})
