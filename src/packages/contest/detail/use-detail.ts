// A contest page's data and what an entrant does there: join a team by its code, submit the work
// (asking for the notice first), appeal the round's result. Each change reloads the page quietly.
import Taro from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import { call } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { useAction } from '@/components/ui/action'
import { usePageState } from '@/components/ui/page-state'

export type ContestData = OutputOf<'contest.get'>

export function useDetail(id: string) {
  const page = usePageState<ContestData>(() => call('contest.get', { id }), [id], !!id)
  const { busy, run } = useAction({ changed: ['contests', 'contest-mine'], reload: () => page.reload(true) })

  return {
    page,
    busy,
    join: (code: string) =>
      run('join', async () => {
        await askForNotices(['review'])
        await call('contest.joinTeam', { code })
      }, '已加入团队'),
    submit: (entryId: string) =>
      run('submit', async () => {
        await askForNotices(['review', 'reminder'])
        await call('contest.submitEntry', { id: entryId })
      }, '作品已提交'),
    /** Throws the function's refusal (the dialog shows it). */
    appeal: async (entryId: string, reason: string) => {
      await call('contest.appeal', { entryId, reason })
      void Taro.showToast({ title: '申诉已提交', icon: 'success' })
      await page.reload(true)
    },
  }
}
