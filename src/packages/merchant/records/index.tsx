// 核销记录: the shop's redemptions of one day (today unless another is picked), newest first.
import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { call } from '@/services/cloud'
import { staffState } from '@/components/perk/gates'
import { useWho, type Redemption } from '@/components/perk/shared'
import { RedemptionList } from '@/components/perk/ui'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { addDays, chineseDate, today } from '@/components/ui/format'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

export default function MerchantRecords() {
  const { state: whoState, reload } = useWho()
  const staff = staffState(whoState)
  const ready = staff.state.kind === 'ready'
  const todayYmd = today()
  const [date, setDate] = useState(todayYmd)

  const list = usePaged<Redemption>((page, pageSize) => call('perk.merchantRedemptions', { page, pageSize, date }), date, ready)

  const quick = [
    { value: todayYmd, label: '今天' },
    { value: addDays(todayYmd, -1), label: '昨天' },
    { value: addDays(todayYmd, -2), label: '前天' },
  ]
  const label = quick.find((q) => q.value === date)?.label

  return (
    <View className='pk-page mrec'>
      {ready && (
        <>
          <View className='mrec-top'>
            <View className='mrec-top__quick'>
              {quick.map((q) => (
                <View key={q.value} className={`pk-chip ${q.value === date ? 'pk-chip--on' : ''}`} hoverClass='pk-chip--pressed' onClick={() => setDate(q.value)}>
                  <Text>{q.label}</Text>
                </View>
              ))}
            </View>
            <Picker mode='date' value={date} end={todayYmd} start='2024-01-01' onChange={(e) => setDate(String(e.detail.value))}>
              <View className='mrec-top__date' hoverClass='mrec-top__date--pressed'>
                <Text>{chineseDate(date)}</Text>
                <Text className='mrec-top__arrow'>▼</Text>
              </View>
            </Picker>
          </View>

          <View className='mrec-sum'>
            <Text className='mrec-sum__label'>{label ?? chineseDate(date)}核销</Text>
            <Text className='mrec-sum__num'>{list.status === 'ready' ? list.total : '–'}</Text>
            <Text className='mrec-sum__unit'>笔</Text>
          </View>
        </>
      )}

      <PageStates gate={staff.state} state={listState(list)} retry={() => void (ready ? list.reload() : reload(true))} skeleton={2} denied={staff.denied}>
        {(items) =>
          items.length === 0 ? (
            <StateView tone='muted' className='mrec-empty' title={`${label ?? chineseDate(date)}没有核销记录`} desc='志愿者出示优惠码、店员确认核销后会记录在这里' />
          ) : (
            <RedemptionList items={items} list={list} side='merchant' className='mrec-list' />
          )
        }
      </PageStates>
    </View>
  )
}
