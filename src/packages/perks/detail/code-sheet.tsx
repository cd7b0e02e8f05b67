// The code, full screen: a ticket with the shop and the perk, the QR code (veiled while a new one
// comes), the volunteer's masked name and star, the countdown of the shown code's life; or, once
// the merchant confirmed, 已核销.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PERK_CODE_SECONDS } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { QrCanvas } from '@/components/perk/QrCanvas'
import type { PerkView } from '@/components/perk/shared'
import { Stars } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { friendlyTime } from '@/components/ui/format'
import { countdownText } from './code-clock'
import type { PerkCode } from './use-perk-code'

import './code-sheet.scss'

function Redeemed({ at, onClose }: { at: string; onClose: () => void }) {
  return (
    <View className='code-sheet__done'>
      <View className='code-sheet__check'>
        <Text>✓</Text>
      </View>
      <Text className='code-sheet__done-title'>已核销</Text>
      <Text className='code-sheet__done-text'>店员已确认，{friendlyTime(at)} 核销成功。感谢你的志愿服务！</Text>
      <View className='code-sheet__done-actions'>
        <Button kind='outline' className='code-sheet__records' onClick={() => void Taro.navigateTo({ url: ROUTES.perkRecords })}>
          查看使用记录
        </Button>
        <Button className='code-sheet__finish' onClick={onClose}>
          完成
        </Button>
      </View>
    </View>
  )
}

function Shown({ code: { code, secondsLeft, scannable, show } }: { code: PerkCode }) {
  return (
    <View className='code-sheet__body'>
      <View className='code-sheet__qr-wrap'>
        {code ? <QrCanvas id='perk-code-qr' text={code.token} className='code-sheet__qr' /> : <View className='code-sheet__qr code-sheet__qr--ghost' />}
        {!scannable && (
          <View className='code-sheet__veil'>
            <Text>{code ? '正在换新的优惠码…' : '正在生成优惠码…'}</Text>
          </View>
        )}
      </View>
      <View className='code-sheet__who'>
        <Text className='code-sheet__name'>{code?.volunteerName ?? ' '}</Text>
        {code && <Stars star={code.star} className='code-sheet__stars' />}
        {code && <Text className='code-sheet__level'>{code.star > 0 ? `${code.star} 星志愿者` : '志愿者'}</Text>}
      </View>
      <View className='code-sheet__timer'>
        <View className='code-sheet__track'>
          <View className='code-sheet__fill' style={{ width: `${code ? Math.min(100, (secondsLeft / PERK_CODE_SECONDS) * 100) : 0}%` }} />
        </View>
        <Text className='code-sheet__seconds'>{code ? countdownText(secondsLeft) : '请稍候'}</Text>
      </View>
      {show?.phase === 'code' && show.problem ? <Text className='code-sheet__problem'>{show.problem}，正在重试…</Text> : null}
      <Text className='code-sheet__note'>请向店员出示，由店员扫码核销。每个码只能用一次，截图无效。</Text>
    </View>
  )
}

export function CodeSheet({ p, code }: { p: PerkView; code: PerkCode }) {
  const { show, closeCode } = code
  if (!show) return null
  return (
    <View className='code-sheet'>
      <View className='code-sheet__inner'>
        <View className='code-sheet__ticket'>
          <View className='code-sheet__head'>
            <Text className='code-sheet__merchant'>{p.merchantName}</Text>
            <Text className='code-sheet__title'>{p.title}</Text>
          </View>
          <View className='code-sheet__cut'>
            <View className='code-sheet__notch code-sheet__notch--l' />
            <View className='code-sheet__dash' />
            <View className='code-sheet__notch code-sheet__notch--r' />
          </View>
          {show.phase === 'redeemed' ? <Redeemed at={show.at} onClose={closeCode} /> : <Shown code={code} />}
        </View>
        {show.phase !== 'redeemed' && (
          <View className='code-sheet__close' hoverClass='code-sheet__close--pressed' onClick={closeCode}>
            <Text>收起优惠码</Text>
          </View>
        )}
      </View>
    </View>
  )
}
