// 对接会详情 (?id=; subscribe messages about promotions and cancellations open it too): the
// fair (time, venue and map, who may sign up, seats and the waiting list), its employers by
// type and their positions. A volunteer chooses up to `maxPositions` positions, previews the
// résumé employers will see, agrees to share it and signs up — confirmed, or on the waiting
// list with a rank; later changes the positions, cancels (the first waiting moves up), and
// opens the entry code on the day. Another id (a new link, or `?id=` edited on the web) shows
// that fair afresh: the body is keyed by the id the page follows.
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { FairView, PositionView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { useWho } from '@/components/fair/shared'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { barMode } from './bar-mode'
import { useFairId } from './use-fair-id'
import { choiceChanged, useSignup } from './use-signup'
import { DetailBar } from './parts/bar'
import { DetailHero, DetailNotices, MyStatus } from './parts/hero'
import { Description, Employers, Positions } from './parts/positions'
import { ResumeSheet } from './parts/resume-sheet'

import './index.scss'

type Loaded = { fair: FairView; positions: PositionView[] }

export default function FairDetail() {
  const id = useFairId()
  // A new id starts the page over (its choices, sheet and messages belong to the fair it was for).
  return <FairDetailBody key={id} id={id} />
}

function FairDetailBody({ id }: { id: string }) {
  const { who, reload: reloadWho } = useWho()

  // The fair, and my positions chosen as I signed up for them. (Once per id: the body is keyed by it.)
  const page = usePageState<Loaded>(async () => {
    if (!id) throw new CallError({ code: 'NOT_FOUND', message: '链接中缺少对接会编号' })
    const res = await call('fair.get', { id })
    signup.setChosen(res.fair.mine?.positionIds ?? [])
    return { fair: res.fair, positions: res.positions }
  }, [])

  const fair = page.state.kind === 'ready' ? page.state.data.fair : null
  const applicant = who.kind === 'ready' && who.applicant
  const open = !!fair && fair.status === 'published' && fair.phase === 'open'
  const selectable = open && applicant && !fair?.mine?.checkedInAt
  const signup = useSignup(fair, { open, applicant, selectable }, (next) => page.setData((d) => ({ ...d, fair: next })))

  usePullDownRefresh(() => {
    signup.clearRefusal()
    void Promise.all([page.reload(true), reloadWho(true)]).finally(() => Taro.stopPullDownRefresh())
  })

  const mode = fair ? barMode(fair, { changed: choiceChanged(signup.chosen, fair), applicant, whoReady: who.kind === 'ready' }) : 'none'

  return (
    <View className={`panel-page detail ${mode !== 'none' ? 'panel-page--with-bar' : ''}`}>
      <PageStates
        state={page.state}
        retry={page.retry}
        notFound={{ title: '对接会不存在或尚未发布', text: '它可能已被撤下。看看近期的其他对接会吧。', action: { text: '近期对接会', onClick: () => void Taro.redirectTo({ url: ROUTES.fair }) } }}
      >
        {({ fair, positions }) => {
          const cancelled = fair.status === 'cancelled'
          return (
            <>
              <DetailHero fair={fair} />
              <DetailNotices cancelled={cancelled} refusal={signup.refusal} />
              {fair.mine && !cancelled && <MyStatus mine={fair.mine} />}
              {fair.description && <Description text={fair.description} />}
              <Employers employers={fair.employers} />
              <Positions fair={fair} positions={positions} chosen={signup.chosen} selectable={selectable} onToggle={signup.toggle} />
              <DetailBar mode={mode} fair={fair} signup={signup} pending={who.kind === 'ready' && who.pending} />
              <ResumeSheet fair={fair} positions={positions} signup={signup} />
            </>
          )
        }}
      </PageStates>
    </View>
  )
}
