// A round tick that follows `on` (the row around it handles the tap).
import { Text, View } from '@tarojs/components'

import './account.scss'

export function Tick({ on, className }: { on: boolean; className?: string }) {
  return (
    <View className={`acct-tick${on ? ' acct-tick--on' : ''}${className ? ` ${className}` : ''}`}>
      <Text>{on ? '✓' : ''}</Text>
    </View>
  )
}
