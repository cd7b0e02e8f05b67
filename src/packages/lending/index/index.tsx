// 贷款审核（县、市团委）: the queue — 待我审核 (county: submitted in their counties; city: city
// review), 待核准贴息 (city admin: a subsidy period is over), 全部 — with filters (status, county
// for the city admin, project type, keyword), counts in the tabs and paging. Links to the report
// (and, for the city admin, the LPR table).
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import type { LoanSummary } from '@contract/loan'
import { LOAN_STATUS_LABELS, LOAN_STATUSES, PROJECT_TYPE_LABELS, PROJECT_TYPES, type LoanStatus, type ProjectType } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useDivisions } from '@/components/admin/shared'
import { isLeague, useReviewerScope } from '@/components/loan/data'
import { LoanCard } from '@/components/loan/parts'
import { ListFooter } from '@/components/ui/ListFooter'
import { reviewerDenied, SearchBox } from '@/components/loan/gate'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { takeChanged } from '@/services/changes'
import { listState, usePaged, useSearchKeyword } from '@/components/ui/paged'

import './index.scss'

type View_ = 'todo' | 'subsidy' | 'all'

export default function Lending() {
  const { state: gate, scope, retry: retryScope } = useReviewerScope(isLeague)
  const divisions = useDivisions()

  const [view, setView] = useState<View_>('todo')
  const [status, setStatus] = useState<LoanStatus | ''>('')
  const [countyCode, setCountyCode] = useState('')
  const [projectType, setProjectType] = useState<ProjectType | ''>('')
  const { draft, setDraft, keyword, search, clear: clearSearch } = useSearchKeyword()
  const [sheet, setSheet] = useState<'status' | 'county' | 'type' | null>(null)
  const [counts, setCounts] = useState<{ todo: number; subsidy: number } | null>(null)

  const filters: InputOf<'loan.queue'> = {
    view,
    ...(status && view === 'all' ? { status } : {}),
    ...(countyCode ? { countyCode } : {}),
    ...(projectType ? { projectType } : {}),
    ...(keyword ? { keyword } : {}),
  }
  const key = JSON.stringify(filters)
  const list = usePaged<LoanSummary>(
    async (page, pageSize) => {
      const res = await call('loan.queue', { ...filters, page, pageSize })
      setCounts(res.counts)
      return res
    },
    key,
    !!scope,
  )

  // Back from a decision on the detail page: the queue changed.
  useDidShow(() => {
    if (takeChanged('lending')) void list.reload(true)
  })

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
                <View className={`panel-chip ${status ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet('status')}>
                  <Text className='panel-chip__text'>{status ? LOAN_STATUS_LABELS[status] : '全部状态'}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
              {chooseCounty && (
                <View className={`panel-chip ${countyCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet('county')}>
                  <Text className='panel-chip__text'>{counties.find((c) => c.code === countyCode)?.name ?? (city ? '全市' : '全部县区')}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
              <View className={`panel-chip ${projectType ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet('type')}>
                <Text className='panel-chip__text'>{projectType ? PROJECT_TYPE_LABELS[projectType] : '全部项目类型'}</Text>
                <Text className='panel-chip__arrow'>▼</Text>
              </View>
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
              <Text className='lending__link lending__link--report' onClick={() => go(ROUTES.lendingReport)}>
                贷款统计 ›
              </Text>
            </View>
          </View>
        </>
      )}

      <PageStates gate={gate} state={listState(list)} retry={scope ? () => void list.reload() : retryScope} denied={reviewerDenied('league')}>
        {(items) => (
          <>
            <View className='panel-summary'>
              <Text>
                共 {list.total} 份{view === 'todo' ? '待审核，按提交先后排列' : view === 'subsidy' ? '贷款有到期待核准的贴息' : ''}
              </Text>
              {filtered && (
                <Text className='panel-summary__reset' onClick={clear}>
                  清除筛选
                </Text>
              )}
            </View>
            {items.length === 0 ? (
              <StateView
                tone='muted'
                className='lending__empty'
                title={filtered ? '没有符合条件的申请' : view === 'todo' ? '暂无待审核的贷款申请' : view === 'subsidy' ? '暂无待核准的贴息' : '还没有贷款申请'}
                desc={filtered ? '换个筛选条件试试' : view === 'todo' ? '新的申请提交后会出现在这里，并通过消息提醒。' : view === 'subsidy' ? '每个季度结束后，已放款贷款的当期贴息会出现在这里。' : ''}
                action={filtered ? { text: '清除筛选', onClick: clear } : undefined}
              />
            ) : (
              <View className='panel-list'>
                {items.map((l) => (
                  <LoanCard key={l.id} loan={l} className='lending-card' onClick={() => go(`${ROUTES.lendingDetail}?id=${l.id}`)} />
                ))}
                <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
              </View>
            )}
          </>
        )}
      </PageStates>

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
      <OptionSheet
        visible={sheet === 'type'}
        title='项目类型'
        options={[{ value: '', label: '全部项目类型' }, ...PROJECT_TYPES.map((t) => ({ value: t, label: PROJECT_TYPE_LABELS[t] }))]}
        value={projectType}
        onSelect={(v) => setProjectType(v as ProjectType | '')}
        onClose={() => setSheet(null)}
      />
    </View>
  )
}
