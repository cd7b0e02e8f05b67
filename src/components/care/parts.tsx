// The care pages' parts (探访慰问 and 职务): a volunteer's row with their last visit, a visit's
// ratings and follow-ups, a post's line. Used only by pages of the `packages/care` subpackage
// (no zod: labels from types/care-rules.ts, types from the contract).
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import { CARE_ASPECT_LABELS, CARE_RATING_LABELS, type CareRating } from '@contract/care-rules'
import { Tag, type TagTone } from '@/components/ui/Tag'
import { addDays, chineseDate, today } from '@/components/ui/format'

import './care.scss'

export type CareVolunteer = OutputOf<'care.volunteers'>['items'][number]
export type VisitView = OutputOf<'care.record'>
export type FollowUp = VisitView['followUps'][number]
export type PostView = OutputOf<'care.addPost'>

export const RATING_TONE: Record<CareRating, TagTone> = { good: 'green', fair: 'amber', concern: 'red' }

/** Days from a YYYY-MM-DD to today (0: today). */
export function daysSince(day: string, now = Date.now()): number {
  const t = today(now)
  let n = 0
  for (let d = day; d < t && n < 3660; d = addDays(d, 1)) n++
  return n
}

/** 「今天探访」「23 天前探访」「从未探访」 and whether it is past the league's period. */
export function lastVisitLine(v: Pick<CareVolunteer, 'lastVisitDate'>, intervalDays: number): { text: string; late: boolean } {
  if (!v.lastVisitDate) return { text: '从未探访', late: true }
  const n = daysSince(v.lastVisitDate)
  return { text: n === 0 ? '今天探访' : `${n} 天前探访（${v.lastVisitDate}）`, late: n > intervalDays }
}

/** A volunteer in a care list: name, where, term, last visit and open follow-ups. */
export function VolunteerCard({ v, intervalDays, onOpen }: { v: CareVolunteer; intervalDays: number; onOpen: () => void }) {
  const last = lastVisitLine(v, intervalDays)
  const ended = v.termEnd < today()
  return (
    <View className='panel-card care-vol' hoverClass='panel-card--pressed' data-volunteer={v.volunteerId} onClick={onOpen}>
      <View className='care-vol__head'>
        <Text className='care-vol__name'>{v.name}</Text>
        <Text className='care-vol__place'>
          {v.countyName} · {v.townshipName}
        </Text>
        {ended && <Tag tone='grey'>已期满</Tag>}
      </View>
      <View className='care-vol__foot'>
        <Text className={`care-vol__last${last.late ? ' care-vol__last--late' : ''}`}>{last.text}</Text>
        <Text className='care-vol__count'>
          探访 {v.visits} 次{v.openFollowUps > 0 ? ` · ${v.openFollowUps} 项待跟进` : ''}
        </Text>
      </View>
    </View>
  )
}

/** How the volunteer is, aspect by aspect: the rating as a coloured tag, the note beside it. */
export function AspectList({ aspects }: { aspects: VisitView['aspects'] }) {
  return (
    <View className='care-aspects'>
      {aspects.map((a) => (
        <View key={a.aspect} className='care-aspects__row'>
          <Text className='care-aspects__label'>{CARE_ASPECT_LABELS[a.aspect]}</Text>
          <Tag tone={RATING_TONE[a.rating]}>{CARE_RATING_LABELS[a.rating]}</Tag>
          {a.note ? <Text className='care-aspects__note'>{a.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}

/** One follow-up: what, who, by when, and its state (with the tap that changes it, when given). */
export function FollowUpLine({ f, busy, onToggle }: { f: FollowUp; busy?: boolean; onToggle?: () => void }) {
  return (
    <View className={`care-follow${f.done ? ' care-follow--done' : ''}`} data-follow-up={f.id}>
      <View className='care-follow__main'>
        <Text className='care-follow__text'>{f.text}</Text>
        <Text className='care-follow__meta'>
          责任人 {f.owner} · {f.done ? `已办结` : `${chineseDate(f.due)}前完成`}
        </Text>
      </View>
      {f.overdue && <Tag tone='red'>已逾期</Tag>}
      {onToggle && (
        <Text className={`care-follow__toggle${busy ? ' care-follow__toggle--busy' : ''}`} onClick={busy ? undefined : onToggle}>
          {f.done ? '改为未办结' : '标记办结'}
        </Text>
      )}
    </View>
  )
}

/** A post: its title, the span of days, and whether it is held today. */
export function PostLine({ p, action }: { p: PostView; action?: { text: string; onClick: () => void } }) {
  return (
    <View className='care-post' data-post={p.id}>
      <View className='care-post__main'>
        <Text className='care-post__title'>{p.title}</Text>
        <Text className='care-post__span'>
          {p.startDate} 至 {p.endDate ?? '今'}
          {p.note ? ` · ${p.note}` : ''}
        </Text>
      </View>
      <Tag tone={p.current ? 'brand' : 'grey'}>{p.current ? '在任' : p.startDate > today() ? '未开始' : '已卸任'}</Tag>
      {action && (
        <Text className='care-post__action' onClick={action.onClick}>
          {action.text}
        </Text>
      )}
    </View>
  )
}
