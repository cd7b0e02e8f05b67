// What a check-out or a make-up leaves on screen: a mark and a title over the record's facts,
// then the way to the records and the way back.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components/ui/Button'
import { ROUTES } from '@/constants/routes'
import type { SessionStatus } from '@contract/vocabulary'

import './done.scss'

export function DonePage({
  page,
  panel,
  status,
  warn,
  title,
  back,
  children,
}: {
  /** The page's class ('checkin'): its buttons are `<page>__to-hours`. */
  page: string
  /** The panel's own class ('ck-done'), for what the page adds to it. */
  panel: string
  status: SessionStatus
  /** The record awaits checking rather than review: a warning mark. */
  warn?: boolean
  title: string
  back: { text: string; className?: string; onClick: () => void }
  children: ReactNode
}) {
  return (
    <View className={`vol-page ${page}`}>
      <View className={`vol-done ${panel}`} data-status={status}>
        <View className={`vol-done__mark${warn ? ' vol-done__mark--warn' : ''}`}>
          <Text>{warn ? '!' : '✓'}</Text>
        </View>
        <Text className='vol-done__title'>{title}</Text>
        {children}
      </View>
      <Button className={`${page}__to-hours`} onClick={() => void Taro.redirectTo({ url: ROUTES.hours })}>
        查看服务记录
      </Button>
      <View className='vol-gap' />
      <Button kind='plain' className={back.className} onClick={back.onClick}>
        {back.text}
      </Button>
    </View>
  )
}
