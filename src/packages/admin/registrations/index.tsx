// 注册审核: the county's review queue. Status tabs, filters (type, county for city admins,
// township, name), cards with masked personal data, multi-select and batch approve / reject.
import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { InputOf } from '@contract/index'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { countiesInReach, useAdminScope, useDivisions } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { PagedStates } from '@/components/ui/PagedStates'
import { takeChanged } from '@/services/changes'
import { usePaged, useSearchKeyword } from '@/components/ui/paged'
import { QueueTop, TABS, type QueueFilters } from './filters'
import { RegCard, type Summary } from './card'
import { BatchBar } from './bar'
import { useBatchReview } from './use-batch-review'

import '@/styles/nutui-theme.scss'
import './index.scss'

const EMPTY_TITLE = { pending: '暂无待审核的申请', approved: '还没有通过的申请', rejected: '还没有未通过的申请' }

export default function Registrations() {
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()

  const [filters, setFilters] = useState<QueueFilters>({ status: 'pending', kind: '', countyCode: '', townshipCode: '' })
  const { status, kind, countyCode, townshipCode } = filters
  const search = useSearchKeyword()
  const { keyword } = search

  const counties = useMemo(() => (scope ? countiesInReach(scope, divisions) : []), [scope, divisions])
  /** A county admin of one county has it chosen for them; others choose (or see all). */
  const fixedCounty = scope && !scope.city && scope.counties.length === 1 ? scope.counties[0].code : ''

  const query: InputOf<'registration.list'> = {
    status,
    ...(kind ? { kind } : {}),
    ...(countyCode && !fixedCounty ? { countyCode } : {}),
    ...(townshipCode ? { townshipCode } : {}),
    ...(keyword ? { keyword } : {}),
  }
  const key = JSON.stringify(query)
  const list = usePaged<Summary>((page, pageSize) => call('registration.list', { ...query, page, pageSize }), key, !!scope)
  const review = useBatchReview(list, key)

  // Back from the detail page after a decision there: the queue changed.
  useDidShow(() => {
    if (takeChanged('registrations')) {
      review.setSelected([])
      void list.reload(true)
    }
  })

  const filtered = !!(kind || (countyCode && !fixedCounty) || townshipCode || keyword)
  const clearFilters = () => {
    setFilters((f) => ({ ...f, kind: '', countyCode: '', townshipCode: '' }))
    search.clear()
  }

  const selecting = status === 'pending'
  const open = (id: string) => void Taro.navigateTo({ url: `${ROUTES.adminRegistration}?id=${encodeURIComponent(id)}` })
  const showBar = selecting && list.status === 'ready' && list.items.length > 0

  return (
    <View className={`panel-page regs ${showBar ? 'panel-page--with-bar' : ''}`}>
      {scope && (
        <>
          <QueueTop scope={scope} filters={filters} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} counties={counties} fixedCounty={fixedCounty} search={search} />
          {list.status === 'ready' && (
            <View className='panel-summary'>
              <Text>
                共 {list.total} 份{TABS.find((t) => t.value === status)?.label}
                {selecting && list.total > 0 ? '，按提交先后排列' : ''}
              </Text>
              {filtered && (
                <Text className='panel-summary__reset' onClick={clearFilters}>
                  清除筛选
                </Text>
              )}
            </View>
          )}
        </>
      )}

      <PagedStates
        gate={state}
        list={list}
        retryGate={() => void reloadScope(true)}
        denied={adminDenied(state)}
        empty={{ className: 'regs__empty', title: filtered ? '没有符合条件的申请' : EMPTY_TITLE[status], desc: filtered ? '换个筛选条件试试' : status === 'pending' ? '新的注册申请提交后会出现在这里' : '', action: filtered ? { text: '清除筛选', onClick: clearFilters } : undefined }}
      >
        {(r) => (
          <RegCard key={r.id} reg={r} selected={selecting ? review.selected.includes(r.id) : null} onToggle={() => review.toggle(r.id)} onOpen={() => open(r.id)} />
        )}
      </PagedStates>

      <BatchBar review={review} show={showBar} />
    </View>
  )
}
