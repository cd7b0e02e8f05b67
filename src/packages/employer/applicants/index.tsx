// 报名人员 (?fairId=&positionId=): the people who chose our positions, with their résumé. The
// mobile stays masked until we record an outcome for the person at the fair (then it is shown,
// with a call button; the read is logged by the function). Per position: the outcome (已面试,
// 已发录用意向, 已录用, 未录用) with a note, once the fair has begun and the person has checked in
// at the door; 已录用 and 未录用 are confirmed first. 导出 Excel: everyone listed (all our positions,
// or the one chosen), résumé and outcomes, the mobile masked.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { ApplicantView, FairView, PositionView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { fairWhen, param } from '@/components/fair/format'
import { useExport } from '@/components/fair/shared'
import { Notice } from '@/components/fair/ui'
import { Button } from '@/components/ui/Button'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { goBackOr } from '@/services/navigation'
import { listState, usePaged } from '@/components/ui/paged'
import { useOutcome } from './use-outcome'
import { ApplicantCard } from './parts/applicant-card'
import { OutcomeSheet } from './parts/outcome-sheet'

import './index.scss'

/** The fair, and our positions at it (with how many chose each). */
type Head = { fair: FairView; positions: PositionView[] }

export default function Applicants() {
  const { params } = useRouter()
  const fairId = param(params.fairId)
  const [positionId, setPositionId] = useState(param(params.positionId))
  const { exporting, run: exportNow } = useExport(() => call('fair.exportApplicants', { fairId, ...(positionId ? { positionId } : {}) }), '条')

  const head = usePageState<Head>(async () => {
    const data = await call('fair.myFairs', fairId ? { fairId } : { pageSize: 1 })
    const fair = data.fairs.find((f) => f.id === fairId)
    if (!fair) throw new CallError({ code: 'NOT_FOUND', message: '对接会不存在，或本单位未受邀参加' })
    return { fair, positions: data.positions.filter((p) => p.fairId === fairId) }
  }, [fairId])
  const shown = head.state.kind === 'ready' ? head.state.data : null
  // The list refreshes itself on a pull; the counts per position too.
  usePullDownRefresh(() => {
    if (head.state.kind !== 'loading') void head.reload(!!shown)
  })

  const list = usePaged<ApplicantView>(
    (page, pageSize) => call('fair.applicants', { fairId, ...(positionId ? { positionId } : {}), page, pageSize }),
    positionId,
    !!shown,
  )

  const outcome = useOutcome(list.setItems)

  const total = shown ? shown.positions.reduce((n, p) => n + p.applicants, 0) : 0

  return (
    <View className='panel-page apps'>
      {shown && (
        <>
          <View className='panel-top'>
            <View className='apps__fair'>
              <Text className='apps__fair-title'>{shown.fair.title}</Text>
              <Text className='apps__fair-sub'>
                {fairWhen(shown.fair)} · {shown.fair.venue}
              </Text>
            </View>
            <View className='panel-filters apps__filters'>
              <View className={`panel-chip ${positionId === '' ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setPositionId('')}>
                <Text className='panel-chip__text'>全部岗位 {total}</Text>
              </View>
              {shown.positions.map((p) => (
                <View key={p.id} className={`panel-chip apps__chip ${positionId === p.id ? 'panel-chip--on' : ''}`} hoverClass='panel-chip--pressed' onClick={() => setPositionId(p.id)}>
                  <Text className='panel-chip__text'>
                    {p.title} {p.applicants}
                  </Text>
                </View>
              ))}
            </View>
          </View>

          <View className='apps__note'>
            <Notice tone='info'>
              <Text>手机号在登记面试结果后显示；每次查看都会留痕。请仅用于本次招聘联系。</Text>
            </Notice>
          </View>
        </>
      )}

      <PageStates
        gate={head.state}
        state={listState(list)}
        retry={() => void (shown ? list.reload() : head.reload())}
        skeleton={shown ? 2 : 3}
        denied={{ text: '仅受邀的用人单位可以查看报名人员。' }}
        notFound={{ title: '找不到对接会', action: { text: '返回招聘对接', onClick: () => goBackOr(ROUTES.employer) } }}
      >
        {(items) =>
          items.length === 0 ? (
            <StateView tone='muted' className='apps__empty' title='还没有人报名' desc={shown?.positions.length === 0 ? '本单位在这场对接会还没有发布岗位' : '志愿者报名选择本单位的岗位后，会出现在这里'} />
          ) : (
            <View className='panel-list'>
              <View className='apps__bar'>
                <Text className='apps__count'>共 {list.total} 人，按报名先后排列</Text>
                <Button small kind='outline' className='apps__export' busy={exporting} onClick={() => void exportNow()}>
                  {exporting ? '正在导出…' : '导出 Excel'}
                </Button>
              </View>
              {items.map((a) => (
                <ApplicantCard key={a.signupId} a={a} onRecord={(c) => outcome.start(a, c)} />
              ))}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>

      <OutcomeSheet edit={outcome} />
    </View>
  )
}
