// 服务期 on the volunteer's hours page (issue 23 item 4): the term from its start to its end, today
// on it; once ended (已期满) the grace with the days left, after which station check-ins and perks
// stop; the extensions the county recorded. Nothing shows for someone without an approved
// volunteer registration, or if it cannot be read (the hours page stands without it).
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@contract/index'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { Tag } from '@/components/ui/Tag'

import './term.scss'

type Term = NonNullable<OutputOf<'registration.myTerm'>>

const TONE = { serving: 'green', grace: 'amber', stopped: 'grey' } as const
const LABEL = { serving: '服务中', grace: '宽限期', stopped: '已期满' } as const

const dayMs = 86_400_000
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs)

/** How far along the bar today is: through the term while serving, through the grace once ended. */
function progress(t: Term): number {
  if (t.standing === 'stopped') return 1
  if (t.standing === 'grace') return t.graceDays > 0 ? Math.min(1, (t.graceDays - t.daysLeft + 1) / t.graceDays) : 1
  const length = daysBetween(t.termStart, t.termEnd)
  return length > 0 ? Math.max(0, Math.min(1, 1 - t.daysLeft / length)) : 1
}

function useMyTerm(): Term | null {
  const [term, setTerm] = useState<Term | null>(null)
  useEffect(() => {
    call('registration.myTerm', {})
      .then(setTerm)
      .catch(() => undefined)
  }, [])
  return term
}

/**
 * On the volunteer's home, above 签到: a line only when it matters — the term ends within 30 days,
 * or it has ended (the grace days left, or check-ins and perks stopped); it opens 服务时长.
 */
export function TermNotice() {
  const term = useMyTerm()
  if (!term || (term.standing === 'serving' && term.daysLeft > 30)) return null
  const text =
    term.standing === 'serving'
      ? `服务期还有 ${term.daysLeft} 天（${term.termEnd}）期满，期满后 ${term.graceDays} 天内仍可签到`
      : term.standing === 'grace'
        ? `服务期已期满，宽限期还剩 ${term.daysLeft} 天（至 ${term.lastDay}），之后不能签到和使用优惠`
        : `服务期已于 ${term.termEnd} 期满，驿站签到和商家优惠已停止`
  return (
    <View className={`term-notice term-notice--${term.standing}`} hoverClass='term-notice--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.hours })}>
      <Text className='term-notice__text'>{text}</Text>
      <Text className='term-notice__arrow'>›</Text>
    </View>
  )
}

export function TermCard() {
  const term = useMyTerm()
  if (!term) return null
  const ended = term.standing !== 'serving'
  const pct = `${Math.round(progress(term) * 100)}%`
  return (
    <View className={`term-card term-card--${term.standing}`}>
      <View className='term-card__head'>
        <Text className='term-card__title'>服务期</Text>
        <Tag tone={TONE[term.standing]}>{LABEL[term.standing]}</Tag>
      </View>
      <Text className='term-card__line'>{term.line}</Text>

      <View className='term-card__bar'>
        <View className='term-card__fill' style={{ width: pct }} />
      </View>
      <View className='term-card__ends'>
        <Text>{ended ? `${term.termEnd} 期满` : term.termStart}</Text>
        <Text>{ended ? `宽限至 ${term.lastDay}` : `${term.termEnd} 期满`}</Text>
      </View>

      {term.standing === 'serving' ? (
        <Text className='term-card__note'>{term.daysLeft === 0 ? '今天是服务期的最后一天。' : `还有 ${term.daysLeft} 天期满。`}期满后 {term.graceDays} 天内仍可在驿站签到、使用商家优惠；岗位对接会一直向你开放。</Text>
      ) : term.standing === 'grace' ? (
        <Text className='term-card__note term-card__note--warn'>宽限期还剩 {term.daysLeft} 天。如服务期已延长，请联系所在县（市、区）团委登记延期。</Text>
      ) : (
        <Text className='term-card__note term-card__note--warn'>服务时长记录与证书仍可查看。如服务期已延长，请联系所在县（市、区）团委登记延期。</Text>
      )}

      {term.extensions.length > 0 && (
        <View className='term-card__extensions'>
          <Text className='term-card__sub'>延期记录</Text>
          {term.extensions.map((e) => (
            <View key={e.at} className='term-ext'>
              <Text className='term-ext__dates'>
                {e.from} → {e.to}
              </Text>
              <Text className='term-ext__why'>{e.reason}</Text>
              <Text className='term-ext__who'>
                {e.byName} · {e.at.slice(0, 10)} 登记
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
