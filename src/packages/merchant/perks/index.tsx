// 本店优惠 (?merchantId= for admins): the perks of the shop (staff) or of one merchant (admins),
// with their state, how much of the quota is used, and pause / resume, edit and publish.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { decodeParam } from '@/components/admin/shared'
import { staffState } from '@/components/perk/gates'
import { handOver, PERK_STATE_LOOK, perkState, useWho, type PerkView } from '@/components/perk/shared'
import { MinStar, PerkPicture } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { ListFooter } from '@/components/ui/ListFooter'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { StateView } from '@/components/ui/StateView'
import { PageStates } from '@/components/ui/PageStates'
import { Tag } from '@/components/ui/Tag'
import { chineseDate, today } from '@/components/ui/format'
import { takeChanged } from '@/services/changes'
import { listState, usePaged } from '@/components/ui/paged'

import '@/components/perk/bars.scss'
import './index.scss'

function formUrl(merchantId: string, id?: string) {
  return `${ROUTES.merchantPerk}?merchantId=${encodeURIComponent(merchantId)}${id ? `&id=${encodeURIComponent(id)}` : ''}`
}

export default function MerchantPerks() {
  const { params } = useRouter()
  const merchantParam = decodeParam(params.merchantId)
  /** The merchant's name, when an admin comes from its page (it may have no perks yet to read it from). */
  const nameParam = decodeParam(params.name)
  const { state: whoState, reload } = useWho()
  // Staff see their shops' perks; admins those of the merchants they administer.
  const staff = staffState(whoState, true)
  const who = staff.state.kind === 'ready' ? staff.state.data : null
  const [toggling, setToggling] = useState('')
  const [choosing, setChoosing] = useState(false)
  const todayYmd = today()

  const list = usePaged<PerkView>((page, pageSize) => call('perk.managePerks', { page, pageSize, ...(merchantParam ? { merchantId: merchantParam } : {}) }), merchantParam, !!who)

  useDidShow(() => {
    if (takeChanged('merchantPerks')) void list.reload(true)
  })

  /** Where a new perk goes: the merchant of the page, or the staff's shop (asked when they have several). */
  const shops = merchantParam || !who ? [] : who.shops
  const canAdd = !!merchantParam || shops.length > 0
  const add = () => {
    if (merchantParam) void Taro.navigateTo({ url: formUrl(merchantParam) })
    else if (shops.length === 1) void Taro.navigateTo({ url: formUrl(shops[0].code) })
    else setChoosing(true)
  }
  const edit = (p: PerkView) => {
    handOver(`perk:${p.id}`, p)
    void Taro.navigateTo({ url: formUrl(p.merchantId, p.id) })
  }

  const toggle = async (p: PerkView) => {
    if (toggling) return
    const pause = p.status === 'active'
    const { confirm } = await Taro.showModal({
      title: pause ? '暂停优惠' : '恢复优惠',
      content: pause ? `暂停后志愿者看不到「${p.title}」，已出示的优惠码也不能核销。可随时恢复。` : `恢复后志愿者可以继续使用「${p.title}」。`,
      confirmText: pause ? '暂停' : '恢复',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    setToggling(p.id)
    try {
      const updated = await call('perk.setPerkStatus', { id: p.id, status: pause ? 'paused' : 'active' })
      list.setItems((items) => items.map((x) => (x.id === p.id ? { ...x, status: updated.status } : x)))
      void Taro.showToast({ title: pause ? '已暂停' : '已恢复', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
    } finally {
      setToggling('')
    }
  }

  const merchantName = merchantParam ? list.items[0]?.merchantName || nameParam : shops.length === 1 ? shops[0].name : ''
  const showMerchant = !merchantParam && !(shops.length === 1 && !who?.admin)

  return (
    <View className={`pk-page mperks ${who && canAdd ? 'pk-page--with-bar' : ''}`}>
      {who && (
        <>
          <View className='mperks-head'>
            <Text className='mperks-head__name'>{merchantName || (merchantParam ? '该商家' : who.admin ? (who.admin === 'city' ? '全市爱心商家' : '本县爱心商家') : '本店')}的优惠</Text>
            <Text className='mperks-head__count'>{list.status === 'ready' ? `共 ${list.total} 项` : ' '}</Text>
          </View>
          {!canAdd && <Text className='mperks-tip'>发布新优惠请在「爱心商家」中打开对应商家，再进入其优惠。</Text>}
        </>
      )}

      <PageStates gate={staff.state} state={listState(list)} retry={() => void (who ? list.reload() : reload(true))} skeleton={2} denied={staff.denied}>
        {(items) =>
          items.length === 0 ? (
            <StateView
              tone='muted'
              className='mperks-empty'
              title='还没有发布优惠'
              desc='发布一项给志愿者的优惠：内容、使用说明、星级要求、每人次数和总名额。'
              action={canAdd ? { text: '发布第一项优惠', onClick: add } : undefined}
            />
          ) : (
            <View className='mperks-list'>
              {items.map((p) => {
                const st = perkState(p, todayYmd)
                const look = PERK_STATE_LOOK[st]
                const used = p.quota > 0 ? Math.min(100, (p.redeemed / p.quota) * 100) : 0
                return (
                  <View key={p.id} className='mperk'>
                    <View className='mperk__body' hoverClass='mperk__body--pressed' onClick={() => edit(p)}>
                      <PerkPicture url={p.pictureUrl} category={p.category} className='mperk__pic' />
                      <View className='mperk__main'>
                        <View className='mperk__head'>
                          <Text className='mperk__title'>{p.title}</Text>
                          <Tag tone={look.tone} className='mperk__state'>
                            {look.label}
                          </Tag>
                        </View>
                        {showMerchant && <Text className='mperk__merchant'>{p.merchantName}</Text>}
                        <Text className='mperk__valid'>
                          {chineseDate(p.validFrom)} – {chineseDate(p.validTo)}
                        </Text>
                        <View className='mperk__tags'>
                          <MinStar minStar={p.minStar} />
                          <Text className='mperk__limit'>
                            每人每日 {p.perDay} 次 · 每月 {p.perMonth} 次
                          </Text>
                        </View>
                      </View>
                    </View>
                    <View className='mperk__quota'>
                      <View className='mperk__quota-head'>
                        <Text>已核销</Text>
                        <Text className='mperk__quota-num'>
                          {p.redeemed} / {p.quota}
                        </Text>
                      </View>
                      <View className='pk-bar__track mperk__track'>
                        {p.redeemed > 0 && <View className='pk-bar__fill' style={{ width: `${used}%` }} />}
                      </View>
                    </View>
                    <View className='mperk__actions'>
                      <Text className='mperk__action' onClick={() => edit(p)}>
                        编辑
                      </Text>
                      {p.status !== 'suspended' && (
                        <Text className={`mperk__action ${p.status === 'active' ? 'mperk__action--pause' : 'mperk__action--resume'}`} onClick={() => void toggle(p)}>
                          {toggling === p.id ? '处理中…' : p.status === 'active' ? '暂停' : '恢复'}
                        </Text>
                      )}
                      {p.status === 'suspended' && <Text className='mperk__suspended'>商家暂停参与期间，优惠不可用</Text>}
                    </View>
                  </View>
                )
              })}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>

      {who && canAdd && (
        <View className='pk-bar-bottom'>
          <Button className='mperks__add' onClick={add}>
            发布新优惠
          </Button>
        </View>
      )}

      <OptionSheet
        visible={choosing}
        title='为哪家店发布'
        options={shops.map((s) => ({ value: s.code, label: s.name }))}
        value=''
        onSelect={(v) => void Taro.navigateTo({ url: formUrl(v) })}
        onClose={() => setChoosing(false)}
      />
    </View>
  )
}
