// 核销汇总 (league admins): redemptions over a date range by merchant, perk and county, drawn as
// bars, and the same figures exported as an Excel workbook (named for the place and period, with
// every redemption behind them).
import { useEffect, useMemo, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call, errorMessage } from '@/services/cloud'
import { adminDenied } from '@/components/admin/ui'
import { openWorkbook } from '@/services/files'
import { Button } from '@/components/ui/Button'
import { JobProgress, MyExportsLink } from '@/components/ui/JobProgress'
import { useExportJob } from '@/components/ui/use-export-job'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { addDays, chineseDate, today } from '@/components/ui/format'
import { CountySheet } from '../shared/CountySheet'
import { allCountiesLabel, useAllianceScope } from '../shared/county'

import '@/components/perk/page.scss'
import '@/components/perk/chips.scss'
import '@/components/perk/bars.scss'
import './index.scss'

type Exported = OutputOf<'perk.exportTotals'>
type Preset = 'month' | 'last-month' | '30' | 'year' | ''

const SHOWN = 8

function presetRange(p: Exclude<Preset, ''>, todayYmd: string): { from: string; to: string } {
  const month = todayYmd.slice(0, 7)
  if (p === 'month') return { from: `${month}-01`, to: todayYmd }
  if (p === 'last-month') {
    const lastDay = addDays(`${month}-01`, -1)
    return { from: `${lastDay.slice(0, 7)}-01`, to: lastDay }
  }
  if (p === '30') return { from: addDays(todayYmd, -29), to: todayYmd }
  return { from: `${todayYmd.slice(0, 4)}-01-01`, to: todayYmd }
}

const PRESETS: { value: Exclude<Preset, ''>; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'last-month', label: '上月' },
  { value: '30', label: '近 30 天' },
  { value: 'year', label: '今年' },
]

function Bars({ title, rows, empty }: { title: string; rows: { key: string; name: string; sub?: string; count: number }[]; empty: string }) {
  const [all, setAll] = useState(false)
  const max = rows.reduce((m, r) => Math.max(m, r.count), 0)
  const shown = all ? rows : rows.slice(0, SHOWN)
  return (
    <View className='pk-card totals-section'>
      <View className='pk-card__title'>
        <Text>{title}</Text>
        <Text className='pk-card__extra'>{rows.length ? `${rows.length} 项` : ''}</Text>
      </View>
      {rows.length === 0 ? (
        <Text className='totals-section__empty'>{empty}</Text>
      ) : (
        shown.map((r) => (
          <View key={r.key} className='pk-bar'>
            <View className='pk-bar__head'>
              <Text className='pk-bar__name'>
                {r.name}
                {r.sub ? <Text className='pk-bar__sub'>{r.sub}</Text> : null}
              </Text>
              <Text className='pk-bar__count'>{r.count}</Text>
            </View>
            <View className='pk-bar__track'>
              <View className='pk-bar__fill' style={{ width: `${max > 0 ? Math.max(2, (r.count / max) * 100) : 0}%` }} />
            </View>
          </View>
        ))
      )}
      {rows.length > SHOWN && (
        <View className='totals-section__more' onClick={() => setAll(!all)}>
          <Text>{all ? '收起' : `展开全部 ${rows.length} 项`}</Text>
        </View>
      )}
    </View>
  )
}

export default function Totals() {
  const { state, reload, scope, counties, fixedCounty: fixed } = useAllianceScope()
  const todayYmd = today()
  const [preset, setPreset] = useState<Preset>('month')
  const [range, setRange] = useState(() => presetRange('month', todayYmd))
  const [countyCode, setCountyCode] = useState('')
  const [sheet, setSheet] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<Exported | null>(null)

  const filters = useMemo(() => ({ from: range.from, to: range.to, ...(countyCode ? { countyCode } : {}) }), [range, countyCode])

  // The totals of the range and county chosen, once the admin's scope is known.
  const { state: load, reload: reloadTotals, retry } = usePageState(() => call('perk.totals', filters), [filters], !!scope)
  // A workbook made for other filters is not this one.
  useEffect(() => setExported(null), [filters])
  // The city's years are made in the background: the progress shows until the file opens, and an
  // export left running when the page closed is taken up again for the same figures.
  const job = useExportJob<Exported>(`perk.exportTotals:${JSON.stringify(filters)}`)

  usePullDownRefresh(() => {
    if (!scope) {
      Taro.stopPullDownRefresh()
      return
    }
    void reloadTotals(true).finally(() => Taro.stopPullDownRefresh())
  })

  const choosePreset = (p: Exclude<Preset, ''>) => {
    setPreset(p)
    setRange(presetRange(p, todayYmd))
  }
  const setFrom = (from: string) => {
    setPreset('')
    setRange((r) => ({ from, to: r.to < from ? from : r.to }))
  }
  const setTo = (to: string) => {
    setPreset('')
    setRange((r) => ({ from: r.from > to ? to : r.from, to }))
  }

  const exportNow = async () => {
    if (exporting) return
    setExporting(true)
    try {
      const file = await job.follow(() => call('perk.exportTotals', filters), (jobId) => call('perk.exportTotals', { jobId }))
      setExported(file)
      await openWorkbook(file).catch(() => void Taro.showToast({ title: '已生成，但打开失败，请点「再次打开」', icon: 'none' }))
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setExporting(false)
    }
  }
  useEffect(() => {
    if (job.resumable) void exportNow()
    // Only when an export of these figures is found waiting.
  }, [job.resumable])

  const countyName = counties.find((c) => c.code === countyCode)?.name
  const fixedCounty = fixed?.name ?? ''
  const totals = load.kind === 'ready' ? load.data : null

  return (
    <View className={`pk-page totals ${scope ? 'pk-page--with-bar' : ''}`}>
      {scope && (
        <View className='totals-top'>
          <View className='totals-top__presets'>
            {PRESETS.map((p) => (
              <View key={p.value} className={`pk-chip ${preset === p.value ? 'pk-chip--on' : ''}`} hoverClass='pk-chip--pressed' onClick={() => choosePreset(p.value)}>
                <Text>{p.label}</Text>
              </View>
            ))}
          </View>
          <View className='totals-top__range'>
            <Picker mode='date' value={range.from} end={todayYmd} start='2024-01-01' onChange={(e) => setFrom(String(e.detail.value))}>
              <View className='totals-top__date'>
                <Text>{chineseDate(range.from)}</Text>
              </View>
            </Picker>
            <Text className='totals-top__to'>至</Text>
            <Picker mode='date' value={range.to} end={todayYmd} start='2024-01-01' onChange={(e) => setTo(String(e.detail.value))}>
              <View className='totals-top__date'>
                <Text>{chineseDate(range.to)}</Text>
              </View>
            </Picker>
            {fixedCounty ? (
              <Text className='totals-top__county totals-top__county--fixed'>{fixedCounty}</Text>
            ) : (
              <View className={`totals-top__county ${countyCode ? 'totals-top__county--on' : ''}`} onClick={() => setSheet(true)}>
                <Text>{countyName ?? allCountiesLabel(scope)} ▾</Text>
              </View>
            )}
          </View>
        </View>
      )}

      <PageStates gate={state} state={load} retry={() => void (scope ? retry() : reload(true))} denied={adminDenied(state)}>
        {(totals) => (
          <>
            <View className='totals-sum'>
              <View className='totals-sum__main'>
                <Text className='totals-sum__label'>核销总数</Text>
                <View className='totals-sum__value'>
                  <Text className='totals-sum__num'>{totals.total}</Text>
                  <Text className='totals-sum__unit'>次</Text>
                </View>
              </View>
              <View className='totals-sum__side'>
                <Text className='totals-sum__stat'>{totals.byMerchant.length} 家商家</Text>
                <Text className='totals-sum__stat'>{totals.byPerk.length} 项优惠</Text>
                <Text className='totals-sum__stat'>{totals.byCounty.length} 个县（市、区）</Text>
              </View>
            </View>
            <Bars title='按商家' rows={totals.byMerchant.map((r) => ({ key: r.merchantId, name: r.merchantName || '（已删除的商家）', count: r.count }))} empty='这段时间没有核销' />
            <Bars title='按优惠' rows={totals.byPerk.map((r) => ({ key: r.perkId, name: r.perkTitle || '（已删除的优惠）', sub: r.merchantName, count: r.count }))} empty='这段时间没有核销' />
            <Bars title='按县（市、区）' rows={totals.byCounty.map((r) => ({ key: r.countyCode || 'none', name: r.countyName || '未知', count: r.count }))} empty='这段时间没有核销' />
            <JobProgress job={job.progress} />
            {exported && (
              <View className='totals-exported'>
                <Text className='totals-exported__text'>
                  已生成 {exported.fileName}（含 {exported.rows} 笔核销明细）
                </Text>
                <Text className='totals-exported__again' onClick={() => void openWorkbook(exported).catch(() => void Taro.showToast({ title: '打开失败，请重新导出', icon: 'none' }))}>
                  再次打开
                </Text>
              </View>
            )}
            {exported && <MyExportsLink />}
          </>
        )}
      </PageStates>

      {scope && (
        <>
          <View className='pk-bar-bottom'>
            <Button className='totals__export' busy={exporting} disabled={!totals} onClick={() => void exportNow()}>
              {exporting ? '正在导出…' : '导出 Excel'}
            </Button>
          </View>

          <CountySheet visible={sheet} counties={counties} all={allCountiesLabel(scope)} value={countyCode} onSelect={setCountyCode} onClose={() => setSheet(false)} />
        </>
      )}
    </View>
  )
}
