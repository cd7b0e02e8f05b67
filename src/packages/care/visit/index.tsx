// 记录探访: a visit to one volunteer — the day and who went, how the volunteer is (住房, 饮食,
// 办公, 身体, 工作: each 好 / 一般 / 需关注 with a note), the needs raised and the follow-ups. The
// form's state and send are useVisitForm's; the sections draw it. Sent, it goes back to the history.
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { decodeParam } from '@/components/admin/shared'
import { useStaffScope } from '@/components/township/shared'
import { staffDenied } from '@/components/township/ui'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { StateView } from '@/components/ui/StateView'
import { Aspects, FollowUps, Needs, WhenWho } from './sections'
import { useVisitForm } from './use-visit'

import '@/components/ui/form.scss'
import './index.scss'

export default function CareVisit() {
  const { params } = useRouter()
  const volunteerId = decodeParam(params.id)
  const name = decodeParam(params.name) || '志愿者'
  const { state, reload } = useStaffScope()
  const form = useVisitForm(volunteerId)

  if (form.done) {
    return (
      <View className='panel-page care-form'>
        <StateView tone='ok' title='探访记录已保存' desc={`${name}的探访记录已保存，跟进事项可在探访记录中标记办结。`} action={{ text: '返回探访记录', onClick: () => void Taro.navigateBack() }} />
      </View>
    )
  }

  return (
    <View className='panel-page panel-page--with-bar care-form'>
      <PageStates gate={state} state={{ kind: 'ready', data: null }} retry={() => void reload(true)} denied={staffDenied(state)}>
        {() => (
          <>
            <WhenWho form={form} name={name} />
            <Aspects form={form} />
            <Needs form={form} />
            <FollowUps form={form} />
            <View className='panel-bar'>
              <Button className='panel-bar__btn-wide care-form__submit' busy={form.busy} onClick={() => void form.submit()}>
                {form.busy ? '正在保存…' : '保存探访记录'}
              </Button>
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}
