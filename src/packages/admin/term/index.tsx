// 志愿者服务期 (issue 23 item 4): the county's (the city's: every) volunteers by their service
// term — 已期满 (latest first, with the grace left or over), 60 天内期满 (nearest first), or all —
// found by name; each term drawn as a bar from its start to its end and the grace; 登记延期 opens
// the extension sheet (./extend-sheet.tsx). The daily timer moves terms to 期满 (registration).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { TERM_FILTER_LABELS, TERM_FILTERS } from '@contract/term'
import { call } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { Button } from '@/components/ui/Button'
import { SearchField } from '@/components/ui/Field'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { markChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'
import { today } from '@/components/ui/format'
import { ExtendSheet, type Term } from './extend-sheet'

import '@/styles/nutui-theme.scss'
import './index.scss'

type Filter = (typeof TERM_FILTERS)[number]

const TONE = { serving: 'green', grace: 'amber', stopped: 'grey' } as const
const LABEL = { serving: '服务中', grace: '宽限期', stopped: '已期满' } as const
const EMPTY: Record<Filter, { title: string; desc: string }> = {
  ended: { title: '没有已期满的志愿者', desc: '服务期结束的第二天，系统会把志愿者移到这里' },
  ending: { title: '60 天内没有期满的志愿者', desc: '' },
  all: { title: '还没有通过审核的志愿者', desc: '' },
}

/** What the card's second line says: the grace left or over, or the days to the end. */
function standingText(t: Term): string {
  if (t.standing === 'grace') return `宽限期还剩 ${t.daysLeft} 天（至 ${t.lastDay}），之后停止驿站签到和商家优惠`
  if (t.standing === 'stopped') return `宽限期至 ${t.lastDay} 已结束，驿站签到和商家优惠已停止`
  return t.daysLeft === 0 ? '今天是服务期最后一天' : `还有 ${t.daysLeft} 天期满`
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
const pct = (x: number) => `${Math.round(Math.max(0, Math.min(1, x)) * 1000) / 10}%`

/** The term (green) and the grace after it (amber) on one bar, today marked on it. */
function Timeline({ t }: { t: Term }) {
  const termDays = Math.max(1, daysBetween(t.termStart, t.termEnd) + 1)
  const total = termDays + t.graceDays
  const now = daysBetween(t.termStart, today()) + 0.5
  return (
    <View className='term-row__bar'>
      <View className='term-row__term' style={{ width: pct(termDays / total) }} />
      <View className='term-row__grace' style={{ width: pct(t.graceDays / total) }} />
      {now <= total ? <View className='term-row__today' style={{ left: pct(now / total) }} /> : null}
    </View>
  )
}

export default function Terms() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [filter, setFilter] = useState<Filter>('ended')
  const [draft, setDraft] = useState('')
  const [keyword, setKeyword] = useState('')
  const [extending, setExtending] = useState<Term | null>(null)

  const list = usePaged<Term>((page, pageSize) => call('registration.terms', { filter, page, pageSize, ...(keyword ? { keyword } : {}) }), `${filter}|${keyword}`, !!scope)

  const extended = (updated: Term) => {
    setExtending(null)
    markChanged('home')
    // An ended term serving again leaves 已期满; elsewhere it is shown as it now stands.
    list.setItems((items) => (filter === 'ended' ? items.filter((x) => x.registrationId !== updated.registrationId) : items.map((x) => (x.registrationId === updated.registrationId ? updated : x))))
  }

  return (
    <View className='panel-page terms'>
      {scope && (
        <View className='panel-top'>
          <View className='panel-tabs'>
            {TERM_FILTERS.map((f) => (
              <View key={f} className={`panel-tabs__item terms__tab terms__tab--${f} ${filter === f ? 'panel-tabs__item--on' : ''}`} onClick={() => setFilter(f)}>
                <Text>{TERM_FILTER_LABELS[f]}</Text>
              </View>
            ))}
          </View>
          <View className='panel-search'>
            <SearchField className='terms__search' value={draft} placeholder='搜索志愿者姓名' onChange={setDraft} onSearch={(v) => setKeyword(v.trim())} />
          </View>
        </View>
      )}
      {scope && list.status === 'ready' && (
        <Text className='terms__total'>
          {scope.label} · 共 {list.total} 人{list.items[0] ? `，期满后宽限 ${list.items[0].graceDays} 天` : ''}
        </Text>
      )}

      <PagedStates gate={state} list={list} retryGate={() => void reloadScope(true)} skeleton={3} denied={adminDenied(state)} empty={EMPTY[filter]}>
        {(t) => (
          <View key={t.registrationId} className={`panel-card term-row term-row--${t.standing}`}>
            <View className='term-row__head'>
              <Text className='term-row__name'>{t.name}</Text>
              <Tag tone={TONE[t.standing]}>{LABEL[t.standing]}</Tag>
              <Text className='term-row__place'>
                {scope?.city ? `${t.countyName} · ` : ''}
                {t.townshipName}
              </Text>
            </View>
            <Timeline t={t} />
            <View className='term-row__ends'>
              <Text className='panel-num'>{t.termStart}</Text>
              <Text className='panel-num'>{t.termEnd} 期满</Text>
            </View>
            <Text className='term-row__line'>{standingText(t)}</Text>
            <View className='term-row__foot'>
              <Text className='term-row__ext'>{t.extensions.length > 0 ? `已延期 ${t.extensions.length} 次 · 原定 ${t.extensions[0].from} 期满` : '未延期'}</Text>
              <Button small kind='outline' className='term-row__extend' onClick={() => setExtending(t)}>
                登记延期
              </Button>
            </View>
          </View>
        )}
      </PagedStates>

      <ExtendSheet term={extending} onClose={() => setExtending(null)} onDone={extended} />
    </View>
  )
}
