// 编辑大赛 (?id=, none: a new contest): the host's form — rules, rounds, rubric, awards. A county's
// league hosts its county's contests, the city its own; once open the rules are fixed.
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ContestInput } from '@contract/contest'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { loadAccount } from '@/components/admin/shared'
import { param } from '@/components/fair/format'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { ContestForm } from '@/components/contest/ContestForm'

import '@/components/ui/form.scss'
import '@/components/ui/panel.scss'
import '@/components/contest/contest.scss'

export default function EditContest() {
  const id = param(useRouter().params.id)
  const page = usePageState(async () => {
    const account = await loadAccount()
    const county = account.roles.find((g) => g.role === 'county_admin')
    const countyCode = account.roles.some((g) => g.role === 'city_admin') ? '' : (county?.scopeId ?? '')
    return { countyCode, got: id ? await call('contest.get', { id }) : null }
  }, [id])

  async function save(input: ContestInput) {
    const saved = await call('contest.save', input)
    markChanged('contests')
    void Taro.showToast({ title: '已保存', icon: 'success' })
    void Taro.redirectTo({ url: `${ROUTES.contestManage}?id=${saved.id}` })
  }

  return (
    <View className='panel-page contest-edit'>
      <PageStates state={page.state} retry={page.retry} notFound={{ title: '没有找到这场大赛' }}>
        {({ countyCode, got }) =>
          got && got.contest.status !== 'draft' ? (
            <Text className='ct-card__note ct-form'>大赛已开放报名，规则、轮次和评分细则不能再修改。</Text>
          ) : (
            <ContestForm key={got?.contest.id ?? 'new'} contest={got?.contest ?? null} countyCode={countyCode} onSave={save} />
          )
        }
      </PageStates>
    </View>
  )
}
