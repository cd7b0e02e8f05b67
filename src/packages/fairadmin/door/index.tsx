// 入场签到 (?id=; city and county admins at the door): scan a person's entry code (WeChat's
// scanner; in the web build a paste field stands in for it), see who it is (masked name, how
// many positions they chose, the time) or why the code is refused, in plain words. Someone whose
// phone cannot show the code is found by name or the mobile's last 4 digits and let in by name,
// after a confirmation (the same rules: on the day, once, recorded, the person told). A running
// count of who came and the latest check-ins.
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { FairView } from '@contract/fair'
import { call, CallError } from '@/services/cloud'
import { useAdminScope } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { fairWhen, param } from '@/components/fair/format'
import { Notice } from '@/components/fair/ui'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { dayText, today } from '@/components/ui/format'
import { useDoor } from './use-door'
import { DoorResult, Scanner } from './parts/scanner'
import { FindByName, Latest } from './parts/lists'

import './index.scss'

export default function Door() {
  const { params } = useRouter()
  const id = param(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null

  const page = usePageState<FairView>(
    async () => {
      if (!id) throw new CallError({ code: 'NOT_FOUND', message: '缺少对接会编号，请从对接会列表进入' })
      return (await call('fair.get', { id })).fair
    },
    [id],
    !!scope,
  )
  const door = useDoor(id, !!scope, page.state.kind === 'ready' ? page.state.data : null)

  usePullDownRefresh(() => {
    const work = scope ? Promise.all([page.reload(true), door.fetchAttended()]) : reloadScope(true)
    void work.finally(() => Taro.stopPullDownRefresh())
  })

  /** The fair at the door: who came, the scanner (or the paste field), the last result, finding by name. */
  const body = (fair: FairView) => {
    const isToday = fair.date === today()
    return (
      <>
        <View className='door__head'>
          <Text className='door__title'>{fair.title}</Text>
          <Text className='door__sub'>
            {fairWhen(fair)} · {fair.venue}
          </Text>
          <View className='door__count'>
            <Text className='door__count-num'>{door.attended ? door.attended.total : '—'}</Text>
            <Text className='door__count-unit'>/ {fair.confirmed} 人已签到</Text>
          </View>
        </View>

        {!isToday && (
          <View className='door__notice'>
            <Notice tone='warn' title='今天不是对接会举办日'>
              <Text>入场码只能在对接会当天（{dayText(fair.date)}）签到。</Text>
            </Notice>
          </View>
        )}
        {fair.status !== 'published' && (
          <View className='door__notice'>
            <Notice tone='error' title='对接会未发布或已取消'>
              <Text>不能签到。</Text>
            </Notice>
          </View>
        )}

        <Scanner door={door} />
        {door.result && <DoorResult result={door.result} />}
        <FindByName door={door} canAdmit={isToday && fair.status === 'published'} />
        <Latest attended={door.attended} />
      </>
    )
  }

  return (
    <View className='panel-page door'>
      <PageStates gate={state} state={page.state} retry={() => void (scope ? page.reload() : reloadScope(true))} skeleton={2} denied={adminDenied(state)} notFound={{ title: '对接会不存在' }}>
        {body}
      </PageStates>
    </View>
  )
}
