// The city-scale data set (issue 17): Qingyuan's 8 counties and 85 townships with their
// stations, volunteers and rural youth, three years of service, perks, micro-loans and job
// fairs, and the staff who run them. Deterministic: the same options give the same documents
// (sealed values aside, whose random IVs open to the same text). Personal data is sealed with
// the functions' helpers under the keys in process.env (set them before generating).
import { COLLECTIONS, type SessionDoc } from '../../cloudfunctions/_shared/collections'
import { countedDays, creditedByDay } from '../../types/service-rules'
import { DEFAULT_SETTINGS, starLevel } from '../../types/settings'
import { employers, fairs } from './fairs'
import { banks, loans, lprRates } from './loans'
import { people, placeStaff, stations, type Person, type Staff } from './people'
import { merchants, redemptions } from './perks'
import { Prng } from './prng'
import { sessions } from './sessions'
import { dayNumber, instant, ymdOf } from './places'

export interface CityOptions {
  seed: number
  /** 1: the whole city (issue 17's figures); 0.01: a hundredth, for tests. */
  scale: number
  /** The city's last day (Shanghai): three years of data end here. */
  lastDay: string
}

export const FULL_CITY: CityOptions = { seed: 17, scale: 1, lastDay: '2026-11-30' }

export type Doc = Record<string, unknown> & { _id: string }

/** Who to call each report and list as, and where the lists are longest. */
export interface CityCast {
  city: string
  county: { openid: string; countyCode: string }
  township: { openid: string; townshipCode: string }
  merchant: { openid: string; merchantId: string; date: string }
  bank: { openid: string; bankId: string }
  employer: { openid: string; employerId: string; fairId: string }
  fair: { fairId: string }
  lastDay: string
  firstDay: string
}

export interface City {
  options: CityOptions
  collections: Record<string, Doc[]>
  cast: CityCast
}

export function citySizes(scale: number) {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale))
  return {
    stations: n(300, 16),
    people: n(20_000, 300),
    sessions: n(200_000, 2_000),
    merchants: n(200, 8),
    perksPerMerchant: 2,
    redemptions: n(50_000, 500),
    busyRedemptions: n(300, 30),
    loans: n(3_000, 80),
    banks: 5,
    employers: n(60, 6),
    fairs: n(20, 4),
    maxSignups: n(2_000, 40),
  }
}

export function generateCity(options: CityOptions): City {
  if (!process.env.XQ_DATA_KEY || !process.env.XQ_INDEX_KEY) throw new Error('generateCity: set the functions\' keys (XQ_DATA_KEY, XQ_INDEX_KEY) in process.env first')
  const sizes = citySizes(options.scale)
  const root = new Prng(options.seed)
  const lastDay = dayNumber(options.lastDay)
  const span = { firstDay: lastDay - 3 * 365 + 1, lastDay }
  const start = instant(span.firstDay - 90, 9 * 60)

  const place = placeStaff(root.fork('staff'), start)
  const stationDocs = stations(root.fork('stations'), sizes.stations, place.city.user._id, start)
  const { persons, identities } = people(root.fork('people'), sizes.people, span, place.counties)
  const approved = persons.filter((p) => p.registration.status === 'approved')
  const volunteers = approved.filter((p) => p.registration.kind === 'volunteer')
  const service = sessions(root.fork('sessions'), sizes.sessions, volunteers, stationDocs, span, place.townships)

  const shops = merchants(root.fork('merchants'), sizes.merchants, sizes.perksPerMerchant, span)
  const redeemed = redemptions(root.fork('redemptions'), sizes.redemptions, sizes.busyRedemptions, shops.perks, volunteers, shops.staff, span)

  const lenders = banks(root.fork('banks'), start)
  const applicants = [...approved.filter((p) => p.registration.kind === 'rural_youth'), ...volunteers]
  const lending = loans(root.fork('loans'), sizes.loans, applicants, lenders.banks, { city: place.city, counties: place.counties, banks: lenders.staff }, span)

  const orgs = employers(root.fork('employers'), sizes.employers, start)
  const hours = approvedHours(service.sessions)
  const jobs = fairs(root.fork('fairs'), sizes.fairs, sizes.maxSignups, approved, orgs.employers, orgs.staff, place.city, hours, span)

  const staff: Staff[] = [place.city, ...place.counties.values(), ...place.townships.values(), ...shops.staff.values(), ...lenders.staff.values(), ...orgs.staff.values()]
  const collections: Record<string, Doc[]> = {
    [COLLECTIONS.users]: [...staff.map((s) => s.user), ...persons.map((p: Person) => p.user)],
    [COLLECTIONS.registrations]: persons.map((p) => p.registration),
    [COLLECTIONS.identities]: identities,
    [COLLECTIONS.stations]: stationDocs,
    [COLLECTIONS.sessions]: service.sessions,
    [COLLECTIONS.openSessions]: service.open,
    [COLLECTIONS.merchants]: shops.merchants,
    [COLLECTIONS.perks]: shops.perks,
    [COLLECTIONS.redemptions]: redeemed,
    [COLLECTIONS.banks]: lenders.banks,
    [COLLECTIONS.loans]: lending.loans,
    [COLLECTIONS.loanLocks]: lending.locks,
    [COLLECTIONS.lprRates]: lprRates(place.city.user._id, start),
    [COLLECTIONS.employers]: orgs.employers,
    [COLLECTIONS.fairs]: jobs.fairs,
    [COLLECTIONS.fairPositions]: jobs.positions,
    [COLLECTIONS.fairSignups]: jobs.signups,
  } as unknown as Record<string, Doc[]>

  // Where the lists are longest: the township with the most records waiting, the county with the most registrations waiting.
  const busiest = <T>(items: T[], key: (t: T) => string) => {
    const counts = new Map<string, number>()
    for (const t of items) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]
  }
  const townshipCode = busiest(service.sessions.filter((s) => s.status === 'pending'), (s) => s.townshipCode)
  const countyCode = busiest(persons.filter((p) => p.registration.status === 'pending'), (p) => p.registration.countyCode)
  const bigFair = jobs.fairs[0]
  const employerId = busiest(jobs.signups.filter((s) => s.fairId === bigFair._id && s.status !== 'cancelled').flatMap((s) => s.employerIds), (id) => id)
  const bankId = busiest(lending.loans.filter((l) => l.status === 'bank_review' || l.status === 'approved'), (l) => l.bankId)
  const cast: CityCast = {
    city: place.city.openid,
    county: { openid: place.counties.get(countyCode)!.openid, countyCode },
    township: { openid: place.townships.get(townshipCode)!.openid, townshipCode },
    merchant: { openid: shops.staff.get(shops.merchants[0]._id)!.openid, merchantId: shops.merchants[0]._id, date: options.lastDay },
    bank: { openid: lenders.staff.get(bankId)!.openid, bankId },
    employer: { openid: orgs.staff.get(employerId)!.openid, employerId, fairId: bigFair._id },
    fair: { fairId: bigFair._id },
    lastDay: options.lastDay,
    firstDay: ymdOf(span.firstDay),
  }
  return { options, collections, cast }
}

/** Each volunteer's approved hours and star (the product's rules), for the résumés fairs keep. */
function approvedHours(list: SessionDoc[]) {
  const days = new Map<string, { date: string; minutes: number }[]>()
  for (const s of list) {
    if (s.status !== 'approved') continue
    const mine = days.get(s.userId)
    if (mine) mine.push(...countedDays(s))
    else days.set(s.userId, [...countedDays(s)])
  }
  return (userId: string) => {
    const credited = [...creditedByDay(days.get(userId) ?? [], DEFAULT_SETTINGS.dailyCapMinutes).values()].reduce((a, b) => a + b, 0)
    return { approvedHours: Math.round((credited / 60) * 10) / 10, star: starLevel(credited / 60, DEFAULT_SETTINGS.starThresholdsHours).star }
  }
}
