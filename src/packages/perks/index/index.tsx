// 爱心商家优惠: the volunteer's star level, then the perks of the caring-merchant alliance,
// nearest first (when the phone's location is allowed), filtered by category and searched by
// merchant or perk name; each card says whether the volunteer may use it now and, if not, why.
// Non-volunteers see how to become one.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { MERCHANT_CATEGORIES, type MerchantCategory } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { loadAccount } from '@/components/admin/shared'
import { SearchField } from '@/components/ui/Field'
import { allowLocation, locate, type Located } from '@/components/perk/location'
import { distanceText, type PerkView } from '@/components/perk/shared'
import { Chips, MinStar, PerkPicture, Stars } from '@/components/perk/ui'
import { HelpCard } from '@/components/ui/HelpCard'
import { ListFooter } from '@/components/ui/ListFooter'
import { StateView } from '@/components/ui/StateView'
import { PageStates, type DeniedLook } from '@/components/ui/PageStates'
import { WorkbenchHead } from '@/components/ui/Workbench'
import { failureState, type BlockedState } from '@/components/ui/page-state'
import { takeChanged } from '@/services/changes'
import { listState, usePaged, useSearchKeyword } from '@/components/ui/paged'

import './index.scss'

type Category = '' | MerchantCategory
const CATEGORY_OPTIONS: { value: Category; label: string }[] = [{ value: '', label: '全部' }, ...MERCHANT_CATEGORIES.map((c) => ({ value: c as Category, label: c }))]

const go = (url: string) => void Taro.navigateTo({ url })

/** How the page refuses someone who is no volunteer, from their registrations: the way to become one. */
async function refusal(): Promise<DeniedLook> {
  let look = { title: '爱心商家优惠是志愿者专享', text: '注册成为乡村振兴志愿者并通过审核后，即可在爱心商家出示优惠码，享受餐饮、观影、购物等礼遇。', action: '注册成为志愿者' }
  try {
    const account = await loadAccount(true)
    const reg = account.registrations.find((r) => r.kind === 'volunteer')
    if (reg?.status === 'pending') look = { title: '志愿者注册审核中', text: '县（市、区）团委审核通过后，即可凭优惠码在爱心商家享受专属礼遇。', action: '查看注册进度' }
    if (reg?.status === 'rejected') look = { title: '志愿者注册未通过', text: `原因：${reg.rejectReason || '未填写'}。修改信息重新提交，审核通过后即可使用爱心商家优惠。`, action: '修改并重新提交' }
  } catch {
    // fall through: offer registration
  }
  return { className: 'perks-gate', title: look.title, text: look.text, action: { text: look.action, onClick: () => go(`${ROUTES.register}?kind=volunteer`) } }
}

function PerkCard({ p }: { p: PerkView }) {
  const distance = distanceText(p.distanceM)
  return (
    <View className={`perk-card ${p.eligible ? '' : 'perk-card--muted'}`} hoverClass='perk-card--pressed' onClick={() => go(`${ROUTES.perkDetail}?id=${encodeURIComponent(p.id)}`)}>
      <View className='perk-card__body'>
        <PerkPicture url={p.pictureUrl} category={p.category} className='perk-card__pic' />
        <View className='perk-card__main'>
          <Text className='perk-card__title'>{p.title}</Text>
          <Text className='perk-card__merchant'>{p.merchantName}</Text>
          <View className='perk-card__meta'>
            <Text className='perk-card__category'>{p.category}</Text>
            {distance ? <Text className='perk-card__distance'>距你 {distance}</Text> : <Text className='perk-card__address'>{p.address}</Text>}
          </View>
          <View className='perk-card__tags'>
            <MinStar minStar={p.minStar} />
            {p.eligible && <Text className='perk-card__ok'>可使用</Text>}
          </View>
        </View>
      </View>
      {!p.eligible && p.reason && (
        <View className='perk-card__reason'>
          <Text>{p.reason}</Text>
        </View>
      )}
    </View>
  )
}

export default function Perks() {
  /** null: asking; 'slow': still asking after a while (the list shows meanwhile, then re-sorts). */
  const [where, setWhere] = useState<Located | { kind: 'slow' } | null>(null)
  const [category, setCategory] = useState<Category>('')
  const [star, setStar] = useState<number | null>(null)
  /** Refused (no volunteer) or no persona: the list's failure as the page's gate. */
  const [gate, setGate] = useState<BlockedState | { kind: 'ready' }>({ kind: 'ready' })
  const [refused, setRefused] = useState<DeniedLook>()
  const { draft, setDraft, keyword, search, clear } = useSearchKeyword()

  useEffect(() => {
    let answered = false
    // A permission dialog the user has not answered yet must not hold the list back.
    const slow = setTimeout(() => !answered && setWhere({ kind: 'slow' }), 3500)
    void locate().then((w) => {
      answered = true
      clearTimeout(slow)
      setWhere(w)
    })
    return () => clearTimeout(slow)
  }, [])

  const near = where?.kind === 'ok' ? where.position : undefined
  const key = JSON.stringify([category, keyword, near?.lat, near?.lng])
  const list = usePaged<PerkView>(
    async (page, pageSize) => {
      try {
        const res = await call('perk.browse', { page, pageSize, ...(category ? { category } : {}), ...(keyword ? { keyword } : {}), ...(near ? { near } : {}) })
        setStar(res.star)
        setGate({ kind: 'ready' })
        return res
      } catch (err) {
        const failure = failureState(err)
        if (failure.kind === 'denied') setRefused(await refusal())
        if (failure.kind === 'denied' || failure.kind === 'no-identity') setGate(failure)
        throw err
      }
    },
    key,
    where !== null,
    10,
  )

  // Back from a perk whose code was used: its eligibility (today's limit) changed.
  useDidShow(() => {
    if (takeChanged('perks')) void list.reload(true)
  })

  const relocate = async () => {
    if (where?.kind === 'denied' && process.env.TARO_ENV === 'weapp' && !(await allowLocation())) return
    setWhere(await locate(8000))
  }

  const open = gate.kind === 'ready'

  return (
    <View className='pk-page perks'>
      {open && (
        <>
          <WorkbenchHead eyebrow='爱心商家联盟 · 志愿者专享礼遇' flat>
            <View className='perks-hero__row'>
              <View className='perks-hero__me'>
                <Text className='perks-hero__label'>我的星级</Text>
                {star === null ? (
                  <View className='perks-hero__ghost' />
                ) : (
                  <View className='perks-hero__star'>
                    <Stars star={star} className='perks-hero__stars' />
                    <Text className='perks-hero__level'>{star > 0 ? `${star} 星志愿者` : '暂未定级'}</Text>
                  </View>
                )}
              </View>
              <View className='perks-hero__records' hoverClass='perks-hero__records--pressed' onClick={() => go(ROUTES.perkRecords)}>
                <Text>使用记录 ›</Text>
              </View>
            </View>
            <Text className='perks-hero__hint'>{star !== null && star < 5 ? `累计服务时长升星，解锁更多爱心优惠` : '感谢你的志愿服务'}</Text>
          </WorkbenchHead>

          <View className='perks-filters'>
            <SearchField className='perks-filters__search' value={draft} placeholder='搜索商家或优惠名称' onChange={setDraft} onSearch={search} />
            <Chips scroll options={CATEGORY_OPTIONS} value={category} onChange={setCategory} className='perks-filters__chips' />
          </View>

          {where && where.kind !== 'ok' && (
            <View className='perks-locate'>
              <Text className='perks-locate__text'>
                {where.kind === 'slow' ? '正在获取位置，先按发布时间排列…' : where.kind === 'denied' ? '未开启位置权限，按发布时间排列' : '暂时无法定位，按发布时间排列'}
              </Text>
              {where.kind !== 'slow' && (
                <Text className='perks-locate__action' onClick={() => void relocate()}>
                  {where.kind === 'denied' && process.env.TARO_ENV === 'weapp' ? '开启定位' : '重新定位'}
                </Text>
              )}
            </View>
          )}

          {list.status === 'ready' && list.total > 0 && (
            <View className='perks-summary'>
              <Text>
                {keyword ? `「${keyword}」相关的${category || ''}` : category || '全部'}优惠 {list.total} 项{near ? '，离你近的在前' : ''}
              </Text>
            </View>
          )}
        </>
      )}

      <PageStates gate={gate} state={listState(list)} retry={() => void list.reload()} denied={refused}>
        {(items) =>
          items.length === 0 ? (
            <StateView
              tone='muted'
              className='perks-empty'
              title={keyword ? `没有找到「${keyword}」相关的${category ? `${category}类` : ''}优惠` : category ? `暂无${category}类优惠` : '暂无可用的爱心优惠'}
              desc={keyword ? '换个商家名称或优惠名称试试，或清除搜索查看全部' : category ? '看看其他类别吧' : '爱心商家发布优惠后会出现在这里'}
              action={
                keyword || category
                  ? {
                      text: '查看全部',
                      onClick: () => {
                        clear()
                        setCategory('')
                      },
                    }
                  : undefined
              }
            />
          ) : (
            <View className='perks-list'>
              {items.map((p) => (
                <PerkCard key={p.id} p={p} />
              ))}
              <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
            </View>
          )
        }
      </PageStates>
      {open && <HelpCard programme='perks' />}
    </View>
  )
}
