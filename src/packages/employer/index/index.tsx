// 招聘对接 (employers): my organisation(s), the fairs we are invited to (newest first, a page at a
// time: more at the bottom), our positions for each with how many chose them, adding and editing
// positions until the sign-up deadline, and the people who signed up for our positions.
import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { OutputOf } from '@contract/index'
import type { FairView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { fairWhen, salaryText } from '@/components/fair/format'
import { EmployerTypeTag, StandingTag } from '@/components/fair/ui'
import { Button } from '@/components/ui/Button'
import { ListFooter } from '@/components/ui/ListFooter'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { momentText } from '@/components/ui/format'
import { takeChanged } from '@/services/changes'

import './index.scss'

/** The pages of invited fairs read so far (each with our positions at its fairs). */
type Mine = OutputOf<'fair.myFairs'> & { pages: number }
const PAGE_SIZE = 10

/** Positions may be added and changed until sign-up closes. */
const editable = (f: FairView) => f.status === 'published' && (f.phase === 'upcoming' || f.phase === 'open')

export default function EmployerHome() {
  const mine = usePageState<Mine>(async () => ({ ...(await call('fair.myFairs', { page: 1, pageSize: PAGE_SIZE })), pages: 1 }), [])
  const [loadingMore, setLoadingMore] = useState(false)
  const loaded = mine.state.kind === 'ready' ? mine.state.data : null
  const hasMore = !!loaded && loaded.pages * PAGE_SIZE < loaded.total

  /** The next page of fairs, added under those shown (a fair already shown is not repeated). */
  const more = async () => {
    if (!loaded || !hasMore || loadingMore) return
    setLoadingMore(true)
    try {
      const next = await call('fair.myFairs', { page: loaded.pages + 1, pageSize: PAGE_SIZE })
      mine.setData((d) => {
        const shown = new Set(d.fairs.map((f) => f.id))
        return { ...d, fairs: [...d.fairs, ...next.fairs.filter((f) => !shown.has(f.id))], positions: [...d.positions, ...next.positions.filter((p) => !shown.has(p.fairId))], total: next.total, pages: d.pages + 1 }
      })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }
  useReachBottom(() => void more())

  useDidShow(() => {
    if (takeChanged('employer-home')) void mine.reload(true)
  })
  usePullDownRefresh(() => {
    void mine.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='panel-page emp'>
      <PageStates
        state={mine.state}
        retry={mine.retry}
        denied={{ text: '招聘对接仅向受邀参加岗位对接会的用人单位开放。如需开通，请联系团市委发送用人单位邀请。', className: 'emp__denied' }}
      >
        {(data) => page(data, <ListFooter count={data.fairs.length} total={data.total} hasMore={hasMore} loadingMore={loadingMore} onMore={() => void more()} />)}
      </PageStates>
    </View>
  )
}

/** My organisations, the fairs we are invited to (upcoming first) and our positions at each; `footer` under them (more fairs). */
function page({ employers, fairs, positions }: Mine, footer: ReactNode) {
  const upcoming = fairs.filter((f) => f.phase !== 'over').sort((a, b) => a.date.localeCompare(b.date))
  const past = fairs.filter((f) => f.phase === 'over')

  const addPosition = (f: FairView) => void Taro.navigateTo({ url: `${ROUTES.employerPosition}?fairId=${encodeURIComponent(f.id)}` })
  const editPosition = (fairId: string, id: string) => void Taro.navigateTo({ url: `${ROUTES.employerPosition}?fairId=${encodeURIComponent(fairId)}&id=${encodeURIComponent(id)}` })
  const applicants = (fairId: string, positionId?: string) =>
    void Taro.navigateTo({ url: `${ROUTES.employerApplicants}?fairId=${encodeURIComponent(fairId)}${positionId ? `&positionId=${encodeURIComponent(positionId)}` : ''}` })

  const fairBlock = (f: FairView) => {
    const mine = positions.filter((p) => p.fairId === f.id)
    const people = mine.reduce((n, p) => n + p.applicants, 0)
    const open = editable(f)
    return (
      <View key={f.id} className='emp-fair'>
        <View className='emp-fair__head' onClick={() => void Taro.navigateTo({ url: `${ROUTES.fairDetail}?id=${encodeURIComponent(f.id)}` })}>
          <View className='emp-fair__tags'>
            <StandingTag fair={f} />
          </View>
          <Text className='emp-fair__title'>{f.title}</Text>
          <Text className='emp-fair__line'>{fairWhen(f)}</Text>
          <Text className='emp-fair__line'>
            {f.venue} · {f.address}
          </Text>
          <Text className='emp-fair__deadline'>{open ? `岗位可修改至 ${momentText(f.signupClosesAt)}（报名截止）` : '报名已截止，岗位信息已锁定'}</Text>
        </View>

        <View className='emp-fair__positions'>
          <View className='emp-fair__sub'>
            <Text className='emp-fair__sub-title'>本单位岗位</Text>
            <Text className='emp-fair__sub-extra'>{mine.length} 个</Text>
          </View>
          {mine.length === 0 ? (
            <Text className='emp-fair__none'>{open ? '还没有发布岗位。发布后，志愿者报名时可以选择。' : '本场未发布岗位。'}</Text>
          ) : (
            mine.map((p) => (
              <View key={p.id} className='emp-pos' hoverClass='emp-pos--pressed' onClick={() => editPosition(f.id, p.id)}>
                <View className='emp-pos__main'>
                  <Text className='emp-pos__title'>{p.title}</Text>
                  <Text className='emp-pos__sub'>
                    招 {p.openings} 人 · {p.place} · {salaryText(p.salaryMinFen, p.salaryMaxFen)}
                  </Text>
                </View>
                <View
                  className='emp-pos__count'
                  onClick={(e) => {
                    e.stopPropagation()
                    applicants(f.id, p.id)
                  }}
                >
                  <Text className='emp-pos__num'>{p.applicants}</Text>
                  <Text className='emp-pos__unit'>人报名</Text>
                </View>
                <Text className='emp-pos__arrow'>›</Text>
              </View>
            ))
          )}
        </View>

        <View className='emp-fair__actions'>
          {open && (
            <Button small kind='outline' className='emp-fair__add' onClick={() => addPosition(f)}>
              + 添加岗位
            </Button>
          )}
          <Button small className='emp-fair__applicants' disabled={mine.length === 0} onClick={() => applicants(f.id)}>
            查看报名（{people} 人次）
          </Button>
        </View>
      </View>
    )
  }

  return (
    <>
      <View className='emp__head'>
        <Text className='emp__eyebrow'>用人单位 · 岗位对接会</Text>
        {employers.map((e) => (
          <View key={e.id} className='emp__org'>
            <Text className='emp__org-name'>{e.name}</Text>
            <EmployerTypeTag type={e.type} className='emp__org-type' />
          </View>
        ))}
        <Text className='emp__lead'>发布岗位 → 志愿者报名选岗 → 现场面试 → 登记结果</Text>
      </View>

      <View className='emp__section-title'>
        <Text>受邀参加的对接会</Text>
      </View>
      {upcoming.length === 0 ? (
        <StateView tone='muted' className='emp__empty' title='暂无受邀的对接会' desc='团市委邀请本单位参加对接会后，会在这里显示，届时即可发布岗位' />
      ) : (
        <View className='emp__list'>{upcoming.map(fairBlock)}</View>
      )}

      {past.length > 0 && (
        <>
          <View className='emp__section-title emp__section-title--past'>
            <Text>往届对接会</Text>
          </View>
          <View className='emp__list'>{past.map(fairBlock)}</View>
        </>
      )}
      {footer}
    </>
  )
}
