// The top of a fair's page: its standing, title, time, venue (a map on WeChat), the sign-up
// window and who may sign up, the seats; then why it cannot go ahead (cancelled, a refusal) and
// my place in it.
import { Text, View } from '@tarojs/components'
import type { FairView, MySignupView } from '@contract/fair'
import { momentText } from '@/components/ui/format'
import { fairWhen, whoMaySignUp } from '@/components/fair/format'
import { openMap } from '@/components/fair/shared'
import { MineTag, Notice, SeatsBar, StandingTag } from '@/components/fair/ui'

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <View className='detail__fact'>
      <Text className='detail__fact-key'>{label}</Text>
      <Text className='detail__fact-value'>{children}</Text>
    </View>
  )
}

export function DetailHero({ fair }: { fair: FairView }) {
  const mine = fair.mine
  const mapped = !!fair.location && process.env.TARO_ENV === 'weapp'
  return (
    <View className='detail__hero'>
      <View className='detail__tags'>
        <StandingTag fair={fair} />
        {mine && fair.status !== 'cancelled' && <MineTag mine={mine} className='detail__mine-tag' />}
      </View>
      <Text className='detail__title'>{fair.title}</Text>
      <View className='detail__facts'>
        <Fact label='时间'>{fairWhen(fair)}</Fact>
        <View className={`detail__fact ${mapped ? 'detail__fact--link' : ''}`} onClick={() => openMap(fair.location, fair.venue, fair.address)}>
          <Text className='detail__fact-key'>地点</Text>
          <View className='detail__fact-value'>
            <Text className='detail__venue'>{fair.venue}</Text>
            <Text className='detail__address'>{fair.address}</Text>
            {mapped && <Text className='detail__map'>查看地图 ›</Text>}
          </View>
        </View>
        <Fact label='报名'>{`${momentText(fair.signupOpensAt)} 至 ${momentText(fair.signupClosesAt)}`}</Fact>
        <Fact label='对象'>{`${whoMaySignUp(fair)}；每人最多选 ${fair.maxPositions} 个岗位`}</Fact>
      </View>
      {fair.status !== 'cancelled' && <SeatsBar fair={fair} className='detail__seats' />}
    </View>
  )
}

/** Cancelled, or the function's refusal of my sign-up. */
export function DetailNotices({ cancelled, refusal }: { cancelled: boolean; refusal: string }) {
  return (
    <>
      {cancelled && (
        <View className='detail__notice'>
          <Notice tone='error' title='本场对接会已取消'>
            <Text>报名已全部作废，请留意团市委发布的下一场对接会。</Text>
          </Notice>
        </View>
      )}
      {refusal && (
        <View className='detail__notice detail__refusal'>
          <Notice tone='error' title='未能报名'>
            <Text>{refusal}</Text>
          </Notice>
        </View>
      )}
    </>
  )
}

/** My place: signed up, waiting (with the rank) or checked in. */
export function MyStatus({ mine }: { mine: MySignupView }) {
  const state = mine.checkedInAt ? 'in' : mine.status
  return (
    <View className={`detail__status detail__status--${state}`}>
      <View className='detail__status-mark'>
        <Text>{state === 'in' || state === 'confirmed' ? '✓' : mine.waitingRank}</Text>
      </View>
      <View className='detail__status-main'>
        <Text className='detail__status-title'>{state === 'in' ? '已签到入场' : state === 'confirmed' ? '已报名' : `候补第 ${mine.waitingRank} 位`}</Text>
        <Text className='detail__status-text'>
          {state === 'in'
            ? `${momentText(mine.checkedInAt)} 签到，祝你面试顺利`
            : state === 'confirmed'
              ? `对接会当天凭入场码签到入场 · 报名于 ${momentText(mine.createdAt)}`
              : '有人取消报名时按顺序递补，递补成功后会通知你'}
        </Text>
      </View>
    </View>
  )
}
