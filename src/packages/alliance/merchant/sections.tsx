// The sections of 商家信息: the head of an existing merchant (its state, the way to its perks and
// to inviting its staff, 暂停 / 恢复), the form's two cards, and the dialog that asks for the
// reason of a suspension or resumption.
import { Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MERCHANT_CATEGORIES } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import type { Merchant } from '@/components/perk/shared'
import type { Draft } from '@/components/perk/draft'
import { CategoryMark, Chips } from '@/components/perk/ui'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { Tag } from '@/components/ui/Tag'
import { TextInput } from '@/components/ui/TextInput'
import type { Fields, Row } from './rules'

const isWeapp = process.env.TARO_ENV === 'weapp'
const CATEGORY_OPTIONS = MERCHANT_CATEGORIES.map((c) => ({ value: c, label: c }))

const toPerks = (m: Merchant) => void Taro.navigateTo({ url: `${ROUTES.merchantPerks}?merchantId=${encodeURIComponent(m.id)}&name=${encodeURIComponent(m.name)}` })

export function MerchantHead({ merchant, created, onInvite, onStatus }: { merchant: Merchant; created: boolean; onInvite: () => void; onStatus: () => void }) {
  const active = merchant.status === 'active'
  return (
    <View className='amerchant-head'>
      <View className='amerchant-head__top'>
        <CategoryMark category={merchant.category} className='amerchant-head__mark' />
        <View className='amerchant-head__titles'>
          <Text className='amerchant-head__name'>{merchant.name}</Text>
          <Text className='amerchant-head__sub'>
            {merchant.countyName} · {merchant.category}
            {merchant.isDepartment ? ' · 部门' : ''}
          </Text>
        </View>
        <Tag tone={active ? 'green' : 'amber'} className='amerchant-head__status'>
          {active ? '合作中' : '已暂停'}
        </Tag>
      </View>
      {created && (
        <View className='pk-note pk-note--ok amerchant-head__created'>
          <Text className='pk-note__icon'>✓</Text>
          <Text className='pk-note__text'>已添加。下一步：为商家发布优惠，并邀请店员加入以便扫码核销。</Text>
        </View>
      )}
      <View className='amerchant-head__links'>
        <View className='amerchant-link' hoverClass='amerchant-link--pressed' onClick={() => toPerks(merchant)}>
          <Text className='amerchant-link__title'>商家优惠</Text>
          <Text className='amerchant-link__desc'>{merchant.perkCount > 0 ? `${merchant.perkCount} 项 · 发布与暂停` : '发布第一项优惠'}</Text>
        </View>
        <View className='amerchant-link' hoverClass='amerchant-link--pressed' onClick={onInvite}>
          <Text className='amerchant-link__title'>邀请店员</Text>
          <Text className='amerchant-link__desc'>商家编号 {merchant.id}</Text>
        </View>
      </View>
      <View className='amerchant-head__state'>
        <Text className='amerchant-head__state-text'>{active ? '暂停后，该商家的全部优惠立即停止使用。' : '商家已暂停参与，恢复后其优惠自动恢复。'}</Text>
        <Button small kind={active ? 'danger' : 'outline'} className='amerchant-head__toggle' onClick={onStatus}>
          {active ? '暂停参与' : '恢复合作'}
        </Button>
      </View>
    </View>
  )
}

/** Where the merchant is: the coordinate from WeChat's map, or typed in on the web. */
function LocationRow({ draft: { fields, set, shown }, onChooseMap }: { draft: Draft<Fields, Row>; onChooseMap: () => void }) {
  if (isWeapp) {
    return (
      <FormRow field='location' label='位置' arrow onClick={onChooseMap} error={shown.location} hint='志愿者按距离查看优惠、导航到店时使用'>
        <PickedValue value={fields.lat && fields.lng ? `已选择（${Number(fields.lat).toFixed(4)}, ${Number(fields.lng).toFixed(4)}）` : ''} placeholder='在地图上选择（选填）' />
      </FormRow>
    )
  }
  return (
    <FormRow field='location' label='坐标' error={shown.location} hint='选填：GCJ-02 坐标；小程序中可直接在地图上选择'>
      <View className='amerchant__coords'>
        <View className='amerchant__coord'>
          <Text className='amerchant__coord-label'>纬度</Text>
          <TextInput value={fields.lat} maxLength={12} placeholder='如 23.699' onChange={(v) => set('lat', v)} />
        </View>
        <View className='amerchant__coord'>
          <Text className='amerchant__coord-label'>经度</Text>
          <TextInput value={fields.lng} maxLength={12} placeholder='如 113.052' onChange={(v) => set('lng', v)} />
        </View>
      </View>
    </FormRow>
  )
}

export function MerchantCard({ draft, editing, countyName, onPickCounty, onChooseMap }: { draft: Draft<Fields, Row>; editing: boolean; countyName: string; onPickCounty?: () => void; onChooseMap: () => void }) {
  const { fields, set, shown } = draft
  return (
    <View className='form-card'>
      <Text className='form-card__title'>{editing ? '修改商家信息' : '商家信息'}</Text>
      <FormRow field='name' label='商家名称' required error={shown.name}>
        <TextInput value={fields.name} maxLength={40} placeholder='如：连州菜馆（清城店）' onChange={(v) => set('name', v)} />
      </FormRow>
      <FormRow field='category' label='类别' required stacked error={shown.category}>
        <Chips options={CATEGORY_OPTIONS} value={fields.category} onChange={(c) => set('category', c)} />
      </FormRow>
      <FormRow field='isDepartment' label='部门' hint='文旅、卫健等部门提供的优惠，也作为爱心商家管理'>
        <View className='amerchant__switch'>
          <Text className='amerchant__switch-text'>{fields.isDepartment ? '是，这是政府部门或事业单位' : '否，这是商家'}</Text>
          <Switch checked={fields.isDepartment} color='#d93a2b' onChange={(e) => set('isDepartment', !!e.detail.value)} />
        </View>
      </FormRow>
      <FormRow field='countyCode' label='所在县区' required arrow={!!onPickCounty} onClick={onPickCounty} error={shown.countyCode}>
        <PickedValue value={countyName} placeholder='请选择' />
      </FormRow>
      <FormRow field='address' label='地址' required error={shown.address}>
        <TextInput value={fields.address} maxLength={80} placeholder='街道、门牌号' onChange={(v) => set('address', v)} />
      </FormRow>
      <LocationRow draft={draft} onChooseMap={onChooseMap} />
    </View>
  )
}

export function ContactCard({ draft: { fields, set, shown }, merchant }: { draft: Draft<Fields, Row>; merchant: Merchant | null }) {
  return (
    <View className='form-card'>
      <Text className='form-card__title'>联系人</Text>
      <FormRow field='contactName' label='联系人' required error={shown.contactName}>
        <TextInput value={fields.contactName} maxLength={20} placeholder='店长或负责人姓名' onChange={(v) => set('contactName', v)} />
      </FormRow>
      <FormRow field='contactPhone' label='联系电话' required error={shown.contactPhone} hint={merchant ? `已登记 ${merchant.contactPhoneMasked || '—'}；不修改请留空` : '只有团委可见，列表中以掩码显示'}>
        <TextInput type='tel' value={fields.contactPhone} maxLength={11} placeholder='11 位手机号' onChange={(v) => set('contactPhone', v)} />
      </FormRow>
    </View>
  )
}

export function StatusDialog({ merchant, visible, onConfirm, onClose }: { merchant: Merchant; visible: boolean; onConfirm: (reason: string) => Promise<void>; onClose: () => void }) {
  const active = merchant.status === 'active'
  return (
    <NoteDialog
      required
      maxLength={200}
      visible={visible}
      title={active ? `暂停「${merchant.name}」` : `恢复「${merchant.name}」`}
      message={active ? '暂停后该商家的全部优惠立即停止使用，志愿者已出示的优惠码也不能核销。理由会记录在操作日志中。' : '恢复后，因暂停而停止的优惠将自动恢复。理由会记录在操作日志中。'}
      placeholder={active ? '请填写暂停理由，如：商家暂停营业装修' : '请填写恢复理由'}
      confirmText={active ? '确认暂停' : '确认恢复'}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  )
}
