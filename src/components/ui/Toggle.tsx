// An on/off switch drawn in the kit's style (the same on WeChat and the web).
import { View } from '@tarojs/components'

import './toggle.scss'

export function Toggle({ on, disabled, onChange, className }: { on: boolean; disabled?: boolean; onChange: (on: boolean) => void; className?: string }) {
  return (
    <View
      className={`ui-toggle ${on ? 'ui-toggle--on' : ''} ${disabled ? 'ui-toggle--disabled' : ''} ${className ?? ''}`}
      onClick={() => !disabled && onChange(!on)}
    >
      <View className='ui-toggle__knob' />
    </View>
  )
}
