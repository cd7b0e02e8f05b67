// 对接会统计 (?id=; city admin): capacity, sign-ups, confirmed, waiting, cancelled, attended;
// people interviewed, offered, hired and hired in Qingyuan (local employment); the same by
// employer type and by employer, drawn as bars; Excel export (WeChat's document viewer, or a
// download on the web).
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { FairReport } from '@contract/fair'
import { EMPLOYER_TYPE_LABELS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { cityGate } from '@/components/admin/ui'
import { param } from '@/components/fair/format'
import { EmployerTypeTag, Figure } from '@/components/fair/ui'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { chineseDate } from '@/components/ui/format'
import { useWorkbookExport } from '@/components/ui/use-workbook-export'
import { ExportedNote } from '@/components/ui/ExportedNote'

import '@/components/fair/pieces.scss'
import './index.scss'

type Row = FairReport['byEmployer'][number] | FairReport['byEmployerType'][number]

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 100)}%` : '—')

/** One labelled bar: its width is `value` of `max`. */
function Bar({ label, value, max, tone }: { label: string; value: number; max: number; tone: 'brand' | 'green' | 'amber' | 'blue' | 'grey' | 'teal' }) {
  const width = max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100)) : 0
  return (
    <View className='rep-bar'>
      <Text className='rep-bar__label'>{label}</Text>
      <View className='rep-bar__track'>
        <View className={`rep-bar__fill rep-bar__fill--${tone}`} style={{ width: `${width}%` }} />
      </View>
      <Text className='rep-bar__value'>{value}</Text>
    </View>
  )
}

/** A group's figures: applicants, interviews, offers, hires, local hires as stacked small bars. */
function GroupBars({ row, max }: { row: Row; max: number }) {
  return (
    <View className='rep-group__bars'>
      <Bar label='报名人次' value={row.applicants} max={max} tone='blue' />
      <Bar label='面试' value={row.interviews} max={max} tone='teal' />
      <Bar label='录用意向' value={row.offers} max={max} tone='amber' />
      <Bar label='录用' value={row.hires} max={max} tone='green' />
      <Bar label='本地录用' value={row.hiresLocal} max={max} tone='brand' />
    </View>
  )
}

export default function Report() {
  const { params } = useRouter()
  const id = param(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const { exporting, exported, run: exportNow, reopen } = useWorkbookExport(() => call('fair.exportReport', { fairId: id }))

  const city = !!scope?.city
  const { gate, denied } = cityGate(state, '对接会统计仅向团市委开放。', ROUTES.fairAdmin)
  const report = usePageState<FairReport>(() => call('fair.report', { fairId: id }), [id], city)
  usePullDownRefresh(() => {
    void (city ? report.reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })

  /** The report: the figures, the funnel, by employer type and by employer, and the export bar. */
  const page = (r: FairReport) => {
    const funnelMax = Math.max(r.signups, r.capacity, 1)
    const typeMax = Math.max(1, ...r.byEmployerType.map((t) => t.applicants))
    const orgMax = Math.max(1, ...r.byEmployer.map((e) => e.applicants))

    return (
      <>
        <View className='rep__hero'>
          <Text className='rep__hero-title'>{r.title}</Text>
          <Text className='rep__hero-sub'>{chineseDate(r.date)}</Text>
          <View className='rep__hero-main'>
            <View className='rep__hero-figure rep__hired'>
              <Text className='rep__hero-num'>{r.people.hired}</Text>
              <Text className='rep__hero-label'>录用</Text>
            </View>
            <View className='rep__hero-figure rep__local'>
              <Text className='rep__hero-num'>{r.people.hiredLocal}</Text>
              <Text className='rep__hero-label'>本地录用</Text>
            </View>
            <View className='rep__hero-figure'>
              <Text className='rep__hero-num'>{pct(r.people.hiredLocal, r.people.hired)}</Text>
              <Text className='rep__hero-label'>本地就业占比</Text>
            </View>
          </View>
          <Text className='rep__hero-note'>本地录用：工作地在清远市内的岗位录用人数</Text>
        </View>

        <ExportedNote block='rep' rows={false} exported={exported} reopen={reopen} />

        <View className='panel-section fair-section'>
          <View className='panel-section__title'>
            <Text>报名与到场</Text>
          </View>
          <View className='rep__figures'>
            <Figure label='名额' value={r.capacity} className='rep__capacity' />
            <Figure label='有效报名' value={r.signups} tone='blue' className='rep__signups' />
            <Figure label='报名成功' value={r.confirmed} tone='green' className='rep__confirmed' />
            <Figure label='候补' value={r.waiting} tone='amber' className='rep__waiting' />
            <Figure label='已取消' value={r.cancelled} className='rep__cancelled' />
            <Figure label='到场' value={r.attended} tone='brand' className='rep__attended' />
          </View>
        </View>

        <View className='panel-section fair-section'>
          <View className='panel-section__title'>
            <Text>从报名到录用（人）</Text>
            <Text className='panel-section__extra'>到场率 {pct(r.attended, r.confirmed)}</Text>
          </View>
          <View className='rep__funnel'>
            <Bar label='报名成功' value={r.confirmed} max={funnelMax} tone='blue' />
            <Bar label='到场' value={r.attended} max={funnelMax} tone='teal' />
            <Bar label='面试' value={r.people.interviewed} max={funnelMax} tone='grey' />
            <Bar label='录用意向' value={r.people.offered} max={funnelMax} tone='amber' />
            <Bar label='录用' value={r.people.hired} max={funnelMax} tone='green' />
            <Bar label='本地录用' value={r.people.hiredLocal} max={funnelMax} tone='brand' />
          </View>
        </View>

        <View className='panel-section fair-section'>
          <View className='panel-section__title'>
            <Text>按单位类型</Text>
            <Text className='panel-section__extra'>人次</Text>
          </View>
          {r.byEmployerType.map((t) => (
            <View key={t.type} className='rep-group'>
              <View className='rep-group__head'>
                <EmployerTypeTag type={t.type} />
                <Text className='rep-group__meta'>
                  {t.positions} 个岗位 · 招 {t.openings} 人
                </Text>
              </View>
              {t.positions === 0 ? <Text className='rep-group__none'>本场无{EMPLOYER_TYPE_LABELS[t.type]}岗位</Text> : <GroupBars row={t} max={typeMax} />}
            </View>
          ))}
        </View>

        <View className='panel-section fair-section rep__orgs'>
          <View className='panel-section__title'>
            <Text>按用人单位</Text>
            <Text className='panel-section__extra'>{r.byEmployer.length} 家</Text>
          </View>
          {r.byEmployer.length === 0 ? (
            <Text className='rep-group__none'>还没有单位发布岗位</Text>
          ) : (
            r.byEmployer.map((e) => (
              <View key={e.employerId} className='rep-group rep-org'>
                <View className='rep-group__head'>
                  <Text className='rep-org__name'>{e.employerName}</Text>
                  <EmployerTypeTag type={e.type} />
                </View>
                <Text className='rep-group__meta rep-org__meta'>
                  {e.positions} 个岗位 · 招 {e.openings} 人 · 录用 {e.hires} 人（本地 {e.hiresLocal} 人）
                </Text>
                <GroupBars row={e} max={orgMax} />
              </View>
            ))
          )}
        </View>

        <View className='panel-bar'>
          <View className='panel-bar__info'>
            <Text className='rep__bar-title'>导出统计表</Text>
            <Text className='panel-bar__hint'>Excel：总体、按单位类型、按用人单位，附岗位明细与报名明细</Text>
          </View>
          <Button small className='rep__export' busy={exporting} onClick={() => void exportNow()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Button>
        </View>
      </>
    )
  }

  return (
    <View className={`panel-page rep ${city && report.state.kind === 'ready' ? 'panel-page--with-bar' : ''}`}>
      <PageStates gate={gate} state={report.state} retry={() => void (city ? report.reload() : reloadScope(true))} denied={denied} notFound={{ title: '对接会不存在' }}>
        {page}
      </PageStates>
    </View>
  )
}
