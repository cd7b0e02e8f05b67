// What the caring-merchant alliance pages share (volunteer `packages/perks`, merchant staff
// `packages/merchant`, league admins `packages/alliance`): who the caller is for these pages,
// labels, distances, dates, a hand-off between pages that keeps tokens out of URLs, and the
// Excel export. No zod, no dayjs: subpackages have a 300 KB budget.
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { MerchantCategory } from '@contract/vocabulary'
import { CallError, errorMessage } from '@/services/cloud'
import { loadAccount, type Account } from '@/components/admin/shared'

export type PerkView = OutputOf<'perk.detail'>
export type Redemption = OutputOf<'perk.myRedemptions'>['items'][number]
export type Merchant = OutputOf<'perk.merchants'>['items'][number]
export type ScanView = OutputOf<'perk.verify'>

export interface Place {
  code: string
  name: string
}

/** The caller as these pages see them: the shops they staff, and whether they administer merchants. */
export interface Who {
  account: Account
  /** Merchants the caller works for (merchant role), by id and name. */
  shops: Place[]
  /** 'city': all merchants; 'county': those of `counties`; null: not an admin. */
  admin: 'city' | 'county' | null
  counties: Place[]
  volunteer: boolean
}

export type WhoState = { kind: 'loading' } | { kind: 'ready'; who: Who } | { kind: 'no-identity' } | { kind: 'error'; message: string }

function whoOf(account: Account): Who {
  const roles = account.roles
  const city = roles.some((g) => g.role === 'city_admin')
  const counties = roles.filter((g) => g.role === 'county_admin').map((g) => ({ code: g.scopeId, name: g.scopeName }))
  return {
    account,
    shops: roles.filter((g) => g.role === 'merchant').map((g) => ({ code: g.scopeId, name: g.scopeName })),
    admin: city ? 'city' : counties.length ? 'county' : null,
    counties: city ? [] : counties,
    volunteer: roles.some((g) => g.role === 'volunteer'),
  }
}

/** Whether an error is the local gateway's "no persona chosen" (development web builds only). */
export function isNoIdentity(err: unknown): boolean {
  return process.env.TARO_APP_DEV_TOOLS === 'true' && err instanceof CallError && err.code === 'UNAUTHENTICATED'
}

/** Who the caller is (account.me, shared for a short while between pages); `reload(true)` asks again. */
export function useWho(): { state: WhoState; reload: (fresh?: boolean) => Promise<Who | null> } {
  const [state, setState] = useState<WhoState>({ kind: 'loading' })
  const reload = useCallback(async (fresh = false) => {
    try {
      const who = whoOf(await loadAccount(fresh))
      setState({ kind: 'ready', who })
      return who
    } catch (err) {
      setState(isNoIdentity(err) ? { kind: 'no-identity' } : { kind: 'error', message: errorMessage(err) })
      return null
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload }
}

// ---- labels --------------------------------------------------------------------------------

/** A drawn mark and a tone for each category (cards without a picture). */
export const CATEGORY_LOOK: Record<MerchantCategory, { mark: string; tone: string }> = {
  餐饮: { mark: '食', tone: 'food' },
  购物: { mark: '购', tone: 'shop' },
  文化娱乐: { mark: '影', tone: 'culture' },
  旅游: { mark: '游', tone: 'travel' },
  医疗健康: { mark: '医', tone: 'health' },
  生活服务: { mark: '生', tone: 'life' },
  其他: { mark: '惠', tone: 'other' },
}

export function starLabel(star: number): string {
  return star > 0 ? `${star} 星志愿者` : '未定级'
}

/** 「2 星及以上」 or 「不限星级」 */
export function minStarLabel(minStar: number): string {
  return minStar > 0 ? `${minStar} 星及以上` : '不限星级'
}

/** 820 m, 1.2 km, 36 km. */
export function distanceText(m: number | null): string {
  if (m === null || !Number.isFinite(m)) return ''
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} m`
  if (m < 100_000) return `${(m / 1000).toFixed(1)} km`
  return `${Math.round(m / 1000)} km`
}

export type PerkState = 'active' | 'paused' | 'suspended' | 'upcoming' | 'ended' | 'full'

/** Where a perk stands for its merchant today. */
export function perkState(p: Pick<PerkView, 'status' | 'validFrom' | 'validTo' | 'redeemed' | 'quota'>, today: string): PerkState {
  if (p.status === 'suspended') return 'suspended'
  if (p.status === 'paused') return 'paused'
  if (today < p.validFrom) return 'upcoming'
  if (today > p.validTo) return 'ended'
  if (p.redeemed >= p.quota) return 'full'
  return 'active'
}

export const PERK_STATE_LOOK: Record<PerkState, { label: string; tone: 'green' | 'grey' | 'amber' | 'blue' | 'brand' }> = {
  active: { label: '进行中', tone: 'green' },
  paused: { label: '已暂停', tone: 'amber' },
  suspended: { label: '商家已暂停', tone: 'grey' },
  upcoming: { label: '未开始', tone: 'blue' },
  ended: { label: '已结束', tone: 'grey' },
  full: { label: '名额已满', tone: 'brand' },
}

// ---- hand-off between pages of one subpackage --------------------------------------------------

const handoff = new Map<string, { value: unknown; at: number }>()

/** Leaves something for the next page (a scanned code, the item to edit): kept in memory only, never in a URL or a log. */
export function handOver(key: string, value: unknown): void {
  handoff.set(key, { value, at: Date.now() })
}

/** Takes what the previous page left (once), if it is recent enough. */
export function takeOver<T>(key: string, maxAgeMs = 10 * 60_000): T | null {
  const entry = handoff.get(key)
  handoff.delete(key)
  return entry && Date.now() - entry.at <= maxAgeMs ? (entry.value as T) : null
}

// ---- Excel ---------------------------------------------------------------------------------------

/** A toast with the message of a failed call. */
export function toastError(err: unknown): void {
  void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
}
