// 志愿服务 home: the session running now (with the time ticking and 签退), the way in to 签到
// (scan a station's code, or choose a nearby station), this month's and all approved hours, the
// star level and the way to the next one, and the other volunteer pages.
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { hours as hoursText } from '@/components/ui/format'
import { parseScanned, scan } from '../shared/scan'
import { Card, NOT_VOLUNTEER, StarBar, Stars, starName } from '../shared/ui'
import { loadSettings, useCheckOut, useNow, type HoursView } from '../shared/volunteer'
import { HelpCard } from '@/components/ui/HelpCard'
import { Button } from '@/components/ui/Button'
import { clock, elapsed, lastMonths } from '@/components/ui/format'
import { takeChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { WorkbenchHead } from '@/components/ui/Workbench'
import { ScanMark } from '@/components/ui/ScanMark'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

type Me = OutputOf<'account.me'>

const LINKS = [
  { key: 'hours', mark: '时', title: '服务时长与记录', desc: '星级进度、月度时长、每一条服务记录', url: ROUTES.hours },
  { key: 'makeup', mark: '补', title: '补签', desc: '忘记签到或签退时，31 天内可申请补签', url: ROUTES.makeup },
  { key: 'certificate', mark: '证', title: '志愿服务证明', desc: '生成带核验码的服务证明', url: ROUTES.certificate },
  { key: 'verify', mark: '验', title: '核验服务证明', desc: '输入核验码，查验一份证明的真伪', url: ROUTES.verify },
] as const

/** Opens the check-in page for what the camera read. */
function openScanned(text: string) {
  const s = parseScanned(text)
  if (s.kind === 'station') void Taro.navigateTo({ url: `${ROUTES.checkin}?stationId=${s.stationId}&via=scan` })
  else if (s.kind === 'kiosk') void Taro.navigateTo({ url: `${ROUTES.checkin}?stationId=${s.stationId}&kiosk=${encodeURIComponent(s.code)}` })
  else if (s.kind === 'certificate') void Taro.navigateTo({ url: `${ROUTES.verify}?code=${s.code}` })
  else void Taro.showToast({ title: '无法识别这个二维码，请扫描驿站张贴的签到码', icon: 'none', duration: 2500 })
}

export default function VolunteerHome() {
  const [hours, setHours] = useState<HoursView | null>(null)
  const [hoursError, setHoursError] = useState('')
  const [capMinutes, setCapMinutes] = useState<number | null>(null)
  const loaded = useRef(false)
  const { busy: checkingOut, checkOut } = useCheckOut()

  // The session and who the volunteer is make the page; the hours fill their card when they come.
  const { state, reload, retry, setData } = usePageState(async () => {
    const hoursP = call('service.hours', {})
    hoursP.catch(() => undefined)
    const [session, me] = await Promise.all([call('service.current', {}), call('account.me', {}).catch((): Me | null => null)])
    loaded.current = true
    hoursP.then(
      (h) => {
        setHours(h)
        setHoursError('')
      },
      (err: unknown) => setHoursError(errorMessage(err)),
    )
    return { session, me }
  }, [])
  const session = state.kind === 'ready' ? state.data.session : null
  const now = useNow(!!session)

  useEffect(() => {
    loadSettings()
      .then((s) => setCapMinutes(s.dailyCapMinutes))
      .catch(() => undefined)
  }, [])

  // Back from the check-in page (or any other): the session may have started or ended.
  useDidShow(() => {
    if (loaded.current) {
      takeChanged('volunteer-home')
      void reload(true)
    }
  })

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  const startScan = async () => {
    if (process.env.TARO_ENV !== 'weapp') {
      // The web has no camera scanner: choose the station from the list (or paste a code in development).
      void Taro.navigateTo({ url: ROUTES.checkin })
      return
    }
    try {
      const text = await scan()
      if (text !== null) openScanned(text)
    } catch {
      void Taro.showToast({ title: '扫码失败，请重试或选择附近驿站', icon: 'none' })
    }
  }

  const finish = async () => {
    if (!session) return
    const done = await checkOut(session)
    if (done) {
      setData((d) => ({ ...d, session: null }))
      void reload(true)
    }
  }

  const thisMonth = lastMonths(1)[0]
  const monthMinutes = hours?.months.find((m) => m.month === thisMonth)?.minutes ?? 0

  const page = (
    <PageStates state={state} retry={retry} denied={NOT_VOLUNTEER}>
      {({ session, me }) => {
        const role = me?.roles.find((r) => r.role === 'volunteer')
        return (
          <View className='wb-page'>
            <WorkbenchHead eyebrow='乡村振兴志愿者'>
              <Text className='wb-head__name'>{me?.nickname || '志愿者'}</Text>
              <View className='vhome__tags'>
                {role?.scopeName ? <Text className='vhome__chip'>{role.scopeName}</Text> : null}
                {hours ? (
                  <View className='vhome__chip vhome__chip--star'>
                    <Stars n={hours.star} className='vhome__stars' />
                    <Text className='vhome__star-name'>{starName(hours.star)}</Text>
                  </View>
                ) : null}
              </View>
            </WorkbenchHead>

            <View className='wb-body'>
              {session ? (
                <View className='vhome-session' data-session={session.id}>
                  <View className='vhome-session__top'>
                    <View className='vhome-session__live'>
                      <View className='vhome-session__dot' />
                      <Text>服务中</Text>
                    </View>
                    <Text className='vhome-session__since'>{clock(session.checkInAt)} 签到</Text>
                  </View>
                  <Text className='vhome-session__station'>{session.stationName}</Text>
                  <Text className='vhome-session__elapsed'>{elapsed(now - Date.parse(session.checkInAt))}</Text>
                  <Text className='vhome-session__label'>已服务时长 · 离开驿站前请签退</Text>
                  <View className='vhome-session__actions'>
                    <Button kind='plain' className='vhome-session__detail' onClick={() => void Taro.navigateTo({ url: `${ROUTES.checkin}?stationId=${session.stationId}` })}>
                      签到详情
                    </Button>
                    <Button className='vhome-session__checkout' busy={checkingOut} onClick={() => void finish()}>
                      {checkingOut ? '正在签退…' : '签退'}
                    </Button>
                  </View>
                </View>
              ) : (
                <View className='vhome-entry'>
                  <View className='vhome-entry__scan' hoverClass='vhome-entry__scan--pressed' onClick={() => void startScan()}>
                    <View className='vhome-entry__icon'>
                      <ScanMark />
                    </View>
                    <View className='vhome-entry__main'>
                      <Text className='vhome-entry__title'>扫码签到</Text>
                      <Text className='vhome-entry__desc'>到达驿站后，扫描驿站张贴的签到码</Text>
                    </View>
                    <Text className='vhome-entry__arrow'>›</Text>
                  </View>
                  <View className='vhome-entry__nearby' hoverClass='vhome-entry__nearby--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.checkin })}>
                    <View className='vhome-entry__pin'>
                      <View className='vhome-entry__pin-dot' />
                    </View>
                    <Text className='vhome-entry__nearby-text'>选择附近驿站签到</Text>
                    <Text className='vhome-entry__nearby-arrow'>›</Text>
                  </View>
                </View>
              )}

              <Card title='我的服务时长' extra={<Text onClick={() => void Taro.navigateTo({ url: ROUTES.hours })}>明细 ›</Text>} className='vhome-hours'>
                {hours ? (
                  <>
                    <View className='vhome-hours__stats'>
                      <View className='vhome-hours__stat'>
                        <Text className='vhome-hours__num vhome-hours__num--month'>{hoursText(monthMinutes)}</Text>
                        <Text className='vhome-hours__label'>本月（小时）</Text>
                      </View>
                      <View className='vhome-hours__stat'>
                        <Text className='vhome-hours__num vhome-hours__num--total'>{hoursText(hours.approvedMinutes)}</Text>
                        <Text className='vhome-hours__label'>累计（小时）</Text>
                      </View>
                      <View className='vhome-hours__stat'>
                        <Text className='vhome-hours__num vhome-hours__num--pending'>{hoursText(hours.pendingMinutes)}</Text>
                        <Text className='vhome-hours__label'>待审核（小时）</Text>
                      </View>
                    </View>
                    <View className='vhome-hours__star'>
                      <StarBar hours={hours} />
                    </View>
                  </>
                ) : hoursError ? (
                  <View className='vhome-hours__error'>
                    <Text>{hoursError}</Text>
                    <Text className='vhome-hours__retry' onClick={() => void reload(true)}>
                      重试
                    </Text>
                  </View>
                ) : (
                  <View className='vhome-hours__loading'>
                    <View className='vhome-hours__ghost' />
                    <View className='vhome-hours__ghost vhome-hours__ghost--short' />
                  </View>
                )}
              </Card>

              <View className='vhome-links'>
                {LINKS.map((l) => (
                  <View key={l.key} className={`vhome-link vhome-link--${l.key}`} hoverClass='vhome-link--pressed' onClick={() => void Taro.navigateTo({ url: l.url })}>
                    <View className={`vhome-link__mark vhome-link__mark--${l.key}`}>
                      <Text>{l.mark}</Text>
                    </View>
                    <View className='vhome-link__main'>
                      <Text className='vhome-link__title'>{l.title}</Text>
                      <Text className='vhome-link__desc'>{l.desc}</Text>
                    </View>
                    <Text className='vhome-link__arrow'>›</Text>
                  </View>
                ))}
              </View>

              <Text className='vhome__note'>
                服务时长按签到、签退时间计算，{capMinutes ? `每天最多计入 ${hoursText(capMinutes)} 小时，` : ''}经镇街团委审核通过后计入。未签退的服务会在当天结束时自动结束，并交由镇街团委核实。
              </Text>
            </View>
            <HelpCard programme='volunteer' />
          </View>
        )
      }}
    </PageStates>
  )
  if (state.kind === 'ready') return page

  // Until the page can show itself: a short head over a card that waits, refuses or fails.
  return (
    <View className='wb-page'>
      <WorkbenchHead eyebrow='乡青汇 · 志愿服务'>
        <Text className='wb-head__name'>驿站签到与服务时长</Text>
      </WorkbenchHead>
      <View className='wb-gate'>{page}</View>
    </View>
  )
}
