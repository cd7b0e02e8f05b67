// Building blocks of the volunteer pages: how they refuse someone who is not a volunteer,
// status tags and flags, stars and the progress to the next one, and cards.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FLAG_LABELS, SESSION_STATUS_LABELS, type Flag, type SessionStatus } from '@contract/vocabulary'
import { Tag, type TagTone } from '@/components/ui/Tag'
import { ROUTES } from '@/constants/routes'
import { numeral } from '@contract/numerals'
import type { HoursView } from './volunteer'
import type { DeniedLook } from '@/components/ui/PageStates'
import { roundHours } from '@/components/ui/format'

import './volunteer.scss'

/** How a volunteer page refuses someone who is not (yet) an approved volunteer: the way to register. */
export const NOT_VOLUNTEER: DeniedLook = {
  tone: 'brand',
  mark: '志',
  className: 'vol-gate vol-gate--not-volunteer',
  title: '你还不是乡村振兴志愿者',
  text: '驿站签到、服务时长和服务证明仅向已通过审核的乡村振兴志愿者开放。注册并经县（市、区）团委审核通过后即可使用；如已提交注册，请耐心等待审核结果。',
  action: { text: '注册成为志愿者', onClick: () => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` }) },
  secondary: { text: '查看我的注册进度', onClick: () => void Taro.switchTab({ url: ROUTES.mine }) },
}

const STATUS_TONES: Record<SessionStatus, TagTone> = {
  open: 'brand',
  pending: 'amber',
  needs_review: 'amber',
  approved: 'green',
  rejected: 'red',
}

export function StatusTag({ status, className }: { status: SessionStatus; className?: string }) {
  return (
    <Tag tone={STATUS_TONES[status]} className={`vol-status vol-status--${status} ${className ?? ''}`}>
      {SESSION_STATUS_LABELS[status]}
    </Tag>
  )
}

/** Flags that explain a record (补签, 定位精度低…); the makeup flag reads as a source, not a warning. */
export function FlagList({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return null
  return (
    <View className='vol-flags'>
      {flags.map((f) => (
        <Text key={f} className={`vol-flag${f === 'makeup' || f === 'appeal' || f === 'adjusted' ? ' vol-flag--info' : ''}`} data-flag={f}>
          {FLAG_LABELS[f]}
        </Text>
      ))}
    </View>
  )
}

/** ★★☆☆☆ */
export function Stars({ n, of = 5, className }: { n: number; of?: number; className?: string }) {
  return (
    <View className={`vol-stars ${className ?? ''}`} data-stars={n}>
      {Array.from({ length: of }, (_, i) => (
        <Text key={i} className={`vol-stars__star${i < n ? ' vol-stars__star--on' : ''}`}>
          ★
        </Text>
      ))}
    </View>
  )
}

export const starName = (n: number) => (n > 0 ? `${numeral(n)}星志愿者` : '尚未评定星级')

/** Progress from the current star threshold to the next. */
export function starProgress(h: Pick<HoursView, 'approvedMinutes' | 'star' | 'nextStarHours' | 'thresholdsHours'>) {
  const hoursNow = h.approvedMinutes / 60
  const from = h.star === 0 ? 0 : (h.thresholdsHours[h.star - 1] ?? 0)
  const to = h.nextStarHours
  const ratio = to === null ? 1 : Math.min(1, Math.max(0, (hoursNow - from) / (to - from)))
  const text = to === null ? '已达到最高星级，感谢你的坚持付出' : `再服务 ${roundHours(Math.max(0, to - hoursNow))} 小时可升至${numeral(h.star + 1)}星`
  return { from, to, ratio, text }
}

export function StarBar({ hours, light }: { hours: Pick<HoursView, 'approvedMinutes' | 'star' | 'nextStarHours' | 'thresholdsHours'>; light?: boolean }) {
  const p = starProgress(hours)
  return (
    <View className={`vol-starbar${light ? ' vol-starbar--light' : ''}`}>
      <View className='vol-starbar__track'>
        <View className='vol-starbar__fill' style={{ width: `${Math.max(p.ratio * 100, p.ratio > 0 ? 3 : 0)}%` }} />
      </View>
      <View className='vol-starbar__scale'>
        <Text>{hours.star > 0 ? `${numeral(hours.star)}星 · ${p.from} 小时` : '0 小时'}</Text>
        <Text>{p.to === null ? '最高星级' : `${numeral(hours.star + 1)}星 · ${p.to} 小时`}</Text>
      </View>
      <Text className='vol-starbar__text'>{p.text}</Text>
    </View>
  )
}

/** A white card with a title row. */
export function Card({ title, extra, children, className }: { title?: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <View className={`vol-card ${className ?? ''}`}>
      {title ? (
        <View className='vol-card__head'>
          <Text className='vol-card__title'>{title}</Text>
          {extra ? <View className='vol-card__extra'>{extra}</View> : null}
        </View>
      ) : null}
      {children}
    </View>
  )
}
