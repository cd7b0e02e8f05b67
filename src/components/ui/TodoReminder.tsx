// The staff's daily reminder (the long-term 待办 template), offered where its notices come from:
// a desk with work waiting. WeChat asks only inside a tap, so this is a line with a button, not a
// dialog on arrival; once accepted, or after 暂不, it goes away (消息 can still turn it on).
import { Text, View } from '@tarojs/components'
import { useTodoReminderOffer } from './use-todo-reminder'

import './todo-reminder.scss'

/** 每天早上提醒我: shown under what waits, until answered; `inset` on a page without side padding (a queue). */
export function TodoReminder({ className, inset }: { className?: string; inset?: boolean }) {
  const offer = useTodoReminderOffer()
  if (!offer.open) return null
  return (
    <View className={`todo-reminder${inset ? ' todo-reminder--inset' : ''} ${className ?? ''}`}>
      <Text className='todo-reminder__text'>有待办时，每天早上通过微信提醒你</Text>
      <View className='todo-reminder__later' hoverClass='todo-reminder__later--pressed' onClick={offer.decline}>
        <Text>暂不</Text>
      </View>
      <View className='todo-reminder__on' hoverClass='todo-reminder__on--pressed' onClick={() => void offer.accept()}>
        <Text>开启提醒</Text>
      </View>
    </View>
  )
}
