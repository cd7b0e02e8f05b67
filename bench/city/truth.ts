// What the reports, exports and lists must answer on the generated city, counted straight from
// the generated documents (plain loops, none of the functions' code), so that a report that
// stops at a platform cap or misses a state shows up as a mismatch in the benchmark.
import type { FairDoc, LoanDoc, MerchantDoc, PositionDoc, RedemptionDoc, RegistrationDoc, SessionDoc, SignupDoc } from '../../cloudfunctions/_shared/collections'
import type { City } from './generate'

const DAILY_CAP_MINUTES = 8 * 60

/** Credited minutes per volunteer: approved records, adjusted ones on their first day, each Shanghai day capped. */
function creditedMinutes(list: SessionDoc[]): Map<string, number> {
  const perDay = new Map<string, Map<string, number>>()
  for (const s of list) {
    if (s.status !== 'approved') continue
    let days = perDay.get(s.userId)
    if (!days) perDay.set(s.userId, (days = new Map()))
    const counted = s.adjustedMinutes === null ? s.days : [{ date: s.days[0].date, minutes: s.adjustedMinutes }]
    for (const d of counted) days.set(d.date, (days.get(d.date) ?? 0) + d.minutes)
  }
  const out = new Map<string, number>()
  for (const [userId, days] of perDay) {
    let total = 0
    for (const m of days.values()) total += Math.min(m, DAILY_CAP_MINUTES)
    out.set(userId, total)
  }
  return out
}

export interface ServiceTruth {
  volunteers: number
  maxTotalMinutes: number
  /** A few volunteers' credited minutes (the top ones), to check the first page's figures. */
  totals: Record<string, number>
}

export interface CityTruth {
  service: { city: ServiceTruth; county: ServiceTruth }
  perk: { city: { total: number; byCounty: Record<string, number>; merchants: number }; county: { total: number; merchants: number }; merchantDay: number }
  /** subsidyDueFrom of each lending loan: the subsidy queue holds those due by the day the benchmark runs. */
  loan: { city: LoanTruth; county: LoanTruth; todoCity: number; todoCounty: number; subsidyDueFrom: string[] }
  fair: { report: FairTruth; signups: number; applicantRows: number }
  queue: { townshipPending: number }
  registrations: { countyPending: number; cityPending: number }
}

interface LoanTruth {
  byStatus: Record<string, number>
  applications: number
  loans: number
  lentFen: number
  subsidyFen: number
}

interface FairTruth {
  signups: number
  confirmed: number
  waiting: number
  cancelled: number
  attended: number
  people: { interviewed: number; offered: number; hired: number; hiredLocal: number }
}

function serviceTruth(list: SessionDoc[]): ServiceTruth {
  const credited = creditedMinutes(list)
  const top = [...credited].sort((a, b) => b[1] - a[1]).slice(0, 50)
  return { volunteers: credited.size, maxTotalMinutes: top[0]?.[1] ?? 0, totals: Object.fromEntries(top) }
}

function loanTruth(list: LoanDoc[]): LoanTruth {
  const byStatus: Record<string, number> = {}
  let applications = 0
  let loans = 0
  let lentFen = 0
  let subsidyFen = 0
  for (const l of list) {
    // Every application submitted in the three years (the benchmark asks for all of them).
    if (l.submittedAt) {
      applications++
      byStatus[l.status] = (byStatus[l.status] ?? 0) + 1
    }
    if (l.disbursement) {
      loans++
      lentFen += l.disbursement.amountFen
    }
    for (const s of l.subsidies) subsidyFen += s.amountFen
  }
  return { byStatus, applications, loans, lentFen, subsidyFen }
}

function fairTruth(list: SignupDoc[], positions: Map<string, PositionDoc>): FairTruth {
  const t: FairTruth = { signups: 0, confirmed: 0, waiting: 0, cancelled: 0, attended: 0, people: { interviewed: 0, offered: 0, hired: 0, hiredLocal: 0 } }
  for (const s of list) {
    if (s.status === 'cancelled') t.cancelled++
    else {
      t.signups++
      if (s.status === 'confirmed') t.confirmed++
      else t.waiting++
    }
    if (s.checkedInAt) t.attended++
    const outcomes = Object.entries(s.outcomes)
    if (outcomes.length > 0) t.people.interviewed++
    if (outcomes.some(([, o]) => o.outcome === 'offered' || o.outcome === 'hired')) t.people.offered++
    if (outcomes.some(([, o]) => o.outcome === 'hired')) t.people.hired++
    if (outcomes.some(([id, o]) => o.outcome === 'hired' && positions.get(id)!.countyCode !== '')) t.people.hiredLocal++
  }
  return t
}

export function cityTruth(city: City): CityTruth {
  const c = city.collections as unknown as {
    sessions: SessionDoc[]
    redemptions: RedemptionDoc[]
    merchants: MerchantDoc[]
    loans: LoanDoc[]
    fairs: FairDoc[]
    fair_positions: PositionDoc[]
    fair_signups: SignupDoc[]
    registrations: RegistrationDoc[]
  }
  const { cast } = city
  const county = cast.county.countyCode
  const countyMerchants = new Set(c.merchants.filter((m) => m.countyCode === county).map((m) => m._id))
  const byCounty: Record<string, number> = {}
  const merchantCounty = new Map(c.merchants.map((m) => [m._id, m.countyCode]))
  for (const r of c.redemptions) byCounty[merchantCounty.get(r.merchantId)!] = (byCounty[merchantCounty.get(r.merchantId)!] ?? 0) + 1
  const countyRedemptions = c.redemptions.filter((r) => countyMerchants.has(r.merchantId))
  const fairSignups = c.fair_signups.filter((s) => s.fairId === cast.fair.fairId)
  const positions = new Map(c.fair_positions.map((p) => [p._id, p]))
  const employerPositions = new Set(c.fair_positions.filter((p) => p.fairId === cast.employer.fairId && p.employerId === cast.employer.employerId).map((p) => p._id))
  const lending = c.loans.filter((l) => l.status === 'disbursed' || l.status === 'in_subsidy')
  return {
    service: { city: serviceTruth(c.sessions), county: serviceTruth(c.sessions.filter((s) => s.countyCode === county)) },
    perk: {
      city: { total: c.redemptions.length, byCounty, merchants: new Set(c.redemptions.map((r) => r.merchantId)).size },
      county: { total: countyRedemptions.length, merchants: new Set(countyRedemptions.map((r) => r.merchantId)).size },
      merchantDay: c.redemptions.filter((r) => r.merchantId === cast.merchant.merchantId && r.date === cast.merchant.date).length,
    },
    loan: {
      city: loanTruth(c.loans),
      county: loanTruth(c.loans.filter((l) => l.countyCode === county)),
      todoCity: c.loans.filter((l) => l.status === 'city_review').length,
      todoCounty: c.loans.filter((l) => l.status === 'submitted' && l.countyCode === county).length,
      subsidyDueFrom: lending.map((l) => l.subsidyDueFrom).filter(Boolean),
    },
    fair: {
      report: fairTruth(fairSignups, positions),
      signups: fairSignups.length,
      applicantRows: fairSignups.filter((s) => s.status !== 'cancelled').reduce((n, s) => n + s.positionIds.filter((id) => employerPositions.has(id)).length, 0),
    },
    queue: { townshipPending: c.sessions.filter((s) => s.status === 'pending' && s.townshipCode === cast.township.townshipCode).length },
    registrations: {
      countyPending: c.registrations.filter((r) => r.status === 'pending' && r.countyCode === county).length,
      cityPending: c.registrations.filter((r) => r.status === 'pending').length,
    },
  }
}
