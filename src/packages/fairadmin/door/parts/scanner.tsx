// How a code gets to the door: WeChat's scanner, or on the web build a field to paste the code's
// text into; and the last result, let in or refused.
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/ui/Button'
import { ScanMark } from '@/components/ui/ScanMark'
import { clock } from '@/components/ui/format'
import type { Door, Result } from '../use-door'

function Scan({ door }: { door: Door }) {
  return (
    <View className='door__scan' hoverClass='door__scan--pressed' onClick={() => void door.scan()}>
      <View className='door__scan-frame'>
        <ScanMark tone='green' />
      </View>
      <Text className='door__scan-text'>{door.busy ? '正在签到…' : '扫码签到'}</Text>
      <Text className='door__scan-hint'>扫描报名者手机上的入场码</Text>
    </View>
  )
}

function Paste({ door }: { door: Door }) {
  return (
    <View className='door__paste'>
      <Text className='door__paste-title'>扫码替代（开发环境）</Text>
      <Text className='door__paste-hint'>网页版不能调用微信扫码：把入场码二维码的内容粘贴到这里。</Text>
      <Input
        className='door__paste-input'
        value={door.pasted}
        placeholder='E1.…'
        placeholderClass='door__paste-placeholder'
        maxlength={600}
        onInput={(e) => door.setPasted(e.detail.value)}
        onConfirm={(e) => void door.checkIn(e.detail.value)}
      />
      <Button className='door__paste-submit' busy={door.busy} disabled={!door.pasted.trim()} onClick={() => void door.checkIn(door.pasted)}>
        签到
      </Button>
    </View>
  )
}

export function Scanner({ door }: { door: Door }) {
  return process.env.TARO_ENV === 'weapp' ? <Scan door={door} /> : <Paste door={door} />
}

export function DoorResult({ result }: { result: Result }) {
  return (
    <View className={`door-result door-result--${result.kind}`}>
      <View className='door-result__mark'>
        <Text>{result.kind === 'ok' ? '✓' : '✕'}</Text>
      </View>
      {result.kind === 'ok' ? (
        <View className='door-result__main'>
          <Text className='door-result__title'>{result.byName ? '签到成功（按姓名）' : '签到成功'}</Text>
          <Text className='door-result__name'>{result.name}</Text>
          <Text className='door-result__text'>
            已选 {result.positions} 个岗位 · {clock(result.checkedInAt)} 入场
          </Text>
          {result.otherFair && <Text className='door-result__warn'>注意：这是「{result.fairTitle}」的入场码</Text>}
        </View>
      ) : (
        <View className='door-result__main'>
          <Text className='door-result__title'>{result.title}</Text>
          <Text className='door-result__text'>{result.message}</Text>
        </View>
      )}
    </View>
  )
}
