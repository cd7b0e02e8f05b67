// Caring merchants (and a few departments), their perks, their staff, and redemptions as
// perk.confirm records them: one per code, counted on the perk (redeemed, this month's usage,
// the recent codes), within each perk's per-day and per-month limits.
import type { MerchantDoc, PerkDoc, RedemptionDoc } from '../../cloudfunctions/_shared/collections'
import { maskName } from '../../types/personal'
import { MERCHANT_CATEGORIES } from '../../types/vocabulary'
import { staffUser, type Person, type Staff } from './people'
import { Prng } from './prng'
import { addMinutes, COUNTIES, instant, ymdOf } from './places'

const SHOP_NAMES = ['农家菜馆', '书店', '奶茶店', '照相馆', '理发店', '药房', '民宿', '温泉度假村', '电影院', '健身房', '茶叶铺', '水果店']
const PERK_TITLES = ['志愿者九折', '凭星级免费饮品一杯', '满 50 减 10', '门票半价', '免费体检一次', '理发八折']

export function merchants(prng: Prng, count: number, perksPerMerchant: number, span: { firstDay: number; lastDay: number }) {
  const created = instant(span.firstDay - 30, 9 * 60)
  const list: MerchantDoc[] = []
  const perks: PerkDoc[] = []
  const staff = new Map<string, Staff>()
  for (let i = 0; i < count; i++) {
    const county = COUNTIES[i % COUNTIES.length]
    // One in twenty is a department, one in twenty-five suspended (and at least one of each, however small the city).
    const isDepartment = i % 20 === 19 || i === count - 2
    const suspended = i % 25 === 24 || i === count - 1
    const m: MerchantDoc = {
      _id: `m_c${String(i).padStart(4, '0')}`,
      name: isDepartment ? `${county.name}文化馆` : `${county.name.slice(0, 2)}${prng.pick(SHOP_NAMES)}（${i}）`,
      countyCode: county.code,
      status: suspended ? 'suspended' : 'active',
      createdAt: created,
      category: isDepartment ? '文化娱乐' : prng.pick(MERCHANT_CATEGORIES),
      isDepartment,
      countyName: county.name,
      address: `${county.name}中山路 ${prng.int(1, 300)} 号`,
      location: { lat: county.seat.approxLat + (prng.next() - 0.5) * 0.1, lng: county.seat.approxLng + (prng.next() - 0.5) * 0.1 },
      contactName: '店长',
      contactPhone: `136${String(prng.int(0, 99_999_999)).padStart(8, '0')}`,
      updatedAt: created,
    }
    list.push(m)
    staff.set(m._id, staffUser(prng, `o_city_merchant_${i}`, `${m.name}店员`, [{ role: 'merchant', scopeType: 'merchant', scopeId: m._id, scopeName: m.name }], created))
    const n = i % 2 === 0 ? perksPerMerchant : Math.max(1, perksPerMerchant - 1)
    for (let k = 0; k < n; k++) {
      // Some paused by their merchant (the second merchant's first perk always: every state, however small the city).
      const paused = !suspended && (prng.chance(0.08) || (i === 1 && k === 0))
      perks.push({
        _id: `p_c${String(i).padStart(4, '0')}_${k}`,
        merchantId: m._id,
        merchantName: m.name,
        category: m.category,
        countyCode: m.countyCode,
        address: m.address,
        location: m.location,
        title: prng.pick(PERK_TITLES),
        description: '乡青汇志愿者专享优惠',
        terms: '到店出示乡青汇优惠码，由店员扫码核销。',
        pictureFileId: '',
        minStar: prng.pick([0, 0, 1, 2]),
        // The first merchant's perks (its promotion day) are open to every county.
        counties: i > 0 && prng.chance(0.2) ? [m.countyCode] : [],
        perDay: prng.pick([1, 2]),
        perMonth: prng.pick([4, 6, 10]),
        quota: 1_000_000,
        redeemed: 0,
        usage: {},
        recentCodes: [],
        validFrom: ymdOf(span.firstDay - 30),
        validTo: ymdOf(span.lastDay + 365),
        status: suspended ? 'suspended' : paused ? 'paused' : 'active',
        ...(suspended ? { suspendedFrom: 'active' as const } : {}),
        createdAt: created,
        updatedAt: created,
      })
    }
  }
  return { merchants: list, perks, staff }
}

/**
 * `count` redemptions over the three years, `busy` of them at the first merchant on the last day
 * (a promotion day: one merchant's list past a page). Each stays within its perk's limits and the
 * volunteer's eligibility; the perk documents are counted to match.
 */
export function redemptions(prng: Prng, count: number, busy: number, perks: PerkDoc[], volunteers: Person[], staff: Map<string, Staff>, span: { firstDay: number; lastDay: number }): RedemptionDoc[] {
  const out: RedemptionDoc[] = []
  const perDay = new Map<string, number>()
  const perMonth = new Map<string, number>()
  const busyPerks = perks.filter((p) => p.merchantId === perks[0].merchantId)
  const lastMonth = ymdOf(span.lastDay).slice(0, 7)
  let misses = 0
  for (let i = 0; i < count; i++) {
    const atBusy = i < busy
    const perk = atBusy ? busyPerks[i % busyPerks.length] : prng.pick(perks)
    const day = atBusy ? span.lastDay : prng.int(span.firstDay, span.lastDay)
    const date = ymdOf(day)
    let v: Person | null = null
    for (let attempt = 0; attempt < 20 && !v; attempt++) {
      const candidate = prng.pick(volunteers)
      const eligible = perk.counties.length === 0 || perk.counties.includes(candidate.township.countyCode)
      const dayKey = `${perk._id}|${candidate.user._id}|${date}`
      const monthKey = `${perk._id}|${candidate.user._id}|${date.slice(0, 7)}`
      if (eligible && (perDay.get(dayKey) ?? 0) < perk.perDay && (perMonth.get(monthKey) ?? 0) < perk.perMonth) {
        perDay.set(dayKey, (perDay.get(dayKey) ?? 0) + 1)
        perMonth.set(monthKey, (perMonth.get(monthKey) ?? 0) + 1)
        v = candidate
      }
    }
    if (!v) {
      // Every volunteer tried is at a limit of this perk: draw again (a city that cannot place one is a generator bug).
      if (++misses > 10_000) throw new Error(`city generator: no volunteer may redeem perk ${perk._id} on ${date}`)
      i--
      continue
    }
    const at = instant(day, prng.int(10 * 60, 21 * 60))
    const record: RedemptionDoc = {
      _id: prng.base64url(16),
      perkId: perk._id,
      merchantId: perk.merchantId,
      volunteerId: v.user._id,
      volunteerCounty: v.township.countyCode,
      volunteerName: maskName(v.registration.name),
      star: Math.max(perk.minStar, prng.pick([0, 0, 1, 1, 2, 3])),
      confirmedBy: staff.get(perk.merchantId)!.user._id,
      at: addMinutes(at, 0),
      date,
      month: date.slice(0, 7),
    }
    out.push(record)
    perk.redeemed += 1
    // The counters of the current month and day are what the nightly prune leaves on a perk.
    if (record.month === lastMonth) {
      const usage = (perk.usage[v.user._id] ??= {})
      const d = `d${date.replace(/-/g, '')}`
      const m = `m${record.month.replace('-', '')}`
      if (date === ymdOf(span.lastDay)) usage[d] = (usage[d] ?? 0) + 1
      usage[m] = (usage[m] ?? 0) + 1
    }
  }
  // Each perk keeps the nonces of its latest codes (a repeated confirmation is refused without writing).
  const latest = new Map<string, RedemptionDoc[]>()
  for (const r of out) {
    const list = latest.get(r.perkId)
    if (list) list.push(r)
    else latest.set(r.perkId, [r])
  }
  for (const p of perks) {
    const mine = (latest.get(p._id) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime())
    p.recentCodes = mine.slice(-20).map((r) => r._id)
    if (mine.length) p.updatedAt = mine[mine.length - 1].at
  }
  return out
}
