// 爱心商家 (league admins): the merchants of the city (团市委) or of the county, by status and
// county, with their perks; add a merchant; the redemption totals.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { adminDenied } from '@/components/admin/ui'
import { handOver, type Merchant } from '@/components/perk/shared'
import { CategoryMark } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { takeChanged } from '@/services/changes'
import { usePaged } from '@/components/ui/paged'
import { CountyChip, CountySheet } from '../shared/CountySheet'
import { allCountiesLabel, useAllianceScope } from '../shared/county'

import '@/components/perk/page.scss'
// (the merchants' category marks)
import '@/components/perk/picture.scss'
import './index.scss'

type Status = '' | 'active' | 'suspended'
const TABS: { value: Status; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'active', label: '合作中' },
  { value: 'suspended', label: '已暂停' },
]

export default function Alliance() {
  const { state, reload, scope, counties, fixedCounty } = useAllianceScope()
  const [status, setStatus] = useState<Status>('')
  const [countyCode, setCountyCode] = useState('')
  const [sheet, setSheet] = useState(false)

  const filters = { ...(status ? { status } : {}), ...(countyCode && !fixedCounty ? { countyCode } : {}) }
  const key = JSON.stringify(filters)
  const list = usePaged<Merchant>((page, pageSize) => call('perk.merchants', { ...filters, page, pageSize }), key, !!scope)

  useDidShow(() => {
    if (takeChanged('merchants')) void list.reload(true)
  })

  const open = (m: Merchant) => {
    handOver(`merchant:${m.id}`, m)
    void Taro.navigateTo({ url: `${ROUTES.allianceMerchant}?id=${encodeURIComponent(m.id)}` })
  }
  const countyName = counties.find((c) => c.code === countyCode)?.name

  return (
    <View className={`pk-page alliance ${scope ? 'pk-page--with-bar' : ''}`}>
      {scope && (
        <>
          <View className='panel-top'>
            <View className='panel-tabs'>
              {TABS.map((t) => (
                <View key={t.value || 'all'} className={`panel-tabs__item ${status === t.value ? 'panel-tabs__item--on' : ''}`} onClick={() => setStatus(t.value)}>
                  <Text>{t.label}</Text>
                </View>
              ))}
            </View>
            <View className='panel-filters alliance__filters'>
              <CountyChip fixed={fixedCounty?.name} label={countyName ?? allCountiesLabel(scope)} on={!!countyCode} onOpen={() => setSheet(true)} />
              <View className='alliance__totals' hoverClass='alliance__totals--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.allianceTotals })}>
                <Text>核销汇总 ›</Text>
              </View>
            </View>
          </View>

          {list.status === 'ready' && (
            <View className='panel-summary'>
              <Text>
                共 {list.total} 家{TABS.find((t) => t.value === status)?.label === '全部' ? '' : TABS.find((t) => t.value === status)?.label}爱心商家
              </Text>
            </View>
          )}
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reload(true)}
        denied={adminDenied(state)}
        empty={{ className: 'alliance__empty', title: status === 'suspended' ? '没有暂停的商家' : '还没有爱心商家', desc: status === 'suspended' ? '' : '添加商家（或文旅、卫健等部门），再邀请店员、发布优惠', action: status === 'suspended' ? undefined : { text: '新增商家', onClick: () => void Taro.navigateTo({ url: ROUTES.allianceMerchant }) } }}
      >
        {(m) => (
          <View key={m.id} className='panel-card merchant-card' hoverClass='panel-card--pressed' onClick={() => open(m)}>
            <View className='merchant-card__head'>
              <CategoryMark category={m.category} className='merchant-card__mark' />
              <View className='merchant-card__titles'>
                <Text className='merchant-card__name'>{m.name}</Text>
                <View className='merchant-card__tags'>
                  <Tag tone='grey'>{m.category}</Tag>
                  {m.isDepartment && <Tag tone='blue'>部门</Tag>}
                </View>
              </View>
              <Tag tone={m.status === 'active' ? 'green' : 'amber'}>{m.status === 'active' ? '合作中' : '已暂停'}</Tag>
            </View>
            <View className='merchant-card__rows'>
              <View className='merchant-card__row'>
                <Text className='merchant-card__label'>地址</Text>
                <Text className='merchant-card__value'>{m.address.includes(m.countyName) ? m.address : `${m.countyName} · ${m.address}`}</Text>
              </View>
              <View className='merchant-card__row'>
                <Text className='merchant-card__label'>联系人</Text>
                <Text className='merchant-card__value panel-num'>
                  {m.contactName} {m.contactPhoneMasked}
                </Text>
              </View>
            </View>
            <View className='merchant-card__foot'>
              <Text className='merchant-card__perks'>{m.perkCount > 0 ? `${m.perkCount} 项优惠` : '尚未发布优惠'}</Text>
              <Text className='merchant-card__more'>管理 ›</Text>
            </View>
          </View>
        )}
      </PagedStates>

      {scope && (
        <>
          <View className='pk-bar-bottom'>
            <Button className='alliance__add' onClick={() => void Taro.navigateTo({ url: ROUTES.allianceMerchant })}>
              新增商家
            </Button>
          </View>

          <CountySheet visible={sheet} counties={counties} all={allCountiesLabel(scope)} value={countyCode} onSelect={setCountyCode} onClose={() => setSheet(false)} />
        </>
      )}
    </View>
  )
}
