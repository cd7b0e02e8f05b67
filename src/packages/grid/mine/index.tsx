// 我的上报: the matters this volunteer reported, newest first, each with where it stands (overdue
// marked); a tap opens its timeline. 上报问题 at the top and the bottom.
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { GridRowCard } from '@/components/grid/parts'
import { PagedStates } from '@/components/ui/PagedStates'
import { usePaged } from '@/components/ui/paged'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'

import './index.scss'

const NOT_VOLUNTEER = { title: '仅限乡村振兴志愿者', text: '注册成为乡村振兴志愿者并通过审核后，即可作为志愿网格员上报问题。' }
const report = () => void Taro.navigateTo({ url: ROUTES.gridReport })

export default function GridMine() {
  const list = usePaged((page, pageSize) => call('grid.mine', { page, pageSize }), 'mine')
  useDidShow(() => {
    if (takeChanged('grid-mine')) void list.reload(true)
  })
  return (
    <View className='grid-mine'>
      <View className='grid-mine__head'>
        <View className='grid-mine__head-main'>
          <Text className='grid-mine__title'>志愿网格员</Text>
          <Text className='grid-mine__desc'>发现问题随手拍、随时报，镇街团委受理办结</Text>
        </View>
        <View className='grid-mine__report' hoverClass='grid-mine__report--pressed' onClick={report}>
          <Text>上报问题</Text>
        </View>
      </View>
      {list.status === 'ready' && list.total > 0 && <Text className='grid-mine__total'>共上报 {list.total} 件</Text>}
      <PagedStates
        list={list}
        gate={{ kind: 'ready' }}
        retryGate={() => void list.reload()}
        denied={NOT_VOLUNTEER}
        listClassName='grid-mine__list'
        empty={{ title: '还没有上报过问题', desc: '看到环境卫生、安全隐患、矛盾纠纷等问题，拍照定位后上报给镇街团委', action: { text: '上报问题', onClick: report } }}
      >
        {(row) => <GridRowCard key={row.id} row={row} onClick={() => void Taro.navigateTo({ url: `${ROUTES.gridDetail}?id=${row.id}` })} />}
      </PagedStates>
    </View>
  )
}
