// 我的优惠记录: every perk the volunteer has used (newest first), where and when.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import type { Redemption } from '@/components/perk/shared'
import { RedemptionList } from '@/components/perk/ui'
import { StateView } from '@/components/ui/StateView'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { failureState, type BlockedState } from '@/components/ui/page-state'
import { takeChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import './index.scss'

/** How the page refuses someone who is no volunteer: the way to become one. */
const VOLUNTEERS_ONLY: DeniedLook = {
  className: 'records-gate',
  title: '爱心商家优惠是志愿者专享',
  text: '注册成为乡村振兴志愿者并通过审核后，即可凭优惠码享受爱心商家礼遇。',
  action: { text: '注册成为志愿者', onClick: () => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` }) },
}

export default function MyPerkRecords() {
  /** Refused (no volunteer) or no persona: the list's failure as the page's gate. */
  const [gate, setGate] = useState<BlockedState | null>(null)
  const list = usePaged<Redemption>(
    async (page, pageSize) => {
      try {
        const res = await call('perk.myRedemptions', { page, pageSize })
        setGate(null)
        return res
      } catch (err) {
        const failure = failureState(err)
        if (failure.kind === 'denied' || failure.kind === 'no-identity') setGate(failure)
        throw err
      }
    },
    'mine',
  )

  useDidShow(() => {
    if (takeChanged('records')) void list.reload(true)
  })

  return (
    <View className='pk-page records'>
      <PageStates gate={gate ?? undefined} state={listState(list)} retry={() => void list.reload()} skeleton={2} denied={VOLUNTEERS_ONLY}>
        {(items) =>
          items.length === 0 ? (
            <StateView
              tone='muted'
              className='records-empty'
              title='还没有使用过优惠'
              desc='在爱心商家出示优惠码，店员核销后会记录在这里'
              action={{ text: '去看看优惠', onClick: () => void Taro.redirectTo({ url: ROUTES.perks }) }}
            />
          ) : (
            <>
              <View className='records-head'>
                <Text className='records-head__num'>{list.total}</Text>
                <Text className='records-head__text'>次使用爱心商家优惠</Text>
              </View>
              <RedemptionList items={items} list={list} side='volunteer' className='records-list' />
            </>
          )
        }
      </PageStates>
    </View>
  )
}
