// 培训与大赛统计（团市委、县团委、镇街）：期间内本地学员的培训——报名、出勤人次、出勤率、参训人数、结业、
// 学时，按类别、按县（市、区）或镇街，附去年同期；以及本级大赛的参赛、提交、评审、各轮结果、奖项与申诉。
// 期间与地方的选法同工作看板（本月、今年、近 12 个月或自定，最长一年；全市可下钻到县、镇街）；每组数字
// 画成条形图，可切换为表格；导出本视图为 Excel。镇街不举办大赛：只看培训。
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { TRAINING_KIND_LABELS } from '@contract/vocabulary'
import { APPEAL_STATUS_LABELS, ENTRY_MODE_LABELS } from '@contract/contest-rules'
import { call } from '@/services/cloud'
import { changeText, countText, hoursText } from '@/components/admin/dashboard-figures'
import { Bars, Big, Card, Figures, PeriodChoice, PlaceTrail } from '@/components/admin/dashboard-parts'
import { usePlaceTrail, useReportPeriod, type ReportScope } from '@/components/admin/use-report-view'
import { staffScopeOf } from '@/components/township/shared'
import { useScope } from '@/components/admin/shared'
import { ExportedNote } from '@/components/ui/ExportedNote'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { dateTime } from '@/components/ui/format'
import { Button } from '@/components/ui/Button'
import { useWorkbookExport } from '@/components/ui/use-workbook-export'

import './index.scss'

type Training = OutputOf<'training.report'>
type Contests = OutputOf<'contest.report'>
type Scope = ReportScope
type Tab = 'training' | 'contest'

const STAFF_ONLY: DeniedLook = { text: '培训与大赛统计向镇街团委干事、县（市、区）团委和团市委开放。', className: 'panel-denied' }

/** A part of a whole in percent to one decimal ('—' without a whole). */
export const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—')

export default function TrainingReportPage() {
  const { state: gate, reload: reloadScope } = useScope(staffScopeOf)
  const staff = gate.kind === 'ready' ? gate.scope : null
  const opened = useRouter().params.tab
  const [tab, setTab] = useState<Tab>(opened === 'contest' ? 'contest' : 'training')
  const choice = useReportPeriod()
  const { period } = choice
  const place = usePlaceTrail(staff)
  const { scope, drill } = place
  // A township holds no contest: its view is the trainings'.
  const shown: Tab = scope?.level === 'township' ? 'training' : tab
  const key = JSON.stringify({ scope, period, shown })
  const { state, reload, retry } = usePageState<{ tab: 'training'; r: Training } | { tab: 'contest'; r: Contests }>(
    async () => (shown === 'training' ? { tab: 'training', r: await call('training.report', { scope: scope!, period }) } : { tab: 'contest', r: await call('contest.report', { scope: scope!, period }) }),
    [key],
    !!scope,
  )
  const { exporting, exported, run: exportNow, reopen } = useWorkbookExport(() => call(shown === 'training' ? 'training.exportReport' : 'contest.exportReport', { scope: scope!, period }), { madeOf: key })
  usePullDownRefresh(() => {
    void (staff ? reload(true) : reloadScope(true)).finally(() => Taro.stopPullDownRefresh())
  })


  return (
    <View className={`dash trr${staff ? ' dash--with-bar' : ''}`}>
      {staff && (
        <View className='dash__top'>
          <PlaceTrail place={place} staff={staff} />
          {scope?.level !== 'township' && (
            <View className='trr__tabs'>
              {(['training', 'contest'] as const).map((t) => (
                <View key={t} className={`trr__tab trr__tab--${t}${shown === t ? ' trr__tab--on' : ''}`} onClick={() => setTab(t)}>
                  <Text>{t === 'training' ? '培训' : '大赛'}</Text>
                </View>
              ))}
            </View>
          )}
          <PeriodChoice choice={choice} />
        </View>
      )}
      <PageStates gate={gate} state={state} retry={staff ? retry : () => void reloadScope(true)} denied={gate.kind === 'denied' ? STAFF_ONLY : undefined}>
        {(d) => (
          <>
            {d.tab === 'training' ? <TrainingBody r={d.r} drill={drill} /> : <ContestBody r={d.r} />}
            <ExportedNote block='dash' exported={exported} reopen={reopen} />
          </>
        )}
      </PageStates>
      {staff && (
        <View className='panel-bar dash__bar'>
          <View className='panel-bar__info'>
            <Text className='dash__bar-title'>导出{shown === 'training' ? '培训' : '大赛'}统计</Text>
            <Text className='panel-bar__hint'>{`${period.from} 至 ${period.to}`}</Text>
          </View>
          <Button small className='trr__export' busy={exporting} disabled={state.kind !== 'ready'} onClick={() => void exportNow()}>
            {exporting ? '正在导出…' : '导出 Excel'}
          </Button>
        </View>
      )}
    </View>
  )
}

function TrainingBody({ r, drill }: { r: Training; drill: (scope: Scope, name: string) => void }) {
  const t = r.totals
  const lastYearRate = percent(t.personTimes.lastYear, t.signups.lastYear)
  return (
    <View className='dash__body'>
      <Text className='dash__period-line'>
        {r.scope.name} · {r.period.from} 至 {r.period.to} · 对比去年同期 {r.lastYearPeriod.from} 至 {r.lastYearPeriod.to}
      </Text>
      <Card title='培训' note='本地学员在期间举办的场次' className='trr-card--training'>
        <Figures>
          <Big label='出勤人次' value={countText(t.personTimes.current)} f={t.personTimes} strong />
          <Big label='报名人次' value={countText(t.signups.current)} f={t.signups} />
          <Big label='出勤率' value={percent(t.personTimes.current, t.signups.current)} sub={`去年 ${lastYearRate}`} />
        </Figures>
        <Figures>
          <Big label='参训人数' value={countText(t.people.current)} f={t.people} />
          <Big label='结业' value={countText(t.completions.current)} f={t.completions} />
          <Big label='结业率' value={percent(t.completions.current, t.people.current)} sub='结业 / 参训人数' />
        </Figures>
        <Figures>
          <Big label='面授学时' value={hoursText(t.minutes.current)} sub={`去年 ${hoursText(t.minutes.lastYear)} 小时`} />
          <Big label='线上课时' value={countText(t.onlineParts.current)} f={t.onlineParts} />
          <Big label='线上学时' value={hoursText(t.onlineMinutes.current)} sub={`去年 ${hoursText(t.onlineMinutes.lastYear)} 小时`} />
        </Figures>
        {t.signups.current === 0 && t.completions.current === 0 && t.onlineParts.current === 0 ? (
          <Text className='trr__empty'>期间内没有培训记录</Text>
        ) : (
          <>
            <Bars
              title='各类别出勤人次'
              rows={r.byKind.filter((k) => k.signups > 0 || k.completions > 0 || k.lastYearPersonTimes > 0).map((k) => ({ key: k.kind, name: TRAINING_KIND_LABELS[k.kind], value: k.personTimes, text: `${k.personTimes} 人次`, sub: rowSub(k) }))}
            />
            <Bars
              title={r.placeLevel === 'county' ? '各县（市、区）出勤人次' : '各镇街出勤人次'}
              rows={r.byPlace.map((p) => ({ key: p.code || 'none', name: p.name, value: p.personTimes, text: `${p.personTimes} 人次`, sub: rowSub(p) }))}
              onRow={r.scope.level === 'township' ? undefined : (row) => row.key !== 'none' && drill({ level: r.placeLevel, code: row.key }, row.name)}
            />
          </>
        )}
      </Card>
      <Text className='dash__computed'>数据计算于 {dateTime(r.computedAt, '—')}</Text>
    </View>
  )
}

const rowSub = (x: { signups: number; personTimes: number; completions: number; minutes: number; lastYearPersonTimes: number }) => {
  const change = changeText(x.personTimes, x.lastYearPersonTimes)
  return `报名 ${x.signups} · 出勤率 ${percent(x.personTimes, x.signups)} · 结业 ${x.completions} · ${hoursText(x.minutes)} 小时 · 去年 ${x.lastYearPersonTimes}${change ? `（${change}）` : ''}`
}

function ContestBody({ r }: { r: Contests }) {
  const t = r.totals
  return (
    <View className='dash__body'>
      <Text className='dash__period-line'>
        {r.scope.name} · {r.period.from} 至 {r.period.to} 创建的大赛
      </Text>
      <Card title='大赛' note={`${t.contests} 场`} className='trr-card--contests'>
        <Figures>
          <Big label='参赛作品' value={countText(t.entries)} sub={`${countText(t.people)} 人参赛`} strong />
          <Big label='已提交' value={countText(t.submitted)} sub={`已评审 ${countText(t.judged)}`} />
          <Big label='获奖' value={countText(t.awarded)} sub={`申诉 ${countText(t.appeals)}`} />
        </Figures>
        {r.items.length === 0 ? (
          <Text className='trr__empty'>期间内没有大赛</Text>
        ) : (
          <Bars title='各大赛参赛作品' rows={r.items.map((c) => ({ key: c.contestId, name: c.title, value: c.entries, text: `${c.entries} 件`, sub: `${c.countyName} · ${c.status} · ${c.people} 人` }))} />
        )}
      </Card>
      {r.items.map((c) => (
        <Card key={c.contestId} title={c.title} note={`${c.countyName} · ${c.status}`} className='trr-card--contest'>
          <Figures>
            <Big label='参赛作品' value={countText(c.entries)} sub={c.byMode.map((m) => `${ENTRY_MODE_LABELS[m.mode]} ${m.entries}`).join(' · ') || '—'} strong />
            <Big label='已提交' value={countText(c.submitted)} sub={`已评审 ${c.judged}`} />
            <Big label='参赛人数' value={countText(c.people)} />
          </Figures>
          {c.rounds
            .filter((round) => round.outcomes.length > 0)
            .map((round) => (
              <Bars key={round.round} title={`${round.name}结果`} rows={round.outcomes.map((o) => ({ key: o.outcome, name: o.outcome, value: o.count, text: `${o.count} 件` }))} />
            ))}
          {c.awards.length > 0 && <Bars title='奖项' rows={c.awards.map((a) => ({ key: a.name, name: a.name, value: a.count, text: `${a.count} 件` }))} />}
          <Bars title='申诉' rows={c.appeals.map((a) => ({ key: a.status, name: APPEAL_STATUS_LABELS[a.status], value: a.count, text: `${a.count} 件` }))} />
        </Card>
      ))}
      <Text className='dash__computed'>数据计算于 {dateTime(r.computedAt, '—')}</Text>
    </View>
  )
}
