// Pieces the alliance pages share: a perk's picture (or a drawn stand-in), a merchant's category
// mark, stars, a redemption row and list, the limits of a perk, and a stat tile.
import type { ReactNode } from 'react'
import { Image, ScrollView, Text, View } from '@tarojs/components'
import type { MerchantCategory } from '@contract/vocabulary'
import { CATEGORY_LOOK, type Redemption } from './shared'
import { friendlyTime } from '@/components/ui/format'
import { ListFooter } from '@/components/ui/ListFooter'
import type { PagedList } from '@/components/ui/paged'

import './picture.scss'
import './redemption.scss'
import './limits.scss'
import './chips.scss'
// The pages that use these parts share the alliance's page look (pk-page, pk-card, pk-note).
import './page.scss'

/** The perk's picture, or its category's mark on a soft gradient when it has none. */
export function PerkPicture({ url, category, className, label }: { url: string; category: MerchantCategory; className?: string; label?: string }) {
  const look = CATEGORY_LOOK[category] ?? CATEGORY_LOOK['其他']
  if (url) return <Image className={`pk-pic ${className ?? ''}`} src={url} mode='aspectFill' lazyLoad />
  return (
    <View className={`pk-pic pk-pic--${look.tone} ${className ?? ''}`}>
      <View className='pk-pic__ring' />
      <Text className='pk-pic__mark'>{look.mark}</Text>
      {label ? <Text className='pk-pic__label'>{label}</Text> : null}
    </View>
  )
}

/** A merchant's category mark in a small square (sized by `className`). */
export function CategoryMark({ category, className }: { category: MerchantCategory; className: string }) {
  const look = CATEGORY_LOOK[category] ?? CATEGORY_LOOK['其他']
  return (
    <View className={`${className} pk-mark pk-pic--${look.tone}`}>
      <Text>{look.mark}</Text>
    </View>
  )
}

/** ★★☆☆☆ */
export function Stars({ star, className }: { star: number; className?: string }) {
  const n = Math.max(0, Math.min(5, Math.round(star)))
  return (
    <Text className={`pk-stars ${className ?? ''}`}>
      {'★'.repeat(n)}
      <Text className='pk-stars__off'>{'★'.repeat(5 - n)}</Text>
    </Text>
  )
}

/** 「≥2★」 when a perk asks for a star level. */
export function MinStar({ minStar }: { minStar: number }) {
  if (minStar <= 0) return <Text className='pk-minstar pk-minstar--any'>不限星级</Text>
  return <Text className='pk-minstar'>{minStar}★及以上</Text>
}

/** One redemption: what, where (or for whom), when. */
export function RedemptionRow({ r, side }: { r: Redemption; side: 'volunteer' | 'merchant' }) {
  return (
    <View className='pk-red'>
      <View className='pk-red__mark'>
        <Text>✓</Text>
      </View>
      <View className='pk-red__main'>
        <Text className='pk-red__title'>{r.perkTitle}</Text>
        <Text className='pk-red__sub'>
          {side === 'volunteer' ? r.merchantName : `${r.volunteerName} · ${r.star > 0 ? `${r.star} 星志愿者` : '志愿者'}`}
        </Text>
      </View>
      <View className='pk-red__side'>
        <Text className='pk-red__time'>{friendlyTime(r.at)}</Text>
        <Text className='pk-red__state'>已核销</Text>
      </View>
    </View>
  )
}

/** A page of redemptions in a card, and the list's footer (更多, or how many there are). */
export function RedemptionList({ items, list, side, className }: { items: Redemption[]; list: PagedList<Redemption>; side: 'volunteer' | 'merchant'; className: string }) {
  return (
    <>
      <View className={`pk-card ${className}`}>
        {items.map((r) => (
          <RedemptionRow key={r.id} r={r} side={side} />
        ))}
      </View>
      <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
    </>
  )
}

/** 每人每日 / 每人每月 / 剩余名额 in three tiles. */
export function Limits({ perDay, perMonth, quota, redeemed }: { perDay: number; perMonth: number; quota: number; redeemed: number }) {
  const left = Math.max(0, quota - redeemed)
  return (
    <View className='pk-limits'>
      <Tile value={`${perDay}`} unit='次' label='每人每日' />
      <Tile value={`${perMonth}`} unit='次' label='每人每月' />
      <Tile value={`${left}`} unit={`/${quota}`} label='剩余名额' warn={left === 0} />
    </View>
  )
}

export function Tile({ value, unit, label, warn }: { value: ReactNode; unit?: string; label: string; warn?: boolean }) {
  return (
    <View className='pk-tile'>
      <View className='pk-tile__top'>
        <Text className={`pk-tile__value ${warn ? 'pk-tile__value--warn' : ''}`}>{value}</Text>
        {unit ? <Text className='pk-tile__unit'>{unit}</Text> : null}
      </View>
      <Text className='pk-tile__label'>{label}</Text>
    </View>
  )
}

/** Filter chips: wrapped in rows, or one row that scrolls sideways (`scroll`). */
export function Chips<T extends string>({ options, value, onChange, className, scroll }: { options: { value: T; label: string }[]; value: T; onChange: (v: T) => void; className?: string; scroll?: boolean }) {
  const chips = options.map((o) => (
    <View key={o.value || 'all'} className={`pk-chip ${o.value === value ? 'pk-chip--on' : ''}`} hoverClass='pk-chip--pressed' onClick={() => onChange(o.value)}>
      <Text>{o.label}</Text>
    </View>
  ))
  if (!scroll) return <View className={`pk-chips ${className ?? ''}`}>{chips}</View>
  return (
    <ScrollView scrollX enhanced showScrollbar={false} className={`pk-chips pk-chips--scroll ${className ?? ''}`}>
      <View className='pk-chips__row'>{chips}</View>
    </ScrollView>
  )
}
