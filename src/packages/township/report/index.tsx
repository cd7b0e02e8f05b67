// 服务时长报表: per volunteer, the chosen month's and all approved hours and the star level,
// for the township (or a county / township of the admin's choosing); 导出 Excel downloads the
// same rows as a workbook (opened with WeChat's document viewer, or downloaded on the web).
import { useEffect, useMemo, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call } from '@/services/cloud'
import { useDivisions } from '@/components/admin/shared'
import { rolledUpText } from '@/components/admin/dashboard-figures'
import { placesInReach, useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { Button } from '@/components/ui/Button'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PagedStates } from '@/components/ui/PagedStates'
import { hoursOf, monthLabel, thisMonth } from '@/components/ui/format'
import { usePaged } from '@/components/ui/paged'
import { useWorkbookExport } from '@/components/ui/use-workbook-export'
import { useExportJob } from '@/components/ui/use-export-job'
import { JobProgress, MyExportsLink } from '@/components/ui/JobProgress'
import { ExportedNote } from '@/components/ui/ExportedNote'

import './index.scss'

type Row = OutputOf<'service.report'>['items'][number]
const PAGE_SIZE = 20

function Stars({ star }: { star: number }) {
  if (star <= 0) return <Text className='report-row__star report-row__star--none'>未定级</Text>
  return (
    <Text className='report-row__star'>
      {'★'.repeat(star)}
      <Text className='report-row__star-empty'>{'★'.repeat(Math.max(0, 5 - star))}</Text>
    </Text>
  )
}

export default function Report() {
  const { state, reload: reloadScope } = useStaffScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()

  const [month, setMonth] = useState(thisMonth())
  const [countyCode, setCountyCode] = useState('')
  const [townshipCode, setTownshipCode] = useState('')
  const [sheet, setSheet] = useState<'county' | 'township' | null>(null)

  const places = useMemo(() => (scope ? placesInReach(scope, divisions) : []), [scope, divisions])
  /** Admins of several counties (or the city) choose a county first. */
  const chooseCounty = !!scope && (scope.city || scope.counties.length > 1)
  const townships = useMemo(
    () => (chooseCounty ? (places.find((c) => c.code === countyCode)?.townships ?? []).map((t) => ({ ...t, countyName: '' })) : places.flatMap((c) => c.townships.map((t) => ({ ...t, countyName: c.name })))),
    [places, chooseCounty, countyCode],
  )
  const many = !!scope && !scope.single

  // Staff of one township ask for it by name (the workbook is then named after it too).
  const township = townshipCode || scope?.single?.code || ''
  const filters = { month, ...(township ? { townshipCode: township } : countyCode ? { countyCode } : {}) }
  const key = JSON.stringify(filters)
  // When the hours rollup the figures read was made (the figures are exact: what changed since is read live).
  const [rolledUpAt, setRolledUpAt] = useState<string | null>(null)
  const list = usePaged<Row>(
    (page, pageSize) =>
      call('service.report', { ...filters, page, pageSize }).then((r) => {
        setRolledUpAt(r.rolledUpAt)
        return r
      }),
    key,
    !!scope,
    PAGE_SIZE,
  )

  const countyName = places.find((c) => c.code === countyCode)?.name
  const townshipName = townships.find((t) => t.code === townshipCode)?.name
  const scopeName = townshipName ?? countyName ?? scope?.single?.name ?? scope?.reach ?? ''

  // A county's or the city's export is made in the background: its progress shows until the file
  // opens, and one left running when the page closed is taken up again for the same figures.
  const job = useExportJob<OutputOf<'service.exportReport'>>(`service.exportReport:${key}`)
  const { exporting, exported, run: exportNow, reopen } = useWorkbookExport(
    () => job.follow(() => call('service.exportReport', filters), (jobId) => call('service.exportReport', { jobId })),
    { madeOf: key, done: (file) => `已导出 ${file.rows} 名志愿者` },
  )
  useEffect(() => {
    if (job.resumable && !exporting) void exportNow()
    // Only when a job for these figures is found waiting.
  }, [job.resumable])

  // A failed or refused scope is asked again on a pull (the list refreshes itself once it shows).
  usePullDownRefresh(() => {
    if (!scope) void reloadScope(true)
  })

  const changeFilter = (apply: () => void) => apply()

  return (
    <View className={`panel-page report ${scope ? 'panel-page--with-bar' : ''}`}>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-filters report__filters'>
              <Picker mode='date' fields='month' value={month} start='2020-01' end={thisMonth()} onChange={(e) => changeFilter(() => setMonth(String(e.detail.value).slice(0, 7)))}>
                <View className='panel-chip panel-chip--on report__month' hoverClass='panel-chip--pressed'>
                  <Text className='panel-chip__text'>{monthLabel(month)}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              </Picker>
              {chooseCounty && (
                <View className={`panel-chip report__county ${countyCode ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setSheet('county')}>
                  <Text className='panel-chip__text'>{countyName ?? (scope.city ? '全市' : '全部县区')}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
              {many && (
                <View
                  className={`panel-chip report__township ${townshipCode ? 'panel-chip--on' : ''}`}
                  hoverClass='panel-chip--pressed'
                  onClick={() => (chooseCounty && !countyCode ? void Taro.showToast({ title: '请先选择县（市、区）', icon: 'none' }) : setSheet('township'))}
                >
                  <Text className='panel-chip__text'>{townshipName ?? '全部镇街'}</Text>
                  <Text className='panel-chip__arrow'>▼</Text>
                </View>
              )}
            </View>
          </View>

          <View className='report__hero'>
            <View className='report__hero-main'>
              <Text className='report__hero-title'>{monthLabel(month)} · 服务时长汇总</Text>
              <Text className='report__hero-scope'>{scopeName}</Text>
            </View>
            <View className='report__hero-count'>
              <Text className='report__hero-num'>{list.status === 'ready' ? list.total : '—'}</Text>
              <Text className='report__hero-unit'>名志愿者</Text>
            </View>
          </View>
          <Text className='report__explain'>只统计审核通过的时长，每天按上限计入；星级按累计时长评定。</Text>
          {rolledUpAt && list.status === 'ready' ? <Text className='report__explain'>{rolledUpText(rolledUpAt)}。</Text> : null}

          <JobProgress job={job.progress} />
          <ExportedNote block='report' exported={exported} reopen={reopen} />
          {exported && <MyExportsLink />}
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reloadScope(true)}
        denied={staffDenied(state)}
        empty={{ className: 'report__empty', title: '暂无服务时长记录', desc: '志愿者的签到记录审核通过后，会在这里汇总' }}
        listClassName='report__table'
        head={
          <View className='report__thead'>
            <Text className='report__th report__th--name'>志愿者</Text>
            <Text className='report__th report__th--num'>{Number(month.slice(5))}月（小时）</Text>
            <Text className='report__th report__th--num'>累计（小时）</Text>
          </View>
        }
      >
        {(r, i) => (
          <View key={r.userId} className='report-row'>
            <Text className={`report-row__rank ${i < 3 ? 'report-row__rank--top' : ''}`}>{i + 1}</Text>
            <View className='report-row__who'>
              <Text className='report-row__name'>{r.name}</Text>
              <View className='report-row__sub'>
                <Text className='report-row__township'>{r.townshipName}</Text>
                <Stars star={r.star} />
              </View>
            </View>
            <Text className={`report-row__month ${r.monthMinutes === 0 ? 'report-row__month--zero' : ''}`}>{hoursOf(r.monthMinutes)}</Text>
            <Text className='report-row__total'>{hoursOf(r.totalMinutes)}</Text>
          </View>
        )}
      </PagedStates>

      {scope && (
        <View className='panel-bar report__bar'>
          <View className='panel-bar__info'>
            <Text className='report__bar-title'>导出 {monthLabel(month)} 报表</Text>
            <Text className='panel-bar__hint'>{list.status === 'ready' && list.total === 0 ? '没有可导出的记录' : 'Excel 表格，含全部志愿者'}</Text>
          </View>
          <Button small className='report__export' busy={exporting} disabled={list.status !== 'ready' || list.total === 0} onClick={() => void exportNow()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Button>
        </View>
      )}

      <OptionSheet
        visible={sheet === 'county'}
        title='县（市、区）'
        options={[{ value: '', label: scope?.city ? '全市' : '全部县区' }, ...places.map((c) => ({ value: c.code, label: c.name, hint: `${c.townships.length} 个镇街` }))]}
        value={countyCode}
        onSelect={(v) =>
          changeFilter(() => {
            setCountyCode(v)
            setTownshipCode('')
          })
        }
        onClose={() => setSheet(null)}
      />
      <OptionSheet
        visible={sheet === 'township'}
        title='镇街'
        options={[{ value: '', label: '全部镇街' }, ...townships.map((t) => ({ value: t.code, label: t.name, ...(t.countyName ? { hint: t.countyName } : {}) }))]}
        value={townshipCode}
        onSelect={(v) => changeFilter(() => setTownshipCode(v))}
        onClose={() => setSheet(null)}
      />
    </View>
  )
}
