// Accounts and registrations: the staff who run the programs (each with the role a report
// belongs to) and the city's volunteers and rural youth, registered in every state, their ID
// numbers sealed and blind-indexed with the functions' own helpers (cloudfunctions/_shared/pii.ts).
import { blindIndex, encrypt } from '../../cloudfunctions/_shared/pii'
import type { IdentityDoc, RegistrationDoc, StationDoc, UserDoc } from '../../cloudfunctions/_shared/collections'
import type { RoleGrant } from '../../types/common'
import { idCheckChar, maskIdNumber } from '../../types/personal'
import { PRIVACY_VERSION, SENSITIVE_CONSENT_VERSION, type RegistrationKind, type RegistrationStatus } from '../../types/registration'
import { Prng } from './prng'
import { addDays, addMinutes, CITY, COUNTIES, GIVEN, instant, MAJORS, OCCUPATIONS, POLITICAL, SCHOOL_SKILLS, SCHOOLS, SURNAMES, TOWNSHIPS, ymdOf, type Township } from './places'

export interface Person {
  user: UserDoc
  registration: RegistrationDoc
  idNumber: string
  township: Township
}

/** A staff account: its WeChat identity (what a call is made as) and its document. */
export interface Staff {
  openid: string
  user: UserDoc
}

export function staffUser(prng: Prng, openid: string, realName: string, roles: RoleGrant[], createdAt: Date): Staff {
  const user: UserDoc = { _id: prng.hex(32), openid, nickname: realName, avatarFileId: '', mobile: '', realName, roles, status: 'active', createdAt, updatedAt: createdAt }
  return { openid, user }
}

export const personName = (prng: Prng) => prng.pick(SURNAMES) + prng.pick(GIVEN)

/** The city admin, each county's admin and each township's staff. */
export function placeStaff(prng: Prng, start: Date) {
  const city = staffUser(prng, 'o_city_admin', '清远团市委管理员', [{ role: 'city_admin', scopeType: 'city', scopeId: CITY.code, scopeName: CITY.name }], start)
  const counties = new Map(COUNTIES.map((c) => [c.code, staffUser(prng, `o_city_county_${c.code}`, `${c.name}团委`, [{ role: 'county_admin', scopeType: 'county', scopeId: c.code, scopeName: c.name }], start)]))
  const townships = new Map(
    TOWNSHIPS.map((t) => [t.code, staffUser(prng, `o_city_township_${t.code}`, `${t.name}团委干事`, [{ role: 'township_staff', scopeType: 'township', scopeId: t.code, scopeName: t.name }], start)]),
  )
  return { city, counties, townships }
}

/** Stations: at least one in every township when there are enough, else one per county first. */
export function stations(prng: Prng, count: number, createdBy: string, at: Date): StationDoc[] {
  const homes: Township[] = []
  if (count >= TOWNSHIPS.length) homes.push(...TOWNSHIPS)
  else for (const c of COUNTIES) homes.push(TOWNSHIPS.find((t) => t.countyCode === c.code)!)
  while (homes.length < count) homes.push(prng.pick(TOWNSHIPS))
  return homes.slice(0, count).map((t, i) => {
    const seat = COUNTIES.find((c) => c.code === t.countyCode)!.seat
    return {
      _id: `st_c${String(i).padStart(4, '0')}`,
      name: `${t.name}青年驿站${i % 3 === 0 ? '' : `（${i}）`}`,
      address: `${t.countyName}${t.name}人民路 ${prng.int(1, 200)} 号`,
      townshipCode: t.code,
      townshipName: t.name,
      countyCode: t.countyCode,
      countyName: t.countyName,
      location: { lat: Math.round((seat.approxLat + (prng.next() - 0.5) * 0.4) * 1e6) / 1e6, lng: Math.round((seat.approxLng + (prng.next() - 0.5) * 0.4) * 1e6) / 1e6 },
      radiusM: prng.pick([200, 300, 300, 500]),
      opensAt: prng.pick(['08:00', '08:30', '00:00']),
      closesAt: prng.pick(['18:00', '21:00', '23:59']),
      active: prng.chance(0.97),
      createdBy,
      createdAt: at,
      updatedAt: at,
    }
  })
}

const REGISTRATION_WEIGHTS: Record<RegistrationStatus, number> = { approved: 84, pending: 8, rejected: 5, closed: 3 }

/** A resident ID number (GB 11643) unique in the city: born in the county, checksum right. */
function idNumber(prng: Prng, countyCode: string, taken: Set<string>): string {
  for (;;) {
    const birth = ymdOf(prng.int(7305, 12784)).replace(/-/g, '') // 1990-01-01 … 2004-12-31
    const first17 = `${countyCode}${birth}${String(prng.int(0, 999)).padStart(3, '0')}`
    const id = first17 + idCheckChar(first17)
    if (!taken.has(id)) {
      taken.add(id)
      return id
    }
  }
}

/**
 * Volunteers and rural youth, each with an account and one registration in one of every state.
 * Approved people hold their role; a closed registration's account is closed as account.close
 * leaves it (personal data erased, the openid released).
 */
export function people(prng: Prng, count: number, span: { firstDay: number; lastDay: number }, reviewers: Map<string, Staff>): { persons: Person[]; identities: IdentityDoc[] } {
  const persons: Person[] = []
  const identities: IdentityDoc[] = []
  const ids = new Set<string>()
  for (let i = 0; i < count; i++) {
    const kind: RegistrationKind = prng.chance(0.7) ? 'volunteer' : 'rural_youth'
    const status = prng.weighted(REGISTRATION_WEIGHTS)
    const township = prng.pick(TOWNSHIPS)
    const id = idNumber(prng, township.countyCode, ids)
    const userId = prng.hex(32)
    const openid = `o_city_p${i}`
    // Approved people registered before most of the three years; pending ones lately.
    const day = status === 'pending' ? prng.int(span.lastDay - 30, span.lastDay) : prng.int(span.firstDay - 60, span.lastDay - 40)
    const submittedAt = instant(day, prng.int(8 * 60, 22 * 60))
    const reviewed = status !== 'pending'
    const reviewedAt = reviewed ? addMinutes(addDays(submittedAt, prng.int(1, 5)), prng.int(0, 300)) : null
    const name = personName(prng)
    const mobile = `1${prng.pick(['3', '5', '7', '8', '9'])}${String(prng.int(0, 999_999_999)).padStart(9, '0')}`
    const closed = status === 'closed'
    const closedAt = closed ? addDays(reviewedAt!, prng.int(30, 300)) : null
    const volunteer = kind === 'volunteer'
    const termStart = ymdOf(day + 10).slice(0, 8) + '01'
    const registration: RegistrationDoc = {
      _id: `${userId}:${kind}`,
      userId,
      kind,
      status,
      name: closed ? '已注销用户' : name,
      idSealed: closed ? '' : encrypt(id),
      idBlindIndex: closed ? '' : blindIndex(id),
      idMasked: closed ? '' : maskIdNumber(id),
      idConflict: false,
      mobile: closed ? '' : mobile,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: closed ? '' : `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      countyCode: township.countyCode,
      countyName: township.countyName,
      townshipCode: township.code,
      townshipName: township.name,
      school: volunteer && !closed ? prng.pick(SCHOOLS) : '',
      major: volunteer && !closed ? prng.pick(MAJORS) : '',
      graduationYear: volunteer ? prng.int(2016, 2026) : null,
      politicalStatus: volunteer ? prng.pick(POLITICAL) : '',
      skills: volunteer && !closed ? [...new Set([prng.pick(SCHOOL_SKILLS), prng.pick(SCHOOL_SKILLS)])] : [],
      termStart: volunteer ? termStart : '',
      termEnd: volunteer ? `${Number(termStart.slice(0, 4)) + prng.pick([2, 3])}${termStart.slice(4, 8)}${prng.pick(['30', '28'])}` : '',
      occupation: !volunteer && !closed ? prng.pick(OCCUPATIONS) : '',
      consents: { privacy: { version: PRIVACY_VERSION, at: submittedAt }, sensitive: { version: SENSITIVE_CONSENT_VERSION, at: submittedAt } },
      rejectReason: status === 'rejected' ? '服务镇街与实际居住地不符，请核对后重新提交' : '',
      submittedAt,
      reviewedAt,
      reviewerId: reviewed ? reviewers.get(township.countyCode)!.user._id : '',
      updatedAt: closedAt ?? reviewedAt ?? submittedAt,
    }
    const roles: RoleGrant[] =
      status !== 'approved' ? [] : volunteer ? [{ role: 'volunteer', scopeType: 'township', scopeId: township.code, scopeName: township.name }] : [{ role: 'rural_youth', scopeType: 'none', scopeId: '', scopeName: '' }]
    const createdAt = addMinutes(submittedAt, -prng.int(5, 600))
    const user: UserDoc = {
      _id: userId,
      openid: closed ? `closed:${userId}` : openid,
      nickname: closed ? '' : name,
      avatarFileId: '',
      mobile: closed ? '' : prng.chance(0.6) ? mobile : '',
      roles,
      status: closed ? 'closed' : 'active',
      createdAt,
      updatedAt: closedAt ?? reviewedAt ?? submittedAt,
    }
    // An ID number is claimed while its registration is in play (submitted or approved).
    if (status === 'pending' || status === 'approved') identities.push({ _id: registration.idBlindIndex, userId, claimedAt: submittedAt })
    persons.push({ user, registration, idNumber: id, township })
  }
  return { persons, identities }
}
