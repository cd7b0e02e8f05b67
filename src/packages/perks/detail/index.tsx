// 优惠详情 (?id=): the perk (picture, what it gives, terms, limits, validity, the shop and the
// way there) and whether the volunteer may use it now. 出示优惠码 shows the code the merchant
// scans: a QR code of a signed token that lives a minute, drawn on a canvas, replaced while it
// still has 30 s to live (code-clock.ts, use-perk-code.ts), with the volunteer's masked name,
// star and a countdown of the shown code's life; the screen stays on and bright meanwhile
// (WeChat, screen.ts). When the merchant confirms, the page sees the redemption and says 已核销.
import { useCallback } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, CallError } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { PerkPicture } from '@/components/perk/ui'
import { Skeleton } from '@/components/ui/StateView'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { CodeSheet } from './code-sheet'
import { DetailHead, PerkCards, ShowBar } from './sections'
import { useCountyNames } from './use-county-names'
import { usePerkCode } from './use-perk-code'

import './index.scss'

/** How the page refuses someone who is no volunteer: the way to become one. */
const VOLUNTEERS_ONLY: DeniedLook = {
  className: 'detail-gate',
  title: '爱心商家优惠是志愿者专享',
  text: '注册成为乡村振兴志愿者并通过审核后，即可凭优惠码享受爱心商家礼遇。',
  action: { text: '注册成为志愿者', onClick: () => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` }) },
}

const NO_SUCH_PERK = { title: '没有找到这项优惠', action: { text: '查看全部优惠', onClick: () => void Taro.redirectTo({ url: ROUTES.perks }) } }

const PLACEHOLDER = (
  <>
    <View className='detail-ghost' />
    <Skeleton count={2} />
  </>
)

export default function PerkDetail() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, retry, setData } = usePageState(() => {
    if (!id) throw new CallError({ code: 'NOT_FOUND', message: '缺少优惠编号，请从优惠列表进入' })
    return call('perk.detail', { id })
  }, [id])
  const perk = state.kind === 'ready' ? state.data : null
  const counties = useCountyNames(perk?.counties)

  /** The perk again after its code was used or refused (its limits changed), keeping the page (and the 已核销 sheet) if that fails. */
  const refreshPerk = useCallback(() => {
    if (!id) return
    call('perk.detail', { id })
      .then((p) => setData(() => p))
      .catch(() => undefined)
  }, [id, setData])
  const code = usePerkCode(id, perk, refreshPerk)

  return (
    <View className={`pk-page${perk ? ' pk-page--with-bar detail' : ''}`}>
      <PageStates state={state} retry={retry} skeleton={PLACEHOLDER} denied={VOLUNTEERS_ONLY} notFound={NO_SUCH_PERK}>
        {(p) => (
          <>
            <PerkPicture url={p.pictureUrl} category={p.category} className='detail__pic' label={p.pictureUrl ? undefined : p.merchantName} />
            <DetailHead p={p} counties={counties} />
            <PerkCards p={p} counties={counties} />
            <ShowBar p={p} onShow={() => void code.openCode()} />
            <CodeSheet p={p} code={code} />
          </>
        )}
      </PageStates>
    </View>
  )
}
