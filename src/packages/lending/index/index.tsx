// 贷款审核（县、市团委）: the queue — 待我审核 (county: submitted in their counties; city: city
// review), 待核准贴息 (city admin: a subsidy period is over), 全部 — with filters (status, county
// for the city admin, project type, keyword), counts in the tabs and paging. Links to the report
// (and, for the city admin, the LPR table).
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import { LOAN_STATUS_LABELS, LOAN_STATUSES, PROJECT_TYPE_LABELS, type LoanStatus, type ProjectType } from '@contract/vocabulary'
import { TodoReminder } from '@/components/ui/TodoReminder'
import { ROUTES } from '@/constants/routes'
import { useDivisions } from '@/components/admin/shared'
import { isLeague, useReviewerScope } from '@/components/loan/data'
import { LoanQueueList, ProjectTypeSheet, QueueChip } from '@/components/loan/queue'
import { useLoanQueue } from '@/components/loan/use-loan-queue'
import { SearchBox } from '@/components/loan/gate'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { useSearchKeyword } from '@/components/ui/paged'

import './index.scss'

type View_ = 'todo' | 'subsidy' | 'overdue' | 'all'

// What an empty tab says when nothing is filtered out.
const EMPTY: Record<View_, { title: string; desc: string }> = {
  todo: { title: '暂无待审核的贷款申请', desc: '新的申请提交后会出现在这里，并通过消息提醒。' },
  subsidy: { title: '暂无待核准的贴息', desc: '每个季度结束后，已放款贷款的当期贴息会出现在这里。' },
  overdue: { title: '没有逾期的贷款', desc: '有一期到期未还清的贷款会出现在这里，每天早上更新。' },
  all: { title: '还没有贷款申请', desc: '' },
}

export default function Lending() {
  const { state: gate, scope, retry: retryScope } = useReviewerScope(isLeague)
  const divisions = useDivisions()

  const [view, setView] = useState<View_>('todo')
  const [status, setStatus] = useState<LoanStatus | ''>('')
  const [countyCode, setCountyCode] = useState('')
  const [projectType, setProjectType] = useState<ProjectType | ''>('')
  const { draft, setDraft, keyword, search, clear: clearSearch } = useSearchKeyword()
  const [sheet, setSheet] = useState<'status' | 'county' | 'type' | null>(null)

  const filters: InputOf<'loan.queue'> = {
    view,
    ...(status && view === 'all' ? { status } : {}),
    ...(countyCode ? { countyCode } : {}),
    ...(projectType ? { projectType } : {}),
    ...(keyword ? { keyword } : {}),
  }
  const { list, counts } = useLoanQueue(filters, !!scope, 'lending')

  const counties = useMemo(() => {
    if (!scope || !divisions) return []
    if (scope.city) return divisions.counties
    const mine = new Set(scope.counties.map((c) => c.code))
    return divisions.counties.filter((c) => mine.has(c.code))
  }, [scope, divisions])

  const city = !!scope?.city
  const tabs: { value: View_; label: string; count?: number }[] = [
    { value: 'todo', label: '待我审核', count: counts?.todo },
    ...(city ? [{ value: 'subsidy' as const, label: '待核准贴息', count: counts?.subsidy }] : []),
    { value: 'overdue', label: '逾期', count: counts?.overdue },
    { value: 'all', label: '全部' },
  ]
  const chooseCounty = city || (scope?.counties.length ?? 0) > 1
  const filtered = !!((status && view === 'all') || countyCode || projectType || keyword)
  const clear = () => {
    setStatus('')
    setCountyCode('')
    setProjectType('')
    clearSearch()
  }
  const scopeLabel = city ? '团市委 · 全市' : `${(scope?.counties ?? []).map((c) => c.name).join('、')}团委`
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View className='ln-page lending'>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {tabs.map((t) => (
                <View key={t.value} className={`panel-tabs__item lending__tab lending__tab--${t.value} ${view === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setView(t.value)}>
                  <Text>{t.label}</Text>
                  {t.count ? <Text className='panel-tabs__count'>{t.count > 99 ? '99+' : t.count}</Text> : null}
                </View>
              ))}
            </View>
            <View className='panel-search'>
              <SearchBox value={draft} placeholder='搜索申请人或项目名称' onChange={setDraft} onSearch={search} />
            </View>
            <View className='panel-filters'>
              {view === 'all' && (
                <QueueChip on={!!status} text={status ? LOAN_STATUS_LABELS[status] : '全部状态'} onClick={() => setSheet('status')} />
              )}
              {chooseCounty && (
                <QueueChip on={!!countyCode} text={counties.find((c) => c.code === countyCode)?.name ?? (city ? '全市' : '全部县区')} onClick={() => setSheet('county')} />
              )}
              <QueueChip on={!!projectType} text={projectType ? PROJECT_TYPE_LABELS[projectType] : '全部项目类型'} onClick={() => setSheet('type')} />
            </View>
          </View>

          <View className='lending__tools'>
            <Text className='lending__scope'>{scopeLabel}</Text>
            <View className='lending__links'>
              {city && (
                <Text className='lending__link lending__link--lpr' onClick={() => go(ROUTES.lpr)}>
                  LPR 表 ›
                </Text>
              )}
              <Text className='lending__link lending__link--subsidy' onClick={() => go(ROUTES.subsidyStatement)}>
                贴息拨付 ›
              </Text>
              <Text className='lending__link lending__link--report' onClick={() => go(ROUTES.lendingReport)}>
                贷款统计 ›
              </Text>
            </View>
          </View>
          {!!counts?.todo && <TodoReminder inset />}
        </>
      )}

      <LoanQueueList
        list={list}
        gate={gate}
        retryGate={retryScope}
        who='league'
        countNote={view === 'todo' ? '待审核，按提交先后排列' : view === 'subsidy' ? '贷款有到期待核准的贴息' : view === 'overdue' ? '笔逾期，逾期久的在前' : ''}
        filtered={filtered}
        clear={clear}
        empty={EMPTY[view]}
        emptyClassName='lending__empty'
        cardClassName='lending-card'
        open={(id) => go(`${ROUTES.lendingDetail}?id=${id}`)}
      />

      <OptionSheet
        visible={sheet === 'status'}
        title='申请状态'
        options={[{ value: '', label: '全部状态' }, ...LOAN_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: LOAN_STATUS_LABELS[s] }))]}
        value={status}
        onSelect={(v) => setStatus(v as LoanStatus | '')}
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        visible={sheet === 'county'}
        title='县（市、区）'
        options={[{ value: '', label: city ? '全市' : '全部县区' }, ...counties.map((c) => ({ value: c.code, label: c.name }))]}
        value={countyCode}
        onSelect={setCountyCode}
        onClose={() => setSheet(null)}
      />
      <ProjectTypeSheet visible={sheet === 'type'} value={projectType} onSelect={setProjectType} onClose={() => setSheet(null)} />
    </View>
  )
}
