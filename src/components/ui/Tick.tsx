// A round tick that follows `on` (the row around it handles the tap): selection in lists, consent.
import { Text, View } from '@tarojs/components'

import './tick.scss'

export function Tick({ on, className }: { on: boolean; className?: string }) {
  return (
    <View className={`ui-tick${on ? ' ui-tick--on' : ''}${className ? ` ${className}` : ''}`}>
      <Text>{on ? '✓' : ''}</Text>
    </View>
  )
}
