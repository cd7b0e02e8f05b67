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
import { NOT_VOLUNTEER, Stars, starName } from '../shared/ui'
import { loadSettings, useCheckOut, useNow, type HoursView } from '../shared/volunteer'
import { HelpCard } from '@/components/ui/HelpCard'
import { takeChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { WorkbenchHead } from '@/components/ui/Workbench'
import { usePageState } from '@/components/ui/page-state'
import { CheckInEntry, HoursCard, SessionCard, VolunteerLinks } from './sections'
import { TermNotice } from '@/components/term/TermCard'

import './index.scss'

type Me = OutputOf<'account.me'>

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
                <SessionCard session={session} now={now} checkingOut={checkingOut} onCheckOut={() => void finish()} />
              ) : (
                <CheckInEntry onScan={() => void startScan()} />
              )}

              <TermNotice />

              <HoursCard hours={hours} error={hoursError} onRetry={() => void reload(true)} />

              <VolunteerLinks />

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
