// 商家信息 (?id=, or none for a new merchant): the merchant's form (name, category, 部门, county,
// address and coordinate, contact), and for an existing one its state (suspend / resume with a
// reason), its perks and inviting its staff.
import { useEffect, useMemo, useState } from 'react'
import { Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { MERCHANT_CATEGORIES, type MerchantCategory } from '@contract/vocabulary'
import { ROUTES } from '@/constants/routes'
import { call, CallError, errorMessage } from '@/services/cloud'
import { goBackOr, scrollToField } from '@/services/navigation'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { countiesInReach, decodeParam, useAdminScope, useDivisions } from '@/components/admin/shared'
import { adminDenied } from '@/components/admin/ui'
import { CATEGORY_LOOK, takeOver, type Merchant } from '@/components/perk/shared'
import { Button } from '@/components/ui/Button'
import { NoteDialog } from '@/components/ui/Dialog'
import { OptionSheet } from '@/components/ui/OptionSheet'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { Tag } from '@/components/ui/Tag'
import { markChanged } from '@/services/changes'

import '@/components/ui/form.scss'
import '@/components/perk/perk.scss'
import './index.scss'

interface Fields {
  name: string
  category: MerchantCategory | ''
  isDepartment: boolean
  countyCode: string
  address: string
  lat: string
  lng: string
  contactName: string
  contactPhone: string
}
type FieldName = keyof Fields | 'location'
type Errors = Partial<Record<FieldName, string>>
const ORDER: FieldName[] = ['name', 'category', 'countyCode', 'address', 'location', 'contactName', 'contactPhone']

const MOBILE = /^1[3-9]\d{9}$/
const PERSONAL = /1[3-9]\d{9}|\d{15,}/
const isWeapp = process.env.TARO_ENV === 'weapp'

function fieldsOf(m: Merchant | null, countyCode: string): Fields {
  return {
    name: m?.name ?? '',
    category: m?.category ?? '',
    isDepartment: m?.isDepartment ?? false,
    countyCode: m?.countyCode ?? countyCode,
    address: m?.address ?? '',
    lat: m?.location ? String(m.location.lat) : '',
    lng: m?.location ? String(m.location.lng) : '',
    contactName: m?.contactName ?? '',
    contactPhone: '',
  }
}

/** The contract's rules (perk.saveMerchant), checked here first. Editing, an empty phone keeps the one on file. */
function check(f: Fields, editing: boolean): Errors {
  const e: Errors = {}
  const text = (key: 'name' | 'address' | 'contactName', label: string, min: number, max: number) => {
    const v = f[key].trim()
    if (!v) e[key] = `请填写${label}`
    else if (v.length < min) e[key] = `${label}至少 ${min} 个字`
    else if (v.length > max) e[key] = `${label}不能超过 ${max} 个字`
    else if (PERSONAL.test(v.replace(/[\s-]/g, ''))) e[key] = `为保护个人信息，${label}中请勿填写手机号或证件号`
  }
  text('name', '商家名称', 2, 40)
  if (!f.category) e.category = '请选择类别'
  if (!f.countyCode) e.countyCode = '请选择县（市、区）'
  text('address', '地址', 2, 80)
  text('contactName', '联系人', 2, 20)
  if (!f.contactPhone.trim()) {
    if (!editing) e.contactPhone = '请填写联系电话'
  } else if (!MOBILE.test(f.contactPhone.trim())) e.contactPhone = '联系电话应为 11 位手机号'
  const lat = f.lat.trim()
  const lng = f.lng.trim()
  if (lat || lng) {
    const a = Number(lat)
    const b = Number(lng)
    if (!lat || !lng || !Number.isFinite(a) || !Number.isFinite(b)) e.location = '请同时填写纬度和经度（数字），或都不填'
    else if (a < 3 || a > 54) e.location = '纬度超出范围（中国境内约 3–54）'
    else if (b < 73 || b > 136) e.location = '经度超出范围（中国境内约 73–136）'
  }
  return e
}

async function findMerchant(id: string): Promise<Merchant | null> {
  for (let page = 1; page <= 20; page++) {
    const res = await call('perk.merchants', { page, pageSize: 50 })
    const found = res.items.find((m) => m.id === id)
    if (found) return found
    if (page * 50 >= res.total) break
  }
  return null
}

export default function MerchantEditor() {
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const { state, reload } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const divisions = useDivisions()
  const counties = useMemo(() => (scope ? countiesInReach(scope, divisions) : []), [scope, divisions])
  const fixedCounty = scope && !scope.city && scope.counties.length === 1 ? scope.counties[0] : null

  const [fields, setFields] = useState<Fields>(() => fieldsOf(null, ''))
  const [errors, setErrors] = useState<Errors>({})
  const [tried, setTried] = useState(false)
  const [saving, setSaving] = useState(false)
  const [sheet, setSheet] = useState<'county' | null>(null)
  const [statusDialog, setStatusDialog] = useState(false)
  const [created, setCreated] = useState(false)

  // The merchant to edit (null: a new one), once the admin's scope is known.
  const { state: load, retry, setData } = usePageState(async (): Promise<Merchant | null> => {
    if (!id) {
      setFields(fieldsOf(null, fixedCounty?.code ?? ''))
      return null
    }
    const found = takeOver<Merchant>(`merchant:${id}`) ?? (await findMerchant(id))
    if (!found) throw new CallError({ code: 'NOT_FOUND', message: '它可能不在你的管辖范围内' })
    setFields(fieldsOf(found, ''))
    return found
  }, [], !!scope)

  const merchant = load.kind === 'ready' ? load.data : null
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: merchant ? '商家信息' : '新增商家' })
  }, [merchant])

  const shown = useMemo<Errors>(() => (tried ? { ...check(fields, !!merchant), ...errors } : errors), [tried, fields, errors, merchant])
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    const clear: FieldName = key === 'lat' || key === 'lng' ? 'location' : key
    if (errors[clear]) setErrors((e) => ({ ...e, [clear]: undefined }))
  }

  const countyName = (fixedCounty && fixedCounty.code === fields.countyCode ? fixedCounty.name : '') || counties.find((c) => c.code === fields.countyCode)?.name || merchant?.countyName || ''
  const canPickCounty = !fixedCounty

  const chooseOnMap = async () => {
    try {
      const lat = Number(fields.lat)
      const lng = Number(fields.lng)
      const res = await Taro.chooseLocation(fields.lat && fields.lng ? { latitude: lat, longitude: lng } : {})
      setFields((f) => ({
        ...f,
        lat: res.latitude.toFixed(6),
        lng: res.longitude.toFixed(6),
        address: f.address.trim() ? f.address : (res.address || res.name || '').slice(0, 80),
      }))
      setErrors((e) => ({ ...e, location: undefined }))
    } catch (err) {
      if (!/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) void Taro.showToast({ title: '无法打开地图，请检查位置权限', icon: 'none' })
    }
  }


  const save = async () => {
    if (saving) return
    setTried(true)
    const found = check(fields, !!merchant)
    const first = ORDER.find((f) => found[f])
    if (first) {
      void Taro.showToast({ title: found[first]!, icon: 'none' })
      scrollToField(first)
      return
    }
    setSaving(true)
    try {
      const saved = await call('perk.saveMerchant', {
        ...(merchant ? { id: merchant.id } : {}),
        name: fields.name.trim(),
        category: fields.category as MerchantCategory,
        isDepartment: fields.isDepartment,
        countyCode: fields.countyCode,
        address: fields.address.trim(),
        location: fields.lat.trim() && fields.lng.trim() ? { lat: Number(fields.lat), lng: Number(fields.lng) } : null,
        contactName: fields.contactName.trim(),
        ...(fields.contactPhone.trim() ? { contactPhone: fields.contactPhone.trim() } : {}),
      })
      markChanged('merchants', 'home')
      const view = { ...saved, perkCount: merchant?.perkCount ?? 0 }
      setData(() => view)
      setFields(fieldsOf(view, ''))
      setTried(false)
      setErrors({})
      if (!merchant) setCreated(true)
      void Taro.showToast({ title: merchant ? '已保存' : '已添加', icon: 'success' })
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    } catch (err) {
      const field = err instanceof CallError && err.field ? err.field.split('.')[0] : ''
      const mapped: FieldName | undefined = field === 'location' || field === 'lat' || field === 'lng' ? 'location' : (ORDER as string[]).includes(field) ? (field as FieldName) : undefined
      if (mapped) {
        setErrors({ [mapped]: errorMessage(err) })
        scrollToField(mapped)
      } else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  const setStatus = async (reason: string) => {
    if (!merchant) return
    const next = merchant.status === 'active' ? 'suspended' : 'active'
    try {
      const saved = await call('perk.setMerchantStatus', { id: merchant.id, status: next, reason })
      setData(() => ({ ...merchant, status: saved.status }))
      markChanged('merchants')
      setStatusDialog(false)
      void Taro.showToast({ title: next === 'suspended' ? '已暂停' : '已恢复', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      throw err
    }
  }

  const inviteStaff = async () => {
    if (!merchant) return
    const { confirm } = await Taro.showModal({
      title: '邀请店员',
      content: `在邀请页选择「爱心商家」，商家编号填写 ${merchant.id}（点「去邀请」会先复制编号）。店员用邀请码加入后即可扫码核销。`,
      confirmText: '去邀请',
      confirmColor: '#d93a2b',
    })
    if (!confirm) return
    await Taro.setClipboardData({ data: merchant.id }).catch(() => undefined)
    void Taro.navigateTo({ url: ROUTES.adminInvite })
  }

  const look = merchant ? (CATEGORY_LOOK[merchant.category] ?? CATEGORY_LOOK['其他']) : null

  return (
    <View className={scope && load.kind === 'ready' ? 'form-page form-page--with-bar amerchant' : 'pk-page'}>
      <PageStates
        gate={state}
        state={load}
        retry={() => void (scope ? retry() : reload(true))}
        denied={adminDenied(state)}
        notFound={{ title: '没有找到这家商家', action: { text: '返回', onClick: () => goBackOr(ROUTES.alliance) } }}
      >
        {() => (
          <>
            {merchant && look && (
              <View className='amerchant-head'>
                <View className='amerchant-head__top'>
                  <View className={`amerchant-head__mark pk-pic--${look.tone}`}>
                    <Text>{look.mark}</Text>
                  </View>
                  <View className='amerchant-head__titles'>
                    <Text className='amerchant-head__name'>{merchant.name}</Text>
                    <Text className='amerchant-head__sub'>
                      {merchant.countyName} · {merchant.category}
                      {merchant.isDepartment ? ' · 部门' : ''}
                    </Text>
                  </View>
                  <Tag tone={merchant.status === 'active' ? 'green' : 'amber'} className='amerchant-head__status'>
                    {merchant.status === 'active' ? '合作中' : '已暂停'}
                  </Tag>
                </View>
                {created && (
                  <View className='pk-note pk-note--ok amerchant-head__created'>
                    <Text className='pk-note__icon'>✓</Text>
                    <Text className='pk-note__text'>已添加。下一步：为商家发布优惠，并邀请店员加入以便扫码核销。</Text>
                  </View>
                )}
                <View className='amerchant-head__links'>
                  <View className='amerchant-link' hoverClass='amerchant-link--pressed' onClick={() => void Taro.navigateTo({ url: `${ROUTES.merchantPerks}?merchantId=${encodeURIComponent(merchant.id)}&name=${encodeURIComponent(merchant.name)}` })}>
                    <Text className='amerchant-link__title'>商家优惠</Text>
                    <Text className='amerchant-link__desc'>{merchant.perkCount > 0 ? `${merchant.perkCount} 项 · 发布与暂停` : '发布第一项优惠'}</Text>
                  </View>
                  <View className='amerchant-link' hoverClass='amerchant-link--pressed' onClick={() => void inviteStaff()}>
                    <Text className='amerchant-link__title'>邀请店员</Text>
                    <Text className='amerchant-link__desc'>商家编号 {merchant.id}</Text>
                  </View>
                </View>
                <View className='amerchant-head__state'>
                  <Text className='amerchant-head__state-text'>{merchant.status === 'active' ? '暂停后，该商家的全部优惠立即停止使用。' : '商家已暂停参与，恢复后其优惠自动恢复。'}</Text>
                  <Button small kind={merchant.status === 'active' ? 'danger' : 'outline'} className='amerchant-head__toggle' onClick={() => setStatusDialog(true)}>
                    {merchant.status === 'active' ? '暂停参与' : '恢复合作'}
                  </Button>
                </View>
              </View>
            )}

            <View className='form-card'>
              <Text className='form-card__title'>{merchant ? '修改商家信息' : '商家信息'}</Text>
              <FormRow field='name' label='商家名称' required error={shown.name}>
                <TextInput value={fields.name} maxLength={40} placeholder='如：连州菜馆（清城店）' onChange={(v) => set('name', v)} />
              </FormRow>
              <FormRow field='category' label='类别' required stacked error={shown.category}>
                <View className='pk-chips'>
                  {MERCHANT_CATEGORIES.map((c) => (
                    <View key={c} className={`pk-chip ${fields.category === c ? 'pk-chip--on' : ''}`} onClick={() => set('category', c)}>
                      <Text>{c}</Text>
                    </View>
                  ))}
                </View>
              </FormRow>
              <FormRow field='isDepartment' label='部门' hint='文旅、卫健等部门提供的优惠，也作为爱心商家管理'>
                <View className='amerchant__switch'>
                  <Text className='amerchant__switch-text'>{fields.isDepartment ? '是，这是政府部门或事业单位' : '否，这是商家'}</Text>
                  <Switch checked={fields.isDepartment} color='#d93a2b' onChange={(e) => set('isDepartment', !!e.detail.value)} />
                </View>
              </FormRow>
              <FormRow field='countyCode' label='所在县区' required arrow={canPickCounty} onClick={canPickCounty ? () => setSheet('county') : undefined} error={shown.countyCode}>
                <PickedValue value={countyName} placeholder='请选择' />
              </FormRow>
              <FormRow field='address' label='地址' required error={shown.address}>
                <TextInput value={fields.address} maxLength={80} placeholder='街道、门牌号' onChange={(v) => set('address', v)} />
              </FormRow>
              {isWeapp ? (
                <FormRow field='location' label='位置' arrow onClick={() => void chooseOnMap()} error={shown.location} hint='志愿者按距离查看优惠、导航到店时使用'>
                  <PickedValue value={fields.lat && fields.lng ? `已选择（${Number(fields.lat).toFixed(4)}, ${Number(fields.lng).toFixed(4)}）` : ''} placeholder='在地图上选择（选填）' />
                </FormRow>
              ) : (
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
              )}
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>联系人</Text>
              <FormRow field='contactName' label='联系人' required error={shown.contactName}>
                <TextInput value={fields.contactName} maxLength={20} placeholder='店长或负责人姓名' onChange={(v) => set('contactName', v)} />
              </FormRow>
              <FormRow
                field='contactPhone'
                label='联系电话'
                required
                error={shown.contactPhone}
                hint={merchant ? `已登记 ${merchant.contactPhoneMasked || '—'}；不修改请留空` : '只有团委可见，列表中以掩码显示'}
              >
                <TextInput type='tel' value={fields.contactPhone} maxLength={11} placeholder='11 位手机号' onChange={(v) => set('contactPhone', v)} />
              </FormRow>
            </View>

            <View className='form-bar'>
              <Button className='amerchant__save' busy={saving} onClick={() => void save()}>
                {saving ? '正在保存…' : merchant ? '保存修改' : '添加商家'}
              </Button>
            </View>

            <OptionSheet
              visible={sheet === 'county'}
              title='县（市、区）'
              options={counties.map((c) => ({ value: c.code, label: c.name }))}
              value={fields.countyCode}
              onSelect={(v) => set('countyCode', v)}
              onClose={() => setSheet(null)}
            />

            {merchant && (
              <NoteDialog required maxLength={200}
                visible={statusDialog}
                title={merchant.status === 'active' ? `暂停「${merchant.name}」` : `恢复「${merchant.name}」`}
                message={merchant.status === 'active' ? '暂停后该商家的全部优惠立即停止使用，志愿者已出示的优惠码也不能核销。理由会记录在操作日志中。' : '恢复后，因暂停而停止的优惠将自动恢复。理由会记录在操作日志中。'}
                placeholder={merchant.status === 'active' ? '请填写暂停理由，如：商家暂停营业装修' : '请填写恢复理由'}
                confirmText={merchant.status === 'active' ? '确认暂停' : '确认恢复'}
                onConfirm={setStatus}
                onClose={() => setStatusDialog(false)}
              />
            )}
          </>
        )}
      </PageStates>
    </View>
  )
}
