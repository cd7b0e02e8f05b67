// 我的优惠记录: every perk the volunteer has used (newest first), where and when.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { isNoIdentity, type Redemption } from '@/components/perk/shared'
import { RedemptionRow } from '@/components/perk/ui'
import { ListFooter } from '@/components/ui/ListFooter'
import { Skeleton, StateView } from '@/components/ui/StateView'
import { takeChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'

import './index.scss'

const go = (url: string) => void Taro.navigateTo({ url })

export default function MyPerkRecords() {
  const [gate, setGate] = useState<'' | 'forbidden' | 'no-identity'>('')
  const list = usePaged<Redemption>(
    async (page, pageSize) => {
      try {
        const res = await call('perk.myRedemptions', { page, pageSize })
        setGate('')
        return res
      } catch (err) {
        if (err instanceof CallError && err.code === 'FORBIDDEN') setGate('forbidden')
        else if (isNoIdentity(err)) setGate('no-identity')
        throw err
      }
    },
    'mine',
  )

  useDidShow(() => {
    if (takeChanged('records')) void list.reload(true)
  })

  if (gate === 'forbidden') {
    return (
      <View className='pk-page records-gate'>
        <StateView
          tone='warn'
          title='爱心商家优惠是志愿者专享'
          desc='注册成为乡村振兴志愿者并通过审核后，即可凭优惠码享受爱心商家礼遇。'
          action={{ text: '注册成为志愿者', onClick: () => go(`${ROUTES.register}?kind=volunteer`) }}
        />
      </View>
    )
  }
  if (gate === 'no-identity') {
    return (
      <View className='pk-page'>
        <StateView tone='brand' title='请先选择演示身份' desc='本地开发环境需要先选择一个演示身份' action={{ text: '去选择', onClick: () => go(ROUTES.personas) }} />
      </View>
    )
  }

  return (
    <View className='pk-page records'>
      {list.status === 'ready' && list.total > 0 && (
        <View className='records-head'>
          <Text className='records-head__num'>{list.total}</Text>
          <Text className='records-head__text'>次使用爱心商家优惠</Text>
        </View>
      )}
      {list.status === 'loading' || list.status === 'idle' ? (
        <Skeleton count={2} />
      ) : list.status === 'error' ? (
        <StateView tone='error' title='加载失败' desc={list.error} action={{ text: '重试', onClick: () => void list.reload() }} />
      ) : list.items.length === 0 ? (
        <StateView
          tone='muted'
          className='records-empty'
          title='还没有使用过优惠'
          desc='在爱心商家出示优惠码，店员核销后会记录在这里'
          action={{ text: '去看看优惠', onClick: () => void Taro.redirectTo({ url: ROUTES.perks }) }}
        />
      ) : (
        <View className='pk-card records-list'>
          {list.items.map((r) => (
            <RedemptionRow key={r.id} r={r} side='volunteer' />
          ))}
        </View>
      )}
      {list.status === 'ready' && (
        <ListFooter count={list.items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
      )}
    </View>
  )
}
