// 对接会详情 (?id=; subscribe messages about promotions and cancellations open it too): the
// fair (time, venue and map, who may sign up, seats and the waiting list), its employers by
// type and their positions. A volunteer chooses up to `maxPositions` positions, previews the
// résumé employers will see, agrees to share it and signs up — confirmed, or on the waiting
// list with a rank; later changes the positions, cancels (the first waiting moves up), and
// opens the entry code on the day. Another id (a new link, or `?id=` edited on the web) shows
// that fair afresh: the body is keyed by the id the page follows.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { FairView, PositionView, ResumeView } from '@contract/fair'
import { EMPLOYER_TYPE_LABELS, EMPLOYER_TYPES, type EmployerType } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { Tick } from '@/components/ui/Tick'
import { Sheet } from '@/components/ui/Sheet'
import { fairWhen, param, placesLeft, whoMaySignUp } from '@/components/fair/format'
import { openMap, useWho } from '@/components/fair/shared'
import { EmployerTypeTag, MineTag, Notice, PositionFacts, ResumeCard, SeatsBar, StandingTag } from '@/components/fair/ui'
import { paramAt } from './route'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { chineseDate, momentText } from '@/components/ui/format'
import { markChanged } from '@/services/changes'

import './index.scss'

type Loaded = { fair: FairView; positions: PositionView[] }
type Resume = { kind: 'loading' } | { kind: 'ready'; resume: ResumeView } | { kind: 'error'; message: string; code: string }

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))

/**
 * The page's `?id=`, followed when it changes: on showing the page again (the router's params
 * then), and on the web when the address changes while this page is the one on screen (Taro may
 * keep the page and not load it again).
 */
function useFairId(): string {
  const { params } = useRouter()
  const [id, setId] = useState(() => param(params.id))
  const page = useMemo(() => Taro.getCurrentInstance().page, [])
  const follow = useCallback((next: string | null | undefined) => {
    if (typeof next === 'string' && next) setId(next)
  }, [])
  useDidShow(() => follow(param(Taro.getCurrentInstance().router?.params?.id)))
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const onAddress = () => {
      if (Taro.getCurrentInstance().page === page) follow(paramAt(window.location, ROUTES.fairDetail, 'id'))
    }
    window.addEventListener('hashchange', onAddress)
    window.addEventListener('popstate', onAddress)
    return () => {
      window.removeEventListener('hashchange', onAddress)
      window.removeEventListener('popstate', onAddress)
    }
  }, [page, follow])
  return id
}

export default function FairDetail() {
  const id = useFairId()
  // A new id starts the page over (its choices, sheet and messages belong to the fair it was for).
  return <FairDetailBody key={id} id={id} />
}

function FairDetailBody({ id }: { id: string }) {
  const { who, reload: reloadWho } = useWho()
  const [chosen, setChosen] = useState<string[]>([])
  const [typeFilter, setTypeFilter] = useState<EmployerType | ''>('')
  const [sheet, setSheet] = useState(false)
  const [resume, setResume] = useState<Resume>({ kind: 'loading' })
  const [consent, setConsent] = useState(false)
  const [busy, setBusy] = useState<'' | 'signup' | 'cancel'>('')
  const [refusal, setRefusal] = useState('')

  // The fair, and my positions chosen as I signed up for them. (Once per id: the body is keyed by it.)
  const page = usePageState<Loaded>(async () => {
    if (!id) throw new CallError({ code: 'NOT_FOUND', message: '链接中缺少对接会编号' })
    const res = await call('fair.get', { id })
    setChosen(res.fair.mine?.positionIds ?? [])
    return { fair: res.fair, positions: res.positions }
  }, [])

  usePullDownRefresh(() => {
    setRefusal('')
    void Promise.all([page.reload(true), reloadWho(true)]).finally(() => Taro.stopPullDownRefresh())
  })

  const fair = page.state.kind === 'ready' ? page.state.data.fair : null
  const positions = page.state.kind === 'ready' ? page.state.data.positions : []
  const mine = fair?.mine ?? null
  const applicant = who.kind === 'ready' && who.applicant
  const open = !!fair && fair.status === 'published' && fair.phase === 'open'
  const selectable = open && applicant && !mine?.checkedInAt
  const changed = !!mine && !sameSet(chosen, mine.positionIds)

  const byType = useMemo(() => {
    const counts = new Map<EmployerType, number>()
    for (const p of positions) counts.set(p.employerType, (counts.get(p.employerType) ?? 0) + 1)
    return counts
  }, [positions])
  const shown = typeFilter ? positions.filter((p) => p.employerType === typeFilter) : positions
  const chosenPositions = positions.filter((p) => chosen.includes(p.id))

  const toggle = (p: PositionView) => {
    if (!fair) return
    if (!selectable) {
      if (!applicant && open) void Taro.showToast({ title: '注册成为志愿者并通过审核后才能报名', icon: 'none' })
      return
    }
    setRefusal('')
    setChosen((c) => {
      if (c.includes(p.id)) return c.filter((x) => x !== p.id)
      if (c.length >= fair.maxPositions) {
        void Taro.showToast({ title: `本场每人最多选择 ${fair.maxPositions} 个岗位`, icon: 'none' })
        return c
      }
      return [...c, p.id]
    })
  }

  const openSheet = async () => {
    if (chosen.length === 0) {
      void Taro.showToast({ title: '请先在下方选择想应聘的岗位', icon: 'none' })
      return
    }
    setConsent(false)
    setSheet(true)
    if (resume.kind === 'ready') return
    setResume({ kind: 'loading' })
    try {
      setResume({ kind: 'ready', resume: await call('fair.resume', {}) })
    } catch (err) {
      setResume({ kind: 'error', message: errorMessage(err), code: err instanceof CallError ? err.code : '' })
    }
  }

  const signUp = async () => {
    if (!fair || busy) return
    if (!consent) {
      void Taro.showToast({ title: '请先勾选同意向用人单位提供简历', icon: 'none' })
      return
    }
    // Promotions from the waiting list, cancellations and the door's check-in are told by message:
    // asked inside the tap, answered before the sign-up goes ahead.
    setBusy('signup')
    await askForNotices(['review'])
    const wasMine = !!mine
    try {
      const res = await call('fair.signUp', { fairId: fair.id, positionIds: chosen, shareResume: true })
      page.setData((d) => ({ ...d, fair: res.fair }))
      setChosen(res.signup.positionIds)
      setSheet(false)
      setRefusal('')
      markChanged('fairs')
      if (wasMine) {
        void Taro.showToast({ title: '已修改所选岗位', icon: 'success' })
      } else if (res.signup.status === 'confirmed') {
        void Taro.showModal({
          title: '报名成功',
          content: `你已报名「${fair.title}」，已选 ${res.signup.positionIds.length} 个岗位。对接会当天请凭「入场码」签到入场。`,
          showCancel: false,
          confirmText: '知道了',
          confirmColor: '#d93a2b',
        })
      } else {
        void Taro.showModal({
          title: `已进入候补（第 ${res.signup.waitingRank} 位）`,
          content: '本场名额已满。有人取消报名时按候补顺序递补，递补成功后会通知你，届时即可获得入场码。',
          showCancel: false,
          confirmText: '知道了',
          confirmColor: '#d93a2b',
        })
      }
    } catch (err) {
      setSheet(false)
      if (err instanceof CallError && (err.code === 'FORBIDDEN' || err.code === 'CONFLICT' || err.field)) {
        setRefusal(err.message)
        void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
      } else {
        void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
      }
    } finally {
      setBusy('')
    }
  }

  const cancel = async () => {
    if (!fair || !mine || busy) return
    const { confirm } = await Taro.showModal({
      title: mine.status === 'confirmed' ? '取消报名' : '退出候补',
      content:
        mine.status === 'confirmed'
          ? '取消后你的名额将让给候补第一位（系统自动递补并通知对方）。如再次报名，需要重新排队，名额已满时进入候补。'
          : `你目前是候补第 ${mine.waitingRank} 位。退出后排在你后面的人依次前移，如再次报名将排到候补末位。`,
      confirmText: mine.status === 'confirmed' ? '取消报名' : '退出候补',
      cancelText: '再想想',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setBusy('cancel')
    try {
      const res = await call('fair.cancel', { fairId: fair.id })
      page.setData((d) => ({ ...d, fair: res.fair }))
      setChosen([])
      markChanged('fairs')
      void Taro.showToast({ title: mine.status === 'confirmed' ? '已取消报名' : '已退出候补', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setBusy('')
    }
  }

  const left = fair ? placesLeft(fair) : 0

  /** The bar at the bottom: sign up, change, cancel or the entry code (none when nothing can be done). */
  const bar = (fair: FairView) => {
    if (fair.status !== 'published') return null
    if (mine) {
      if (mine.checkedInAt) return null
      if (changed && open) {
        return (
          <View className='panel-bar'>
            <View className='panel-bar__info'>
              <Text className='detail__bar-title'>
                已选 {chosen.length}/{fair.maxPositions} 个岗位
              </Text>
              <Text className='panel-bar__hint'>修改后不影响你的报名顺序</Text>
            </View>
            <Button small kind='plain' className='detail__undo' onClick={() => setChosen(mine.positionIds)}>
              撤销
            </Button>
            <View className='detail__gap' />
            <Button small className='detail__save' disabled={chosen.length === 0} onClick={() => void openSheet()}>
              保存修改
            </Button>
          </View>
        )
      }
      return (
        <View className='panel-bar'>
          <Button kind='danger' className='detail__cancel' busy={busy === 'cancel'} onClick={() => void cancel()}>
            {mine.status === 'confirmed' ? '取消报名' : '退出候补'}
          </Button>
          {mine.status === 'confirmed' && (
            <>
              <View className='detail__gap' />
              <Button className='detail__code' onClick={() => void Taro.navigateTo({ url: `${ROUTES.fairCode}?id=${encodeURIComponent(fair.id)}` })}>
                入场码
              </Button>
            </>
          )}
        </View>
      )
    }
    if (fair.phase === 'upcoming') {
      return (
        <View className='panel-bar'>
          <Button disabled>报名 {momentText(fair.signupOpensAt)} 开始</Button>
        </View>
      )
    }
    if (fair.phase !== 'open') {
      return (
        <View className='panel-bar'>
          <Button disabled>{fair.phase === 'over' ? '对接会已结束' : '报名已截止'}</Button>
        </View>
      )
    }
    if (!applicant) {
      return who.kind === 'ready' ? (
        <View className='panel-bar'>
          <Button className='detail__register' disabled={who.pending} onClick={() => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` })}>
            {who.pending ? '注册审核中，通过后可报名' : '注册成为志愿者后报名'}
          </Button>
        </View>
      ) : null
    }
    return (
      <View className='panel-bar'>
        <View className='panel-bar__info'>
          <Text className='detail__bar-title'>
            已选 {chosen.length}/{fair.maxPositions} 个岗位
          </Text>
          <Text className='panel-bar__hint'>{left > 0 ? `还剩 ${left} 个名额` : `名额已满，报名将进入候补（前面 ${fair.waiting} 人）`}</Text>
        </View>
        <Button small className='detail__signup' disabled={chosen.length === 0} onClick={() => void openSheet()}>
          {left > 0 ? '报名' : '报名候补'}
        </Button>
      </View>
    )
  }

  /** The fair, its employers and positions to choose from, and the résumé sheet. */
  const body = (fair: FairView) => {
    const cancelled = fair.status === 'cancelled'
    return (
      <>
        <View className='detail__hero'>
          <View className='detail__tags'>
            <StandingTag fair={fair} />
            {mine && fair.status !== 'cancelled' && <MineTag mine={mine} className='detail__mine-tag' />}
          </View>
          <Text className='detail__title'>{fair.title}</Text>
          <View className='detail__facts'>
            <View className='detail__fact'>
              <Text className='detail__fact-key'>时间</Text>
              <Text className='detail__fact-value'>{fairWhen(fair)}</Text>
            </View>
            <View className={`detail__fact ${fair.location && process.env.TARO_ENV === 'weapp' ? 'detail__fact--link' : ''}`} onClick={() => openMap(fair.location, fair.venue, fair.address)}>
              <Text className='detail__fact-key'>地点</Text>
              <View className='detail__fact-value'>
                <Text className='detail__venue'>{fair.venue}</Text>
                <Text className='detail__address'>{fair.address}</Text>
                {fair.location && process.env.TARO_ENV === 'weapp' && <Text className='detail__map'>查看地图 ›</Text>}
              </View>
            </View>
            <View className='detail__fact'>
              <Text className='detail__fact-key'>报名</Text>
              <Text className='detail__fact-value'>
                {momentText(fair.signupOpensAt)} 至 {momentText(fair.signupClosesAt)}
              </Text>
            </View>
            <View className='detail__fact'>
              <Text className='detail__fact-key'>对象</Text>
              <Text className='detail__fact-value'>
                {whoMaySignUp(fair)}；每人最多选 {fair.maxPositions} 个岗位
              </Text>
            </View>
          </View>
          {!cancelled && <SeatsBar fair={fair} className='detail__seats' />}
        </View>

        {cancelled && (
          <View className='detail__notice'>
            <Notice tone='error' title='本场对接会已取消'>
              <Text>报名已全部作废，请留意团市委发布的下一场对接会。</Text>
            </Notice>
          </View>
        )}
        {refusal && (
          <View className='detail__notice detail__refusal'>
            <Notice tone='error' title='未能报名'>
              <Text>{refusal}</Text>
            </Notice>
          </View>
        )}

        {mine && !cancelled && (
          <View className={`detail__status detail__status--${mine.checkedInAt ? 'in' : mine.status}`}>
            <View className='detail__status-mark'>
              <Text>{mine.checkedInAt ? '✓' : mine.status === 'confirmed' ? '✓' : mine.waitingRank}</Text>
            </View>
            <View className='detail__status-main'>
              <Text className='detail__status-title'>{mine.checkedInAt ? '已签到入场' : mine.status === 'confirmed' ? '已报名' : `候补第 ${mine.waitingRank} 位`}</Text>
              <Text className='detail__status-text'>
                {mine.checkedInAt
                  ? `${momentText(mine.checkedInAt)} 签到，祝你面试顺利`
                  : mine.status === 'confirmed'
                    ? `对接会当天凭入场码签到入场 · 报名于 ${momentText(mine.createdAt)}`
                    : '有人取消报名时按顺序递补，递补成功后会通知你'}
              </Text>
            </View>
          </View>
        )}

        {fair.description && (
          <View className='fair-section'>
            <View className='fair-section__title'>
              <Text>活动说明</Text>
            </View>
            <Text className='detail__desc'>{fair.description}</Text>
          </View>
        )}

        <View className='fair-section'>
          <View className='fair-section__title'>
            <Text>参会单位</Text>
            <Text className='fair-section__extra'>{fair.employers.length} 家</Text>
          </View>
          {fair.employers.length === 0 ? (
            <Text className='detail__none'>用人单位确认后会在这里公布</Text>
          ) : (
            EMPLOYER_TYPES.filter((t) => fair.employers.some((e) => e.type === t)).map((t) => (
              <View key={t} className='detail__orgs'>
                <EmployerTypeTag type={t} className='detail__orgs-type' />
                <View className='detail__orgs-names'>
                  {fair.employers
                    .filter((e) => e.type === t)
                    .map((e) => (
                      <Text key={e.id} className='detail__org'>
                        {e.name}
                      </Text>
                    ))}
                </View>
              </View>
            ))
          )}
        </View>

        <View className='detail__positions-head'>
          <Text className='detail__positions-title'>招聘岗位</Text>
          <Text className='detail__positions-sub'>
            {fair.positionCount} 个岗位 · 招 {fair.openings} 人{selectable ? ` · 可选 ${fair.maxPositions} 个` : ''}
          </Text>
        </View>
        {positions.length > 0 && byType.size > 1 && (
          <View className='detail__filters fair-pills'>
            {(['', ...EMPLOYER_TYPES.filter((t) => byType.has(t))] as (EmployerType | '')[]).map((t) => (
              <View key={t || 'all'} className={`fair-pill ${typeFilter === t ? 'fair-pill--on' : ''}`} onClick={() => setTypeFilter(t)}>
                <Text>{t ? `${EMPLOYER_TYPE_LABELS[t]} ${byType.get(t)}` : `全部 ${positions.length}`}</Text>
              </View>
            ))}
          </View>
        )}
        {positions.length === 0 ? (
          <StateView tone='muted' className='detail__empty' title='岗位即将公布' desc='受邀单位正在发布岗位，请稍后再来看看' />
        ) : (
          <View className='detail__positions'>
            {shown.map((p) => {
              const on = chosen.includes(p.id)
              return (
                <View key={p.id} className={`detail-pos ${on ? 'detail-pos--on' : ''} ${selectable ? 'detail-pos--selectable' : ''}`} hoverClass={selectable ? 'detail-pos--pressed' : 'none'} onClick={() => toggle(p)}>
                  {(selectable || on) && (
                    <View className='detail-pos__pick'>
                      <Tick on={on} />
                      <Text className='detail-pos__pick-text'>{on ? (mine && mine.positionIds.includes(p.id) ? '已报名' : '已选') : '选择'}</Text>
                    </View>
                  )}
                  <PositionFacts position={p} />
                </View>
              )
            })}
          </View>
        )}

        {bar(fair)}

        <Sheet
          visible={sheet}
          title={mine ? '确认修改岗位' : '确认报名'}
          note='用人单位将看到下面这份简历'
          closable={busy !== 'signup'}
          onClose={() => setSheet(false)}
          className='detail-sheet'
        >
          <View className='detail-sheet__body'>
            <View className='detail-sheet__chosen'>
              <Text className='detail-sheet__label'>应聘岗位</Text>
              {chosenPositions.map((p) => (
                <Text key={p.id} className='detail-sheet__position'>
                  {p.title} · {p.employerName}
                </Text>
              ))}
            </View>
            {resume.kind === 'loading' ? (
              <View className='detail-sheet__loading'>
                <Text>正在生成简历…</Text>
              </View>
            ) : resume.kind === 'error' ? (
              <View className='detail-sheet__error'>
                <Notice tone='error' title={resume.code === 'FORBIDDEN' ? '暂时不能报名' : '简历加载失败'}>
                  <Text>{resume.message}</Text>
                </Notice>
                {resume.code === 'FORBIDDEN' && (
                  <Button kind='outline' className='detail-sheet__register' onClick={() => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` })}>
                    去注册
                  </Button>
                )}
              </View>
            ) : (
              <>
                <ResumeCard resume={resume.resume} className='detail-sheet__resume' />
                <Text className='detail-sheet__source'>简历来自你的注册信息和审核通过的服务记录。如信息有误，请在「我的」中更新或联系所在县（市、区）团委。</Text>
                <View className='detail-sheet__consent' onClick={() => setConsent((c) => !c)}>
                  <Tick on={consent} />
                  <Text className='detail-sheet__consent-text'>同意向用人单位提供简历（手机号在用人单位登记面试结果后才会提供给对方）</Text>
                </View>
                <Button className='detail-sheet__confirm' busy={busy === 'signup'} disabled={!consent} onClick={() => void signUp()}>
                  {busy === 'signup' ? '正在提交…' : mine ? '确认修改' : left > 0 ? '同意并报名' : '同意并报名候补'}
                </Button>
                <Text className='detail-sheet__date'>对接会 {chineseDate(fair.date)} 举办，报名截止 {momentText(fair.signupClosesAt)}</Text>
              </>
            )}
          </View>
        </Sheet>
      </>
    )
  }

  return (
    <View className={`panel-page detail ${fair && bar(fair) ? 'panel-page--with-bar' : ''}`}>
      <PageStates
        state={page.state}
        retry={page.retry}
        notFound={{ title: '对接会不存在或尚未发布', text: '它可能已被撤下。看看近期的其他对接会吧。', action: { text: '近期对接会', onClick: () => void Taro.redirectTo({ url: ROUTES.fair }) } }}
      >
        {({ fair }) => body(fair)}
      </PageStates>
    </View>
  )
}
