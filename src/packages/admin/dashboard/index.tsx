// 工作看板（团市委、县团委、镇街）: the league's figures for a place and a period, each beside the
// same period last year — volunteers in post, hours served (by township, by star level), stations
// and their use, perks redeemed, loans and the subsidy, job fairs from sign-up to local hire. The
// city admin starts with the city and drills down to a county and a township by tapping its row;
// a county admin starts with their county; township staff see their township. Each card shows its
// figures as bars (drawn with Views) or as a table. Any period: this month, this year, the last 12
// months or one picked (a year at most, checked as the function checks it, the problem under the
// date). Below the cards, the one-page summary worded as the league's reports are (copyable), and
// the view exports as an Excel workbook (the summary its first sheet).
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { LOAN_STATUS_LABELS, PROJECT_TYPE_LABELS } from '@contract/vocabulary'
import { call } from '@/services/cloud'
import { ROUTES } from '@/constants/routes'
import { changeText, countText, hoursText, rolledUpText } from '@/components/admin/dashboard-figures'
import { Bars, Big, Card, Figures, PeriodChoice, PlaceTrail, Summary } from '@/components/admin/dashboard-parts'
import { MonthTrend } from '@/components/admin/MonthTrend'
import { usePlaceTrail, useReportPeriod, type ReportScope } from '@/components/admin/use-report-view'
import { staffScopeOf } from '@/components/township/shared'
import { useScope } from '@/components/admin/shared'
import { ExportedNote } from '@/components/ui/ExportedNote'
import { wan } from '@/components/loan/format'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { dateTime } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { useWorkbookExport } from '@/components/ui/use-workbook-export'

import './index.scss'

type Overview = OutputOf<'dashboard.overview'>
type Scope = ReportScope

const STAFF_ONLY: DeniedLook = { text: '工作看板向镇街团委干事、县（市、区）团委和团市委开放。如需开通，请联系上级团委发送邀请。', className: 'panel-denied' }

export default function Dashboard() {
  const { state: gate, reload: reloadScope } = useScope(staffScopeOf)
  const staff = gate.kind === 'ready' ? gate.scope : null
  const choice = useReportPeriod()
  const { period } = choice
  // The places drilled into, from where the caller starts (the last is shown).
  const place = usePlaceTrail(staff)
  const { scope, drill } = place
  const key = JSON.stringify({ scope, period })
  const { state, reload, retry } = usePageState(() => call('dashboard.overview', { scope: scope!, period }), [key], !!scope)
  const { exporting, exported, run: exportNow, reopen } = useWorkbookExport(() => call('dashboard.exportOverview', { scope: scope!, period }), { madeOf: key })
  usePullDownRefresh(() => {
    void (staff ? reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })


  return (
    <View className={`dash${staff ? ' dash--with-bar' : ''}`}>
      {staff && (
        <View className='dash__top'>
          <PlaceTrail place={place} staff={staff} first={state.kind === 'ready' && place.trail.length === 0 ? state.data.scope.name : undefined} />
          <PeriodChoice choice={choice} />
        </View>
      )}
      <PageStates gate={gate} state={state} retry={staff ? retry : () => void reloadScope(true)} denied={gate.kind === 'denied' ? STAFF_ONLY : undefined}>
        {(o) => (
          <>
            <Body o={o} drill={drill} />
            <ExportedNote block='dash' exported={exported} reopen={reopen} />
          </>
        )}
      </PageStates>
      {staff && (
        <View className='panel-bar dash__bar'>
          <View className='panel-bar__info'>
            <Text className='dash__bar-title'>导出本视图</Text>
            <Text className='panel-bar__hint'>{state.kind === 'ready' ? `${state.data.scope.name} · ${period.from} 至 ${period.to}` : 'Excel：摘要、各项数字及明细'}</Text>
          </View>
          <Button small className='dash__export' busy={exporting} disabled={state.kind !== 'ready'} onClick={() => void exportNow()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Button>
        </View>
      )}
    </View>
  )
}

function Body({ o, drill }: { o: Overview; drill: (scope: Scope, name: string) => void }) {
  const downTo = o.scope.level === 'city' ? 'county' : o.scope.level === 'county' ? 'township' : null
  return (
    <View className='dash__body'>
      <Text className='dash__period-line'>
        {o.period.from} 至 {o.period.to} · 对比去年同期 {o.lastYearPeriod.from} 至 {o.lastYearPeriod.to}
      </Text>

      <Card title='志愿者' note={`截至 ${o.volunteers.asOf}`} className='dash-card--volunteers'>
        <Figures>
          <Big label='在岗' value={countText(o.volunteers.inPost.current)} f={o.volunteers.inPost} strong />
          <Big label='90 天内期满' value={countText(o.volunteers.endingSoon.current)} f={o.volunteers.endingSoon} />
          <Big label='已期满' value={countText(o.volunteers.finished.current)} f={o.volunteers.finished} />
        </Figures>
        {o.scope.level !== 'township' && o.volunteers.byTownship.length > 0 && (
          <Bars
            title='各镇街志愿者（在岗）'
            rows={o.volunteers.byTownship.map((t) => ({ key: t.townshipCode, name: t.townshipName, value: t.inPost, text: `${t.inPost} 人`, sub: t.endingSoon ? `${t.endingSoon} 人将期满` : '' }))}
            onRow={downTo === 'township' ? (r) => drill({ level: 'township', code: r.key }, r.name) : undefined}
          />
        )}
      </Card>

      <Card title='服务时长' note='小时，已审核，按每日上限计' className='dash-card--hours'>
        <Figures>
          <Big label='期间' value={hoursText(o.hours.periodMinutes.current)} f={o.hours.periodMinutes} strong />
          <Big label='本年' value={hoursText(o.hours.yearMinutes.current)} f={o.hours.yearMinutes} />
          <Big label='累计' value={hoursText(o.hours.totalMinutes)} sub={`${countText(o.hours.volunteers)} 名志愿者`} />
        </Figures>
        {o.scope.level !== 'township' && o.hours.byTownship.length > 0 && (
          <Bars
            title='各镇街期间时长'
            rows={o.hours.byTownship.map((t) => ({ key: t.townshipCode, name: t.townshipName, value: t.periodMinutes, text: `${hoursText(t.periodMinutes)} 小时`, sub: `${t.volunteers} 人 · 累计 ${hoursText(t.totalMinutes)}` }))}
            onRow={downTo === 'township' ? (r) => drill({ level: 'township', code: r.key }, r.name) : undefined}
          />
        )}
        <MonthTrend title='各月服务时长（小时）' months={o.hours.byMonth} />
        <Bars title='星级分布' rows={o.hours.stars.map((s) => ({ key: String(s.star), name: s.star === 0 ? '未达一星' : `${'★'.repeat(s.star)}`, value: s.volunteers, text: `${s.volunteers} 人` }))} />
        {o.rolledUpAt ? <Text className='dash-card__foot'>{rolledUpText(o.rolledUpAt)}</Text> : null}
      </Card>

      <Card title='志愿服务驿站' note={`${o.stations.active} 个在用`} className='dash-card--stations'>
        <Figures>
          <Big label='有人签到的驿站' value={countText(o.stations.used.current)} f={o.stations.used} />
          <Big label='签到次数' value={countText(o.stations.sessions.current)} f={o.stations.sessions} strong />
        </Figures>
        <Bars
          title='驿站使用（前 8）'
          rows={[...o.stations.byStation]
            .sort((a, b) => b.sessions - a.sessions)
            .slice(0, 8)
            .map((s) => ({ key: s.stationId, name: s.stationName, value: s.sessions, text: `${s.sessions} 次`, sub: `${s.townshipName} · ${s.volunteers} 人 · ${hoursText(s.minutes)} 小时` }))}
        />
        {o.rolledUpAt ? <Text className='dash-card__foot'>{rolledUpText(o.rolledUpAt)}</Text> : null}
      </Card>

      {o.perks && (
        <Card title='爱心商家优惠' note='核销次数' className='dash-card--perks'>
          <Figures>
            <Big label='核销' value={countText(o.perks.redemptions.current)} f={o.perks.redemptions} strong />
          </Figures>
          <Bars title='按类别' rows={o.perks.byCategory.map((c) => ({ key: c.category, name: c.category, value: c.count, text: `${c.count} 次`, sub: `去年同期 ${c.lastYear}` }))} />
          {o.perks.byCounty.length > 1 && (
            <Bars
              title='按县（市、区）'
              rows={o.perks.byCounty.map((c) => ({ key: c.countyCode, name: c.countyName, value: c.count, text: `${c.count} 次`, sub: `去年同期 ${c.lastYear}` }))}
              onRow={downTo === 'county' ? (r) => drill({ level: 'county', code: r.key }, r.name) : undefined}
            />
          )}
          <Bars title='商家（前 8）' rows={[...o.perks.byMerchant].sort((a, b) => b.count - a.count).slice(0, 8).map((m) => ({ key: m.merchantId, name: m.merchantName, value: m.count, text: `${m.count} 次`, sub: m.category }))} />
        </Card>
      )}

      <Card title='创业贴息贷款' note='放款按放款日，贴息按核准、拨付日' className='dash-card--loans'>
        <Figures>
          <Big label='放款笔数' value={countText(o.loans.loans.current)} f={o.loans.loans} />
          <Big label='放款（万元）' value={wan(o.loans.lentFen.current)} f={o.loans.lentFen} strong />
          <Big label='申请' value={countText(o.loans.applications.current)} f={o.loans.applications} />
        </Figures>
        <Figures>
          <Big label='核准贴息（万元）' value={wan(o.loans.subsidyApprovedFen.current)} f={o.loans.subsidyApprovedFen} />
          <Big label='拨付贴息（万元）' value={wan(o.loans.subsidyPaidFen.current)} f={o.loans.subsidyPaidFen} />
          <Big label='带动就业 / 帮扶户' value={`${o.loans.jobsCreated.current} / ${o.loans.householdsHelped.current}`} sub='申请承诺' />
        </Figures>
        <Bars title='按项目类型' rows={o.loans.byType.map((t) => ({ key: t.type, name: PROJECT_TYPE_LABELS[t.type], value: t.lentFen, text: `${wan(t.lentFen)} 万元`, sub: `${t.loans} 笔` }))} />
        {o.loans.byStatus.length > 0 && (
          <Bars title='期间申请的办理状态' rows={o.loans.byStatus.map((s) => ({ key: s.status, name: LOAN_STATUS_LABELS[s.status], value: s.count, text: `${s.count} 份` }))} />
        )}
      </Card>

      <Card title='岗位对接会' note={`${o.fairs.fairs.current} 场（去年同期 ${o.fairs.fairs.lastYear} 场）`} className='dash-card--fairs'>
        <Bars
          title='从报名到本地就业'
          rows={[
            { key: 'signups', name: '报名', f: o.fairs.signups },
            { key: 'attended', name: '到场', f: o.fairs.attended },
            { key: 'offered', name: '录用意向', f: o.fairs.offered },
            { key: 'hired', name: '入职', f: o.fairs.hired },
            { key: 'hiredLocal', name: '本地就业', f: o.fairs.hiredLocal },
          ].map((r) => ({ key: r.key, name: r.name, value: r.f.current, text: `${r.f.current} 人`, sub: `去年同期 ${r.f.lastYear}${changeText(r.f.current, r.f.lastYear) ? ` · ${changeText(r.f.current, r.f.lastYear)}` : ''}` }))}
        />
      </Card>

      <Card title='培训与大赛' note='本地学员 · 本级大赛' className='dash-card--training'>
        <Figures>
          <Big label='培训出勤人次' value={countText(o.training.personTimes.current)} f={o.training.personTimes} strong />
          <Big label='报名人次' value={countText(o.training.signups.current)} f={o.training.signups} />
          <Big label='出勤率' value={o.training.signups.current > 0 ? `${Math.round((o.training.personTimes.current / o.training.signups.current) * 1000) / 10}%` : '—'} sub={`学时 ${hoursText(o.training.minutes.current)} 小时`} />
        </Figures>
        {o.training.contests && (
          <Figures>
            <Big label='大赛' value={countText(o.training.contests.contests.current)} f={o.training.contests.contests} />
            <Big label='参赛作品' value={countText(o.training.contests.entries.current)} f={o.training.contests.entries} />
            <Big label='获奖作品' value={countText(o.training.contests.awarded.current)} f={o.training.contests.awarded} />
          </Figures>
        )}
        <Text className='dash-card__foot' onClick={() => void Taro.navigateTo({ url: ROUTES.trainingReport })}>
          培训与大赛统计 ›
        </Text>
      </Card>

      <Summary o={o} />

      <Text className='dash__computed'>数据计算于 {dateTime(o.computedAt, '—')}</Text>
    </View>
  )
}
