// 对接会信息 (?id= to edit, none to create; city admin): title, date and times, venue, address
// and map location, the sign-up window ('YYYY-MM-DD HH:mm' Shanghai), capacity (never below the
// seats taken), who may sign up, positions per person, the invited employers and a description.
// The function's errors land next to the field they name. A new fair is saved as a draft.
import { useEffect, useMemo, useState } from 'react'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { EmployerView, FairView } from '@contract/fair'
import { EMPLOYER_TYPES } from '@contract/vocabulary'
import { checkFair, rowOfField, ROWS, type Errors, type Fields, type Row } from './check'
import { CAPACITY_RULE, FAIR_ADDRESS, FAIR_DESCRIPTION, FAIR_TITLE, FAIR_VENUE, MAX_POSITIONS_RULE, TERM_DAYS_RULE } from '@contract/fair-rules'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { showSaveError } from '@/services/forms'
import { useAdminScope } from '@/components/admin/shared'
import { cityGate } from '@/components/admin/ui'
import { FormRow, PickedValue } from '@/components/ui/FormRow'
import { TextInput } from '@/components/ui/TextInput'
import { Tick } from '@/components/ui/Tick'
import { param } from '@/components/fair/format'
import { EmployerTypeTag, Notice } from '@/components/fair/ui'
import { Toggle } from '@/components/ui/Toggle'
import { addDays, chineseDate, dateTime, today, weekday } from '@/components/ui/format'
import { goBackOr, scrollToField } from '@/services/navigation'
import { Button } from '@/components/ui/Button'
import { PageStates } from '@/components/ui/PageStates'
import { usePageState } from '@/components/ui/page-state'
import { StateView } from '@/components/ui/StateView'
import { markChanged, takeChanged } from '@/services/changes'

import './index.scss'

/** The fair as saved (none for a new one), and the employers it may invite. */
type Loaded = { original: FairView | null; employers: EmployerView[] }

/** The web build for local development has no map: coordinates may be typed instead. */
const TYPED_LOCATION = process.env.TARO_ENV !== 'weapp'
const fixed6 = (n: number) => String(Math.round(n * 1e6) / 1e6)

function blank(): Fields {
  const now = dateTime(Date.now())
  const date = addDays(today(), 14)
  return {
    title: '',
    date,
    startTime: '09:00',
    endTime: '12:00',
    venue: '',
    address: '',
    lat: '',
    lng: '',
    opensDate: now.slice(0, 10),
    opensTime: now.slice(11, 16),
    closesDate: addDays(date, -1),
    closesTime: '18:00',
    capacity: '',
    termDays: '180',
    allowRuralYouth: false,
    maxPositions: 3,
    employerIds: [],
    description: '',
  }
}

function fieldsOf(f: FairView): Fields {
  const opens = dateTime(f.signupOpensAt)
  const closes = dateTime(f.signupClosesAt)
  return {
    title: f.title,
    date: f.date,
    startTime: f.startTime,
    endTime: f.endTime,
    venue: f.venue,
    address: f.address,
    lat: f.location ? fixed6(f.location.lat) : '',
    lng: f.location ? fixed6(f.location.lng) : '',
    opensDate: opens.slice(0, 10),
    opensTime: opens.slice(11, 16),
    closesDate: closes.slice(0, 10),
    closesTime: closes.slice(11, 16),
    capacity: String(f.capacity),
    termDays: String(f.termEndsWithinDays),
    allowRuralYouth: f.allowRuralYouth,
    maxPositions: f.maxPositions,
    employerIds: f.employers.map((e) => e.id),
    description: f.description,
  }
}

export default function FairEdit() {
  const { params } = useRouter()
  const id = param(params.id)
  const { state, reload: reloadScope } = useAdminScope()
  const scope = state.kind === 'ready' ? state.scope : null
  const [fields, setFields] = useState<Fields>(blank)
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  const [picking, setPicking] = useState(false)
  const city = !!scope?.city
  const { gate, denied } = cityGate(state, '岗位对接会由团市委创建和修改。', ROUTES.fairAdmin)

  // The fair (its fields filled in from it) and the employers, once, when the city admin is known.
  const form = usePageState<Loaded>(
    async () => {
      const [fair, orgs] = await Promise.all([id ? call('fair.get', { id }) : Promise.resolve(null), call('fair.employers', {})])
      if (fair) setFields(fieldsOf(fair.fair))
      return { original: fair?.fair ?? null, employers: orgs.items }
    },
    [],
    city,
  )
  const loaded = form.state.kind === 'ready' ? form.state.data : null
  const original = loaded?.original ?? null

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑对接会' : '新建对接会' })
  }, [])

  // Back from 用人单位 after adding one: offer it here.
  useDidShow(() => {
    if (takeChanged('fair-employers') && loaded) {
      call('fair.employers', {})
        .then((r) => form.setData((d) => ({ ...d, employers: r.items })))
        .catch(() => undefined)
    }
  })

  usePullDownRefresh(() => {
    // A form being filled in is not thrown away by a pull: only a failed load is retried.
    const retry = !city ? reloadScope(true) : form.state.kind !== 'ready' && form.state.kind !== 'loading' ? form.reload() : Promise.resolve()
    void retry.finally(() => Taro.stopPullDownRefresh())
  })

  const confirmed = original?.confirmed ?? 0
  const clientErrors = useMemo(() => (tried ? checkFair(fields, confirmed).errors : {}), [tried, fields, confirmed])
  const errorOf = (row: Row) => serverErrors[row] || clientErrors[row] || undefined
  const clearServer = (...rows: Row[]) =>
    setServerErrors((e) => {
      if (!rows.some((r) => e[r])) return e
      const rest = { ...e }
      for (const r of rows) delete rest[r]
      return rest
    })
  const set = <K extends keyof Fields>(key: K, value: Fields[K], ...rows: Row[]) => {
    setFields((f) => ({ ...f, [key]: value }))
    clearServer(...rows)
  }

  const pickLocation = async () => {
    if (picking) return
    setPicking(true)
    try {
      const lat = Number(fields.lat)
      const lng = Number(fields.lng)
      const here = fields.lat && fields.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { latitude: lat, longitude: lng } : {}
      const res = await Taro.chooseLocation(here as Taro.chooseLocation.Option)
      setFields((f) => ({
        ...f,
        lat: fixed6(res.latitude),
        lng: fixed6(res.longitude),
        venue: f.venue.trim() ? f.venue : (res.name || '').slice(0, 40),
        address: f.address.trim() ? f.address : (res.address || '').slice(0, 80),
      }))
      clearServer('location')
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      if (/auth|deny|permission/i.test(msg)) {
        const { confirm } = await Taro.showModal({ title: '需要位置权限', content: '在地图上选择会场需要使用你的位置信息，请在设置中允许后重试。', confirmText: '去设置', confirmColor: '#d93a2b' })
        if (confirm) void Taro.openSetting()
        return
      }
      void Taro.showToast({ title: '暂时无法打开地图选点，请稍后再试', icon: 'none' })
    } finally {
      setPicking(false)
    }
  }

  const toggleEmployer = (eid: string) => {
    set('employerIds', fields.employerIds.includes(eid) ? fields.employerIds.filter((x) => x !== eid) : [...fields.employerIds, eid], 'employers')
  }

  const save = async () => {
    if (saving) return
    setTried(true)
    const checked = checkFair(fields, confirmed)
    if (!checked.input) {
      const rows = ROWS.filter((r) => checked.errors[r])
      if (rows[0]) scrollToField(rows[0])
      void Taro.showToast({ title: rows.length > 1 ? `还有 ${rows.length} 项需要修改` : '请按提示修改后再保存', icon: 'none' })
      return
    }
    if (original && original.status === 'published' && (original.date !== checked.input.date || original.startTime !== checked.input.startTime || original.venue !== checked.input.venue)) {
      const { confirm } = await Taro.showModal({
        title: '修改已发布的对接会',
        content: `时间或会场有变化，已报名的 ${original.confirmed + original.waiting} 人不会自动收到通知，请另行告知。确定保存？`,
        confirmText: '保存',
        confirmColor: '#d93a2b',
      })
      if (!confirm) return
    }
    if (!checked.input.employerIds?.length) {
      const { confirm } = await Taro.showModal({ title: '还没有邀请用人单位', content: '没有受邀单位就没有岗位可选。可以先保存，稍后再邀请。', confirmText: '先保存', cancelText: '去选择', confirmColor: '#d93a2b' })
      if (!confirm) {
        scrollToField('employers')
        return
      }
    }
    setSaving(true)
    try {
      const saved = await call('fair.save', { ...(id ? { id } : {}), ...checked.input })
      markChanged('fair-admin')
      form.setData((d) => ({ ...d, original: saved }))
      void Taro.showToast({ title: id ? '已保存' : '已保存为未发布', icon: 'success' })
      setTimeout(() => goBackOr(ROUTES.fairAdmin), 800)
    } catch (err) {
      showSaveError(err, rowOfField, (row, message) => setServerErrors((e) => ({ ...e, [row]: message })))
    } finally {
      setSaving(false)
    }
  }

  const hasLocation = fields.lat.trim() !== '' && fields.lng.trim() !== ''
  const termEnd = /^\d+$/.test(fields.termDays) ? chineseDate(addDays(fields.date, Number(fields.termDays))) : ''
  const back = { text: '返回', onClick: () => goBackOr(ROUTES.fairAdmin) }
  const editing = city && loaded && original?.status !== 'cancelled'

  return (
    <View className={editing ? 'form-page form-page--with-bar fair-edit' : 'panel-page'}>
      <PageStates gate={gate} state={form.state} retry={() => void (city ? form.reload() : reloadScope(true))} denied={denied} notFound={{ title: '对接会不存在', action: back }}>
        {({ employers }) =>
          original?.status === 'cancelled' ? (
            <StateView tone='muted' title='对接会已取消' desc='已取消的对接会不能再修改。' action={back} />
          ) : (
            <>
              {original && (
                <View className='fair-edit__hero'>
                  <Text className='fair-edit__hero-title'>{original.title}</Text>
                  <Text className='fair-edit__hero-sub'>
                    {original.status === 'draft' ? '未发布' : '已发布'} · 已报名 {original.confirmed} 人 · 候补 {original.waiting} 人
                  </Text>
                </View>
              )}

              <View className='form-card'>
                <Text className='form-card__title'>基本信息</Text>
                <FormRow field='title' label='名称' required error={errorOf('title')}>
                  <TextInput className='fair-edit__title' value={fields.title} placeholder='如：2026 年乡村振兴志愿者岗位对接会' maxLength={FAIR_TITLE.max} onChange={(v) => set('title', v, 'title')} />
                </FormRow>
                <Picker className='fair-edit__first' mode='date' value={fields.date} start={today()} onChange={(e) => set('date', String(e.detail.value), 'date', 'signupCloses')}>
                  <FormRow field='date' label='举办日期' required arrow error={errorOf('date')}>
                    <PickedValue value={`${chineseDate(fields.date)} ${weekday(fields.date)}`} placeholder='选择日期' />
                  </FormRow>
                </Picker>
                <Picker mode='time' value={fields.startTime} onChange={(e) => set('startTime', String(e.detail.value), 'startTime', 'endTime', 'signupCloses')}>
                  <FormRow field='startTime' label='开始时间' required arrow error={errorOf('startTime')}>
                    <PickedValue value={fields.startTime} placeholder='选择时间' />
                  </FormRow>
                </Picker>
                <Picker mode='time' value={fields.endTime} onChange={(e) => set('endTime', String(e.detail.value), 'endTime')}>
                  <FormRow field='endTime' label='结束时间' required arrow error={errorOf('endTime')}>
                    <PickedValue value={fields.endTime} placeholder='选择时间' />
                  </FormRow>
                </Picker>
              </View>

              <View className='form-card'>
                <Text className='form-card__title'>会场</Text>
                <FormRow field='venue' label='会场' required error={errorOf('venue')}>
                  <TextInput className='fair-edit__venue' value={fields.venue} placeholder='如：清远市青少年宫' maxLength={FAIR_VENUE.max} onChange={(v) => set('venue', v, 'venue')} />
                </FormRow>
                <FormRow field='address' label='地址' required error={errorOf('address')}>
                  <TextInput className='fair-edit__address' value={fields.address} placeholder='如：清城区北江一路 8 号' maxLength={FAIR_ADDRESS.max} onChange={(v) => set('address', v, 'address')} />
                </FormRow>
                {TYPED_LOCATION ? (
                  <FormRow field='location' label='地图位置' stacked error={errorOf('location')} hint='选填：GCJ-02 坐标（微信定位所用的坐标系）。填写后报名者可在微信中打开地图导航。'>
                    <View className='fair-edit__coords'>
                      <View className='fair-edit__coord'>
                        <Text className='fair-edit__coord-label'>纬度</Text>
                        <TextInput className='fair-edit__lat' value={fields.lat} placeholder='23.6818' maxLength={12} onChange={(v) => set('lat', v.replace(/[^\d.]/g, ''), 'location')} />
                      </View>
                      <View className='fair-edit__coord'>
                        <Text className='fair-edit__coord-label'>经度</Text>
                        <TextInput className='fair-edit__lng' value={fields.lng} placeholder='113.0560' maxLength={12} onChange={(v) => set('lng', v.replace(/[^\d.]/g, ''), 'location')} />
                      </View>
                    </View>
                  </FormRow>
                ) : (
                  <FormRow field='location' label='地图位置' error={errorOf('location')} hint='选填：选定后报名者可在地图上导航到会场' onClick={() => void pickLocation()}>
                    {hasLocation ? (
                      <View className='fair-edit__picked'>
                        <Text className='fair-edit__picked-main'>已选定位置</Text>
                        <Text className='fair-edit__picked-sub'>
                          {fields.lat}, {fields.lng}
                        </Text>
                      </View>
                    ) : (
                      <PickedValue value='' placeholder={picking ? '正在打开地图…' : '在地图上选择会场'} />
                    )}
                  </FormRow>
                )}
              </View>

              <View className='form-card'>
                <Text className='form-card__title'>
                  报名
                  <Text className='form-card__title-note'>北京时间</Text>
                </Text>
                <FormRow field='signupOpens' label='报名开始' required error={errorOf('signupOpens')}>
                  <View className='fair-edit__moment'>
                    <Picker mode='date' value={fields.opensDate} onChange={(e) => set('opensDate', String(e.detail.value), 'signupOpens', 'signupCloses')}>
                      <Text className='fair-edit__moment-part fair-edit__opens-date'>{fields.opensDate}</Text>
                    </Picker>
                    <Picker mode='time' value={fields.opensTime} onChange={(e) => set('opensTime', String(e.detail.value), 'signupOpens', 'signupCloses')}>
                      <Text className='fair-edit__moment-part fair-edit__opens-time'>{fields.opensTime}</Text>
                    </Picker>
                  </View>
                </FormRow>
                <FormRow field='signupCloses' label='报名截止' required error={errorOf('signupCloses')} hint='截止后不能再报名或修改所选岗位，用人单位的岗位也会锁定'>
                  <View className='fair-edit__moment'>
                    <Picker mode='date' value={fields.closesDate} onChange={(e) => set('closesDate', String(e.detail.value), 'signupCloses')}>
                      <Text className='fair-edit__moment-part fair-edit__closes-date'>{fields.closesDate}</Text>
                    </Picker>
                    <Picker mode='time' value={fields.closesTime} onChange={(e) => set('closesTime', String(e.detail.value), 'signupCloses')}>
                      <Text className='fair-edit__moment-part fair-edit__closes-time'>{fields.closesTime}</Text>
                    </Picker>
                  </View>
                </FormRow>
                <FormRow field='capacity' label='名额' required error={errorOf('capacity')} hint={confirmed > 0 ? `已有 ${confirmed} 人报名成功，名额不能少于此数；增加名额时候补者按顺序递补` : '满额后新的报名进入候补，有人取消时按顺序递补'}>
                  <TextInput className='fair-edit__capacity' type='number' value={fields.capacity} placeholder='如 200' maxLength={String(CAPACITY_RULE.max).length} onChange={(v) => set('capacity', v.replace(/\D/g, ''), 'capacity')} />
                  <Text className='fair-edit__unit'>人</Text>
                </FormRow>
                <FormRow
                  field='termDays'
                  label='服务期满'
                  required
                  error={errorOf('termDays')}
                  hint={termEnd ? `服务期已满，或在对接会后 ${fields.termDays} 天内期满（${termEnd} 前）的志愿者可以报名` : '服务期已满，或在对接会后这些天内期满的志愿者可以报名'}
                >
                  <Text className='fair-edit__term-text'>对接会后</Text>
                  <TextInput className='fair-edit__term-days' type='number' value={fields.termDays} placeholder='180' maxLength={String(TERM_DAYS_RULE.max).length} onChange={(v) => set('termDays', v.replace(/\D/g, ''), 'termDays')} />
                  <Text className='fair-edit__term-text'>天内</Text>
                </FormRow>
                <FormRow field='allowRuralYouth' label='农村青年' hint={fields.allowRuralYouth ? '已注册并通过审核的农村青年也可以报名' : '本场只面向服务期满的志愿者'}>
                  <View className='fair-edit__youth'>
                    <Text className='fair-edit__youth-title'>{fields.allowRuralYouth ? '允许报名' : '不允许'}</Text>
                    <Toggle className='fair-edit__allow-youth' on={fields.allowRuralYouth} onChange={(v) => set('allowRuralYouth', v)} />
                  </View>
                </FormRow>
                <FormRow field='maxPositions' label='每人最多可选岗位' required stacked error={errorOf('maxPositions')} hint='报名者可同时应聘的岗位数'>
                  <View className='fair-pills fair-edit__max'>
                    {Array.from({ length: MAX_POSITIONS_RULE.max }, (_, i) => i + 1).map((n) => (
                      <View key={n} className={`fair-pill fair-edit__max-pill ${fields.maxPositions === n ? 'fair-pill--on' : ''}`} onClick={() => set('maxPositions', n, 'maxPositions')}>
                        <Text>{n} 个</Text>
                      </View>
                    ))}
                  </View>
                </FormRow>
              </View>

              <View className='form-card' id='field-employers'>
                <View className='form-card__title fair-edit__orgs-title'>
                  <Text>邀请用人单位</Text>
                  <Text className='fair-edit__orgs-count'>已选 {fields.employerIds.length} 家</Text>
                </View>
                {errorOf('employers') && (
                  <View className='fair-edit__orgs-error'>
                    <Notice tone='error'>
                      <Text>{errorOf('employers')}</Text>
                    </Notice>
                  </View>
                )}
                {employers.length === 0 ? (
                  <Text className='fair-edit__orgs-none'>还没有用人单位，请先添加。</Text>
                ) : (
                  EMPLOYER_TYPES.filter((t) => employers.some((e) => e.type === t)).map((t) => (
                    <View key={t} className='fair-edit__group'>
                      <EmployerTypeTag type={t} className='fair-edit__group-type' />
                      {employers
                        .filter((e) => e.type === t)
                        .map((e) => {
                          const on = fields.employerIds.includes(e.id)
                          return (
                            <View key={e.id} className={`fair-edit__org ${on ? 'fair-edit__org--on' : ''}`} onClick={() => toggleEmployer(e.id)}>
                              <Tick on={on} />
                              <View className='fair-edit__org-main'>
                                <Text className='fair-edit__org-name'>{e.name}</Text>
                                {e.countyName && <Text className='fair-edit__org-county'>{e.countyName}</Text>}
                              </View>
                            </View>
                          )
                        })}
                    </View>
                  ))
                )}
                <View className='fair-edit__manage' onClick={() => void Taro.navigateTo({ url: ROUTES.fairEmployers })}>
                  <Text>管理用人单位（新增、修改、邀请其工作人员）</Text>
                  <Text className='form-row__arrow'>›</Text>
                </View>
              </View>

              <View className='form-card'>
                <Text className='form-card__title'>
                  说明
                  <Text className='form-card__title-note'>选填，报名者可见</Text>
                </Text>
                <View className='fair-edit__desc'>
                  <Textarea
                    className='fair-textarea fair-edit__description'
                    value={fields.description}
                    placeholder='如：请携带简历和毕业证书复印件；现场设政策咨询台'
                    placeholderClass='fair-placeholder'
                    maxlength={FAIR_DESCRIPTION.max}
                    onInput={(e) => set('description', e.detail.value, 'description')}
                  />
                  {errorOf('description') && <Text className='fair-edit__desc-error'>{errorOf('description')}</Text>}
                </View>
              </View>

              <View className='form-bar'>
                <Button busy={saving} className='fair-edit__save' onClick={() => void save()}>
                  {saving ? '正在保存…' : id ? '保存修改' : '保存（暂不发布）'}
                </Button>
              </View>
            </>
          )
        }
      </PageStates>
    </View>
  )
}
