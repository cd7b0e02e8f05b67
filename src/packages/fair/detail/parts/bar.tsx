// The bar at the bottom of a fair's page, as barMode says: sign up, save or undo a change of
// positions, cancel or open the entry code, or why signing up is not possible now.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FairView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { momentText } from '@/components/ui/format'
import { placesLeft } from '@/components/fair/format'
import type { BarMode } from '../bar-mode'
import type { Signup } from '../use-signup'

function ChosenInfo({ fair, chosen, hint }: { fair: FairView; chosen: number; hint: string }) {
  return (
    <View className='panel-bar__info'>
      <Text className='detail__bar-title'>
        已选 {chosen}/{fair.maxPositions} 个岗位
      </Text>
      <Text className='panel-bar__hint'>{hint}</Text>
    </View>
  )
}

export function DetailBar({ mode, fair, signup, pending }: { mode: BarMode; fair: FairView; signup: Signup; pending: boolean }) {
  const mine = fair.mine
  const { chosen } = signup
  const left = placesLeft(fair)
  if (mode === 'none') return null
  if (mode === 'change' && mine) {
    return (
      <View className='panel-bar'>
        <ChosenInfo fair={fair} chosen={chosen.length} hint='修改后不影响你的报名顺序' />
        <Button small kind='plain' className='detail__undo' onClick={() => signup.setChosen(mine.positionIds)}>
          撤销
        </Button>
        <View className='detail__gap' />
        <Button small className='detail__save' disabled={chosen.length === 0} onClick={() => void signup.openSheet()}>
          保存修改
        </Button>
      </View>
    )
  }
  if (mode === 'mine' && mine) {
    return (
      <View className='panel-bar'>
        <Button kind='danger' className='detail__cancel' busy={signup.busy === 'cancel'} onClick={() => void signup.cancel()}>
          {mine.status === 'confirmed' ? '取消报名' : '退出候补'}
        </Button>
        {mine.status === 'confirmed' && (
          <>
            <View className='detail__gap' />
            <Button className='detail__code' onClick={() => void Taro.navigateTo({ url: `${ROUTES.fairCode}?id=${encodeURIComponent(fair.id)}` })}>
              入场码
            </Button>
          </>
        )}
      </View>
    )
  }
  if (mode === 'upcoming' || mode === 'closed') {
    return (
      <View className='panel-bar'>
        <Button disabled>{mode === 'upcoming' ? `报名 ${momentText(fair.signupOpensAt)} 开始` : fair.phase === 'over' ? '对接会已结束' : '报名已截止'}</Button>
      </View>
    )
  }
  if (mode === 'register') {
    return (
      <View className='panel-bar'>
        <Button className='detail__register' disabled={pending} onClick={() => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` })}>
          {pending ? '注册审核中，通过后可报名' : '注册成为志愿者后报名'}
        </Button>
      </View>
    )
  }
  return (
    <View className='panel-bar'>
      <ChosenInfo fair={fair} chosen={chosen.length} hint={left > 0 ? `还剩 ${left} 个名额` : `名额已满，报名将进入候补（前面 ${fair.waiting} 人）`} />
      <Button small className='detail__signup' disabled={chosen.length === 0} onClick={() => void signup.openSheet()}>
        {left > 0 ? '报名' : '报名候补'}
      </Button>
    </View>
  )
}
