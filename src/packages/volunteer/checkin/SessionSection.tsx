// While a session runs: its time, its station and 签退; after 签退: what was recorded.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components/ui/Button'
import { clock, duration, elapsed } from '@/components/ui/format'
import { ROUTES } from '@/constants/routes'
import { DonePage } from '../shared/DonePage'
import { SessionSince } from '../shared/LiveBadge'
import { FlagList, StatusTag } from '../shared/ui'
import type { SessionView, StationView } from '../shared/volunteer'

import './session.scss'

/** Back to the volunteer home: the page below, or (opened from a code) a fresh one. */
function goHome() {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && String(below.route ?? '').includes('packages/volunteer/index/index')) void Taro.navigateBack()
  else void Taro.redirectTo({ url: ROUTES.volunteer })
}

export function LiveSession({
  session,
  station,
  elsewhere,
  now,
  checkingOut,
  onCheckOut,
}: {
  session: SessionView
  station: StationView | null
  /** The page was opened for another station than the session's. */
  elsewhere: boolean
  now: number
  checkingOut: boolean
  onCheckOut: () => void
}) {
  return (
    <>
      {elsewhere && (
        <View className='form-banner form-banner--pending checkin__elsewhere'>
          <View className='form-banner__icon'>
            <Text className='form-banner__icon-text'>!</Text>
          </View>
          <View className='form-banner__main'>
            <Text className='form-banner__title'>你还有未签退的服务</Text>
            <Text className='form-banner__text'>请先在「{session.stationName}」签退，再到新的驿站签到。</Text>
          </View>
        </View>
      )}
      <View className='ck-live' data-session={session.id}>
        <SessionSince block='ck-live' checkInAt={session.checkInAt} />
        <Text className='ck-live__elapsed'>{elapsed(now - Date.parse(session.checkInAt))}</Text>
        <Text className='ck-live__label'>已服务时长</Text>
        <View className='ck-live__station'>
          <Text className='ck-live__name'>{session.stationName}</Text>
          <Text className='ck-live__place'>{station ? station.address : session.townshipName}</Text>
        </View>
        <FlagList flags={session.flags} />
        <Button className='ck-live__checkout' busy={checkingOut} onClick={onCheckOut}>
          {checkingOut ? '正在签退…' : '签退'}
        </Button>
      </View>
      <Text className='form-note checkin__note'>
        离开驿站时请签退：签退时会再次读取位置。不在驿站范围内也可以签退，但记录会被标注，由镇街团委核实。忘记签退的服务会在当天结束时自动结束并交由镇街团委核实。
      </Text>
    </>
  )
}

export function CheckedOut({ done }: { done: SessionView }) {
  const pending = done.status === 'pending'
  return (
    <DonePage
      page='checkin'
      panel='ck-done'
      status={done.status}
      warn={!pending}
      title={pending ? '已签退' : '已签退，待核实'}
      back={{ text: '返回志愿服务', className: 'checkin__to-home', onClick: goHome }}
    >
      <Text className='ck-done__station'>{done.stationName}</Text>
      <View className='ck-done__facts'>
        <View className='ck-done__fact'>
          <Text className='ck-done__label'>服务时间</Text>
          <Text className='ck-done__value'>
            {clock(done.checkInAt)}–{clock(done.checkOutAt)}
          </Text>
        </View>
        <View className='ck-done__fact'>
          <Text className='ck-done__label'>本次时长</Text>
          <Text className='ck-done__value ck-done__value--strong'>{duration(done.minutes)}</Text>
        </View>
        <View className='ck-done__fact'>
          <Text className='ck-done__label'>状态</Text>
          <StatusTag status={done.status} />
        </View>
      </View>
      <FlagList flags={done.flags} />
      <Text className='ck-done__note'>
        {pending
          ? `已提交${done.townshipName}团委审核，审核通过后计入服务时长，结果会通过微信服务通知告诉你。`
          : `这条记录需要${done.townshipName}团委核实后才能计入服务时长。`}
      </Text>
    </DonePage>
  )
}
