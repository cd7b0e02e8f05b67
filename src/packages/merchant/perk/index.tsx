// 发布 / 编辑优惠 (?merchantId=&id=): title, what it gives, terms, a picture, who may use it
// (minimum star level, counties), limits (per volunteer per day and month, total quota) and the
// validity dates. Checked on the phone as the contract checks it; the function's field errors
// show next to their fields.
import { useEffect, useMemo, useState } from 'react'
import { Image, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { call, CallError, errorMessage } from '@/services/cloud'
import { goBackOr, scrollToField } from '@/services/navigation'
import { uploadFile, uploadPath } from '@/services/files'
import { pickPictures, pictureProblem } from '@/services/pictures'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { decodeParam, loadAccount, useDivisions } from '@/components/admin/shared'
import { staffState } from '@/components/perk/gates'
import { takeOver, useWho, type PerkView } from '@/components/perk/shared'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { addDays, chineseDate, today } from '@/components/ui/format'
import { markChanged } from '@/services/changes'

import '@/components/ui/form.scss'
import '@/components/perk/perk.scss'
import './index.scss'

interface Fields {
  title: string
  description: string
  terms: string
  minStar: number
  counties: string[]
  perDay: string
  perMonth: string
  quota: string
  validFrom: string
  validTo: string
}
type FieldName = keyof Fields | 'pictureFileId'
type Errors = Partial<Record<FieldName, string>>
const ORDER: FieldName[] = ['title', 'description', 'terms', 'pictureFileId', 'minStar', 'counties', 'perDay', 'perMonth', 'quota', 'validFrom', 'validTo']

const STARS = [0, 1, 2, 3, 4, 5]
const PERSONAL = /1[3-9]\d{9}|\d{15,}/

function fieldsOf(p: PerkView | null, todayYmd: string): Fields {
  if (!p) return { title: '', description: '', terms: '', minStar: 0, counties: [], perDay: '1', perMonth: '4', quota: '100', validFrom: todayYmd, validTo: addDays(todayYmd, 180) }
  return {
    title: p.title,
    description: p.description,
    terms: p.terms,
    minStar: p.minStar,
    counties: p.counties,
    perDay: String(p.perDay),
    perMonth: String(p.perMonth),
    quota: String(p.quota),
    validFrom: p.validFrom,
    validTo: p.validTo,
  }
}

const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

/** The contract's rules (perk.savePerk), checked here so a slip costs no round trip. */
function check(f: Fields): Errors {
  const e: Errors = {}
  const text = (key: 'title' | 'description' | 'terms', label: string, min: number, max: number) => {
    const v = f[key].trim()
    if (min > 0 && !v) e[key] = `请填写${label}`
    else if (v.length < min) e[key] = `${label}至少 ${min} 个字`
    else if (v.length > max) e[key] = `${label}不能超过 ${max} 个字`
    else if (PERSONAL.test(v.replace(/[\s-]/g, ''))) e[key] = `为保护个人信息，${label}中请勿填写手机号或证件号`
  }
  text('title', '优惠名称', 2, 30)
  text('description', '优惠内容', 4, 200)
  text('terms', '使用说明', 0, 300)
  const perDay = whole(f.perDay)
  const perMonth = whole(f.perMonth)
  const quota = whole(f.quota)
  if (!f.perDay.trim()) e.perDay = '请填写每人每日次数'
  else if (!(perDay >= 1)) e.perDay = '每人每日至少 1 次'
  else if (perDay > 10) e.perDay = '每人每日最多 10 次'
  if (!f.perMonth.trim()) e.perMonth = '请填写每人每月次数'
  else if (!(perMonth >= 1)) e.perMonth = '每人每月至少 1 次'
  else if (perMonth > 100) e.perMonth = '每人每月最多 100 次'
  else if (perDay >= 1 && perMonth < perDay) e.perMonth = '每月次数不能少于每日次数'
  if (!f.quota.trim()) e.quota = '请填写总名额'
  else if (!(quota >= 1)) e.quota = '总名额至少 1'
  else if (quota > 1_000_000) e.quota = '总名额最多 1000000'
  if (!f.validFrom) e.validFrom = '请选择开始日期'
  if (!f.validTo) e.validTo = '请选择结束日期'
  else if (f.validFrom && f.validTo < f.validFrom) e.validTo = '结束日期不能早于开始日期'
  return e
}

/** Finds a perk to edit among its merchant's perks (when the list did not hand it over). */
async function findPerk(merchantId: string, id: string): Promise<PerkView | null> {
  for (let page = 1; page <= 20; page++) {
    const res = await call('perk.managePerks', { merchantId, page, pageSize: 50 })
    const found = res.items.find((p) => p.id === id)
    if (found) return found
    if (page * 50 >= res.total) break
  }
  return null
}

export default function PerkForm() {
  const { params } = useRouter()
  const merchantId = decodeParam(params.merchantId)
  const id = decodeParam(params.id)
  const { state: whoState, reload } = useWho()
  // Staff edit their shops' perks; admins those of the merchants they administer.
  const staff = staffState(whoState, true)
  const allowed = staff.state.kind === 'ready'
  const divisions = useDivisions()
  const todayYmd = today()

  const [fields, setFields] = useState<Fields>(() => fieldsOf(null, todayYmd))
  const [picture, setPicture] = useState<{ path: string; name: string } | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [tried, setTried] = useState(false)
  const [saving, setSaving] = useState(false)

  // The perk to edit (null: a new one), once the caller is known to be allowed.
  const { state, retry } = usePageState(async (): Promise<PerkView | null> => {
    if (!merchantId) throw new CallError({ code: 'NOT_FOUND', message: '请从「本店优惠」进入发布或编辑优惠' })
    if (!id) return null
    const perk = takeOver<PerkView>(`perk:${id}`) ?? (await findPerk(merchantId, id))
    if (!perk) throw new CallError({ code: 'NOT_FOUND', message: '没有找到这项优惠，可能已被删除' })
    setFields(fieldsOf(perk, todayYmd))
    return perk
  }, [], allowed)
  const back = { text: '返回', onClick: () => goBackOr(merchantId ? `${ROUTES.merchantPerks}?merchantId=${encodeURIComponent(merchantId)}` : ROUTES.merchantPerks) }

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑优惠' : '发布优惠' })
  }, [id])

  const shown = useMemo<Errors>(() => (tried ? { ...check(fields), ...errors } : errors), [tried, fields, errors])
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const existing = state.kind === 'ready' ? state.data : null
  const counties = divisions?.counties ?? []

  const choosePicture = async () => {
    try {
      const [picked] = await pickPictures(1)
      if (!picked) return
      const problem = pictureProblem(picked)
      if (problem) {
        setErrors((e) => ({ ...e, pictureFileId: problem }))
        return
      }
      setPicture({ path: picked.path, name: picked.name })
      setErrors((e) => ({ ...e, pictureFileId: undefined }))
    } catch {
      void Taro.showToast({ title: '没有选到图片，请重试', icon: 'none' })
    }
  }

  const save = async () => {
    if (saving) return
    setTried(true)
    const found = check(fields)
    const first = ORDER.find((f) => found[f])
    if (first) {
      void Taro.showToast({ title: found[first]!, icon: 'none' })
      scrollToField(first)
      return
    }
    setSaving(true)
    try {
      let pictureFileId: string | undefined
      if (picture) {
        try {
          const { userId } = await loadAccount()
          pictureFileId = await uploadFile(uploadPath(userId, picture.name), picture.path)
        } catch (err) {
          setErrors({ pictureFileId: errorMessage(err) })
          scrollToField('pictureFileId')
          return
        }
      }
      await call('perk.savePerk', {
        ...(existing ? { id: existing.id } : {}),
        merchantId,
        title: fields.title.trim(),
        description: fields.description.trim(),
        terms: fields.terms.trim(),
        ...(pictureFileId ? { pictureFileId } : {}),
        minStar: fields.minStar,
        counties: fields.counties,
        perDay: whole(fields.perDay),
        perMonth: whole(fields.perMonth),
        quota: whole(fields.quota),
        validFrom: fields.validFrom,
        validTo: fields.validTo,
      })
      markChanged('merchantPerks')
      void Taro.showToast({ title: existing ? '已保存' : '已发布', icon: 'success' })
      setTimeout(() => goBackOr(`${ROUTES.merchantPerks}?merchantId=${encodeURIComponent(merchantId)}`), 700)
    } catch (err) {
      const field = err instanceof CallError && err.field ? (err.field.split('.')[0] as FieldName) : undefined
      if (field && ORDER.includes(field)) {
        setErrors({ [field]: errorMessage(err) })
        scrollToField(field)
      } else void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 2500 })
    } finally {
      setSaving(false)
    }
  }

  const pictureSrc = picture?.path ?? existing?.pictureUrl ?? ''

  return (
    <View className={state.kind === 'ready' && allowed ? 'form-page form-page--with-bar perk-form' : 'pk-page'}>
      <PageStates gate={staff.state} state={state} retry={() => void (allowed ? retry() : reload(true))} denied={staff.denied} notFound={{ title: merchantId ? '没有找到这项优惠' : '缺少商家', action: back }}>
        {() => (
          <>
            <View className='form-card'>
              <Text className='form-card__title'>优惠内容</Text>
              <FormRow field='title' label='优惠名称' required error={shown.title}>
                <TextInput value={fields.title} maxLength={30} placeholder='如：堂食 8.8 折' onChange={(v) => set('title', v)} />
              </FormRow>
              <FormRow field='description' label='优惠内容' required stacked error={shown.description} hint={`${fields.description.trim().length}/200`}>
                <Textarea
                  className='perk-form__area'
                  value={fields.description}
                  maxlength={200}
                  autoHeight
                  placeholder='志愿者能得到什么，如：凭码堂食享 8.8 折（酒水除外）'
                  placeholderClass='form-input__placeholder'
                  onInput={(e) => set('description', e.detail.value)}
                />
              </FormRow>
              <FormRow field='terms' label='使用说明' stacked error={shown.terms} hint='选填：营业时间、是否可与其他优惠同享等'>
                <Textarea
                  className='perk-form__area'
                  value={fields.terms}
                  maxlength={300}
                  autoHeight
                  placeholder='如：每日 11:00–21:00 可用，不与店内其他优惠同享'
                  placeholderClass='form-input__placeholder'
                  onInput={(e) => set('terms', e.detail.value)}
                />
              </FormRow>
              <FormRow field='pictureFileId' label='图片' stacked error={shown.pictureFileId} hint='选填：JPG 或 PNG，2 MB 以内；不上传时显示类别图标'>
                <View className='perk-form__picture'>
                  {pictureSrc ? <Image className='perk-form__img' src={pictureSrc} mode='aspectFill' onClick={() => void choosePicture()} /> : null}
                  <View className='perk-form__choose' hoverClass='perk-form__choose--pressed' onClick={() => void choosePicture()}>
                    <Text className='perk-form__plus'>{pictureSrc ? '↻' : '+'}</Text>
                    <Text className='perk-form__choose-text'>{pictureSrc ? '更换图片' : '选择图片'}</Text>
                  </View>
                </View>
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>谁可以使用</Text>
              <FormRow field='minStar' label='最低星级' stacked error={shown.minStar} hint='星级按志愿者累计服务时长评定'>
                <View className='pk-chips'>
                  {STARS.map((s) => (
                    <View key={s} className={`pk-chip ${fields.minStar === s ? 'pk-chip--on' : ''}`} onClick={() => set('minStar', s)}>
                      <Text>{s === 0 ? '不限' : `${s}★及以上`}</Text>
                    </View>
                  ))}
                </View>
              </FormRow>
              <FormRow field='counties' label='适用地区' stacked error={shown.counties} hint={fields.counties.length ? `已选 ${fields.counties.length} 个县（市、区）` : '不选即全市志愿者都可使用'}>
                <View className='pk-chips'>
                  <View className={`pk-chip ${fields.counties.length === 0 ? 'pk-chip--on' : ''}`} onClick={() => set('counties', [])}>
                    <Text>全市</Text>
                  </View>
                  {counties.map((c) => {
                    const on = fields.counties.includes(c.code)
                    return (
                      <View key={c.code} className={`pk-chip ${on ? 'pk-chip--on' : ''}`} onClick={() => set('counties', on ? fields.counties.filter((x) => x !== c.code) : [...fields.counties, c.code])}>
                        <Text>{c.name}</Text>
                      </View>
                    )
                  })}
                </View>
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>次数与名额</Text>
              <FormRow field='perDay' label='每人每日' required error={shown.perDay}>
                <TextInput type='number' value={fields.perDay} maxLength={2} placeholder='1–10' onChange={(v) => set('perDay', v)} />
                <Text className='perk-form__unit'>次</Text>
              </FormRow>
              <FormRow field='perMonth' label='每人每月' required error={shown.perMonth}>
                <TextInput type='number' value={fields.perMonth} maxLength={3} placeholder='1–100' onChange={(v) => set('perMonth', v)} />
                <Text className='perk-form__unit'>次</Text>
              </FormRow>
              <FormRow field='quota' label='总名额' required error={shown.quota} hint={existing ? `已核销 ${existing.redeemed} 个，总名额不能少于此数` : undefined}>
                <TextInput type='number' value={fields.quota} maxLength={7} placeholder='如 500' onChange={(v) => set('quota', v)} />
                <Text className='perk-form__unit'>个</Text>
              </FormRow>
            </View>

            <View className='form-card'>
              <Text className='form-card__title'>有效期</Text>
              <Picker mode='date' value={fields.validFrom || todayYmd} start='2024-01-01' end='2099-12-31' onChange={(e) => set('validFrom', String(e.detail.value))}>
                <FormRow field='validFrom' label='开始日期' required arrow error={shown.validFrom}>
                  <PickedValue value={fields.validFrom ? chineseDate(fields.validFrom) : ''} placeholder='请选择' />
                </FormRow>
              </Picker>
              <Picker mode='date' value={fields.validTo || todayYmd} start={fields.validFrom || '2024-01-01'} end='2099-12-31' onChange={(e) => set('validTo', String(e.detail.value))}>
                <FormRow field='validTo' label='结束日期' required arrow error={shown.validTo}>
                  <PickedValue value={fields.validTo ? chineseDate(fields.validTo) : ''} placeholder='请选择' />
                </FormRow>
              </Picker>
            </View>

            <Text className='form-note'>优惠内容会经过内容安全检查。暂停、恢复可在「本店优惠」中操作。</Text>

            <View className='form-bar'>
              <Button className='perk-form__save' busy={saving} onClick={() => void save()}>
                {saving ? '正在保存…' : existing ? '保存修改' : '发布优惠'}
              </Button>
            </View>
          </>
        )}
      </PageStates>
    </View>
  )
}
