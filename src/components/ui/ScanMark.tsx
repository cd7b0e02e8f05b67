// The scan mark of a "扫码…" button (merchant redemption, station check-in): drawn, no image.
import { View } from '@tarojs/components'

import './scan-mark.scss'

/**
 * A QR frame's corners and the scanning line, filling the box it is put in: white on a coloured
 * button, or `green` on a light tile (the fair's door).
 */
export function ScanMark({ tone = 'white' }: { tone?: 'white' | 'green' }) {
  return (
    <View className={`ui-scan-mark ui-scan-mark--${tone}`}>
      <View className='ui-scan-mark__corner ui-scan-mark__corner--tl' />
      <View className='ui-scan-mark__corner ui-scan-mark__corner--tr' />
      <View className='ui-scan-mark__corner ui-scan-mark__corner--bl' />
      <View className='ui-scan-mark__corner ui-scan-mark__corner--br' />
      <View className='ui-scan-mark__line' />
    </View>
  )
}
