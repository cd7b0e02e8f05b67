// Building blocks of the job-fair pages (packages fair, employer, fairadmin): a fair's card and
// its tags, the seats bar, a position's facts, the résumé card, stars, a switch, and the
// employer-type tag. Drawn at 750; each part's styles in its own sheet beside this file.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { FairView, MySignupView, PositionView, ResumeView } from '@contract/fair'
import { EMPLOYER_TYPE_LABELS, type EmployerType } from '@contract/vocabulary'
import { Tag } from '@/components/ui/Tag'
import { placesLeft, salaryText, standingOf } from './format'
import { dayText, weekday } from '@/components/ui/format'

// The league pages' look (panel-page, tabs, chips, cards, the bottom bar), which the fair pages build on.
import '@/components/ui/panel.scss'
import './card.scss'
import './position.scss'
import './resume.scss'
import './notice.scss'

const TYPE_TONES: Record<EmployerType, 'brand' | 'blue' | 'green'> = { state_owned: 'brand', private: 'blue', social: 'green' }

export function EmployerTypeTag({ type, className }: { type: EmployerType; className?: string }) {
  return (
    <Tag tone={TYPE_TONES[type]} className={`fair-type fair-type--${type} ${className ?? ''}`}>
      {EMPLOYER_TYPE_LABELS[type]}
    </Tag>
  )
}

/** 报名中 / 报名已截止 … or 未发布 / 已取消. */
export function StandingTag({ fair, className }: { fair: Pick<FairView, 'status' | 'phase'>; className?: string }) {
  const s = standingOf(fair)
  return (
    <Tag tone={s.tone} className={`fair-standing ${className ?? ''}`}>
      {s.label}
    </Tag>
  )
}

/** My place: 已报名 (已签到) or 候补第 N 位. */
export function MineTag({ mine, className }: { mine: MySignupView; className?: string }) {
  if (mine.status === 'confirmed') {
    return (
      <Tag tone='green' solid className={`fair-mine-tag fair-mine-tag--confirmed ${className ?? ''}`}>
        {mine.checkedInAt ? '已签到入场' : '已报名'}
      </Tag>
    )
  }
  return (
    <Tag tone='amber' className={`fair-mine-tag fair-mine-tag--waiting ${className ?? ''}`}>
      {mine.waitingRank > 0 ? `候补第 ${mine.waitingRank} 位` : '候补中'}
    </Tag>
  )
}

/** Seats taken of the capacity, and who waits. */
export function SeatsBar({ fair, className }: { fair: Pick<FairView, 'capacity' | 'confirmed' | 'waiting'>; className?: string }) {
  const ratio = fair.capacity > 0 ? Math.min(1, fair.confirmed / fair.capacity) : 0
  const left = placesLeft(fair)
  return (
    <View className={`fair-seats ${className ?? ''}`}>
      <View className='fair-seats__track'>
        <View className={`fair-seats__fill ${left === 0 ? 'fair-seats__fill--full' : ''}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </View>
      <View className='fair-seats__text'>
        <Text className='fair-seats__left'>{left > 0 ? `余 ${left} 个名额` : '名额已满'}</Text>
        <Text className='fair-seats__sub'>
          已报名 {fair.confirmed}/{fair.capacity}
          {fair.waiting > 0 ? ` · 候补 ${fair.waiting} 人` : ''}
        </Text>
      </View>
    </View>
  )
}

/** A fair in a list: the date block, title, time and venue, standing, seats and employers. */
export function FairCard({ fair, onClick, children, className, hideSeats }: { fair: FairView; onClick?: () => void; children?: ReactNode; className?: string; hideSeats?: boolean }) {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(fair.date)
  return (
    <View className={`fair-card ${fair.status === 'cancelled' ? 'fair-card--cancelled' : ''} ${className ?? ''}`} hoverClass={onClick ? 'fair-card--pressed' : 'none'} onClick={onClick}>
      <View className='fair-card__top'>
        <View className={`fair-card__date ${fair.phase === 'over' || fair.status === 'cancelled' ? 'fair-card__date--past' : ''}`}>
          <Text className='fair-card__month'>{m ? `${Number(m[1])}月` : ''}</Text>
          <Text className='fair-card__day'>{m ? Number(m[2]) : fair.date}</Text>
          <Text className='fair-card__weekday'>{weekday(fair.date)}</Text>
        </View>
        <View className='fair-card__main'>
          <View className='fair-card__tags'>
            <StandingTag fair={fair} />
            {fair.mine && <MineTag mine={fair.mine} className='fair-card__mine' />}
          </View>
          <Text className='fair-card__title'>{fair.title}</Text>
          <Text className='fair-card__line'>
            {dayText(fair.date)} {fair.startTime}–{fair.endTime}
          </Text>
          <Text className='fair-card__line'>{fair.venue}</Text>
        </View>
      </View>
      {!hideSeats && fair.status !== 'cancelled' && <SeatsBar fair={fair} className='fair-card__seats' />}
      <View className='fair-card__foot'>
        <Text className='fair-card__stat'>
          <Text className='fair-card__num'>{fair.employers.length}</Text> 家用人单位
        </Text>
        <Text className='fair-card__stat'>
          <Text className='fair-card__num'>{fair.positionCount}</Text> 个岗位
        </Text>
        <Text className='fair-card__stat'>
          招 <Text className='fair-card__num'>{fair.openings}</Text> 人
        </Text>
      </View>
      {children}
    </View>
  )
}

/** The facts of a position (title, employer, openings, place, salary, requirements, contact). */
export function PositionFacts({ position: p, showEmployer = true, showContact = true }: { position: PositionView; showEmployer?: boolean; showContact?: boolean }) {
  return (
    <View className='fair-pos'>
      <View className='fair-pos__head'>
        <Text className='fair-pos__title'>{p.title}</Text>
        <Text className='fair-pos__salary'>{salaryText(p.salaryMinFen, p.salaryMaxFen)}</Text>
      </View>
      {showEmployer && (
        <View className='fair-pos__org'>
          <Text className='fair-pos__org-name'>{p.employerName}</Text>
          <EmployerTypeTag type={p.employerType} />
        </View>
      )}
      <View className='fair-pos__chips'>
        <Text className='fair-pos__chip'>招 {p.openings} 人</Text>
        <Text className='fair-pos__chip'>{p.place}</Text>
        <Text className={`fair-pos__chip ${p.countyCode ? 'fair-pos__chip--local' : ''}`}>{p.countyCode ? `清远·${p.countyName}` : '清远市外'}</Text>
      </View>
      <Text className='fair-pos__req'>{p.requirements}</Text>
      {showContact && (
        <Text className='fair-pos__contact'>
          联系人：{p.contactName} {p.contactPhone}
        </Text>
      )}
    </View>
  )
}

/** ★★★☆☆, or 未定级. */
export function Stars({ star, className }: { star: number; className?: string }) {
  if (star <= 0) return <Text className={`fair-stars fair-stars--none ${className ?? ''}`}>未定级</Text>
  return (
    <Text className={`fair-stars ${className ?? ''}`}>
      {'★'.repeat(star)}
      <Text className='fair-stars__empty'>{'★'.repeat(Math.max(0, 5 - star))}</Text>
    </Text>
  )
}

const KIND_LABELS = { volunteer: '乡村振兴志愿者', rural_youth: '农村青年' } as const

/**
 * The résumé an employer sees: who, study, skills, service (township, term, approved hours,
 * star). `contact` replaces the masked mobile (the employer's view once an outcome is recorded).
 */
export function ResumeCard({ resume: r, contact, className, children }: { resume: ResumeView; contact?: ReactNode; className?: string; children?: ReactNode }) {
  const study = [r.school, r.major, r.graduationYear ? `${r.graduationYear} 届` : ''].filter(Boolean).join(' · ')
  return (
    <View className={`fair-resume ${className ?? ''}`}>
      <View className='fair-resume__head'>
        <View className='fair-resume__avatar'>
          <Text>{r.name.slice(0, 1)}</Text>
        </View>
        <View className='fair-resume__who'>
          <View className='fair-resume__name-line'>
            <Text className='fair-resume__name'>{r.name}</Text>
            <Text className='fair-resume__basic'>
              {r.gender === 'female' ? '女' : '男'} · {r.age} 岁{r.politicalStatus ? ` · ${r.politicalStatus}` : ''}
            </Text>
          </View>
          <Text className='fair-resume__kind'>{KIND_LABELS[r.kind]}</Text>
        </View>
      </View>
      <View className='fair-resume__rows'>
        {study && (
          <View className='fair-resume__row'>
            <Text className='fair-resume__key'>学历</Text>
            <Text className='fair-resume__value'>{study}</Text>
          </View>
        )}
        {r.kind === 'volunteer' ? (
          <>
            <View className='fair-resume__row'>
              <Text className='fair-resume__key'>服务镇街</Text>
              <Text className='fair-resume__value'>
                {r.countyName} · {r.townshipName}
              </Text>
            </View>
            <View className='fair-resume__row'>
              <Text className='fair-resume__key'>服务期</Text>
              <Text className='fair-resume__value'>
                {r.termStart} 至 {r.termEnd}
              </Text>
            </View>
            <View className='fair-resume__row'>
              <Text className='fair-resume__key'>服务时长</Text>
              <View className='fair-resume__value fair-resume__hours'>
                <Text className='fair-resume__hours-num'>{r.approvedHours}</Text>
                <Text className='fair-resume__hours-unit'>小时</Text>
                <Stars star={r.star} className='fair-resume__stars' />
              </View>
            </View>
          </>
        ) : (
          <View className='fair-resume__row'>
            <Text className='fair-resume__key'>所在地</Text>
            <Text className='fair-resume__value'>
              {r.countyName}
              {r.townshipName ? ` · ${r.townshipName}` : ''}
              {r.occupation ? ` · ${r.occupation}` : ''}
            </Text>
          </View>
        )}
        {r.skills.length > 0 && (
          <View className='fair-resume__row'>
            <Text className='fair-resume__key'>技能特长</Text>
            <View className='fair-resume__value fair-resume__skills'>
              {r.skills.map((s) => (
                <Text key={s} className='fair-resume__skill'>
                  {s}
                </Text>
              ))}
            </View>
          </View>
        )}
        <View className='fair-resume__row'>
          <Text className='fair-resume__key'>手机</Text>
          <View className='fair-resume__value'>{contact ?? <Text className='panel-num'>{r.mobileMasked}</Text>}</View>
        </View>
      </View>
      {children}
    </View>
  )
}

/** A coloured strip with a short message (notices, refusals, read-only forms). */
export function Notice({ tone, title, children, className }: { tone: 'info' | 'warn' | 'error' | 'ok'; title?: string; children?: ReactNode; className?: string }) {
  return (
    <View className={`fair-notice fair-notice--${tone} ${className ?? ''}`}>
      <View className='fair-notice__icon'>
        <Text>{tone === 'ok' ? '✓' : tone === 'info' ? 'i' : '!'}</Text>
      </View>
      <View className='fair-notice__main'>
        {title && <Text className='fair-notice__title'>{title}</Text>}
        {children && <View className='fair-notice__text'>{children}</View>}
      </View>
    </View>
  )
}

/** A figure with its label (stat tiles). */
export function Figure({ label, value, tone, className }: { label: string; value: ReactNode; tone?: 'brand' | 'green' | 'amber' | 'blue'; className?: string }) {
  return (
    <View className={`fair-figure ${tone ? `fair-figure--${tone}` : ''} ${className ?? ''}`}>
      <Text className='fair-figure__value'>{value}</Text>
      <Text className='fair-figure__label'>{label}</Text>
    </View>
  )
}
