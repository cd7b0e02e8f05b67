// 服务时长与星级: the star level and the way to the next one, approved and pending hours, the last
// 12 months as bars, hours by station, and every service record (paged, by status), where a
// rejected or adjusted record can be appealed.
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { SessionStatus } from '@contract/vocabulary'
import { call } from '@/services/cloud'
import { takeChanged } from '@/services/changes'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { usePaged } from '@/components/ui/paged'
import { Card, NOT_VOLUNTEER } from '../shared/ui'
import type { Allowance, SessionView } from '../shared/volunteer'
import { AppealSheet } from './AppealSheet'
import { FocusedRecord, History, MakeupLink } from './History'
import { HoursHero, Levels, MonthBars, StationHours } from './parts'
import { MyPosts } from '@/components/care/MyPosts'
import { TermCard } from '@/components/term/TermCard'
import { Honours } from '@/components/commend/Honours'
import { ContestAwards } from '@/components/contest/Awards'

const PAGE_SIZE = 20

export default function Hours() {
  // ?session=: a notice about one record opens on it.
  const focusId = useRouter().params.session ?? ''
  const [focused, setFocused] = useState<SessionView | null>(null)
  const [filter, setFilter] = useState<SessionStatus | ''>('')
  const [appealing, setAppealing] = useState<SessionView | null>(null)
  const [allowance, setAllowance] = useState<Allowance | null>(null)
  const loaded = useRef(false)

  // The page: the hours and the star level.
  const { state, reload, retry, setData } = usePageState(async () => {
    const hours = await call('service.hours', {})
    loaded.current = true
    return hours
  }, [])

  // The records under it, a page at a time, by status; the first page also reads the record a notice opened on.
  const shown = useRef<SessionView[]>([])
  const history = usePaged(
    async (page, pageSize) => {
      const res = await call('service.history', { page, pageSize, ...(filter ? { status: filter } : {}), ...(focusId && page === 1 ? { focus: focusId } : {}) })
      if (page === 1) {
        setFocused(res.focused)
        return res
      }
      // Records may have moved between pages meanwhile: keep each once.
      return { ...res, items: res.items.filter((x) => !shown.current.some((p) => p.id === x.id)) }
    },
    filter,
    true,
    PAGE_SIZE,
  )
  shown.current = history.items

  useEffect(() => {
    call('service.allowance', {})
      .then(setAllowance)
      .catch(() => undefined)
  }, [])

  useDidShow(() => {
    if (loaded.current && takeChanged('volunteer-hours')) {
      void reload(true)
      void history.reload(true)
    }
  })

  // The list refreshes itself on pull-down (usePaged); the hours with it.
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  /** An appeal filed: the record in place (or out of a list of another status), the hours and the allowance read again. */
  const appealed = (updated: SessionView) => {
    setAppealing(null)
    setFocused((f) => (f && f.id === updated.id ? updated : f))
    history.setItems((list) => (filter && filter !== updated.status ? list.filter((x) => x.id !== updated.id) : list.map((x) => (x.id === updated.id ? updated : x))))
    void call('service.hours', {})
      .then((hours) => setData(() => hours))
      .catch(() => undefined)
    void call('service.allowance', {})
      .then(setAllowance)
      .catch(() => undefined)
  }

  return (
    <View className='vol-page hrs'>
      <PageStates state={state} retry={retry} denied={NOT_VOLUNTEER}>
        {(hours) => (
          <>
            <HoursHero hours={hours} />
            <TermCard />
            {focused && <FocusedRecord record={focused} onClose={() => setFocused(null)} onAppeal={setAppealing} />}
            <Levels hours={hours} />
            <MyPosts />
            <Honours />
            <ContestAwards />
            <Card title='月度服务时长' extra={<Text>近 12 个月 · 小时</Text>}>
              <MonthBars months={hours.months} />
            </Card>
            <StationHours hours={hours} />
            <History history={history} filter={filter} onFilter={setFilter} onAppeal={setAppealing} />
            <MakeupLink />
            <AppealSheet target={appealing} allowance={allowance} onClose={() => setAppealing(null)} onDone={appealed} />
          </>
        )}
      </PageStates>
    </View>
  )
}
