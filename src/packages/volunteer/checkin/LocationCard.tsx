// Where you are against the station's fence: locating, a location problem (with the way to fix
// it), a plain fix (no station chosen yet), or the verdict with its distance and accuracy.
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/ui/Button'
import { clock, distance } from '@/components/ui/format'
import type { LocationProblem, Reading } from '@/services/location'
import type { StationView, Verdict } from '../shared/volunteer'

import './location.scss'

export function LocationCard({
  station,
  reading,
  verdict,
  locating,
  problem,
  onLocate,
  onSetting,
}: {
  station: StationView | null
  reading: Reading | null
  verdict: Verdict | null
  locating: boolean
  problem: LocationProblem | null
  onLocate: () => void
  onSetting: () => void
}) {
  if (locating && !reading) {
    return (
      <View className='ck-loc ck-loc--locating'>
        <View className='ck-loc__spinner' />
        <Text className='ck-loc__title'>正在获取你的位置…</Text>
      </View>
    )
  }
  if (problem) {
    return (
      <View className='ck-loc ck-loc--problem' data-problem={problem.kind}>
        <View className='ck-loc__row'>
          <View className='ck-loc__mark ck-loc__mark--warn'>
            <Text>!</Text>
          </View>
          <View className='ck-loc__main'>
            <Text className='ck-loc__title'>{problem.title}</Text>
            <Text className='ck-loc__detail'>{problem.detail}</Text>
          </View>
        </View>
        <View className='ck-loc__actions'>
          {problem.canOpenSetting && (
            <Button small kind='primary' className='ck-loc__setting' onClick={onSetting}>
              去设置开启
            </Button>
          )}
          <Button small kind='outline' className='ck-loc__retry' busy={locating} onClick={onLocate}>
            重新定位
          </Button>
        </View>
      </View>
    )
  }
  if (!reading) return null
  if (!station || !verdict) {
    return (
      <View className='ck-loc ck-loc--plain'>
        <Text className='ck-loc__detail'>已定位 · 精度约 ±{reading.accuracy} 米</Text>
        <Text className='ck-loc__relocate' onClick={onLocate}>
          {locating ? '定位中…' : '重新定位'}
        </Text>
      </View>
    )
  }
  const edge = verdict.inside && verdict.flags.includes('edge_of_fence')
  const coarse = verdict.inside && verdict.flags.includes('coarse_location')
  const tone = !verdict.inside ? 'out' : edge || coarse ? 'edge' : 'in'
  return (
    <View className={`ck-loc ck-loc--${tone}`} data-verdict={tone}>
      <View className='ck-loc__row'>
        <View className={`ck-loc__mark ck-loc__mark--${tone}`}>
          <Text>{tone === 'in' ? '✓' : tone === 'edge' ? '!' : '✕'}</Text>
        </View>
        <View className='ck-loc__main'>
          <Text className='ck-loc__title'>{tone === 'in' ? '你在签到范围内' : tone === 'edge' ? (edge ? '你在签到范围边缘' : '定位精度较低') : '不在签到范围内'}</Text>
          <Text className='ck-loc__detail'>
            {verdict.inside
              ? `距驿站约 ${distance(verdict.distanceM)}，签到范围 ${station.radiusM} 米，定位精度 ±${reading.accuracy} 米。`
              : `距驿站约 ${distance(verdict.distanceM)}，超出 ${station.radiusM} 米的签到范围（定位精度 ±${reading.accuracy} 米）。到达驿站后请重新定位。`}
            {edge ? '签到记录会标注「定位在范围边缘」，供审核参考。' : ''}
            {coarse ? '建议到室外空旷处重新定位；记录会标注「定位精度低」。' : ''}
          </Text>
        </View>
      </View>
      <View className='ck-loc__foot'>
        <Text className='ck-loc__time'>定位于 {clock(reading.at)}</Text>
        <Text className='ck-loc__relocate' onClick={onLocate}>
          {locating ? '定位中…' : '重新定位'}
        </Text>
      </View>
    </View>
  )
}
