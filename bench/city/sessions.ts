// Service records over three years: every status and source the service function writes
// (checked in and out by scan, kiosk or the nearby list; make-ups; closed by the timer;
// adjusted; appealed), shaped as closedSession / makeup / decide / adjust / appeal leave them,
// and a few sessions still open today.
import type { Flag } from '../../types/service'
import { DEFAULT_SETTINGS } from '../../types/settings'
import type { OpenSessionDoc, SessionDoc, StationDoc } from '../../cloudfunctions/_shared/collections'
import type { Person, Staff } from './people'
import { Prng } from './prng'
import { addDays, addMinutes, instant, splitByShanghaiDay } from './places'

type Kind = 'approved' | 'adjusted' | 'rejected' | 'pending' | 'needs_review' | 'appealed'
const OLD: Record<Kind, number> = { approved: 87, adjusted: 3, rejected: 6, appealed: 1, pending: 1.5, needs_review: 1.5 }
/** The last three weeks: most records still wait for the township. */
const RECENT: Record<Kind, number> = { approved: 30, adjusted: 2, rejected: 4, appealed: 1, pending: 48, needs_review: 15 }
const SOURCES = { scan: 55, kiosk: 25, nearby: 10, makeup: 10 } as const

function reading(prng: Prng, st: StationDoc, accuracy = prng.int(5, 60)) {
  const distanceM = prng.int(2, Math.round(st.radiusM * 0.9))
  return { lat: st.location.lat + (prng.next() - 0.5) * 0.002, lng: st.location.lng + (prng.next() - 0.5) * 0.002, accuracy, distanceM }
}

/**
 * `count` records by the approved volunteers, on days in [firstDay, lastDay]; a volunteer
 * serves at the stations of their township (or of their county where it has none).
 */
export function sessions(prng: Prng, count: number, volunteers: Person[], allStations: StationDoc[], span: { firstDay: number; lastDay: number }, staff: Map<string, Staff>): { sessions: SessionDoc[]; open: OpenSessionDoc[] } {
  const byTownship = new Map<string, StationDoc[]>()
  const byCounty = new Map<string, StationDoc[]>()
  for (const st of allStations) {
    byTownship.set(st.townshipCode, [...(byTownship.get(st.townshipCode) ?? []), st])
    byCounty.set(st.countyCode, [...(byCounty.get(st.countyCode) ?? []), st])
  }
  const stationsOf = (p: Person) => byTownship.get(p.township.code) ?? byCounty.get(p.township.countyCode) ?? allStations
  // Some volunteers serve far more than others.
  const weights = volunteers.map(() => (prng.chance(0.1) ? 6 : prng.chance(0.4) ? 2 : 1))
  const cumulative: number[] = []
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0)
  const total = cumulative[cumulative.length - 1]
  const pickVolunteer = () => {
    const r = prng.next() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] > r) hi = mid
      else lo = mid + 1
    }
    return volunteers[lo]
  }
  const out: SessionDoc[] = []
  for (let i = 0; i < count; i++) {
    const p = pickVolunteer()
    const st = prng.pick(stationsOf(p))
    const from = Math.max(span.firstDay, Math.floor(p.registration.reviewedAt!.getTime() / 86_400_000) + 1)
    const day = prng.int(Math.min(from, span.lastDay), span.lastDay)
    const kind = prng.weighted(span.lastDay - day < 21 ? RECENT : OLD)
    const source = prng.weighted(SOURCES)
    // Mostly an afternoon's or a morning's service; now and then a whole (long) day.
    const long = prng.chance(0.03)
    const startMinute = long ? prng.int(7 * 60, 9 * 60) : prng.int(8 * 60, 17 * 60)
    const minutesPlanned = long ? prng.int(490, 700) : prng.int(30, 300)
    const checkInAt = instant(day, startMinute)
    const byTimer = kind === 'needs_review' && source !== 'makeup' && prng.chance(0.5)
    const checkOutAt = byTimer ? instant(day + 1, 0) : addMinutes(checkInAt, minutesPlanned)
    const days = splitByShanghaiDay(checkInAt, checkOutAt)
    const minutes = days.reduce((n, d) => n + d.minutes, 0)
    const makeup = source === 'makeup'
    const flags = new Set<Flag>()
    if (makeup) flags.add('makeup')
    if (byTimer) flags.add('closed_by_timer')
    if (minutes > DEFAULT_SETTINGS.longSessionMinutes) flags.add('long_session')
    if (days.some((d) => d.minutes > DEFAULT_SETTINGS.dailyCapMinutes)) flags.add('over_daily_cap')
    const checkIn = makeup ? null : reading(prng, st, prng.chance(0.04) ? prng.int(300, 900) : undefined)
    if (checkIn && checkIn.accuracy > DEFAULT_SETTINGS.coarseAccuracyM) flags.add('coarse_location')
    if (kind === 'needs_review' && !byTimer && !makeup) flags.add('edge_of_fence')
    const reviewer = staff.get(st.townshipCode)!.user._id
    const decided = kind === 'approved' || kind === 'adjusted' || kind === 'rejected' || kind === 'appealed'
    const reviewedAt = decided ? addMinutes(addDays(checkOutAt, prng.int(1, 3)), prng.int(0, 600)) : null
    const createdAt = makeup ? addMinutes(checkOutAt, prng.int(60, 3 * 24 * 60)) : checkOutAt
    let adjustedMinutes: number | null = null
    let status: SessionDoc['status'] = kind === 'adjusted' ? 'approved' : kind === 'appealed' ? 'pending' : kind
    let decisionReason = ''
    let note = makeup ? '室内没有信号，无法签到' : ''
    let updatedAt = reviewedAt ?? createdAt
    if (kind === 'adjusted') {
      adjustedMinutes = Math.max(1, Math.round(minutes * 0.6))
      flags.add('adjusted')
      decisionReason = '按服务登记表核定时长'
    } else if (kind === 'rejected') decisionReason = '当天驿站没有安排服务'
    else if (kind === 'appealed') {
      // Rejected, then appealed: back in the queue with the volunteer's reason.
      flags.add('appeal')
      decisionReason = '当天驿站没有安排服务'
      note = '当天有村委会的活动安排，可以核实'
      updatedAt = addDays(reviewedAt!, 1)
      status = 'pending'
    }
    const requestId = makeup ? `mk${prng.hex(16)}` : `r${prng.base64url(15)}`
    out.push({
      _id: `${p.user._id}:${requestId}`,
      userId: p.user._id,
      openid: p.user.openid,
      stationId: st._id,
      stationName: st.name,
      townshipCode: st.townshipCode,
      townshipName: st.townshipName,
      countyCode: st.countyCode,
      status,
      checkInAt,
      checkOutAt,
      checkIn,
      checkOut: makeup || byTimer ? null : reading(prng, st),
      days,
      minutes,
      adjustedMinutes,
      flags: [...flags],
      source,
      note,
      photoFileId: makeup && prng.chance(0.5) ? `cloud://local-env.6c6f-local-env/makeups/${p.user._id}-${requestId}.jpg` : '',
      checkOutRequestId: makeup || byTimer ? '' : `o${prng.base64url(15)}`,
      decisionReason,
      decisionId: decided ? prng.hex(32) : '',
      reviewedBy: decided ? reviewer : '',
      reviewedAt,
      createdAt,
      updatedAt,
    })
  }
  // A few volunteers are at a station now (checked in this morning, not yet out).
  const open: OpenSessionDoc[] = []
  const present = new Set<string>()
  for (let i = 0; i < Math.max(3, Math.round(volunteers.length / 100)); i++) {
    const p = prng.pick(volunteers)
    if (present.has(p.user._id)) continue
    present.add(p.user._id)
    const st = prng.pick(stationsOf(p))
    const r = reading(prng, st)
    const requestId = `r${prng.base64url(15)}`
    open.push({
      _id: p.user._id,
      sessionId: `${p.user._id}:${requestId}`,
      requestId,
      openid: p.user.openid,
      stationId: st._id,
      stationName: st.name,
      stationLocation: st.location,
      radiusM: st.radiusM,
      townshipCode: st.townshipCode,
      townshipName: st.townshipName,
      countyCode: st.countyCode,
      checkInAt: instant(span.lastDay, prng.int(8 * 60, 10 * 60)),
      checkIn: r,
      flags: [],
      via: prng.pick(['scan', 'kiosk', 'nearby'] as const),
    })
  }
  return { sessions: out, open }
}
