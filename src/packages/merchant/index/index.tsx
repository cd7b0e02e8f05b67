// 商家工作台: the shop, today's redemptions, and the big 扫码核销 button (WeChat's camera; the
// web build, which has no camera, offers a field to paste the code's text instead), with links to
// the shop's perks and its records.
import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { staffState } from '@/components/perk/gates'
import { openRedeem, perkCodeOf, scanPerkCode } from '@/components/perk/scan'
import { useWho } from '@/components/perk/shared'
import { RedemptionRow } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { SkeletonBar } from '@/components/ui/StateView'
import { WorkbenchHead } from '@/components/ui/Workbench'
import { ScanMark } from '@/components/ui/ScanMark'
import { chineseDate } from '@/components/ui/format'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'

import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
const go = (url: string) => void Taro.navigateTo({ url })

const NOTES = ['请志愿者当场打开乡青汇出示优惠码，截图或过期的码无法核销。', '扫码后核对优惠内容和志愿者姓名，提供优惠后再点「确认核销」。', '每个优惠码只能核销一次，核销记录会同步给志愿者和团委。']

export default function MerchantHome() {
  const { state: whoState, reload } = useWho()
  const staff = staffState(whoState)
  const ready = staff.state.kind === 'ready'
  const [pasted, setPasted] = useState('')
  const [pasteError, setPasteError] = useState('')

  // Today's redemptions: a card of the page, loaded once the shop is known (and again on return).
  const today = usePageState(() => call('perk.merchantRedemptions', { page: 1, pageSize: 5 }), [], ready)
  useDidShow(() => {
    if (ready) void today.reload(today.state.kind === 'ready')
  })

  usePullDownRefresh(() => {
    void Promise.all([reload(true), ready ? today.reload(true) : Promise.resolve()]).finally(() => Taro.stopPullDownRefresh())
  })

  const scan = async () => {
    const token = await scanPerkCode()
    if (token) openRedeem(token, ROUTES.merchantRedeem)
  }

  const submitPasted = () => {
    const token = perkCodeOf(pasted)
    if (!token) {
      setPasteError(pasted.trim() ? '这不是乡青汇的优惠码（应以 P1. 开头）' : '请粘贴优惠码的文字')
      return
    }
    setPasteError('')
    setPasted('')
    openRedeem(token, ROUTES.merchantRedeem)
  }

  const data = today.state.kind === 'ready' ? today.state.data : null
  const failed = today.state.kind === 'loading' || today.state.kind === 'ready' ? '' : ('message' in today.state && today.state.message) || '加载失败'

  return (
    <View className='pk-page merchant-home'>
      <PageStates state={staff.state} retry={() => void reload(true)} skeleton={2} denied={staff.denied}>
        {(who) => (
          <>
            <WorkbenchHead eyebrow='爱心商家联盟 · 商家工作台' tall>
              <Text className='mh-hero__shop'>{who.shops.map((s) => s.name).join('、')}</Text>
              <Text className='mh-hero__staff'>店员 {who.account.nickname}</Text>
            </WorkbenchHead>

            <View className='mh-today'>
              <View className='mh-today__stat'>
                <Text className='mh-today__label'>今日核销</Text>
                {data ? (
                  <View className='mh-today__value'>
                    <Text className='mh-today__num'>{data.total}</Text>
                    <Text className='mh-today__unit'>笔</Text>
                  </View>
                ) : failed ? (
                  <Text className='mh-today__error' onClick={today.retry}>
                    加载失败，点此重试
                  </Text>
                ) : (
                  <SkeletonBar className='mh-today__ghost' />
                )}
                <Text className='mh-today__date'>{data ? chineseDate(data.date) : ' '}</Text>
              </View>
              <View className='mh-scan' hoverClass='mh-scan--pressed' onClick={() => void scan()}>
                <View className='mh-scan__icon'>
                  <ScanMark />
                </View>
                <Text className='mh-scan__text'>扫码核销</Text>
              </View>
            </View>

            {!isWeapp && (
              <View className='pk-card mh-paste'>
                <View className='pk-card__title'>
                  <Text>扫码替代（开发环境）</Text>
                  <Text className='pk-card__extra'>网页版没有相机</Text>
                </View>
                <Textarea
                  className={`mh-paste__input ${pasteError ? 'mh-paste__input--error' : ''}`}
                  value={pasted}
                  maxlength={700}
                  placeholder='粘贴志愿者优惠码的文字（P1. 开头）'
                  placeholderClass='mh-paste__placeholder'
                  onInput={(e) => {
                    setPasted(e.detail.value)
                    if (pasteError) setPasteError('')
                  }}
                />
                {pasteError ? <Text className='mh-paste__error'>{pasteError}</Text> : null}
                <Button small className='mh-paste__go' onClick={submitPasted}>
                  核验优惠码
                </Button>
              </View>
            )}

            <View className='mh-links'>
              <View className='mh-link' hoverClass='mh-link--pressed' onClick={() => go(ROUTES.merchantPerks)}>
                <View className='mh-link__mark mh-link__mark--perks'>
                  <Text>惠</Text>
                </View>
                <View className='mh-link__main'>
                  <Text className='mh-link__title'>本店优惠</Text>
                  <Text className='mh-link__desc'>发布、修改、暂停</Text>
                </View>
              </View>
              <View className='mh-link' hoverClass='mh-link--pressed' onClick={() => go(ROUTES.merchantRecords)}>
                <View className='mh-link__mark mh-link__mark--records'>
                  <Text>记</Text>
                </View>
                <View className='mh-link__main'>
                  <Text className='mh-link__title'>核销记录</Text>
                  <Text className='mh-link__desc'>按日期查看</Text>
                </View>
              </View>
            </View>

            <View className='pk-card mh-latest'>
              <View className='pk-card__title'>
                <Text>今日核销</Text>
                {data && data.total > 0 && (
                  <Text className='pk-card__link' onClick={() => go(ROUTES.merchantRecords)}>
                    查看全部 ›
                  </Text>
                )}
              </View>
              {today.state.kind === 'loading' ? (
                <View className='mh-latest__ghosts'>
                  <SkeletonBar className='mh-latest__ghost' />
                  <SkeletonBar className='mh-latest__ghost' />
                </View>
              ) : data && data.items.length > 0 ? (
                data.items.map((r) => <RedemptionRow key={r.id} r={r} side='merchant' />)
              ) : (
                <Text className='mh-latest__empty'>{failed || '今天还没有核销记录，志愿者出示优惠码后点「扫码核销」。'}</Text>
              )}
            </View>

            <View className='pk-card mh-notes'>
              <View className='pk-card__title'>
                <Text>核销须知</Text>
              </View>
              {NOTES.map((n) => (
                <View key={n} className='mh-notes__item'>
                  <Text className='mh-notes__dot'>·</Text>
                  <Text className='mh-notes__text'>{n}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}
