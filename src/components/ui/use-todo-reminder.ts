// The daily-reminder offer's state: shown until answered on this phone (TodoReminder.tsx).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { askForNotices, declineNotice, shouldOfferNotice } from '@/services/notices'

/** Whether the offer shows, and its two answers. */
export function useTodoReminderOffer() {
  const [open, setOpen] = useState(() => shouldOfferNotice('todo'))
  const accept = async () => {
    const accepted = await askForNotices(['todo'], true)
    setOpen(false)
    void Taro.showToast({ title: accepted.length > 0 ? '已开启：有待办时，每天早上通过微信提醒你' : '未开启，待办仍会出现在工作台和消息里', icon: 'none', duration: 2500 })
  }
  const decline = () => {
    declineNotice('todo')
    setOpen(false)
  }
  return { open, accept, decline }
}
